"""Follow-up of commitments: is a promise kept by a later event, or gone stale?

A commitment is `kept` when a later event between the same sides does what it promised:
a pledge or proposal to sign an MoU by an AGREE; an offer of training by an AID or a
COOPERATE on training; a proposed joint committee by a later CONSULT (its meeting); a
request by the act asked for. What it promised is read from its action, as the steps of
steps.tsv (sign, body, training, meeting, operation, equipment), and from its domains. It is
`stale` when no report within `stale_after` days of its last mention shows it kept, counted
to the newest report of the collection, and `open` until then.

The same commitment repeated (the same offer in three reports: same side, same kind, the
same subject, within `repeat_within` days) is followed up once, with its first and last
report. Input is (report key, report date, Extraction), so the same code serves the output
of `accords extract` and rows read back from a store.
"""

from __future__ import annotations

import bisect
import enum
import functools
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any, NamedTuple

from accords.errors import LexiconError
from accords.lexicon import DATA, read_tsv
from accords.lexicon.matcher import Matcher
from accords.link.days import full_date, month_day, nearest
from accords.model import Commitment, CommitmentKind, Event, EventType, Extraction
from accords.text.normalise import fold_letters
from accords.text.tokens import token_strings

STALE_AFTER_DAYS = 180
REPEAT_WITHIN_DAYS = 30
SAME_WORDS = 0.5  # Jaccard overlap of the action words that makes two statements one
STEPS_FILE = DATA / "steps.tsv"

_AGREE, _CONSULT = EventType.AGREE, EventType.CONSULT
_COOPERATE, _AID = EventType.COOPERATE, EventType.AID
# The events that keep a commitment naming each step.
KEPT_BY_STEP: dict[str, frozenset[EventType]] = {
    "sign": frozenset({_AGREE}),
    "body": frozenset({_CONSULT, _AGREE}),  # its first meeting, or its founding act
    "training": frozenset({_AID, _COOPERATE}),
    "meeting": frozenset({_CONSULT}),
    "operation": frozenset({_COOPERATE}),
    "equipment": frozenset({_AID}),
}
# When the action names no step, the kind of commitment says what would keep it.
KEPT_BY_KIND: dict[CommitmentKind, frozenset[EventType]] = {
    CommitmentKind.OFFER: frozenset({_AID, _COOPERATE}),
    CommitmentKind.PLEDGE: frozenset({_AGREE, _COOPERATE, _AID}),
    CommitmentKind.PROPOSAL: frozenset({_AGREE, _CONSULT}),
    CommitmentKind.REQUEST: frozenset({_COOPERATE, _AID}),
}
TRAINING = "training_education"


class Status(enum.StrEnum):
    OPEN = "open"
    KEPT = "kept"
    STALE = "stale"


class Reported(NamedTuple):
    """One report as follow-up reads it; a plain (key, day, extraction) tuple will do."""

    key: str
    day: date | None
    extraction: Extraction


@dataclass(frozen=True, slots=True)
class FollowUp:
    """One commitment, however often repeated, and what became of it."""

    by: tuple[str, ...]
    to: tuple[str, ...]
    kind: CommitmentKind
    domains: tuple[str, ...]
    action: str
    status: Status
    kept_by: str | None  # the fulfilling event: its story id, else "<report key>#<index>"
    kept_on: date | None
    first_report: str
    last_report: str
    reports: tuple[str, ...]
    first_day: date | None
    last_day: date | None
    steps: tuple[str, ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "by": list(self.by),
            "to": list(self.to),
            "kind": str(self.kind),
            "domains": list(self.domains),
            "action": self.action,
            "status": str(self.status),
            "kept_by": self.kept_by,
            "kept_on": self.kept_on.isoformat() if self.kept_on else None,
            "first_report": self.first_report,
            "last_report": self.last_report,
            "reports": list(self.reports),
            "first_day": self.first_day.isoformat() if self.first_day else None,
            "last_day": self.last_day.isoformat() if self.last_day else None,
            "steps": list(self.steps),
        }


@dataclass(slots=True)
class _Statement:
    """One commitment as one report states it."""

    commitment: Commitment
    key: str
    day: date | None
    stories: frozenset[str]
    steps: frozenset[str]
    words: frozenset[str]
    order: int


