"""Places: the dateline city, the venue of the reported event, and the places merely named.

A dateline city opens the article («طهران / 18 كانون الثاني», "BEIJING, Jan. 16") and says
where the report was filed, not where the event was; it becomes the venue only when the
text also puts the event there. The venue is a city after a locative or a destination
(«في بكين», «در شهر راولپندی», "in Beijing", "arrived in"), preferred in sentences that
report an event and in the headline and lead.
"""

from __future__ import annotations

from collections.abc import Iterable

from accords.extract.context import reported
from accords.lexicon import Lexicon
from accords.model import Doc, Mention, Place

REQUIRES = ("mentions",)
ASSIGNS = ("dateline", "dateline_start", "places", "location")

_DATELINE_MARKS = "/,-–—(:|"
_PLACE_CUES = frozenset({"locative", "destination"})


def run(doc: Doc, lexicon: Lexicon) -> None:
    cities = doc.of("city")
    doc.places = _unique(place(doc, lexicon, m) for m in cities)
    dateline = next((m for m in cities if _is_dateline(doc, m)), None)
    doc.dateline = place(doc, lexicon, dateline) if dateline else None
    doc.dateline_start = dateline.start if dateline else -1
    doc.location = venue(doc, lexicon, [m for m in cities if m is not dateline])


def place(doc: Doc, lexicon: Lexicon, mention: Mention) -> Place:
    entry = lexicon.entry(mention.concept, mention.entry)
    return Place(
        id=entry.id,
        name=doc.original(mention.start, mention.end),
        name_latn=entry.name("en"),
        country=entry.get("country") or (entry.id if mention.concept == "country" else None),
        evidence=doc.evidence(mention.start, mention.end),
    )


def venue(
    doc: Doc, lexicon: Lexicon, cities: list[Mention], sides: frozenset[str] = frozenset()
) -> Place | None:
    """The best-supported venue among `cities`, preferring one in a side's country."""
    news = set(reported(doc, lexicon))
    trigger_sentences = {m.sentence for m in doc.of("trigger")}
    lead = set(sorted(s for s in news if s >= doc.title_sentences)[:3])
    place_cues = [m for m in doc.of("cue") if m.kind in _PLACE_CUES]
    best: tuple[float, int] | None = None
    chosen: Mention | None = None
    for city in cities:
        if city.sentence not in news:
            continue
        if not any(
            0 < city.token - cue.token <= 3 and cue.sentence == city.sentence for cue in place_cues
        ):
            continue
        score = 1.0
        score += 3 if city.sentence in trigger_sentences else 0
        score += 2 if city.sentence < doc.title_sentences else 0
        score += 1 if city.sentence in lead else 0
        country = lexicon.entry("city", city.entry).get("country")
        score += 2 if sides and country in sides else 0
        key = (score, -city.start)
        if best is None or key > best:
            best, chosen = key, city
    return place(doc, lexicon, chosen) if chosen else None


def _is_dateline(doc: Doc, mention: Mention) -> bool:
    if mention.sentence > doc.title_sentences + 2:
        return False
    sentence = doc.sentences[mention.sentence]
    before = doc.text[sentence.start : mention.start].strip(" -*\"'")
    if before:
        return False
    after = doc.text[mention.end : mention.end + 4].lstrip()
    return bool(after) and after[0] in _DATELINE_MARKS


def _unique(places: Iterable[Place]) -> list[Place]:
    seen: dict[str, Place] = {}
    for p in places:
        seen.setdefault(p.id, p)
    return list(seen.values())
