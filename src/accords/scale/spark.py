"""The engine on Apache Spark: one task per chunk runs the same extraction as the local
engine inside `mapPartitions`; stories are linked with a shuffle by block (side pair and
week) and the datasets are written by Spark, one file per month.

Executors read the inputs and write the chunks themselves, so the inputs and `--out` must
be paths that the driver and every executor see alike: any path in local mode, a shared
file system on a cluster. accords must be installed on the executors' Python.
"""

from __future__ import annotations

import functools
import os
import shutil
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from accords.errors import EngineError
from accords.scale.chunks import ChunkResult, Layout
from accords.scale.plan import Chunk
from accords.scale.stories import keyed, link_block
from accords.scale.tables import SCHEMAS, report_from
from accords.scale.work import run_chunks

if TYPE_CHECKING:
    from pyspark.sql import DataFrame, SparkSession

LOG_CONFIG = Path(__file__).with_name("log4j2.properties").as_uri()
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
        .config("spark.driver.extraJavaOptions", f"-Dlog4j2.configurationFile={LOG_CONFIG}")
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
        # few, large shuffle partitions: the data of a block or a month is small
        .config("spark.sql.shuffle.partitions", str(max(2, 2 * (workers or os.cpu_count() or 2))))
        .config("spark.python.worker.reuse", "true")  # keeps the lexicon between tasks
        .getOrCreate()
    )
    spark.sparkContext.setLogLevel("ERROR")
    return spark


def extract_chunks(
    spark: SparkSession,
    chunks: Sequence[Chunk],
    out: str,
    *,
    on_result: Callable[[ChunkResult], None],
) -> None:
    """One task per chunk; each task's Python worker loads the lexicon once."""
    if not chunks:
        return
    context = spark.sparkContext
    run = functools.partial(run_chunks, out=out)
    for result in context.parallelize(list(chunks), len(chunks)).mapPartitions(run).collect():
        on_result(result)


def finish(spark: SparkSession, layout: Layout, ids: Sequence[str]) -> int:
    """Link the stories and write the five datasets; how many stories."""
    from pyspark.sql import functions as F

    def staged(name: str) -> DataFrame:
        paths = [_uri(path) for path in layout.staged(name, ids)]
        return spark.read.parquet(*paths)

    reports = staged("reports")
    decided = (
        reports.rdd.map(lambda row: report_from(row.asDict()))
        .flatMap(keyed)
        .groupByKey()
        .flatMap(_link)
    )
    stories = spark.createDataFrame(decided, "doc string, story string").cache()
    # linked once, here: the datasets below and the count all read the cached result
    count = stories.agg(F.count_distinct("story")).first()[0]  # type: ignore[index]
    rows = reports.join(stories, "doc").select(
        "story", "doc", F.array_min("days").alias("date"), "sides", "types", "domains", "month"
    )
    _write(layout, "stories", rows)
    for name in ("articles", "actors", "commitments"):
        _write(layout, name, staged(name))
    events = staged("events").drop("story").join(stories, "doc", "left")
    _write(layout, "events", events)
    stories.unpersist()
    return int(count)


def _link(block_reports: tuple[str, Iterable[Any]]) -> Iterator[tuple[str, str]]:
    block, reports = block_reports
    return link_block(block, reports)


def _write(layout: Layout, name: str, frame: DataFrame) -> None:
    columns = [field.name for field in SCHEMAS[name]]
    built = layout.work_folder(name) / name
    (
        frame.select(*columns)
        .repartition("month")  # one file per month, not one per chunk and month
        .write.partitionBy("month")
        .parquet(_uri(str(built)))
    )
    for checksum in built.rglob(".*.crc"):  # Hadoop's local checksums; nobody reads them
        checksum.unlink()
    layout.publish(built, name)


def _uri(path: str) -> str:
    # file: explicitly: on a cluster whose default file system is HDFS, a bare path would
    # name another place than the one the driver and the chunks use
    return Path(path).resolve().as_uri()