@dataclass(slots=True)
class _Promise:
    """Statements of one commitment, merged."""

    statements: list[_Statement] = field(default_factory=list)

    @property
    def first(self) -> _Statement:
        return self.statements[0]

    @property
    def last(self) -> _Statement:
        return self.statements[-1]

    def sides(self) -> frozenset[str]:
        return frozenset(
            s for st in self.statements for s in (*st.commitment.by, *st.commitment.to)
        )

    def steps(self) -> frozenset[str]:
        return frozenset(s for st in self.statements for s in st.steps)

    def domains(self) -> frozenset[str]:
        return frozenset(d for st in self.statements for d in st.commitment.domains)


@dataclass(frozen=True, slots=True)
class _Done:
    """An event as follow-up sees it."""

    day: date
    order: int
    ref: str
    key: str
    story: str | None
    event: Event


def follow_up(
    reports: Iterable[tuple[str, date | None, Extraction]],
    *,
    stale_after: int = STALE_AFTER_DAYS,
    repeat_within: int = REPEAT_WITHIN_DAYS,
) -> list[FollowUp]:
    """Every commitment of the reports, repeats merged, with its status, in the order of
    first mention."""
    rows = [
        Reported(key, day or report_day(extraction), extraction) for key, day, extraction in reports
    ]
    as_of = max((r.day for r in rows if r.day), default=None)
    events = _EventIndex(rows)
    promises = merge(statements(rows), repeat_within)
    return [_judge(p, events, as_of, stale_after) for p in promises]


def report_day(extraction: Extraction) -> date | None:
    """A report's date when none is given: its publication date, else its latest event."""
    published = full_date(extraction.published)
    if published:
        return published
    return max((d for e in extraction.events if (d := full_date(e.date))), default=None)


def statements(rows: Sequence[Reported]) -> list[_Statement]:
    out: list[_Statement] = []
    for row in rows:
        stories = frozenset(e.story for e in row.extraction.events if e.story)
        for commitment in row.extraction.commitments:
            steps, words = read_action(commitment)
            out.append(_Statement(commitment, row.key, row.day, stories, steps, words, len(out)))
    return out


def read_action(commitment: Commitment) -> tuple[frozenset[str], frozenset[str]]:
    """The steps the action names, and its words (for telling repeats apart)."""
    tokens = token_strings(fold_letters(commitment.action))
    found = {p[1] for _, _, payloads in step_matcher().find(tokens) for p, _ in payloads}
    if TRAINING in commitment.domains:
        found.add("training")
    if len(found) > 1:
        found.discard("meeting")  # "agreed during the visit to form a committee": the committee
    return frozenset(found), frozenset(t for t in tokens if len(t) >= 3)


@functools.cache
def step_matcher(path: Path = STEPS_FILE) -> Matcher:
    terms = []
    for number, row in read_tsv(path, ()):
        if row["id"] not in KEPT_BY_STEP:
            raise LexiconError(f"line {number}: unknown step {row['id']!r}", source=str(path))
        for lang, cell in row.items():
            if lang != "id":
                terms += [
                    (t.strip(), ("step", row["id"]), lang) for t in cell.split("|") if t.strip()
                ]
    return Matcher(terms)


def merge(found: Sequence[_Statement], repeat_within: int) -> list[_Promise]:
    """Statements of one commitment, merged: same sides committing, same kind, a shared
    subject, and each within `repeat_within` days of the one before."""
    promises: list[_Promise] = []
    live: dict[tuple[frozenset[str], CommitmentKind], list[_Promise]] = {}
    for statement in sorted(found, key=_chronological):
        who = (frozenset(statement.commitment.by), statement.commitment.kind)
        # statements come in date order, so a promise last stated too long ago can take no
        # more: dropping it keeps each lookup short however long the collection
        same = live[who] = [p for p in live.get(who, []) if _alive(p, statement, repeat_within)]
        promise = next((p for p in reversed(same) if _repeats(p.last, statement)), None)
        if promise is None:
            promise = _Promise()
            promises.append(promise)
            same.append(promise)
        promise.statements.append(statement)
    return sorted(promises, key=lambda p: p.first.order)


def _alive(promise: _Promise, statement: _Statement, repeat_within: int) -> bool:
    last, day = promise.last.day, statement.day
    if last is None or day is None:
        return last is day  # a statement without a date repeats only one without
    return (day - last).days <= repeat_within


def _chronological(statement: _Statement) -> tuple[date, int]:
    return (statement.day or date.max, statement.order)


