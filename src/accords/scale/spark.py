"""The engine on Apache Spark: tasks run the same extraction as the local engine inside
`mapPartitions`; stories are linked with a shuffle by block (side pair and week) and the
datasets are written by Spark tasks with pyarrow, one file per month (see `finish`).

Executors read the inputs and write the chunks themselves, so the inputs and `--out` must
be paths that the driver and every executor see alike: any path in local mode, a shared
file system on a cluster. accords must be installed on the executors' Python.
"""

from __future__ import annotations

import contextlib
import functools
import os
import shutil
import signal
import sys
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pyarrow as pa

from accords.errors import EngineError
from accords.jobs.chunk import run_chunks
from accords.scale import datasets
from accords.scale.chunks import ChunkResult, Layout
from accords.scale.datasets import GROUP
from accords.scale.plan import Chunk
from accords.scale.stories import groups_of, link_group
from accords.scale.tables import NAMES, ReportValues, report_from_values, report_values

if TYPE_CHECKING:
    from pyspark.sql import SparkSession

LOG_CONFIG = Path(__file__).with_name("log4j2.properties").as_uri()
# The driver JVM (the executor too, in local mode) only schedules tasks and moves bytes
# between Python workers: its optimising compiler cost more CPU than it saved, half the
# JVM's CPU time in a job of 10,000 articles, taken from the Python workers beside it.
JIT = "-XX:TieredStopAtLevel=1"
TASK_CHUNKS = 10  # chunks extracted by one task, at most
BUCKET_CHUNKS = 200  # chunks' worth of rows a writing task holds, about
JAVA_HINT = "install a Java runtime (17 or newer), e.g. apt-get install default-jre-headless"


def session(master: str | None = None, *, workers: int | None = None) -> SparkSession:
    """A Spark session on `master`, or on local[workers] (local[*] when not given)."""
    if shutil.which("java") is None and not os.environ.get("JAVA_HOME"):
        raise EngineError(f"Spark needs Java, and none was found; {JAVA_HINT}")
    try:
        from pyspark.sql import SparkSession
    except ImportError:
        raise EngineError("PySpark is not installed; try: pip install 'accords[all]'") from None
    # executors run the Python that runs us, where accords is installed
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    os.environ.setdefault("PYSPARK_DRIVER_PYTHON", sys.executable)
    master = master or f"local[{workers or '*'}]"
    builder: Any = SparkSession.builder.master(master)
    if master.startswith("local"):
        # one machine: the driver listens on the loopback only, not on every interface
        os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
        builder = builder.config("spark.driver.bindAddress", "127.0.0.1").config(
            "spark.driver.host", "127.0.0.1"
        )
    spark: SparkSession = (
        builder.appName("accords batch")
        .config("spark.driver.extraJavaOptions", f"-Dlog4j2.configurationFile={LOG_CONFIG} {JIT}")
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
        .config("spark.python.worker.reuse", "true")  # keeps the lexicon between tasks
        .getOrCreate()
    )
    spark.sparkContext.setLogLevel("ERROR")
    return spark


