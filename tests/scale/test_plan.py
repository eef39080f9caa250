from __future__ import annotations

import json
import os
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


def test_plan_inputs_not_there_and_empty_folders_are_told_not_passed_over(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "archive"
    folder.mkdir()
    (folder / "a.jsonl").write_text('{"text": "x"}\n')
    (folder / "gone.jsonl").symlink_to(tmp_path / "nowhere.jsonl")
    (tmp_path / "empty").mkdir()
    (tmp_path / "only-notes").mkdir()
    (tmp_path / "only-notes" / "notes.doc").write_text("x")
    link = tmp_path / "link.jsonl"
    link.symlink_to(tmp_path / "nowhere.jsonl")
    errors: list[InputError] = []
    empty: list[str] = []
    named = [str(folder), str(tmp_path / "mistyped.jsonl"), str(link)]
    named += [str(tmp_path / "empty"), str(tmp_path / "only-notes")]
    found = expand_inputs(named, on_error=errors.append, on_empty=empty.append)
    assert found == [str(folder / "a.jsonl")]
    assert sorted(str(error) for error in errors) == sorted(
        [
            f"{folder / 'gone.jsonl'}: a link to {tmp_path / 'nowhere.jsonl'}, which is not there",
            f"{tmp_path / 'mistyped.jsonl'}: no such file or folder",
            f"{link}: a link to {tmp_path / 'nowhere.jsonl'}, which is not there",
        ]
    )
    assert empty == [str(tmp_path / "empty"), str(tmp_path / "only-notes")]


def test_plan_folders_in_the_order_of_their_names(tmp_path: Path) -> None:
    # the order of sorted(rglob()), which the ids of chunks of loose files were made by
    for name in ("b.txt", "a/z.txt", "a-c.txt", "a/b/c.txt"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("x")
    expected = [str(p) for p in sorted(tmp_path.rglob("*.txt"))]
    assert expand_inputs([str(tmp_path)]) == expected


def test_plan_a_file_that_is_not_a_regular_file_is_an_error(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.jsonl"
    os.mkfifo(fifo)
    present = tmp_path / "a.jsonl"
    present.write_text('{"text": "x"}\n')
    found = list(plan([str(fifo), str(present)]))
    assert [str(item) for item in found if isinstance(item, InputError)] == [
        f"{fifo}: cannot be read (not a regular file)"
    ]
    assert isinstance(found[1], Chunk)


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads a file of mode 000 all the same")
def test_plan_a_file_that_cannot_be_read_is_an_error_not_a_stop(tmp_path: Path) -> None:
    locked, bare = tmp_path / "locked.jsonl", tmp_path / "README"
    for path in (locked, bare):
        path.write_text('{"text": "x"}\n')
        path.chmod(0)
    found = list(plan([str(locked), str(bare)]))
    assert [str(item) for item in found] == [
        f"{locked}: cannot be read (permission denied)",
        f"{bare}: cannot be read (permission denied)",
    ]


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


def test_plan_a_line_over_the_limit_is_told_in_megabytes_and_the_next_read(
    tmp_path: Path,
) -> None:
    source = tmp_path / "news.jsonl"
    big = json.dumps({"text": "x" * (2 << 20)})
    small = json.dumps({"text": "Iran and Oman police chiefs met."})
    source.write_text(f"{big}\n{small}\n", encoding="utf-8")
    (chunk,) = _chunks([str(source)], 10)
    found = list(read_chunk(chunk, max_bytes=1 << 20))
    assert str(found[0]) == f"{source}:1: the line is over the limit of 1 MB (ACCORDS_MAX_MB)"
    assert isinstance(found[1], Article)
