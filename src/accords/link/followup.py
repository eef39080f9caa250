"""Follow-up of commitments: is a promise kept by a later event, or gone stale?

What was promised is the commitment's step, read from its own clause (its action: the verb
and its object, as extraction cuts it), never from other words of the sentence: sign (an
MoU, a protocol), body (a committee), training, equipment, operation (a joint patrol, an
exchange of information), handover (a fugitive extradited, boats delivered), meeting (a
visit, talks). A document or a body named in the clause is the step
whatever else the clause says of it ("sign an MoU on training" is a signing); a meeting word
beside another step is only the occasion ("during the visit"). With no step, the kind of
commitment and its domains say what would keep it; a pledge that names neither ("will work
together") is never kept.

A commitment is `kept` by the one event that does what was promised: between its sides (the
side that committed and one it committed to), of a type that fits the step (steps.tsv,
KEPT_BY_STEP), on a subject it named (for a treaty promised by its title, the same treaty:
its subjects in treaties.tsv, as the keeping event's gist names them; the extradition treaty
of a pair does not keep a promise to ratify their legal assistance treaty), dated on or
after the day it was made and within `stale_after` days of its last mention; the earliest
such event keeps it. Otherwise it is
`stale` when the newest report of the collection is more than `stale_after` days after its
last mention, and `open` until then. Kept is decided first: a keeping event in the
collection makes it kept whatever the newest report's date and whatever order the reports
came in (they are read in the order of their dates).

The event where a commitment was made and the event that keeps it are different events, even
when story linking puts them in one story. Stories link reports of one occasion (the same
sides within a few days), and an occasion often holds both: the ministers meet on Monday and
say they will sign, and sign on Tuesday; a report of Tuesday's signing joins Monday's story.
Refusing every event of the commitment's own story would leave the commonest case, "will
sign" then "signed", open for ever; a signing is not its own story either, since it is the
same visit. So an event of the same story may keep the commitment when it is another event
than the one that made it: never one of the reports that state the commitment, nor an event
of its story of a type its own reports gave the making (another outlet's report of Monday's
meeting does not keep a promise made at that meeting).

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
from datetime import date
from pathlib import Path
from typing import Any, NamedTuple

from accords.errors import LexiconError
from accords.extract.gist import treaty_of
from accords.lexicon import DATA, load, read_tsv
from accords.lexicon.matcher import Matcher
from accords.link.days import full_date, month_day, nearest
from accords.model import Commitment, CommitmentKind, Event, EventType, Extraction
from accords.text.normalise import fold_letters
from accords.text.tokens import token_strings

STALE_AFTER_DAYS = 180
REPEAT_WITHIN_DAYS = 30
SAME_WORDS = 0.5  # Jaccard overlap of the action words that makes two statements one
# A report tells of the occasion where a commitment was made at most this many days after
# it (the next morning's paper, a weekly); an event of its own dated earlier is background.
MADE_WITHIN_DAYS = 7
STEPS_FILE = DATA / "steps.tsv"
TREATIES_FILE = DATA / "treaties.tsv"

_AGREE, _CONSULT = EventType.AGREE, EventType.CONSULT
_COOPERATE, _AID = EventType.COOPERATE, EventType.AID
# The events that keep a commitment naming each step.
KEPT_BY_STEP: dict[str, frozenset[EventType]] = {
    "sign": frozenset({_AGREE}),
    "body": frozenset({_CONSULT, _AGREE}),  # its first meeting, or its founding act
    "training": frozenset({_AID, _COOPERATE}),
    "meeting": frozenset({_CONSULT}),
    "operation": frozenset({_COOPERATE}),
    "handover": frozenset({_COOPERATE, _AID}),  # of a person, or of what was promised
    "equipment": frozenset({_AID}),
}
# The modes of an agreement that is a signing (or a signed text ratified), and of an event
# that hands over what a handover promised (a person extradited, deported or returned, the
# boats delivered): "agreed to meet monthly" signs nothing, a joint raid hands no one over.
SIGN_MODES = frozenset({"sign", "ratify", "accede", "renew"})  # not "agreed to meet monthly"
HANDOVER_MODES = frozenset(
    {"extradite", "handover", "deport", "repatriate", "escort", "deliver", "donate"}
)
# Steps that, named in a clause, are what it promises whatever else it names: the words
# after a document or a body say what it is about ("an MoU on training", "a committee to
# exchange information"), not another step.
LEADING_STEPS = ("sign", "body")
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


class EventRef(NamedTuple):
    """An event of one report: the report's key and the event's position in its
    extraction's events."""

    report: str
    position: int