@contextlib.contextmanager
def running(
    spark: SparkSession | None, master: str | None = None, *, workers: int | None = None
) -> Iterator[SparkSession]:
    """The job's session: `spark`, or one made here (on `master`) and stopped after; and
    Ctrl-C meanwhile cancels Spark's jobs and ends in KeyboardInterrupt once Spark has let
    go. A second Ctrl-C stops waiting at once.

    PySpark's own handler cancels the jobs from inside the call that is waiting for Spark,
    a call py4j then reports broken, traceback and all (some fifty lines); here another
    thread cancels them, and the waiting call ends as the job's failure, which is the
    interrupt. While a session starts or stops, where PySpark's handler would be the one
    to hear it, Ctrl-C is held until it can be heard here."""
    if threading.current_thread() is not threading.main_thread():  # no signals here
        made = spark or session(master, workers=workers)
        try:
            yield made
        finally:
            if spark is None:
                made.stop()
        return
    previous = signal.getsignal(signal.SIGINT)
    interrupted, forced = threading.Event(), threading.Event()
    started: list[SparkSession] = []

    def on_interrupt(number: int, frame: object) -> None:
        if interrupted.is_set():
            forced.set()
            raise KeyboardInterrupt
        interrupted.set()
        if started:
            threading.Thread(target=_cancel, args=(started[0],), daemon=True).start()

    with _held(signal.SIGINT):
        started.append(spark or session(master, workers=workers))
        signal.signal(signal.SIGINT, on_interrupt)
    try:
        yield started[0]
    except Exception:
        if not interrupted.is_set():
            raise
    finally:
        with _held(signal.SIGINT):
            if interrupted.is_set() and not forced.is_set():
                _settle(started[0])
            if spark is None:
                started[0].stop()
            signal.signal(signal.SIGINT, previous)
    if interrupted.is_set():
        raise KeyboardInterrupt


@contextlib.contextmanager
def _held(number: int) -> Iterator[None]:
    """The signal held back (not lost) until the end of the block."""
    mask = signal.pthread_sigmask(signal.SIG_BLOCK, {number})
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, mask)


def _cancel(spark: SparkSession) -> None:
    with contextlib.suppress(Exception):  # the session may be stopping already
        spark.sparkContext.cancelAllJobs()


def _settle(spark: SparkSession, *, seconds: float = 15.0) -> None:
    """Wait (a while) for the cancelled tasks to end: a session stopped under a task still
    running has the task log a stack trace of its vanished blocks."""
    deadline = time.monotonic() + seconds
    with contextlib.suppress(Exception):
        tracker = spark.sparkContext._jsc.sc().statusTracker()
        while time.monotonic() < deadline:
            infos = tracker.getExecutorInfos()
            if not any(info.numRunningTasks() for info in infos):
                return
            time.sleep(0.1)


def _in_worker() -> None:
    """In a Python worker of Spark's: Ctrl-C reaches every process of the terminal's group,
    and a worker it stopped is a crash in Spark's log; the job's process cancels the
    tasks instead."""
    with contextlib.suppress(ValueError):  # not the worker's main thread
        signal.signal(signal.SIGINT, signal.SIG_IGN)


def _extract_partition(chunks: Iterable[Chunk], out: str) -> Iterator[ChunkResult]:
    _in_worker()
    yield from run_chunks(chunks, out)


