"""Commitments: what a side offers, pledges, proposes or requests, for later follow-up.

A sentence carries a commitment when it has a commitment marker (ready to, will, proposed,
invited) and a specific step (a domain, or an event word such as sign, meeting, training);
a bare wish ("hoped relations would develop") has neither and is left out. The side that
commits is the person speaking in the sentence, or the one who spoke last («وتابع»,
«وی افزود» continue a quotation), or both sides when the sentence says so.
"""

from __future__ import annotations

import bisect

from accords.extract.context import body, reported
from accords.lexicon import Lexicon
from accords.model import COMMITMENT_KINDS, Commitment, CommitmentKind, Doc, Mention

REQUIRES = ("mentions", "actors", "sides", "events", "sentence_domains")
ASSIGNS = ("commitments",)

_ACTION_WORDS = 14


def run(doc: Doc, lexicon: Lexicon) -> None:
    if not doc.sides:
        return
    news = set(reported(doc, lexicon)) & set(body(doc))
    named = _named(doc)
    events = {s for e in doc.events for s in e.sentences}  # the sentences reporting events
    speaker: list[str] | None = None
    for sentence in sorted(news | set(range(doc.title_sentences, doc.body_end))):
        speaking = _speaker(doc, named, sentence)
        if speaking:
            speaker = speaking
        if sentence not in news:
            continue
        marker = _marker(doc, lexicon, sentence)
        if marker is None:
            marker = _agreed_steps(doc, events, sentence)
            if marker is None:
                continue
            kind, mention = marker
            _add(doc, kind, list(doc.sides), sentence, mention)
            continue
        kind, mention = marker
        if not _specific(doc, lexicon, sentence, mention, kind):
            continue
        by = _committing(doc, lexicon, named, sentence, mention) or speaker
        if not by:
            continue
        _add(doc, kind, by, sentence, mention)


def _add(doc: Doc, kind: CommitmentKind, by: list[str], sentence: int, mention: Mention) -> None:
    action = _action(doc, mention)
    if any(
        c.by == by and c.kind == kind and c.sentence != sentence and _same_action(c.action, action)
        for c in doc.commitments
    ):
        return  # the headline and the body repeat one offer
    doc.commitments.append(
        Commitment(
            kind=kind,
            by=by,
            to=[s for s in doc.sides if s not in by],
            domains=list(doc.sentence_domains.get(sentence, [])),
            action=action,
            sentence=sentence,
            evidence=[doc.evidence(doc.sentences[sentence].start, doc.sentences[sentence].end)],
        )
    )


def _agreed_steps(
    doc: Doc, events: set[int], sentence: int
) -> tuple[CommitmentKind, Mention] | None:
    """What the sides agreed to do is a pledge of them all: «agreed to increase joint
    operations against drug trafficking», a liaison cell set up to exchange information.
    Only an agreement that names its subjects counts: "signed an MoU on law enforcement
    cooperation" names none."""
    if not doc.sentence_domains.get(sentence):
        return None
    within = doc.within(sentence)
    agreed = any(m.concept == "trigger" and m.kind == "AGREE" for m in within)
    if agreed and sentence in events:
        # the action is what was agreed, from its first subject on: the signing itself is
        # the event, and no promise to sign
        return CommitmentKind.PLEDGE, next(m for m in within if m.concept == "domain")
    return None


# When a sentence holds several markers, the most telling one names the commitment: «we
# invite» says more than the «will be held» beside it.
_PRIORITY = (
    CommitmentKind.REQUEST,
    CommitmentKind.OFFER,
    CommitmentKind.PROPOSAL,
    CommitmentKind.PLEDGE,
)


def _marker(doc: Doc, lexicon: Lexicon, sentence: int) -> tuple[CommitmentKind, Mention] | None:
    found: list[tuple[int, int, CommitmentKind, Mention]] = []
    for mention in doc.within(sentence):
        if mention.concept == "commitment":
            kind = COMMITMENT_KINDS[mention.kind]
        elif mention.concept == "cue" and mention.kind == "future":
            kind = CommitmentKind.PLEDGE
        else:
            continue
        found.append((_PRIORITY.index(kind), mention.start, kind, mention))
    if not found:
        return None
    _, _, kind, mention = min(found, key=lambda f: (f[0], f[1]))
    return kind, mention


