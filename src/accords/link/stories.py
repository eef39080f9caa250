"""Stories: reports of the same real event share a story id, across outlets and languages.

Linking is incremental: reports come one by one, and each joins the existing story it fits
best or starts a new one; the same reports in the same order give the same ids, and a story
keeps the id of its first report as others join. Whether a report fits a story is decided
from what extraction found, never from the words: the sides, the people (by actor key, so
one person in any script is one), the venue, the event types, the domains and the dates.

Two things rule a report out of a story: dates more than a few days apart, and people named
on both sides with no one in common, when two of them, of one side, are known to the
gazetteer (so surely two people) or when the dates do not agree. Otherwise the
evidence is weighed: a person in common, the same venue, dates that agree, the same kind of
event, the same subjects; people in neither's list weigh a little against (a name the
gazetteer does not know is often misread in one script: the same admiral is "Shahid Ahmd"
in Urdu and a truncated "Sha Xi De Ai" in Chinese, or one report names the guest and the
other the host).

A report is compared only with the stories that share a pair of its sides and a week of its
dates (or, for a report whose date is unknown, a person or the venue), so the work per
report stays flat however many reports came before: there is no all-pairs comparison.

One linking serves every route (`accords extract`, `ingest`, `batch`, `batch --to-db`):
`link` takes the reports in one order that depends on the reports alone (date, then what
each holds) and links the reports of each side pair by a StoryLinker of its own. The
stories are therefore a function of the set of reports, not of the order they were read in
nor of the keys a route gives them (a file and line in a batch, a row in the store), and a
batch can link its side pairs on many processes. A report goes into the block of each of
its side pairs; its story is decided in one of them, its home block (its first side pair),
so that it never gets two. A report with fewer than two sides is a story of its own.
"""

from __future__ import annotations

import hashlib
import itertools
from collections import defaultdict, deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date

from accords.lexicon import Lexicon, load
from accords.link.actors import ActorKeys, keys_for
from accords.link.days import MonthDay, full_date, month_day, nearest
from accords.model import Event, Extraction

WINDOW_DAYS = 4  # reports of one event date it within this many days of each other
JOIN_AT = 2.0  # the weight of evidence a report needs to join a story
# What each agreement weighs; a person in common is the strongest sign of one event.
PERSON = 2.0
VENUE = 1.5
OTHER_VENUE = -0.5  # not a veto: the venue is often taken from a dateline or a quote
SAME_DAY = 1.5  # a day apart counts: publication the next morning, time zones
NEAR_DAY = 1.0
SAME_SEASON = 0.75  # the same month and day with no year
SAME_TYPE = 0.5
DOMAINS = 1.0  # times the Jaccard overlap of the domains
STRANGERS = -0.5  # both name people, no one in common, none of them told apart for sure
RECENT = 16  # stories kept per (side pair, person or venue) for reports with no date

Pair = tuple[str, str]


@dataclass(frozen=True, slots=True)
class Report:
    """What linking looks at in one report."""

    key: str
    sides: frozenset[str]
    people: frozenset[str]  # actor keys
    venue: str | None
    days: frozenset[date]  # full dates of its events, else its publication date
    month_days: frozenset[MonthDay]  # dates given without a year
    types: frozenset[str] = frozenset()
    domains: frozenset[str] = frozenset()
    known: frozenset[tuple[str, str]] = frozenset()  # (side, key): people the gazetteer knows

    def pairs(self) -> Iterator[Pair]:
        return itertools.combinations(sorted(self.sides), 2)

    def entities(self) -> set[str]:
        """What can tie a report with no date to a story: a person or the venue."""
        return set(self.people) | ({"@" + self.venue} if self.venue else set())


def report_of(extraction: Extraction, key: str, lexicon: Lexicon | None = None) -> Report | None:
    """The report of one extraction, or None when it has no event to link."""
    if not extraction.events:
        return None
    keys = keys_for(lexicon or load())
    events = extraction.events
    published = full_date(extraction.published)
    days, month_days = _dates(events, published)
    people = frozenset(keys.of(a) for e in events for a in e.actors)
    return Report(
        key,
        frozenset(side for e in events for side in _sides(e)),
        people,
        next((e.location.id for e in events if e.location), None),
        days,
        month_days,
        frozenset(str(e.type) for e in events),
        frozenset(d for e in events for d in e.domains),
        known_people(people, keys),
    )


def known_people(people: Iterable[str], keys: ActorKeys) -> frozenset[tuple[str, str]]:
    """(side, key) of the people among `people` the gazetteer knows."""
    sides = ((keys.known(person), person) for person in people)
    return frozenset((side, person) for side, person in sides if side is not None)


def _sides(event: Event) -> list[str]:
    # an international body takes part as a side: INTERPOL meeting Iran's police is a pair
    return [*event.countries, *(f"org:{o}" for o in event.orgs)]


