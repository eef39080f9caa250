"""Stories over a whole batch, in blocks that can be linked apart: one block per side pair
and week, so that no step compares all reports with all others, and a cluster of machines
can link a block each.

A report goes into the block of each of its side pairs and each week within
`WINDOW_DAYS` of its dates; two reports close enough in time to tell of one event
therefore share a block. Each block is linked by accords.link.stories' own StoryLinker,
in date order. A report lands in several blocks, but its story is decided in one, its home
block (its first side pair, the week of its first date), so that it never gets two stories
and stories are never chained across blocks into one longer than the window allows.

Reports with no date at all (nor a publication date) are linked within one block per side
pair; unlike the incremental linker, they are not tied to dated stories through a person or
the venue. A report with fewer than two sides is a story of its own, as it is there.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from datetime import date, timedelta

from accords.link.stories import WINDOW_DAYS, Report, StoryLinker

Block = str


def home(report: Report) -> Block:
    """The block where the report's story is decided."""
    pair = next(report.pairs(), None)
    if pair is None:
        return f"solo|{report.key}"
    if not report.days:
        return f"undated|{'|'.join(pair)}"
    return f"week|{'|'.join(pair)}|{_week(min(report.days))}"


def blocks(report: Report) -> list[Block]:
    """Every block the report is linked in."""
    pairs = ["|".join(pair) for pair in report.pairs()]
    if not pairs:
        return [home(report)]
    if not report.days:
        return [f"undated|{pair}" for pair in pairs]
    window = timedelta(days=WINDOW_DAYS)
    weeks = sorted(
        {w for d in report.days for w in range(_week(d - window), _week(d + window) + 1)}
    )
    return [f"week|{pair}|{week}" for pair in pairs for week in weeks]


def _week(day: date) -> int:
    # the same weeks as accords.link.stories: ordinal // 7
    return day.toordinal() // 7


def keyed(report: Report) -> Iterator[tuple[Block, Report]]:
    """The report once for each of its blocks (Spark's flatMap before the grouping)."""
    for block in blocks(report):
        yield block, report


def link_block(block: Block, reports: Iterable[Report]) -> Iterator[tuple[str, str]]:
    """(report key, story id) for each report whose home is this block."""
    ordered = sorted(reports, key=_order)
    linker = StoryLinker()
    for report in ordered:
        story = linker.add(report)
        if home(report) == block:
            yield report.key, story


def _order(report: Report) -> tuple[int, str]:
    # date order, as reports come in the world: a story keeps the id of its first report
    return (min(report.days).toordinal() if report.days else 0, report.key)


def link_all(reports: Iterable[Report]) -> dict[str, str]:
    """The story of every report, block by block, in one process (the local engine)."""
    grouped: dict[Block, list[Report]] = defaultdict(list)
    for report in reports:
        for block, member in keyed(report):
            grouped[block].append(member)
    stories: dict[str, str] = {}
    for block in sorted(grouped):
        stories.update(link_block(block, grouped[block]))
    return stories
