"""Mentions: every lexicon term in the text, once, leftmost-longest within each concept."""

from __future__ import annotations

from accords.lexicon import NAMED_ENTITIES, PLACES, SCRIPTS, Lexicon
from accords.model import Doc, Mention

REQUIRES = ("tokens", "sentences", "token_sentence")
ASSIGNS = ("mentions", "by_concept", "by_sentence")


def run(doc: Doc, lexicon: Lexicon) -> None:
    strings = [doc.text[t.start : t.end] for t in doc.tokens]
    sentence_of_token = doc.token_sentence
    by_concept: dict[str, list[tuple[int, int, str]]] = {}
    for match in lexicon.matcher.find(strings):
        for (concept, entry), langs in match.payloads:
            if _counts(concept, langs, doc.lang):
                by_concept.setdefault(concept, []).append((match.first, match.last, entry))
    mentions: list[Mention] = []
    for concept, found in by_concept.items():
        # longest first, then leftmost; a shorter term inside a longer one of the same
        # concept is part of it (مواد مخدر inside قاچاق مواد مخدر), not a second mention
        found.sort(key=lambda f: (f[0] - f[1], f[0]))
        taken = bytearray(len(doc.tokens))
        spans: set[tuple[int, int]] = set()
        for first, last, entry in found:
            if (first, last) not in spans:  # entries sharing one span are all kept
                if any(taken[first : last + 1]):
                    continue
                spans.add((first, last))
                taken[first : last + 1] = b"\x01" * (last - first + 1)
            start, end = doc.tokens[first].start, doc.tokens[last].end
            kind = lexicon.kind(concept, entry)
            mentions.append(
                Mention(concept, entry, start, end, sentence_of_token[first], first, kind)
            )
    mentions.sort(key=lambda m: (m.start, m.concept, m.entry))
    doc.mentions = mentions
    for mention in mentions:
        doc.by_concept.setdefault(mention.concept, []).append(mention)
        doc.by_sentence.setdefault(mention.sentence, []).append(mention)


def _counts(concept: str, langs: frozenset[str], lang: str) -> bool:
    """Whether a term written in `langs` counts in an article in `lang`."""
    if lang in langs or lang == "und":
        return True
    if concept not in NAMED_ENTITIES:
        return False
    if concept in PLACES:
        script = SCRIPTS.get(lang)
        return any(SCRIPTS.get(other) != script for other in langs)
    return True
