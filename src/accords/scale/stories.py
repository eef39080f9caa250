"""Stories over a whole batch, by the one linking every route uses
(accords.link.stories.link: the reports of each side pair linked apart), spread over
processes: the local engine links a share of the side pairs on each (shards), Spark a side
pair in each task (groups). Shards and groups together give what one process gives, which
is what `accords ingest` gives for the same articles."""

from __future__ import annotations

import itertools
import zlib
from collections import defaultdict
from collections.abc import Iterable, Sequence

from accords import collector
from accords.link.stories import Block, Report, blocks, home, link, link_block
from accords.scale.tables import ReportValues, report_from_values

__all__ = [
    "Block", "blocks", "group_of", "groups_of", "home", "link_all", "link_block", "link_group",
    "link_shard", "shard_of", "shards_of",
]  # fmt: skip


def link_all(reports: Iterable[Report], *, shard: int = 0, shards: int = 1) -> dict[str, str]:
    """The story of every report whose home block is in `shard` of `shards`, block by block
    (all of them by default)."""
    if shards == 1:
        return link(reports)
    return link(reports, keep=lambda block: shard_of(block, shards) == shard)


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


# Groups: Spark shuffles the reports by block (a side pair, or a report of its own) and
# links each block in one task. A group is a block; the names stay for the engine's sake.


def group_of(block: Block) -> str:
    """The group of a block: the block itself."""
    return block


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
