"""The batch job from inputs to summary: plan the chunks, extract those not done yet on
the chosen engine, link the stories and write the datasets (unless they were built from
these very chunks already), and load the result into a database when asked.

The job holds its output folder's lock from start to end (accords.scale.chunks), and the
steps a test may stop it at are marked with accords.faults.point("batch:...")."""

from __future__ import annotations

import contextlib
import os
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from accords import faults
from accords.errors import AccordsError, InputError
from accords.scale.chunks import ChunkResult, Layout, Problem, output_error
from accords.scale.plan import CHUNK_SIZE, Chunk, expand_inputs, plan

if TYPE_CHECKING:
    from pyspark.sql import SparkSession

ENGINES = ("local", "spark")


@dataclass(slots=True)
class Summary:
    """What a batch job did; `problems` has one entry per input file and reason of its
    bad records, `unread` one per input not read at all, `empty` the folders named that
    hold nothing to read."""

    engine: str
    workers: int
    chunks: int = 0
    skipped: int = 0  # chunks done by an earlier run
    articles: int = 0
    events: int = 0
    failed: int = 0  # bad records, bad files and articles the extractor could not read
    stories: int = 0
    extract_seconds: float = 0.0  # the chunks extracted
    finish_seconds: float = 0.0  # the stories linked and the datasets written
    seconds: float = 0.0
    stored: int | None = None  # new articles in the database, with --to-db
    problems: list[Problem] = field(default_factory=list)
    unread: list[InputError] = field(default_factory=list)
    empty: list[str] = field(default_factory=list)

    def __str__(self) -> str:
        line = (
            f"{self.articles:,} articles, {self.events:,} events, {self.stories:,} stories, "
            f"{self.failed:,} bad records; "
            + (f"{_inputs(len(self.unread))} not read; " if self.unread else "")
            + f"{self.chunks} chunks ({self.skipped} done before); "
            f"{self.seconds:.1f} s on {self.engine} with {self.workers} workers"
        )
        if self.stored is not None:
            line += f"; {self.stored:,} new articles stored"
        return line


def batch(
    inputs: Sequence[str],
    *,
    out: str | Path,
    engine: str = "local",
    master: str | None = None,
    to_db: str | None = None,
    workers: int | None = None,
    chunk_size: int = CHUNK_SIZE,
    spark: SparkSession | None = None,
    on_chunk: Callable[[ChunkResult], None] = lambda result: None,
) -> Summary:
    """Extract every article of `inputs` into Parquet datasets under `out`; see the module
    doc of accords.scale.chunks for the folder. `spark` is a session to use instead of one
    made for the job (and left open). A bad record, and an input not there or unreadable,
    is counted in the summary, not raised; OutputError when another job is writing to
    `out`, or it cannot be written to, or its disk is full."""
    if engine not in ENGINES:
        raise InputError(f"no engine {engine!r}; choose one of {', '.join(ENGINES)}")
    if master is not None and engine != "spark":
        raise InputError("a Spark master is for the spark engine; add --engine spark")
    started = time.perf_counter()
    layout = Layout(Path(out))
    summary = Summary(engine, workers or _cores())
    try:
        with layout.locked():
            _run(
                summary,
                layout,
                inputs,
                master=master,
                to_db=to_db,
                workers=workers,
                chunk_size=chunk_size,
                spark=spark,
                on_chunk=on_chunk,
            )
    except OSError as error:
        raise (output_error(error, layout.out) or error) from None
    summary.seconds = time.perf_counter() - started
    return summary