def _dates(
    events: Sequence[Event], published: date | None
) -> tuple[frozenset[date], frozenset[MonthDay]]:
    days: set[date] = set()
    month_days: set[MonthDay] = set()
    for event in events:
        full = full_date(event.date)
        partial = month_day(event.date)
        if full:
            days.add(full)
        elif partial and published:
            days.add(nearest(partial, published))
        elif partial:
            month_days.add(partial)
    if not days and not month_days and published:
        days.add(published)
    return frozenset(days), frozenset(month_days)


def _season(month_day: MonthDay) -> int:
    """Day of the year, in a leap year so that every month and day has one."""
    return date(2000, *month_day).timetuple().tm_yday


def _season_gap(a: MonthDay, b: MonthDay) -> int:
    gap = abs(_season(a) - _season(b))
    return min(gap, 366 - gap)  # 30 December and 2 January are close


@dataclass(slots=True)
class Story:
    """What the reports of one story have found between them."""

    id: str
    index: int
    reports: list[str] = field(default_factory=list)
    people: set[str] = field(default_factory=set)
    known: set[tuple[str, str]] = field(default_factory=set)
    venues: set[str] = field(default_factory=set)
    days: set[date] = field(default_factory=set)
    month_days: set[MonthDay] = field(default_factory=set)
    types: set[str] = field(default_factory=set)
    domains: set[str] = field(default_factory=set)

    def absorb(self, report: Report) -> None:
        self.reports.append(report.key)
        self.people |= report.people
        self.known |= report.known
        if report.venue:
            self.venues.add(report.venue)
        self.days |= report.days
        self.month_days |= report.month_days
        self.types |= report.types
        self.domains |= report.domains


def affinity(report: Report, story: Story) -> float | None:
    """The weight of evidence that the report tells of the story's event; None when
    something rules it out."""
    dates = _date_fit(report, story)
    if dates is None:
        return None
    weight = dates
    if report.people and story.people and not report.people & story.people:
        if {side for side, _ in report.known} & {side for side, _ in story.known}:
            return None  # two officials of one side, each surely who they are: two events
        if not dates:
            return None  # and without dates that agree, nothing speaks for one event
        weight += STRANGERS
    if report.people & story.people:
        weight += PERSON
    if report.venue and story.venues:
        weight += VENUE if report.venue in story.venues else OTHER_VENUE
    if report.types & story.types:
        weight += SAME_TYPE
    if report.domains and story.domains:
        shared = len(report.domains & story.domains)
        weight += DOMAINS * shared / len(report.domains | story.domains)
    return weight


def _date_fit(report: Report, story: Story) -> float | None:
    if report.days and story.days:
        # the span as a whole, not only the nearest days: else reports a day apart each
        # would chain a week of meetings into one story
        span = max(*report.days, *story.days) - min(*report.days, *story.days)
        if span.days > WINDOW_DAYS:
            return None
        gap = min(abs((a - b).days) for a in report.days for b in story.days)
        return SAME_DAY if gap <= 1 else NEAR_DAY
    ours = report.month_days | {(d.month, d.day) for d in report.days}
    theirs = story.month_days | {(d.month, d.day) for d in story.days}
    if ours and theirs:
        gap = min(_season_gap(a, b) for a in ours for b in theirs)
        return None if gap > WINDOW_DAYS else SAME_SEASON
    return 0.0  # one of them has no date: the rest of the evidence decides


