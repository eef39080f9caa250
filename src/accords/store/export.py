"""Every table of the store written out, one file per table: Parquet (through pyarrow),
CSV or JSON Lines. Rows stream through in batches, so a store of any size fits."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator, Sequence
from datetime import date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Table, select, types

from accords.store.schema import TABLES

FORMATS = ("parquet", "csv", "jsonl")
BATCH = 5000


def export(connection: Connection, out: Path, fmt: str) -> list[Path]:
    """Write each table to `out/<table>.<fmt>`; returns the files written."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for table in TABLES:
        path = out / f"{table.name}.{fmt}"
        batches = _batches(connection, table)
        if fmt == "parquet":
            _write_parquet(path, table, batches)
        elif fmt == "csv":
            _write_csv(path, table, batches)
        else:
            _write_jsonl(path, table, batches)
        written.append(path)
    return written


def _batches(connection: Connection, table: Table) -> Iterator[Sequence[Any]]:
    statement = select(table).order_by(*table.primary_key.columns)
    result = connection.execution_options(yield_per=BATCH).execute(statement)
    yield from result.partitions()


def _write_jsonl(path: Path, table: Table, batches: Iterator[Sequence[Any]]) -> None:
    with path.open("w", encoding="utf-8") as out:
        for rows in batches:
            for row in rows:
                out.write(json.dumps(_plain(row._mapping), ensure_ascii=False) + "\n")


def _write_csv(path: Path, table: Table, batches: Iterator[Sequence[Any]]) -> None:
    # utf-8-sig: spreadsheet programs read Persian and Arabic right only with the BOM
    with path.open("w", encoding="utf-8-sig", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(table.columns.keys())
        for rows in batches:
            writer.writerows([_plain(row._mapping).values() for row in rows])


def _write_parquet(path: Path, table: Table, batches: Iterator[Sequence[Any]]) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    schema = pa.schema(
        [pa.field(c.name, _arrow_type(c.type), nullable=bool(c.nullable)) for c in table.columns]
    )
    with pq.ParquetWriter(str(path), schema) as writer:
        for rows in batches:
            columns = {name: [row._mapping[name] for row in rows] for name in schema.names}
            writer.write_table(pa.table(columns, schema=schema))
        # an empty table still gets a file with its columns, so readers find every table


def _arrow_type(kind: types.TypeEngine[Any]) -> Any:
    import pyarrow as pa

    if isinstance(kind, types.Integer):
        return pa.int64()
    if isinstance(kind, types.Float):
        return pa.float64()
    if isinstance(kind, types.DateTime):
        return pa.timestamp("us", tz="UTC")
    if isinstance(kind, types.Date):
        return pa.date32()
    return pa.string()


def _plain(mapping: Any) -> dict[str, Any]:
    return {
        key: value.isoformat() if isinstance(value, date | datetime) else value
        for key, value in mapping.items()
    }