def _repeats(earlier: _Statement, later: _Statement) -> bool:
    to_a, to_b = set(earlier.commitment.to), set(later.commitment.to)
    if to_a and to_b and not to_a & to_b:
        return False
    if earlier.steps and later.steps:
        # "sign an MoU on drugs" and "train officers on drugs" are two promises
        return bool(earlier.steps & later.steps)
    if set(earlier.commitment.domains) & set(later.commitment.domains):
        return True
    words = earlier.words | later.words
    return bool(words) and len(earlier.words & later.words) / len(words) >= SAME_WORDS


class _EventIndex:
    """Events by pair of sides, in date order, so that the events after a commitment are a
    slice, not a scan of the collection."""

    def __init__(self, rows: Sequence[Reported]) -> None:
        self._by_sides: dict[tuple[str, ...], list[_Done]] = {}
        order = 0
        for row in rows:
            for index, event in enumerate(row.extraction.events):
                day = _event_day(event, row.day)
                if day is None:
                    continue
                done = _Done(
                    day, order, event.story or f"{row.key}#{index}", row.key, event.story, event
                )
                order += 1
                for sides in _keys(frozenset(event.countries)):
                    self._by_sides.setdefault(sides, []).append(done)
        for done_list in self._by_sides.values():
            done_list.sort(key=lambda d: (d.day, d.order))

    def between(self, sides: frozenset[str], after: date, until: date) -> Iterator[_Done]:
        """Events that involve all the sides, dated after `after` up to `until`."""
        key = tuple(sorted(sides))[:2]
        found = self._by_sides.get(key, [])
        for index in range(bisect.bisect_right(found, after, key=lambda d: d.day), len(found)):
            done = found[index]
            if done.day > until:
                return
            if sides <= set(done.event.countries) and len(done.event.countries) >= 2:
                yield done


def _keys(countries: frozenset[str]) -> Iterator[tuple[str, ...]]:
    ordered = sorted(countries)
    yield from ((c,) for c in ordered)  # for a commitment that names no other side
    yield from ((a, b) for i, a in enumerate(ordered) for b in ordered[i + 1 :])


def _judge(
    promise: _Promise, events: _EventIndex, as_of: date | None, stale_after: int
) -> FollowUp:
    first, last = promise.first, promise.last
    kept: _Done | None = None
    if first.day and last.day:
        until = last.day + timedelta(days=stale_after)
        kept = next(
            (d for d in events.between(promise.sides(), first.day, until) if _keeps(d, promise)),
            None,
        )
    if kept:
        status = Status.KEPT
    elif last.day and as_of and (as_of - last.day).days > stale_after:
        status = Status.STALE
    else:
        status = Status.OPEN
    commitment = first.commitment
    return FollowUp(
        tuple(commitment.by),
        tuple(sorted({t for st in promise.statements for t in st.commitment.to})),
        commitment.kind,
        tuple(sorted(promise.domains())),
        commitment.action,
        status,
        kept.ref if kept else None,
        kept.day if kept else None,
        first.key,
        last.key,
        tuple(dict.fromkeys(st.key for st in promise.statements)),
        first.day,
        last.day,
        tuple(sorted(promise.steps())),
    )


def _keeps(done: _Done, promise: _Promise) -> bool:
    """Whether the event does what the commitment promised."""
    if done.key in {st.key for st in promise.statements}:
        return False  # a report does not fulfil its own promise
    if done.story and any(done.story in st.stories for st in promise.statements):
        return False  # nor does another report of the event where it was made
    event, steps, domains = done.event, promise.steps(), promise.domains()
    if not steps and not domains:
        return False  # "will cooperate" names nothing a later event could show done
    if domains and event.domains and not domains & set(event.domains):
        return False
    if not steps:
        return event.type in KEPT_BY_KIND[promise.first.commitment.kind]
    return any(event.type in KEPT_BY_STEP[step] and _does(event, step) for step in steps)


def _does(event: Event, step: str) -> bool:
    # aid or cooperation keeps an offer of training only when it is training
    return step != "training" or TRAINING in event.domains or event.mode == "train"


def _event_day(event: Event, report_day: date | None) -> date | None:
    full = full_date(event.date)
    if full:
        return full
    partial = month_day(event.date)
    if partial and report_day:
        return nearest(partial, report_day)
    return report_day