class StoryLinker:
    """Links reports one at a time; see the module doc for how."""

    def __init__(self) -> None:
        self.stories: list[Story] = []
        self._by_week: dict[tuple[Pair, int], set[int]] = {}
        self._by_season: dict[tuple[Pair, int], set[int]] = {}  # stories dated without year
        self._by_entity: dict[tuple[Pair, str], deque[int]] = {}
        self._undated_by_entity: dict[tuple[Pair, str], deque[int]] = {}

    def add(self, report: Report) -> str:
        """The id of the story the report joins, or of the one it starts."""
        story = self._best(report)
        if story is None:
            story = Story(story_id(report.key), len(self.stories))
            self.stories.append(story)
        story.absorb(report)
        self._index(story, report)
        return story.id

    def _best(self, report: Report) -> Story | None:
        best: Story | None = None
        best_weight = JOIN_AT
        for index in sorted(self._candidates(report)):  # on a tie the older story wins
            weight = affinity(report, self.stories[index])
            if (
                weight is None
                or weight < best_weight
                or (best is not None and weight == best_weight)
            ):
                continue
            best, best_weight = self.stories[index], weight
        return best

    def _candidates(self, report: Report) -> set[int]:
        found: set[int] = set()
        pairs = list(report.pairs())
        for pair in pairs:
            for week in _weeks(report.days):
                found.update(self._by_week.get((pair, week), ()))
            if self._by_season:  # only stories dated without a year are there, and few
                seasons = _seasons(report.month_days | {(d.month, d.day) for d in report.days})
                for season in seasons:
                    found.update(self._by_season.get((pair, season), ()))
            # a story with no date can only be found through who took part or where
            entities = self._undated_by_entity if report.days else self._by_entity
            for entity in report.entities():
                found.update(entities.get((pair, entity), ()))
        return found

    def _index(self, story: Story, report: Report) -> None:
        for pair in report.pairs():
            for day in report.days:
                self._by_week.setdefault((pair, _week(day)), set()).add(story.index)
            for partial in report.month_days:
                self._by_season.setdefault((pair, _season(partial) // 7), set()).add(story.index)
            for entity in report.entities():
                _remember(self._by_entity, (pair, entity), story.index)
                if not story.days:
                    _remember(self._undated_by_entity, (pair, entity), story.index)


def _week(day: date) -> int:
    return day.toordinal() // 7


def _weeks(days: Iterable[date]) -> set[int]:
    """The weeks within WINDOW_DAYS of any of the days."""
    # day numbers, not dates: a published "9999-12-31" has no date four days later
    return {
        week
        for day in days
        for week in range(
            (day.toordinal() - WINDOW_DAYS) // 7, (day.toordinal() + WINDOW_DAYS) // 7 + 1
        )
    }


def _seasons(month_days: Iterable[MonthDay]) -> set[int]:
    out: set[int] = set()
    for partial in month_days:
        middle = _season(partial)
        for offset in (-WINDOW_DAYS, 0, WINDOW_DAYS):
            out.add(((middle + offset - 1) % 366 + 1) // 7)
    return out


def _remember(index: dict[tuple[Pair, str], deque[int]], key: tuple[Pair, str], story: int) -> None:
    # only the latest stories per person: an undated report most likely tells of a recent
    # event, and the cap keeps a much-reported minister from making every lookup long
    recent = index.setdefault(key, deque(maxlen=RECENT))
    if story in recent:
        recent.remove(story)
    recent.append(story)


def story_id(first_key: str) -> str:
    return "s-" + hashlib.sha1(first_key.encode("utf-8")).hexdigest()[:10]


# Blocks: see the module doc. A block is named "pair|A|B" or, for a report with fewer
# than two sides, "solo|key"; linking a block needs only its own reports.

Block = str


def home(report: Report) -> Block:
    """The block where the report's story is decided."""
    pair = next(report.pairs(), None)
    return f"solo|{report.key}" if pair is None else f"pair|{'|'.join(pair)}"


def blocks(report: Report) -> list[Block]:
    """Every block the report is linked in."""
    return [f"pair|{'|'.join(pair)}" for pair in report.pairs()] or [home(report)]


def order(report: Report) -> tuple[object, ...]:
    """Where a report comes in linking: by date, as reports come in the world (a story
    keeps the id of its first report), then by what it holds, so that the order depends
    on the reports alone and not on the keys a route gives them; the key decides only
    between reports that hold the same, which link alike."""
    first = min(report.days).toordinal() if report.days else 0
    held = (
        sorted(report.sides), sorted(report.people), report.venue or "", sorted(report.days),
        sorted(report.month_days), sorted(report.types), sorted(report.domains),
    )  # fmt: skip
    return (first, held, report.key)


def link_block(block: Block, reports: Iterable[Report]) -> Iterator[tuple[str, str]]:
    """(report key, story id) for each report whose home is this block."""
    return _link_ordered(block, sorted(reports, key=order))


def _link_ordered(block: Block, ordered: Iterable[Report]) -> Iterator[tuple[str, str]]:
    linker = StoryLinker()
    for report in ordered:
        story = linker.add(report)
        if home(report) == block:
            yield report.key, story


def link(
    reports: Iterable[Report], *, keep: Callable[[Block], bool] = lambda block: True
) -> dict[str, str]:
    """Story id per report key, the same for the same reports in any order: those whose
    home block `keep` keeps (all by default), block by block."""
    grouped: dict[Block, list[Report]] = defaultdict(list)
    for report in sorted(reports, key=order):  # sorted once: each block keeps the order
        for block in blocks(report):
            if keep(block):
                grouped[block].append(report)
    stories: dict[str, str] = {}
    for block in sorted(grouped):
        stories.update(_link_ordered(block, grouped[block]))
    return stories


def assign_stories(extractions: Sequence[Extraction], lexicon: Lexicon | None = None) -> None:
    """Set the story of every event of every extraction."""
    reports = {
        index: report
        for index, extraction in enumerate(extractions)
        if (report := report_of(extraction, f"{index}:{extraction.doc}", lexicon))
    }
    stories = link(reports.values())
    for index, extraction in enumerate(extractions):
        report = reports.get(index)
        for event in extraction.events:
            event.story = stories[report.key] if report else None