def _run(
    summary: Summary,
    layout: Layout,
    inputs: Sequence[str],
    *,
    master: str | None,
    to_db: str | None,
    workers: int | None,
    chunk_size: int,
    spark: SparkSession | None,
    on_chunk: Callable[[ChunkResult], None],
) -> None:
    done = layout.start()
    chunks: list[Chunk] = []
    seen: set[str] = set()
    files = expand_inputs(
        inputs,
        skip=layout.out.resolve(),
        on_error=summary.unread.append,
        on_empty=summary.empty.append,
    )
    for item in plan(files, size=chunk_size):
        if isinstance(item, AccordsError):
            summary.unread.append(item)
        elif item.id not in seen:  # a file named twice, by two paths, is read once
            seen.add(item.id)
            chunks.append(item)
    results = {chunk.id: done[chunk.id] for chunk in chunks if chunk.id in done}
    summary.chunks, summary.skipped = len(chunks), len(results)

    def finished(result: ChunkResult) -> None:
        layout.record(result)
        results[result.id] = result
        on_chunk(result)
        faults.point("batch:chunk-done")

    todo = [chunk for chunk in chunks if chunk.id not in results]
    ids = [chunk.id for chunk in chunks]
    built = None if todo else layout.finished(ids)
    if built is not None:  # everything was done: the datasets stand as they are
        summary.stories = int(built.get("stories", 0))
    else:
        layout.unmark_finished()  # until the datasets are whole again
        run = _on_spark if summary.engine == "spark" else _on_cores
        summary.stories, summary.extract_seconds, summary.finish_seconds = run(
            layout, todo, ids, master=master, workers=workers, spark=spark, on_result=finished
        )
    if to_db:
        from accords.scale.load import load

        summary.stored = load(to_db, layout, ids).new
    layout.clean()
    problems: dict[tuple[str, str], Problem] = {}
    for result in (results[i] for i in ids):
        summary.articles += result.articles
        summary.events += result.events
        for problem in result.problems:
            _add(problems, problem)
    summary.problems = list(problems.values())
    summary.failed = sum(problem.count for problem in summary.problems)


def _on_cores(
    layout: Layout,
    todo: list[Chunk],
    ids: list[str],
    *,
    master: str | None,
    workers: int | None,
    spark: SparkSession | None,
    on_result: Callable[[ChunkResult], None],
) -> tuple[int, float, float]:
    """The local engine: stories, and the seconds extracting and finishing."""
    from accords.scale import local

    stories, extracting, finishing = local.run(
        layout, todo, ids, workers=workers or _cores(), on_result=on_result
    )
    return _built(layout, ids, "local", stories), extracting, finishing


def _on_spark(
    layout: Layout,
    todo: list[Chunk],
    ids: list[str],
    *,
    master: str | None,
    workers: int | None,
    spark: SparkSession | None,
    on_result: Callable[[ChunkResult], None],
) -> tuple[int, float, float]:
    """The Spark engine: stories, and the seconds extracting and finishing."""
    from accords.scale import spark as spark_engine

    # a session we were handed is its owner's to stop; one made here is stopped after
    with (
        spark_engine.running(spark, master, workers=workers) as session,
        _disk_full_on_executors(layout),
    ):
        started = time.perf_counter()
        spark_engine.extract_chunks(session, todo, str(layout.out), on_result=on_result)
        extracted = time.perf_counter()
        stories = spark_engine.finish(session, layout, ids)
        finished = time.perf_counter()
    return _built(layout, ids, "spark", stories), extracted - started, finished - extracted


@contextlib.contextmanager
def _disk_full_on_executors(layout: Layout) -> Iterator[None]:
    """An executor's failure to write comes back as Spark's error, its Python traceback
    inside as text: one that names a full disk is told as one."""
    try:
        yield
    except Exception as error:
        found = output_error(error, layout.out)
        if found is None or not str(found).startswith("the disk"):
            raise
        raise found from None


def _built(layout: Layout, ids: list[str], engine: str, stories: int) -> int:
    layout.mark_finished(ids, stories=stories, engine=engine)
    return stories


def _inputs(count: int) -> str:
    return "1 input" if count == 1 else f"{count:,} inputs"


def _cores() -> int:
    return os.cpu_count() or 1


def _add(problems: dict[tuple[str, str], Problem], problem: Problem) -> None:
    """Merge the problems of one file and reason found in several chunks."""
    seen = problems.get((problem.file, problem.reason))
    if seen is None:
        problems[(problem.file, problem.reason)] = problem
    else:
        problems[(problem.file, problem.reason)] = Problem(
            seen.file, seen.reason, seen.count + problem.count, seen.first
        )