@dataclass(frozen=True, slots=True)
class Kept:
    """The event that kept a commitment."""

    event: EventRef
    day: date
    type: EventType
    mode: str


@dataclass(frozen=True, slots=True)
class FollowUp:
    """One commitment, however often repeated, and what became of it."""

    by: tuple[str, ...]
    to: tuple[str, ...]
    kind: CommitmentKind
    domains: tuple[str, ...]
    action: str
    status: Status
    kept: Kept | None
    statements: tuple[tuple[str, int], ...]  # (report key, index of the commitment in it)
    first_day: date | None
    last_day: date | None
    steps: tuple[str, ...]
    days_since_made: int | None  # from its first mention to the newest report
    # the earliest event that does what was promised, however long after its last mention:
    # `kept` when within stale_after (see judged); what a store keeps of it (store.followups)
    keeper: Kept | None = None

    @property
    def reports(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(key for key, _ in self.statements))

    @property
    def first_report(self) -> str:
        return self.statements[0][0]

    @property
    def last_report(self) -> str:
        return self.statements[-1][0]

    def to_dict(self) -> dict[str, Any]:
        """The follow-up as `accords extract`'s JSON names things: reports by key."""
        kept = self.kept
        return {
            "by": list(self.by),
            "to": list(self.to),
            "kind": str(self.kind),
            "domains": list(self.domains),
            "action": self.action,
            "steps": list(self.steps),
            "status": str(self.status),
            "kept_by": None
            if kept is None
            else {
                "report": kept.event.report,
                "event": kept.event.position,
                "date": kept.day.isoformat(),
                "type": str(kept.type),
                "mode": kept.mode,
            },
            "reports": list(self.reports),
            "first_day": self.first_day.isoformat() if self.first_day else None,
            "last_day": self.last_day.isoformat() if self.last_day else None,
            "days_since_made": self.days_since_made,
        }


@dataclass(slots=True)
class _Statement:
    """One commitment as one report states it."""

    commitment: Commitment
    key: str
    index: int  # of the commitment in its report
    day: date | None
    made_on: date | None  # the day of the occasion the report tells of
    making: frozenset[tuple[str, EventType]]  # (story, type) of the report's events
    steps: frozenset[str]
    words: frozenset[str]
    order: int
    treaty: frozenset[tuple[str, str]]  # the treaties it promises: (subject, partner) pairs


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

    def by(self) -> frozenset[str]:
        return frozenset(s for st in self.statements for s in st.commitment.by)

    def to(self) -> frozenset[str]:
        return frozenset(s for st in self.statements for s in st.commitment.to) - self.by()

    def steps(self) -> frozenset[str]:
        return frozenset(s for st in self.statements for s in st.steps)

    def domains(self) -> frozenset[str]:
        return frozenset(d for st in self.statements for d in st.commitment.domains)

    def reports(self) -> frozenset[str]:
        return frozenset(st.key for st in self.statements)

    def making(self) -> frozenset[tuple[str, EventType]]:
        return frozenset(m for st in self.statements for m in st.making)

    def treaty(self) -> frozenset[tuple[str, str]]:
        return frozenset(pair for st in self.statements for pair in st.treaty)


@dataclass(frozen=True, slots=True)
class _Done:
    """An event as follow-up sees it."""

    day: date
    order: int
    ref: EventRef
    story: str | None
    event: Event


def follow_up(
    reports: Iterable[tuple[str, date | None, Extraction]],
    *,
    stale_after: int = STALE_AFTER_DAYS,
    repeat_within: int = REPEAT_WITHIN_DAYS,
) -> list[FollowUp]:
    """Every commitment of the reports, repeats merged, with its status, in the order of
    first mention. The reports are read in date order, those of one day in the order
    given: a caller that gives them in an order of their own (the store: by text hash)
    gets the same answer whatever order they were ingested in."""
    rows = sorted(
        (
            Reported(key, day or report_day(extraction), extraction)
            for key, day, extraction in reports
        ),
        key=lambda r: r.day or date.max,
    )
    as_of = newest_day(rows)
    events = _EventIndex(rows)
    promises = merge(statements(rows), repeat_within)
    return [_judge(p, events, as_of, stale_after) for p in promises]


def newest_day(rows: Iterable[Reported]) -> date | None:
    """The day follow-up takes as today: the newest report's."""
    return max((r.day for r in rows if r.day), default=None)


def judged(
    kept_day: date | None, last_day: date | None, as_of: date | None, stale_after: int
) -> Status:
    """The stale rule, the one place it is written (follow_up, and a store's follow-up read
    back with any `stale_after`): kept by an event within `stale_after` days of the last
    mention; else stale once the newest report is more than `stale_after` days after it;
    else open."""
    if kept_day and last_day and (kept_day - last_day).days <= stale_after:
        return Status.KEPT
    if last_day and as_of and (as_of - last_day).days > stale_after:
        return Status.STALE
    return Status.OPEN


