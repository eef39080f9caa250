from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from accords.errors import AccordsError, InputError
from accords.model import Article
from accords.scale.plan import Chunk, expand_inputs, plan
from accords.scale.read import read_chunk


def _chunks(paths: list[str], size: int) -> list[Chunk]:
    found = list(plan(paths, size=size))
    assert all(isinstance(c, Chunk) for c in found)
    return [c for c in found if isinstance(c, Chunk)]


def _docs(chunk: Chunk) -> list[str]:
    return [item.doc for item in read_chunk(chunk) if isinstance(item, Article)]


@pytest.mark.parametrize("size", [1, 2, 3, 7])
@pytest.mark.parametrize("ending", ["\n", ""])
def test_plan_jsonl_chunks_cover_every_line_once(tmp_path: Path, size: int, ending: str) -> None:
    source = tmp_path / "a.jsonl"
    source.write_text("\n".join(json.dumps({"text": f"text {i}"}) for i in range(7)) + ending)
    chunks = _chunks([str(source)], size)
    assert len(chunks) == -(-7 // size)
    assert [d for c in chunks for d in _docs(c)] == [f"{source}:{i}" for i in range(1, 8)]


def test_plan_parquet_chunks_by_row_group(tmp_path: Path) -> None:
    source = tmp_path / "a.parquet"
    pq.write_table(pa.table({"text": [f"text {i}" for i in range(5)]}), source, row_group_size=2)
    chunks = _chunks([str(source)], 2)
    assert len(chunks) == 3
    assert [d for c in chunks for d in _docs(c)] == [f"{source}:{i}" for i in range(1, 6)]


def test_plan_parquet_without_text_is_one_error(tmp_path: Path) -> None:
    source = tmp_path / "a.parquet"
    pq.write_table(pa.table({"body": ["x", "y"]}), source)
    items = [i for c in _chunks([str(source)], 10) for i in read_chunk(c)]
    assert len(items) == 1
    assert isinstance(items[0], AccordsError)
    assert "no `text` column" in str(items[0])


def test_plan_chunk_ids_change_with_the_input(tmp_path: Path) -> None:
    source = tmp_path / "a.jsonl"
    source.write_text(json.dumps({"text": "one"}) + "\n")
    before = _chunks([str(source)], 10)[0].id
    assert _chunks([str(source)], 10)[0].id == before
    source.write_text(json.dumps({"text": "two, longer"}) + "\n")
    assert _chunks([str(source)], 10)[0].id != before


def test_plan_single_files_taken_several_at_a_time(tmp_path: Path) -> None:
    for i in range(5):
        (tmp_path / f"{i}.txt").write_text(f"text {i}")
    chunks = _chunks(expand_inputs([str(tmp_path)]), 2)
    assert [len(c.files) for c in chunks] == [2, 2, 1]


def test_plan_refuses_standard_input_and_addresses() -> None:
    for source in ("-", "https://news.example/feed.rss"):
        with pytest.raises(InputError, match="batch reads files"):
            expand_inputs([source])


def test_plan_missing_file_is_an_error_not_a_stop(tmp_path: Path) -> None:
    present = tmp_path / "a.txt"
    present.write_text("text")
    found = list(plan([str(tmp_path / "absent.txt"), str(present)]))
    assert isinstance(found[0], InputError)
    assert isinstance(found[1], Chunk)


def test_plan_parquet_metadata_of_any_type(tmp_path: Path) -> None:
    source = tmp_path / "a.parquet"
    table = pa.table(
        {
            "text": ["Ministers met.", "Police met."],
            "published": pa.array([date(2024, 3, 4), None], pa.date32()),
            "outlet": ["Gulf Wire", None],
        }
    )
    pq.write_table(table, source)
    found = [i for c in _chunks([str(source)], 10) for i in read_chunk(c)]
    assert [(a.published, a.outlet) for a in found if isinstance(a, Article)] == [
        (date(2024, 3, 4), "Gulf Wire"),
        (None, None),
    ]
