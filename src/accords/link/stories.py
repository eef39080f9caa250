"""Stories: reports of the same real event share a story id, across outlets and languages.

Two reports are one story when they share at least two sides, their dates (when both give
one) are a few days apart at most, and something more ties them: a person in common, the
same venue, or dates that agree. Two reports that both name the people taking part but no
one in common are two events. Reports are compared only within blocks of a pair of sides,
so the work grows with the size of the blocks, not with the square of the reports.
"""

from __future__ import annotations

import hashlib
import itertools
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from accords.model import Extraction

WINDOW_DAYS = 4


@dataclass(frozen=True, slots=True)
class Report:
    """What linking looks at in one report."""

    key: str
    sides: frozenset[str]
    people: frozenset[str]
    venue: str | None
    day: date | None
    month_day: tuple[int, int] | None


def report_of(extraction: Extraction, key: str) -> Report | None:
    if not extraction.events:
        return None
    sides = frozenset(c for e in extraction.events for c in e.countries)
    people = frozenset(person_key(a.id, a.name_latn) for e in extraction.events for a in e.actors)
    venue = next((e.location.id for e in extraction.events if e.location), None)
    dates = [e.date for e in extraction.events if e.date]
    day, month_day = _parse(dates[0]) if dates else (None, None)
    return Report(key, sides, people, venue, day, month_day)


def person_key(gazetteer_id: str | None, name_latn: str) -> str:
    if gazetteer_id:
        return gazetteer_id
    words = name_latn.lower().replace("-", " ").split()
    return words[-1].removeprefix("al") if words else ""


def _parse(value: str) -> tuple[date | None, tuple[int, int] | None]:
    try:
        if value.startswith("--"):
            month, day = value[2:].split("-")
            return None, (int(month), int(day))
        if len(value) == 10:
            found = date.fromisoformat(value)
            return found, (found.month, found.day)
    except ValueError:
        pass
    return None, None


def same_story(a: Report, b: Report) -> bool:
    if len(a.sides & b.sides) < 2:
        return False
    if a.day and b.day:
        if abs((a.day - b.day).days) > WINDOW_DAYS:
            return False
    elif a.month_day and b.month_day and (
        a.month_day[0] != b.month_day[0] or abs(a.month_day[1] - b.month_day[1]) > WINDOW_DAYS
    ):
        return False
    if a.people and b.people:
        return bool(a.people & b.people)
    if a.venue and b.venue:
        return a.venue == b.venue
    return bool((a.day and b.day) or (a.month_day and b.month_day))


def link(reports: Sequence[Report]) -> dict[str, str]:
    """Story id per report key; deterministic for the same reports in the same order."""
    parent = list(range(len(reports)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    blocks: dict[tuple[str, str], list[int]] = {}
    for index, report in enumerate(reports):
        for pair in itertools.combinations(sorted(report.sides), 2):
            blocks.setdefault(pair, []).append(index)
    for members in blocks.values():
        for i, j in itertools.combinations(members, 2):
            if root(i) != root(j) and same_story(reports[i], reports[j]):
                parent[max(root(i), root(j))] = min(root(i), root(j))
    return {r.key: story_id(reports[root(i)].key) for i, r in enumerate(reports)}


def story_id(first_key: str) -> str:
    return "s-" + hashlib.sha1(first_key.encode("utf-8")).hexdigest()[:10]


def assign_stories(extractions: Sequence[Extraction]) -> None:
    """Set the story of every event of every extraction."""
    reports = []
    for index, extraction in enumerate(extractions):
        report = report_of(extraction, f"{index}:{extraction.doc}")
        if report:
            reports.append(report)
    stories = link(reports)
    for index, extraction in enumerate(extractions):
        story = stories.get(f"{index}:{extraction.doc}")
        for event in extraction.events:
            event.story = story
