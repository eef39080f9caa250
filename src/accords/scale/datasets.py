"""The five datasets made from the staged chunks, by either engine: the staged rows with
the stories set (events) or made (stories, from the reports), sorted by month and written
one file per month.

Rows are handled as Arrow tables throughout, never as a dict per row. The chunks mix the
months, so rows are sorted by month before they are written: handed over a chunk at a time,
pyarrow's partitioned writer cut every batch into a slice per month and took three times
longer.
"""

from __future__ import annotations

import itertools
import zlib
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path

import pyarrow as pa
import pyarrow.dataset as ds
import pyarrow.parquet as pq

from accords.scale.tables import SCHEMAS

COPIED = ("articles", "actors", "commitments")  # written as staged
SOURCE = {"stories": "reports"}  # the staged table a dataset is made from, when not its own
GROUP = 40  # chunks read and sorted at once: about 10,000 articles
ROW_GROUP = 10_000
MONTH = ds.partitioning(pa.schema([("month", pa.string())]), flavor="hive")


def source(name: str) -> str:
    return SOURCE.get(name, name)


def read(paths: Sequence[str], name: str) -> pa.Table:
    """The staged rows of table `name` in these files, as one table."""
    found: pa.Table = ds.dataset(list(paths), schema=SCHEMAS[name], format="parquet").to_table()
    return found


def finished(name: str, staged: pa.Table, stories: Mapping[str, str]) -> pa.Table:
    """Staged rows (of `source(name)`) as rows of the dataset `name`."""
    if name == "events":
        docs = staged.column("doc").to_pylist()
        found = pa.array([stories.get(doc) for doc in docs], pa.string())
        return staged.set_column(staged.schema.get_field_index("story"), "story", found)
    if name == "stories":
        return _story_rows(staged, stories)
    return staged


def _story_rows(reports: pa.Table, stories: Mapping[str, str]) -> pa.Table:
    docs = reports.column("doc").to_pylist()
    days = reports.column("days").to_pylist()
    columns = {
        "story": pa.array([stories.get(doc) for doc in docs], pa.string()),
        "doc": reports.column("doc"),
        "date": pa.array([min(found) if found else None for found in days], pa.date32()),
        **{name: reports.column(name) for name in ("sides", "types", "domains", "month")},
    }
    return pa.table(columns, schema=SCHEMAS["stories"])


def by_month(rows: pa.Table) -> pa.Table:
    return rows.sort_by("month")


# The local engine: one process writes a dataset, reading the chunks a group at a time.


def write(
    folder: str, name: str, paths: Sequence[str], stories: Mapping[str, str] | None = None
) -> str:
    """Write the dataset `name` from the staged files `paths` into `folder`/`name`; that
    folder. A folder even when there is no row: an empty dataset is still a dataset."""
    built = Path(folder) / name
    ds.write_dataset(
        _sorted_groups(name, paths, stories or {}),
        built,
        schema=SCHEMAS[name],
        format="parquet",
        partitioning=MONTH,
        basename_template="part-{i}.parquet",
        existing_data_behavior="error",
        # rows of a month from several groups are gathered into one row group
        min_rows_per_group=ROW_GROUP,
        max_rows_per_group=8 * ROW_GROUP,
    )
    built.mkdir(parents=True, exist_ok=True)
    return str(built)


def _sorted_groups(
    name: str, paths: Sequence[str], stories: Mapping[str, str]
) -> Iterator[pa.RecordBatch]:
    for start in range(0, len(paths), GROUP):
        rows = finished(name, read(paths[start : start + GROUP], source(name)), stories)
        yield from by_month(rows).to_batches()


# The Spark engine: rows split into buckets of months, shuffled as Arrow bytes, and each
# bucket written by one task, one file per month.


def bucket_of(month: str, buckets: int) -> int:
    # crc32, not hash(): the same bucket on every executor, whatever PYTHONHASHSEED
    return zlib.crc32(month.encode("utf-8")) % buckets


def split(rows: pa.Table, buckets: int) -> dict[int, pa.Table]:
    """The rows of each bucket of months that has any."""
    rows = by_month(rows)
    slices: dict[int, list[pa.Table]] = {}
    start = 0
    for month, run in itertools.groupby(rows.column("month").to_pylist()):
        length = sum(1 for _ in run)
        slices.setdefault(bucket_of(month, buckets), []).append(rows.slice(start, length))
        start += length
    return {bucket: pa.concat_tables(parts) for bucket, parts in slices.items()}


def to_bytes(rows: pa.Table) -> bytes:
    sink = pa.BufferOutputStream()
    with pa.ipc.new_stream(sink, rows.schema) as writer:
        writer.write_table(rows)
    return bytes(sink.getvalue().to_pybytes())


def from_bytes(data: bytes) -> pa.Table:
    with pa.ipc.open_stream(data) as reader:
        found: pa.Table = reader.read_all()
    return found


def write_months(rows: pa.Table, folder: str, name: str) -> int:
    """One file per month of the rows under `folder` (month=YYYY-MM/part-0.parquet, the
    month in the folder name only, as pyarrow's partitioned writer does); how many rows."""
    rows = by_month(rows)
    columns = [field.name for field in SCHEMAS[name] if field.name != "month"]
    start = 0
    for month, run in itertools.groupby(rows.column("month").to_pylist()):
        length = sum(1 for _ in run)
        target = Path(folder) / f"month={month}"
        target.mkdir(parents=True, exist_ok=True)
        pq.write_table(rows.slice(start, length).select(columns), target / "part-0.parquet")
        start += length
    return int(rows.num_rows)