def report_day(extraction: Extraction) -> date | None:
    """A report's date when none is given: its publication date, else its latest event."""
    published = full_date(extraction.published)
    if published:
        return published
    return max((d for e in extraction.events if (d := full_date(e.date))), default=None)


def statements(rows: Sequence[Reported]) -> list[_Statement]:
    out: list[_Statement] = []
    for row in rows:
        making = frozenset(
            (e.story, e.type)
            for e in row.extraction.events
            if e.story and not _planned(_event_day(e, row.day), row)
        )
        made_on = _made_on(row)
        for index, commitment in enumerate(row.extraction.commitments):
            steps, words = read_action(commitment)
            out.append(
                _Statement(
                    commitment, row.key, index, row.day, made_on, making, steps, words, len(out),
                    treaty_titles(commitment),
                )
            )  # fmt: skip
    return out


def _made_on(row: Reported) -> date | None:
    """The day of the occasion a report tells of: its earliest event of the week before its
    own date (a meeting reported the next morning), else its date."""
    if row.day is None:
        return None
    # day numbers: a report of 0001-01-01 has no date a week before
    since = date.fromordinal(max(1, row.day.toordinal() - MADE_WITHIN_DAYS))
    days = [
        d
        for e in row.extraction.events
        if (d := _event_day(e, row.day)) is not None and since <= d <= row.day
    ]
    return min(days, default=row.day)


def read_action(commitment: Commitment) -> tuple[frozenset[str], frozenset[str]]:
    """The steps the action names, and its words (for telling repeats apart)."""
    tokens = token_strings(fold_letters(commitment.action))
    found = {p[1] for _, _, payloads in step_matcher().find(tokens) for p, _ in payloads}
    return frozenset(promised_steps(found)), frozenset(t for t in tokens if len(t) >= 3)


def promised_steps(named: set[str]) -> set[str]:
    """What a clause promises of the steps it names: a document or a body when it names
    one; else the others, a meeting word beside another step being only the occasion."""
    for step in LEADING_STEPS:
        if step in named:
            return {step}
    if len(named) > 1:
        return named - {"meeting"}
    return named


@functools.cache
def step_matcher(path: Path = STEPS_FILE) -> Matcher:
    return _matcher(path, "step", (), known=KEPT_BY_STEP)


def treaty_subjects(action: str) -> frozenset[str]:
    """The treaty an action names by its subjects (treaties.tsv: extradition, legal
    assistance…): «提请审议批准中国和X关于刑事司法协助的条约»."""
    tokens = token_strings(fold_letters(action))
    found = treaty_matcher().find(tokens)
    return frozenset(p[1] for _, _, payloads in found for p, _ in payloads)


def treaty_titles(commitment: Commitment) -> frozenset[tuple[str, str]]:
    """The treaties a commitment promises by their titles, as (subject, partner) pairs: a
    session's agenda «提请审议批准中国和X引渡条约 … 中国和Y关于刑事司法协助的条约» promises
    X's extradition treaty and Y's legal assistance one, which Y's extradition treaty does
    not keep. A title that names none of the commitment's partners pairs with any ("")."""
    found: set[tuple[str, str]] = set()
    for title in commitment.action.split(" … "):
        subjects = treaty_subjects(title)
        partners = [
            side for side in commitment.to if any(n in title for n in _country_names(side))
        ] or [""]
        found |= {(subject, partner) for subject in subjects for partner in partners}
    return frozenset(found)


@functools.cache
def _country_names(code: str) -> frozenset[str]:
    entry = load().find("country", code)
    return frozenset(name for names in (entry.names.values() if entry else ()) for name in names)


@functools.cache
def treaty_matcher(path: Path = TREATIES_FILE) -> Matcher:
    return _matcher(path, "treaty", ("domain",))


