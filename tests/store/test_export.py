from __future__ import annotations

import csv
import json
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from accords.store import Store
from accords.store.export import export
from accords.store.schema import TABLES
from tests.store.builders import article, event, extraction, person, pledge


@pytest.mark.parametrize("fmt", ["parquet", "csv", "jsonl"])
def test_export_one_file_per_table(store: Store, tmp_path: Path, fmt: str) -> None:
    store.add(
        article("همکاری‌های امنیتی ایران و عمان", lang="fa"),
        extraction(event(people=(person("Kamran Farahani", "IRN"),)), commitments=(pledge(),)),
        version="1",
    )
    with store.reading() as connection:
        written = export(connection, tmp_path / "out", fmt)
    assert sorted(p.name for p in written) == sorted(f"{t.name}.{fmt}" for t in TABLES)
    rows = {path.stem: _read(path, fmt) for path in written}
    assert len(rows["articles"]) == 1 and len(rows["events"]) == 1
    assert len(rows["evidence"]) == 3  # the event, the actor's mention, the commitment
    assert rows["quantities"] == []
    assert rows["articles"][0]["text"] == "همکاری‌های امنیتی ایران و عمان"
    assert str(rows["articles"][0]["published"]).startswith("2024-01-16")


def _read(path: Path, fmt: str) -> list[dict[str, object]]:
    if fmt == "parquet":
        return pq.read_table(path).to_pylist()  # type: ignore[no-any-return]
    if fmt == "csv":
        with path.open(encoding="utf-8-sig", newline="") as stream:
            return list(csv.DictReader(stream))
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
