"""Mentions: every lexicon term in the text, once, leftmost-longest within each concept."""

from __future__ import annotations

from accords.extract import names
from accords.lexicon import NAMED_ENTITIES, PLACES, Lexicon
from accords.lexicon.matcher import Payloads
from accords.model import Doc, Mention
from accords.text.native import Found, Found4, c_group, c_index, c_longest, c_mentions

REQUIRES = ("tokens", "words", "token_sentence")
ASSIGNS = ("mentions", "by_concept", "by_sentence")


def run(doc: Doc, lexicon: Lexicon) -> None:
    tokens = doc.tokens
    sentence_of_token = doc.token_sentence
    accepted = _accepted_in(lexicon, doc.lang)
    matches = lexicon.matcher.find(doc.words)

    def accept(payloads: Payloads) -> tuple[Payloads, tuple[Found, ...]]:
        hit = accepted[id(payloads)] = (payloads, _accept(payloads, lexicon, doc.lang))
        return hit

    if c_group is not None:  # the loop below in C: one regex word pass here, a tenth in C
        by_concept = c_group(matches, accepted, accept)
    else:
        by_concept = {}
        for first, last, payloads in matches:
            hit = accepted.get(id(payloads))
            if hit is None or hit[0] is not payloads:  # ids are reused once an object is gone
                hit = accept(payloads)
            for concept, entry, kind in hit[1]:
                by_concept.setdefault(concept, []).append((first, last, entry, kind))
    mentions: list[Mention] = []
    groups: dict[str, list[Mention]] = {}  # the concepts names.plausible reads, apart
    # concepts in order, each's mentions in token order with the entries of one span in
    # order (the matcher sorts payloads): sorted by start alone, stably, the mentions come
    # by start, concept, entry, end (the order of their fields) at the cost of a sort of ints
    for concept in sorted(by_concept):
        found = by_concept[concept]
        for first, last, _, _ in found:
            if first != last:  # a term of several tokens may hold others of its concept
                found = _longest(found, len(tokens))
                break
        begin = len(mentions)
        if c_mentions is not None:  # the loop below in C: 1 to 3 regex word passes here
            c_mentions(concept, found, tokens, sentence_of_token, mentions)
        else:
            for first, last, entry, kind in found:
                start, end = tokens[first].start, tokens[last].end
                sentence = sentence_of_token[first]
                mentions.append(Mention(start, concept, entry, end, sentence, first, last, kind))
        if concept in names.READS:
            groups[concept] = mentions[begin:]
    mentions.sort(key=_start)
    doc.mentions = mentions = names.plausible(doc, lexicon, mentions, groups)
    if c_index is not None:  # the loop below in C: about a regex word pass here
        c_index(mentions, doc.by_concept, doc.by_sentence)
        return
    for mention in mentions:
        doc.by_concept.setdefault(mention.concept, []).append(mention)
        doc.by_sentence.setdefault(mention.sentence, []).append(mention)


def _start(mention: Mention) -> int:
    return mention.start


def _longest(found: list[Found4], count: int) -> list[Found4]:
    """Longest first, then leftmost; a shorter term inside a longer one of the same concept
    is part of it (مواد مخدر inside قاچاق مواد مخدر), not a second mention. `found` is in
    the matcher's order: by first token, the entries of one span side by side."""
    if c_longest is not None:  # the loop below in C: most of a regex word pass here
        return c_longest(found, count)
    taken = [False] * count
    kept: list[Found4] = []
    size = 0
    for first, last, _, _ in found:
        size = max(size, last - first)
    while size:  # one pass per length, longest first: terms are a few tokens long
        span_first = span_last = -1
        keep = False
        for item in found:
            first, last = item[0], item[1]
            if last - first != size:
                continue
            if first != span_first or last != span_last:  # one span's entries share its lot
                span_first, span_last = first, last
                keep = not any(taken[first : last + 1])
                if keep:
                    taken[first : last + 1] = [True] * (size + 1)
            if keep:
                kept.append(item)
        size -= 1
    # one-token terms last: they can only be inside a longer one
    for item in found:
        if item[0] == item[1] and not taken[item[0]]:
            kept.append(item)
    return kept


_Accepted = dict[int, tuple[Payloads, tuple[Found, ...]]]


def _accepted_in(lexicon: Lexicon, lang: str) -> _Accepted:
    """What each payload of the trie comes to in a language, memoised per lexicon and
    language: a text's matches are mostly the same few hundred function words. Keyed by
    the payloads' id, which the trie keeps alive; the entry keeps the payloads to check."""
    table: _Accepted = lexicon.memo(f"mentions.accepted.{lang}", dict)
    if len(table) > 100_000:
        table.clear()
    return table


def _accept(payloads: Payloads, lexicon: Lexicon, lang: str) -> tuple[Found, ...]:
    return tuple(
        (concept, entry, lexicon.kind(concept, entry))
        for (concept, entry), langs in payloads
        if _counts(concept, langs, lang, lexicon)
    )


def _counts(concept: str, langs: frozenset[str], lang: str, lexicon: Lexicon) -> bool:
    """Whether a term written in `langs` counts in an article in `lang`."""
    if lang in langs or lang == "und":
        return True
    if concept not in NAMED_ENTITIES:
        return False
    if concept in PLACES:
        script = lexicon.script(lang)
        return any(lexicon.script(other) != script for other in langs)
    return True