def extract_chunks(
    spark: SparkSession,
    chunks: Sequence[Chunk],
    out: str,
    *,
    on_result: Callable[[ChunkResult], None],
) -> None:
    """A task per few chunks (each task costs Spark some tens of milliseconds, a chunk
    a quarter of a second of a core, and the last tasks should end together); each Python
    worker loads the lexicon once."""
    if not chunks:
        return
    context = spark.sparkContext
    tasks = min(len(chunks), max(4 * context.defaultParallelism, len(chunks) // TASK_CHUNKS))
    run = functools.partial(_extract_partition, out=out)
    for result in context.parallelize(list(chunks), tasks).mapPartitions(run).collect():
        on_result(result)


def finish(spark: SparkSession, layout: Layout, ids: Sequence[str]) -> int:
    """Link the stories and write the five datasets; how many stories.

    Python tasks on the executors, with pyarrow reading and writing the chunks' files;
    what goes between them is plain tuples and Arrow bytes, never a Python object per row
    for Spark to pickle nor a DataFrame row for Python to unpack:

        reports as tuples, keyed by group of blocks (side pair, half a year)
        -> by group: stories linked, keyed by chunk
        -> by chunk: the rows of the five datasets, stories set, in buckets of months
        -> by dataset and bucket: one file per month
    """
    context = spark.sparkContext
    out = str(layout.out)
    parts = _partitions(context.defaultParallelism, len(ids))
    links = (
        context.parallelize(list(ids), parts)
        .flatMap(functools.partial(_keyed_reports, out=out))
        .groupByKey(parts)
        .flatMap(_link)
        .cache()  # read twice: for the count and for the datasets
    )
    count = links.map(lambda link: link[1][1]).distinct().count()
    built = {name: str(layout.work_folder(name) / name) for name in NAMES}
    # a task writes a bucket of months of a dataset: a bucket per core at least, and no
    # more than about 50,000 articles' rows in one
    buckets = max(1, context.defaultParallelism, len(ids) // BUCKET_CHUNKS)
    # the links go to the task of their chunk: task i has chunks i, i + parts, ...
    place = {chunk: index for index, chunk in enumerate(ids)}
    split = functools.partial(_split_chunks, ids=list(ids), parts=parts, out=out, buckets=buckets)
    pieces = (
        links.partitionBy(parts, place.__getitem__)
        .mapPartitionsWithIndex(split)
        .partitionBy(len(NAMES) * buckets, _piece_partition)
        .mapPartitions(functools.partial(_write_bucket, built=built, buckets=buckets))
    )
    pieces.collect()
    links.unpersist()
    for name in NAMES:
        Path(built[name]).mkdir(parents=True, exist_ok=True)  # a dataset with no row
        layout.publish(Path(built[name]), name)
    return int(count)


def _partitions(parallelism: int, chunks: int) -> int:
    # a task per 40 chunks (about 10,000 articles) at most, and work for every core
    return max(1, min(chunks, max(2 * parallelism, chunks // GROUP)))


def _keyed_reports(chunk: str, out: str) -> Iterator[tuple[str, tuple[str, ReportValues]]]:
    """The chunk's reports as plain values, once for each group of their blocks."""
    _in_worker()
    path = Layout(Path(out)).staged("reports", [chunk])[0]
    for values in report_values(datasets.read([path], "reports")):
        for group in groups_of(report_from_values(values)):
            yield group, (chunk, values)


def _link(
    group_members: tuple[str, Iterable[tuple[str, ReportValues]]],
) -> Iterator[tuple[str, tuple[str, str]]]:
    """(chunk, (report key, story)) of the reports decided in the group's blocks."""
    _in_worker()
    group, members = group_members
    chunk_of: dict[str, str] = {}
    reports = []
    for chunk, values in members:
        chunk_of[values[0]] = chunk
        reports.append(report_from_values(values))
    for key, story in link_group(group, reports):
        yield chunk_of[key], (key, story)


def _split_chunks(
    task: int,
    links: Iterable[tuple[str, tuple[str, str]]],
    ids: list[str],
    parts: int,
    out: str,
    buckets: int,
) -> Iterator[tuple[int, bytes]]:
    """The rows of this task's chunks, each dataset split into buckets of months, as Arrow
    bytes keyed by dataset and bucket."""
    _in_worker()
    layout = Layout(Path(out))
    chunks = ids[task::parts]
    stories = dict(link for _, link in links)
    if not chunks:
        return
    for index, name in enumerate(NAMES):
        paths = layout.staged(datasets.source(name), chunks)
        staged = datasets.read(paths, datasets.source(name))
        rows = datasets.finished(name, staged, stories)
        for bucket, part in datasets.split(rows, buckets).items():
            yield index * buckets + bucket, datasets.to_bytes(part)


def _piece_partition(key: int) -> int:
    return key  # the key is the partition: a dataset and a bucket of its months each


def _write_bucket(
    pieces: Iterable[tuple[int, bytes]], built: dict[str, str], buckets: int
) -> Iterator[int]:
    """Write the months of one bucket of one dataset, one file each; how many rows."""
    _in_worker()
    found: dict[int, list[pa.Table]] = {}
    for key, data in pieces:
        found.setdefault(key, []).append(datasets.from_bytes(data))
    for key, tables in found.items():
        name = NAMES[key // buckets]
        yield datasets.write_months(pa.concat_tables(tables), built[name], name)
