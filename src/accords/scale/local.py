"""The engine on one machine: a process per core extracts chunks, then this process links
the stories block by block and writes the datasets with pyarrow."""

from __future__ import annotations

import multiprocessing
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

import pyarrow as pa
import pyarrow.dataset as ds
import pyarrow.parquet as pq

from accords.lexicon import load as load_lexicon
from accords.scale.chunks import ChunkResult, Layout
from accords.scale.plan import Chunk
from accords.scale.stories import link_all
from accords.scale.tables import SCHEMAS, report_from, story_row, table
from accords.scale.work import run_chunk

COPIED = ("articles", "actors", "commitments")  # written as staged; events gain a story
ROW_GROUP = 10_000
MONTH = ds.partitioning(pa.schema([("month", pa.string())]), flavor="hive")


def extract_chunks(
    chunks: Sequence[Chunk], out: str, *, workers: int, on_result: Callable[[ChunkResult], None]
) -> None:
    """Run every chunk, on `workers` processes; `on_result` hears of each as it ends."""
    if workers <= 1 or len(chunks) <= 1:
        lexicon = load_lexicon()
        for chunk in chunks:
            on_result(run_chunk(chunk, out, lexicon))
        return
    tasks = [(chunk, out) for chunk in chunks]
    with multiprocessing.Pool(min(workers, len(chunks)), initializer=_warm_up) as pool:
        for result in pool.imap_unordered(_run, tasks, chunksize=1):
            on_result(result)


def _warm_up() -> None:
    # once per worker process, before its first chunk; load() keeps it for the next ones
    load_lexicon()


def _run(task: tuple[Chunk, str]) -> ChunkResult:
    chunk, out = task
    return run_chunk(chunk, out, load_lexicon())


def finish(layout: Layout, ids: Sequence[str]) -> int:
    """Link the stories of the chunks and write the five datasets; how many stories."""
    reports = {}
    months: dict[str, str] = {}
    for path in layout.staged("reports", ids):
        for row in pq.read_table(path).to_pylist():
            reports[row["doc"]] = report_from(row)
            months[row["doc"]] = row["month"]
    stories = link_all(reports.values())
    rows = [story_row(reports[doc], story, months[doc]) for doc, story in stories.items()]
    _write(layout, "stories", iter(table("stories", rows).to_batches()))
    for name in COPIED:
        _write(layout, name, _batches(layout.staged(name, ids), name))
    _write(
        layout, "events", _with_stories(_batches(layout.staged("events", ids), "events"), stories)
    )
    return len(set(stories.values()))


def _batches(paths: list[str], name: str) -> Iterator[pa.RecordBatch]:
    yield from ds.dataset(paths, schema=SCHEMAS[name], format="parquet").to_batches()


def _with_stories(
    batches: Iterator[pa.RecordBatch], stories: dict[str, str]
) -> Iterator[pa.RecordBatch]:
    for batch in batches:
        docs = batch.column("doc").to_pylist()
        found = pa.array([stories.get(doc) for doc in docs], pa.string())
        yield batch.set_column(batch.schema.get_field_index("story"), "story", found)


def _write(layout: Layout, name: str, batches: Iterator[pa.RecordBatch]) -> None:
    built = layout.work_folder(name) / name
    ds.write_dataset(
        batches,
        built,
        schema=SCHEMAS[name],
        format="parquet",
        partitioning=MONTH,
        basename_template="part-{i}.parquet",
        existing_data_behavior="error",
        # rows gathered per month before a row group is written: the chunks mix months,
        # and a row group per chunk and month made the writing ten times slower
        min_rows_per_group=ROW_GROUP,
        max_rows_per_group=8 * ROW_GROUP,
    )
    if not built.exists():  # no rows at all: an empty dataset is still a folder
        Path(built).mkdir(parents=True)
    layout.publish(built, name)