def _matcher(
    path: Path, concept: str, attributes: tuple[str, ...], known: Iterable[str] | None = None
) -> Matcher:
    terms = []
    for number, row in read_tsv(path, attributes):
        if known is not None and row["id"] not in known:
            raise LexiconError(f"line {number}: unknown {concept} {row['id']!r}", source=str(path))
        for lang, cell in row.items():
            if lang != "id" and lang not in attributes:
                terms += [
                    (t.strip(), (concept, row["id"]), lang) for t in cell.split("|") if t.strip()
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
    if earlier.treaty and later.treaty and not earlier.treaty & later.treaty:
        return False  # two treaties of one pair
    if earlier.steps or later.steps:
        # "sign an MoU on drugs" and "train officers on drugs" are two promises, and so are
        # "will sign an MoU on drugs" and what the MoU signed the next day provides for
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
                if day is None or _planned(day, row):
                    continue
                done = _Done(day, order, EventRef(row.key, index), event.story, event)
                order += 1
                for sides in _keys(frozenset(event.countries)):
                    self._by_sides.setdefault(sides, []).append(done)
        for done_list in self._by_sides.values():
            done_list.sort(key=lambda d: (d.day, d.order))

    def between(
        self, by: frozenset[str], to: frozenset[str], since: date, until: date
    ) -> Iterator[_Done]:
        """Events of every side that committed and one it committed to (when it named
        any), dated from `since` to `until`, in date order."""
        first = min(by)
        found: dict[int, _Done] = {}  # an event of three sides is listed under each pair
        for other in sorted(to) or [first]:
            listed = self._by_sides.get(tuple(sorted({first, other})), [])
            start = bisect.bisect_left(listed, since, key=lambda d: d.day)
            for done in listed[start:]:
                if done.day > until:
                    break
                countries = set(done.event.countries)
                if by <= countries and len(countries) >= 2 and (not to or to & countries):
                    found[done.order] = done
        yield from sorted(found.values(), key=lambda d: (d.day, d.order))


def _keys(countries: frozenset[str]) -> Iterator[tuple[str, ...]]:
    ordered = sorted(countries)
    yield from ((c,) for c in ordered)  # for a commitment that names no other side
    yield from ((a, b) for i, a in enumerate(ordered) for b in ordered[i + 1 :])


def _judge(
    promise: _Promise, events: _EventIndex, as_of: date | None, stale_after: int
) -> FollowUp:
    first, last = promise.first, promise.last
    keeper: _Done | None = None
    by = promise.by()
    if first.made_on and last.day and by:
        # the earliest keeping event at any distance: whether it is near enough is the
        # stale rule's to say, so that a follow-up kept once serves every stale_after
        keeper = next(
            (
                d
                for d in events.between(by, promise.to(), first.made_on, date.max)
                if _keeps(d, promise)
            ),
            None,
        )
    status = judged(keeper.day if keeper else None, last.day, as_of, stale_after)
    found = Kept(keeper.ref, keeper.day, keeper.event.type, keeper.event.mode) if keeper else None
    commitment = first.commitment
    return FollowUp(
        tuple(sorted(by)),
        tuple(sorted(promise.to())),
        commitment.kind,
        tuple(sorted(promise.domains())),
        commitment.action,
        status,
        found if status is Status.KEPT else None,
        tuple((st.key, st.index) for st in promise.statements),
        first.day,
        last.day,
        tuple(sorted(promise.steps())),
        (as_of - first.day).days if as_of and first.day else None,
        found,
    )


def _keeps(done: _Done, promise: _Promise) -> bool:
    """Whether the event does what the commitment promised, and is not where it was made."""
    if done.ref.report in promise.reports():
        return False  # a report does not fulfil its own promise
    if done.story and (done.story, done.event.type) in promise.making():
        return False  # nor does another report of the event where it was made
    event, steps, domains = done.event, promise.steps(), promise.domains()
    if not steps and not domains:
        return False  # "will cooperate" names nothing a later event could show done
    treaty, concluded = promise.treaty(), treaty_of(event.gist)
    partners = ("", *event.countries)
    if treaty and concluded and not any(s in concluded and p in partners for s, p in treaty):
        # the extradition treaty of a pair ratified, not its legal assistance one; or the
        # extradition treaty of another partner of the session's agenda
        return False
    if domains and event.domains and not domains & set(event.domains):
        return False
    if not steps:
        return event.type in KEPT_BY_KIND[promise.first.commitment.kind]
    return any(event.type in KEPT_BY_STEP[step] and _does(event, step) for step in steps)


def _does(event: Event, step: str) -> bool:
    if step == "training":
        # aid or cooperation keeps an offer of training only when it is training
        return TRAINING in event.domains or event.mode == "train"
    if step == "handover":
        return event.mode in HANDOVER_MODES
    if step == "sign":
        return event.mode in SIGN_MODES
    return True


def _planned(day: date | None, row: Reported) -> bool:
    """Whether an event is dated after its own report: what the report says will happen
    ("Iraq and Kuwait sign an MoU tomorrow"), which neither keeps a promise nor is the
    occasion one was made at."""
    return day is not None and row.day is not None and day > row.day


def _event_day(event: Event, report_day: date | None) -> date | None:
    full = full_date(event.date)
    if full:
        return full
    partial = month_day(event.date)
    if partial and report_day:
        return nearest(partial, report_day)
    return report_day
