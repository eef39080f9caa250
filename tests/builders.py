"""The one factory of Events for tests that need specific events whatever the extractor
finds today: adding a field to model.Event changes this call only. The builders of
tests/link, tests/store, tests/web and tests/watch call it with their own scenes' defaults."""

from __future__ import annotations

from collections.abc import Sequence

from accords.model import Actor, Event, EventType, Evidence, Mark, Place


def event(
    kind: EventType = EventType.CONSULT,
    countries: Sequence[str] = ("IRN", "OMN"),
    *,
    when: str | None = None,
    where: Place | None = None,
    domains: Sequence[str] = ("drug_trafficking",),
    people: Sequence[Actor] = (),
    mode: str = "meet",
    evidence: Sequence[Evidence] = (),
    gist: str = "",
    story: str | None = None,
    marks: Sequence[Mark] = (),
) -> Event:
    """An event told by the first sentence, with no organisation among its sides."""
    return Event(
        kind, mode, list(countries), [], list(people), list(domains), where, when, [0],
        list(evidence), gist=gist, story=story, marks=list(marks),
    )  # fmt: skip