def _specific(
    doc: Doc, lexicon: Lexicon, sentence: int, marker: Mention, kind: CommitmentKind
) -> bool:
    """A specific step follows the marker: a committee, an MoU, training, a visit, an event
    word; or, after «will», a domain («will cooperate against terrorism»). «stressed the
    need for cooperation against drugs» names none."""
    for m in doc.within(sentence):
        if m.token < marker.token - 2:
            continue
        if m.concept in ("trigger", "step"):
            return True
        if m.concept == "domain" and kind == CommitmentKind.PLEDGE:
            return True
    return False


def _committing(
    doc: Doc, lexicon: Lexicon, named: list[tuple[int, str]], sentence: int, marker: Mention
) -> list[str] | None:
    """Who commits. A person named before the marker, who speaks for their side even of
    «the two sides»; else the party that opens the clause in a verb-final language
    (Persian, Urdu, Turkish), or the one named last before the marker in the others («X
    said: the Iranian police are ready…» is the police): a body, a title, a country, or
    «the two sides»."""
    start = doc.sentences[sentence].start
    people = [(position, [country]) for position, country in _named_in(named, start, marker.start)]
    parties: list[tuple[int, list[str]]] = list(people)
    for mention in doc.within(sentence):
        if mention.start >= marker.start:
            continue
        if mention.concept == "cue" and mention.kind == "joint":
            parties.append((mention.start, list(doc.sides)))
            continue
        country = _party_country(lexicon, mention)
        if country in doc.sides:
            parties.append((mention.start, [country]))
    if not parties:
        return None
    if _verb_final(doc, lexicon):
        return min(parties)[1]
    return max(people or parties)[1]


def _verb_final(doc: Doc, lexicon: Lexicon) -> bool:
    entry = lexicon.find("language", doc.lang)
    return bool(entry and entry.get("order") == "SOV")


def _party_country(lexicon: Lexicon, mention: Mention) -> str | None:
    if mention.concept == "country":
        return mention.entry
    if mention.concept == "organization":
        return lexicon.entry("organization", mention.entry).get("country") or None
    if mention.concept == "title":
        org = lexicon.entry("title", mention.entry).get("org")
        found = lexicon.find("organization", org) if org else None
        return (found.get("country") or None) if found else None
    return None


def _named(doc: Doc) -> list[tuple[int, str]]:
    """Where the people taking part are named, with their countries, in text order: looked
    up by bisection for each sentence, not by a pass over every name for each."""
    actors = doc.events[0].actors if doc.events else []
    return sorted(
        (position, actor.country)
        for actor in actors
        if actor.country
        for position in actor.positions
    )


def _named_in(named: list[tuple[int, str]], start: int, end: int) -> list[tuple[int, str]]:
    """The people named in [start, end) of the normalised text."""
    low = bisect.bisect_left(named, start, key=_position)
    high = bisect.bisect_left(named, end, lo=low, key=_position)
    return named[low:high]


def _position(item: tuple[int, str]) -> int:
    return item[0]


def _speaker(doc: Doc, named: list[tuple[int, str]], sentence: int) -> list[str] | None:
    """The country of the first person of a side named in the sentence."""
    span = doc.sentences[sentence]
    found = _named_in(named, span.start, span.end)
    return [found[0][1]] if found else None


def _same_action(a: str, b: str) -> bool:
    words_a, words_b = set(a.lower().split()), set(b.lower().split())
    return len(words_a & words_b) >= 0.6 * min(len(words_a), len(words_b))


def _action(doc: Doc, marker: Mention) -> str:
    """A short phrase of the original text from the marker on."""
    end = doc.sentences[marker.sentence].end
    words = doc.original(marker.start, end).split()
    phrase = " ".join(words[:_ACTION_WORDS])
    return phrase.rstrip(".,;:،؛ ") + (" …" if len(words) > _ACTION_WORDS else "")
