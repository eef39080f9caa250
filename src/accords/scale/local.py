"""The engine on one machine: a process per core extracts chunks, while this process reads
the reports of each chunk done; then the same processes link the stories (a share of the
side pairs each) and write the datasets (one each)."""

from __future__ import annotations

import contextlib
import ctypes
import multiprocessing
import os
import signal
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path
from typing import Any, Generic, Protocol, TypeVar

import pyarrow as pa

from accords.errors import EngineError
from accords.jobs.chunk import run_chunk
from accords.lexicon import load as load_lexicon
from accords.scale import datasets
from accords.scale.chunks import ChunkResult, Layout
from accords.scale.plan import Chunk
from accords.scale.stories import link_shard, shards_of
from accords.scale.tables import NAMES, REPORT_FIELDS, SCHEMAS, report_values

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
    reports = Shards(layout, 4 * workers if workers > 1 else 1)

    def done(result: ChunkResult) -> None:
        # this process would wait for the workers anyway: it reads the chunk's reports now,
        # at the cost of a share of a core, rather than all of them after the last chunk
        reports.add(result.id)
        on_result(result)

    with _pool(workers, extracting=bool(todo)) as pool:
        started = time.perf_counter()
        extract_chunks(todo, str(layout.out), pool=pool, on_result=done)
        extracted = time.perf_counter()
        stories = finish(layout, ids, pool=pool, reports=reports)
        return stories, extracted - started, time.perf_counter() - extracted


@contextlib.contextmanager
def _pool(workers: int, *, extracting: bool) -> Iterator[ProcessPoolExecutor | None]:
    """The worker processes, or None to work in this process alone.

    Not multiprocessing.Pool: when one of its workers dies (the OOM killer, kill -9), it
    starts another and waits for ever for the chunk the dead one held. Here the job ends,
    saying so, and a rerun goes on from the chunks done."""
    if workers <= 1:
        yield None
        return
    ours = set(multiprocessing.active_children())
    # a worker loads the lexicon as it starts, before its first chunk, when there are any
    pool = ProcessPoolExecutor(
        workers,
        mp_context=multiprocessing.get_context("fork"),
        initializer=_start_worker,
        initargs=(os.getpid(), extracting),
    )
    try:
        yield pool
    except BaseException as error:
        # Ctrl-C or a failure: the chunks not started are dropped, those running stopped
        pool.shutdown(wait=False, cancel_futures=True)
        for worker in set(multiprocessing.active_children()) - ours:
            worker.terminate()
        if isinstance(error, BrokenProcessPool):
            raise EngineError(
                "a worker process of the job was killed (out of memory?); run the same "
                "command again to go on from the chunks done"
            ) from None
        raise
    pool.shutdown()


def extract_chunks(
    chunks: Sequence[Chunk],
    out: str,
    *,
    pool: ProcessPoolExecutor | None,
    on_result: Callable[[ChunkResult], None],
) -> None:
    """Run every chunk; `on_result` hears of each as it ends."""
    if pool is None or len(chunks) <= 1:
        lexicon = load_lexicon()
        for chunk in chunks:
            on_result(run_chunk(chunk, out, lexicon))
        return
    running = [pool.submit(_run, (chunk, out)) for chunk in chunks]
    for done in as_completed(running):
        on_result(done.result())


def _start_worker(job: int, extracting: bool) -> None:
    # Ctrl-C reaches every process of the terminal's group: the job's own process stops
    # the pool, and each worker would only print its traceback of the interrupt
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _die_with(job)
    if extracting:  # once per worker process; load() keeps it for the next chunks
        load_lexicon()


def _die_with(job: int) -> None:
    """End this worker when the job's process ends, however it ends (kill -9 included):
    left alone, a worker would print a traceback of its broken pipe, or wait for ever."""
    if sys.platform != "linux":
        return
    libc = ctypes.CDLL(None, use_errno=True)
    libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    if os.getppid() != job:  # the job ended before the line above
        os._exit(1)


_PR_SET_PDEATHSIG = 1


def _run(task: tuple[Chunk, str]) -> ChunkResult:
    chunk, out = task
    return run_chunk(chunk, out, load_lexicon())


def finish(
    layout: Layout,
    ids: Sequence[str],
    *,
    pool: ProcessPoolExecutor | None,
    reports: Shards | None = None,
) -> int:
    """Link the stories of the chunks and write the five datasets; how many stories.
    `reports` holds those of the chunks read already."""
    reports = reports or Shards(layout, 1)
    reports.fill(ids)

    def write(name: str, stories: dict[str, str] | None) -> _Result[str]:
        paths = layout.staged(datasets.source(name), ids)
        return _submit(pool, datasets.write, str(layout.work_folder(name)), name, paths, stories)

    # the linking first, as the events wait for it; the datasets with no story meanwhile
    shards = len(reports.members)
    linked = [
        _submit(pool, _link_shard, shard, shards, reports.payload(shard)) for shard in range(shards)
    ]
    built = {name: write(name, None) for name in datasets.COPIED}
    stories: dict[str, str] = {}
    for result in linked:
        stories.update(result.result())
    built |= {name: write(name, stories) for name in ("events", "stories")}
    for name in NAMES:
        layout.publish(Path(built[name].result()), name)
    return len(set(stories.values()))


class Shards:
    """The reports of the chunks, in the shards that link them (a report with several side
    pairs may go to several), kept as Arrow tables: a shard goes to its worker as Arrow
    bytes, which cost far less to send than a pickled tuple per report."""

    def __init__(self, layout: Layout, shards: int) -> None:
        self.layout = layout
        self.members: list[list[pa.Table]] = [[] for _ in range(shards)]
        self.chunks: set[str] = set()

    def add(self, chunk: str) -> None:
        self._take([chunk])

    def fill(self, ids: Sequence[str]) -> None:
        """Read the reports of the chunks not read yet (done by an earlier run)."""
        missing = [chunk for chunk in ids if chunk not in self.chunks]
        if missing:
            self._take(missing)

    def payload(self, shard: int) -> bytes:
        parts = self.members[shard]
        return datasets.to_bytes(pa.concat_tables(parts) if parts else _NO_REPORTS)

    def _take(self, ids: list[str]) -> None:
        paths = self.layout.staged("reports", ids)
        rows = datasets.read(paths, "reports").select(REPORT_FIELDS)
        shards = len(self.members)
        if shards == 1:
            self.members[0].append(rows)
        else:
            found: list[list[int]] = [[] for _ in range(shards)]
            docs, sides = rows.column("doc").to_pylist(), rows.column("sides").to_pylist()
            for index, key in enumerate(zip(docs, sides, strict=True)):
                for shard in shards_of(key, shards):
                    found[shard].append(index)
            for shard, indices in enumerate(found):
                if indices:
                    self.members[shard].append(rows.take(indices))
        self.chunks.update(ids)


_NO_REPORTS = SCHEMAS["reports"].empty_table().select(REPORT_FIELDS)


def _link_shard(shard: int, shards: int, data: bytes) -> list[tuple[str, str]]:
    return link_shard(shard, shards, report_values(datasets.from_bytes(data)))


class _Result(Protocol[T_co]):
    def result(self) -> T_co: ...


class _Done(Generic[T]):
    """The result of work done here, at once, when there is no pool."""

    def __init__(self, value: T) -> None:
        self.value = value

    def result(self) -> T:
        return self.value


def _submit(pool: ProcessPoolExecutor | None, function: Callable[..., T], *args: Any) -> _Result[T]:
    if pool is None:
        return _Done(function(*args))
    return pool.submit(function, *args)
