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

import itertools
import zlib
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from datetime import date, timedelta

from accords import collector
from accords.link.stories import WINDOW_DAYS, Report, StoryLinker
from accords.scale.tables import ReportValues, report_from_values

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


def link_all(reports: Iterable[Report], *, shard: int = 0, shards: int = 1) -> dict[str, str]:
    """The story of every report whose home block is in `shard` of `shards`, block by block
    (all of them by default)."""
    grouped: dict[Block, list[Report]] = defaultdict(list)
    for report in reports:
        for block in blocks(report):
            if shards == 1 or shard_of(block, shards) == shard:
                grouped[block].append(report)
    stories: dict[str, str] = {}
    for block in sorted(grouped):
        stories.update(link_block(block, grouped[block]))
    return stories


# Shards: the local engine links the blocks on several processes, a share of side pairs
# each, so that a process is sent only the reports of its pairs.


def shard_of(block: Block, shards: int) -> int:
    """The shard of a block: that of its side pair (of its report, for a solo block)."""
    kind, rest = block.split("|", 1)
    pair = rest if kind == "solo" else "|".join(rest.split("|", 2)[:2])
    return _shard(pair, shards)


def shards_of(values: ReportValues, shards: int) -> set[int]:
    """The shards whose blocks a report (as values) goes into, from its sides alone: as
    Report.pairs() makes them, without building the Report."""
    doc, sides = values[0], values[1]
    pairs = ["|".join(pair) for pair in itertools.combinations(sorted(set(sides or ())), 2)]
    return {_shard(pair, shards) for pair in pairs} if pairs else {_shard(doc, shards)}


def _shard(key: str, shards: int) -> int:
    # crc32, not hash(): the same shard in every process, whatever PYTHONHASHSEED
    return zlib.crc32(key.encode("utf-8")) % shards


def link_shard(shard: int, shards: int, members: Sequence[ReportValues]) -> list[tuple[str, str]]:
    """(report key, story id) of the reports decided in the shard's blocks."""
    # linking makes many small objects that all live until it ends: the collector's passes
    # over them freed nothing and took a fifth of its time
    with collector.paused():
        reports = [report_from_values(values) for values in members]
        return list(link_all(reports, shard=shard, shards=shards).items())


# Groups: Spark shuffles each report once per group of blocks (a side pair and half a year
# of weeks) rather than once per block, and links the blocks of a group in one task: a
# report is sent about once instead of two or three times, and made a Report once there.

GROUP_WEEKS = 26


def group_of(block: Block) -> str:
    """The group of a block: its side pair and half-year for a week, else the block."""
    kind, rest = block.split("|", 1)
    if kind != "week":
        return block
    pair, week = rest.rsplit("|", 1)
    return f"weeks|{pair}|{int(week) // GROUP_WEEKS}"


def groups_of(report: Report) -> set[str]:
    return {group_of(block) for block in blocks(report)}


def link_group(group: str, reports: Iterable[Report]) -> list[tuple[str, str]]:
    """(report key, story id) of the reports decided in the group's blocks."""
    members: dict[Block, list[Report]] = defaultdict(list)
    with collector.paused():  # as in link_shard
        for report in reports:
            for block in blocks(report):
                if group_of(block) == group:
                    members[block].append(report)
        return [link for block in sorted(members) for link in link_block(block, members[block])]
