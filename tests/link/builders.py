"""Events, commitments and extractions built from the model's dataclasses, so that linking
tests say exactly what extraction found whatever the extractor finds today."""

from __future__ import annotations

from accords.model import (
    Actor,
    Commitment,
    CommitmentKind,
    Event,
    EventType,
    Extraction,
    Place,
)
from tests import builders

BAGHDAD = Place("baghdad", "بغداد", "Baghdad", "IRQ")
TEHRAN = Place("tehran", "تهران", "Tehran", "IRN")


def person(name: str, country: str | None, role: str | None = None) -> Actor:
    return Actor(name, name, country, role, None, (0,))


def event(
    kind: EventType = EventType.CONSULT,
    countries: tuple[str, ...] = ("IRN", "IRQ"),
    *,
    when: str | None = "2025-03-03",
    where: Place | None = BAGHDAD,
    domains: tuple[str, ...] = ("drug_trafficking",),
    people: tuple[Actor, ...] = (),
    mode: str = "meet",
) -> Event:
    return builders.event(
        kind, countries, when=when, where=where, domains=domains, people=people, mode=mode
    )


def commitment(
    kind: CommitmentKind = CommitmentKind.PLEDGE,
    by: tuple[str, ...] = ("IRN",),
    to: tuple[str, ...] = ("IRQ",),
    *,
    action: str = "will sign a memorandum of understanding",
    domains: tuple[str, ...] = ("drug_trafficking",),
) -> Commitment:
    return Commitment(kind, list(by), list(to), list(domains), action, 0, [])


def extraction(
    *events: Event,
    doc: str = "t.txt",
    lang: str = "en",
    published: str | None = None,
    commitments: tuple[Commitment, ...] = (),
) -> Extraction:
    return Extraction(doc, lang, None, published, list(events), list(commitments), [], [])
