"""The engine on one machine: a process per core extracts chunks; then the same processes
link the stories (a share of the side pairs each) and write the datasets (one each), while
this process only reads the reports and hands out the work."""

from __future__ import annotations

import contextlib
import multiprocessing
import time
from collections.abc import Callable, Iterator, Sequence
from multiprocessing.pool import Pool
from pathlib import Path
from typing import Any, Generic, Protocol, TypeVar

from accords.lexicon import load as load_lexicon
from accords.scale import datasets
from accords.scale.chunks import ChunkResult, Layout
from accords.scale.plan import Chunk
from accords.scale.stories import link_shard, shards_of
from accords.scale.tables import NAMES, REPORT_FIELDS, ReportValues, report_values
from accords.scale.work import run_chunk

T = TypeVar("T")
T_co = TypeVar("T_co", covariant=True)


def run(
    layout: Layout,
    todo: Sequence[Chunk],
    ids: Sequence[str],
    *,
    workers: int,
    on_result: Callable[[ChunkResult], None],
) -> tuple[int, float, float]:
    """Extract the chunks to do, then link and write the datasets of all the chunks `ids`;
    how many stories, and the seconds extracting and finishing."""
    with _pool(workers, extracting=bool(todo)) as pool:
        started = time.perf_counter()
        extract_chunks(todo, str(layout.out), pool=pool, on_result=on_result)
        extracted = time.perf_counter()
        stories = finish(layout, ids, pool=pool, shards=4 * workers)
        return stories, extracted - started, time.perf_counter() - extracted


@contextlib.contextmanager
def _pool(workers: int, *, extracting: bool) -> Iterator[Pool | None]:
    """The worker processes, or None to work in this process alone."""
    if workers <= 1:
        yield None
        return
    # a worker loads the lexicon as it starts, before its first chunk, when there are any
    with multiprocessing.Pool(workers, initializer=_warm_up if extracting else None) as pool:
        yield pool


def extract_chunks(
    chunks: Sequence[Chunk],
    out: str,
    *,
    pool: Pool | None,
    on_result: Callable[[ChunkResult], None],
) -> None:
    """Run every chunk; `on_result` hears of each as it ends."""
    if pool is None or len(chunks) <= 1:
        lexicon = load_lexicon()
        for chunk in chunks:
            on_result(run_chunk(chunk, out, lexicon))
        return
    tasks = [(chunk, out) for chunk in chunks]
    for result in pool.imap_unordered(_run, tasks, chunksize=1):
        on_result(result)


def _warm_up() -> None:
    # once per worker process; load() keeps it for the next chunks
    load_lexicon()


def _run(task: tuple[Chunk, str]) -> ChunkResult:
    chunk, out = task
    return run_chunk(chunk, out, load_lexicon())


def finish(layout: Layout, ids: Sequence[str], *, pool: Pool | None, shards: int = 1) -> int:
    """Link the stories of the chunks and write the five datasets; how many stories."""
    shards = shards if pool is not None else 1

    def write(name: str, stories: dict[str, str] | None) -> _Result[str]:
        paths = layout.staged(datasets.source(name), ids)
        return _submit(pool, datasets.write, str(layout.work_folder(name)), name, paths, stories)

    # the datasets that need no story are written while this process reads the reports
    built = {name: write(name, None) for name in datasets.COPIED}
    reports = datasets.read(layout.staged("reports", ids), "reports").select(REPORT_FIELDS)
    linked = [
        _submit(pool, link_shard, shard, shards, members)
        for shard, members in enumerate(_by_shard(report_values(reports), shards))
    ]
    stories: dict[str, str] = {}
    for result in linked:
        stories.update(result.get())
    built |= {name: write(name, stories) for name in ("events", "stories")}
    for name in NAMES:
        layout.publish(Path(built[name].get()), name)
    return len(set(stories.values()))


def _by_shard(values: list[ReportValues], shards: int) -> list[list[ReportValues]]:
    """The reports each shard links: those with a block in it (a report with several side
    pairs may go to several)."""
    found: list[list[ReportValues]] = [[] for _ in range(shards)]
    for report in values:
        for shard in shards_of(report, shards) if shards > 1 else (0,):
            found[shard].append(report)
    return found


class _Result(Protocol[T_co]):
    def get(self) -> T_co: ...


class _Done(Generic[T]):
    """The result of work done here, at once, when there is no pool."""

    def __init__(self, value: T) -> None:
        self.value = value

    def get(self) -> T:
        return self.value


def _submit(pool: Pool | None, function: Callable[..., T], *args: Any) -> _Result[T]:
    if pool is None:
        return _Done(function(*args))
    return pool.apply_async(function, args)
