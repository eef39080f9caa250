"""Commitments: what a side offers, pledges, proposes or requests, for later follow-up.

A sentence carries a commitment when it has a commitment marker (ready to, will, proposed,
invited) and a specific step (a domain, or an event word such as sign, meeting, training);
a bare wish ("hoped relations would develop") has neither and is left out. The side that
commits is the person speaking in the sentence, or the one who spoke last («وتابع»,
«وی افزود» continue a quotation), or both sides when the sentence says so.
"""

from __future__ import annotations

from accords.extract.context import body, cue_kind, has_cue, reported
from accords.lexicon import Lexicon
from accords.model import Commitment, CommitmentKind, Doc, Mention

REQUIRES = ("mentions", "actors", "sides", "events", "sentence_domains")
ASSIGNS = ("commitments",)

_ACTION_WORDS = 14


def run(doc: Doc, lexicon: Lexicon) -> None:
    if not doc.sides:
        return
    news = set(reported(doc, lexicon)) & set(body(doc))
    speaker: list[str] | None = None
    for sentence in sorted(news | set(range(doc.title_sentences, doc.body_end))):
        speaking = _speaker(doc, sentence)
        if speaking:
            speaker = speaking
        if sentence not in news:
            continue
        marker = _marker(doc, lexicon, sentence)
        if marker is None:
            continue
        kind, mention = marker
        if not _specific(doc, lexicon, sentence, kind):
            continue
        if has_cue(doc, lexicon, "joint", sentence) and _plural_subject(doc, lexicon, sentence):
            by = list(doc.sides)
        else:
            by = speaking or speaker or _first_side(doc, sentence)
        if not by:
            continue
        doc.commitments.append(Commitment(
            kind=kind,
            by=by,
            to=[s for s in doc.sides if s not in by],
            domains=list(doc.sentence_domains.get(sentence, [])),
            action=_action(doc, mention),
            sentence=sentence,
            evidence=[doc.evidence(doc.sentences[sentence].start, doc.sentences[sentence].end)],
        ))


def _marker(doc: Doc, lexicon: Lexicon, sentence: int) -> tuple[CommitmentKind, Mention] | None:
    for mention in doc.mentions:
        if mention.sentence != sentence:
            continue
        if mention.concept == "commitment":
            return CommitmentKind(lexicon.entry("commitment", mention.entry).get("kind")), mention
        if mention.concept == "cue" and cue_kind(lexicon, mention) == "future":
            return CommitmentKind.PLEDGE, mention
    return None


def _specific(doc: Doc, lexicon: Lexicon, sentence: int, kind: CommitmentKind) -> bool:
    if doc.sentence_domains.get(sentence):
        return True
    if any(m.concept == "trigger" and m.sentence == sentence for m in doc.mentions):
        return True
    return kind in (CommitmentKind.OFFER, CommitmentKind.REQUEST, CommitmentKind.PROPOSAL)


def _plural_subject(doc: Doc, lexicon: Lexicon, sentence: int) -> bool:
    """The joint cue names the subject («the two sides agreed»), not only the object."""
    joint = [m for m in doc.mentions if m.sentence == sentence and m.concept == "cue"
             and cue_kind(lexicon, m) == "joint"]
    start = doc.sentences[sentence].start
    return any(m.start - start < 60 for m in joint)


def _speaker(doc: Doc, sentence: int) -> list[str] | None:
    # the events' actors carry the countries resolved against the sides
    actors = doc.events[0].actors if doc.events else doc.actors
    for actor in actors:
        if sentence in actor.sentences and actor.country in doc.sides:
            return [actor.country]
    return None


def _first_side(doc: Doc, sentence: int) -> list[str] | None:
    for mention in doc.mentions:
        if mention.sentence == sentence and mention.concept == "country" \
                and mention.entry in doc.sides:
            return [mention.entry]
    return None


def _action(doc: Doc, marker: Mention) -> str:
    """A short phrase of the original text from the marker on."""
    end = doc.sentences[marker.sentence].end
    words = doc.original(marker.start, end).split()
    phrase = " ".join(words[:_ACTION_WORDS])
    return phrase.rstrip(".,;:،؛ ") + (" …" if len(words) > _ACTION_WORDS else "")
