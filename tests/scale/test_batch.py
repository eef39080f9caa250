from __future__ import annotations

import errno
import shutil
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from accords.errors import OutputError
from accords.jobs.chunk import run_chunk, run_chunks
from accords.lexicon import Lexicon
from accords.scale import local
from accords.scale.batch import batch
from accords.scale.chunks import ChunkResult, Layout, output_error
from accords.scale.plan import Chunk, expand_inputs, plan
from tests.scale.helpers import docs, events, rows, stories


def test_batch_writes_five_datasets_partitioned_by_month(corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    summary = batch([str(corpus)], out=out, workers=1)
    assert summary.articles == 8
    for name in ("articles", "events", "actors", "commitments", "stories"):
        assert (out / name).is_dir()
    months = {p.name for p in (out / "events").iterdir()}
    assert {"month=2024-03", "month=2024-05", "month=2024-02"} <= months
    found = docs(out)
    assert f"{corpus}/news.jsonl:1" in found
    assert f"{corpus}/news.jsonl:5" in found  # line numbers count the bad and blank lines
    assert f"{corpus}/wire.parquet:1" in found
    assert f"{corpus}/crawl.warc.gz#https://news.example/border-talks" in found
    assert f"{corpus}/pages/uzbek.txt" in found
    for month in (out / "events").iterdir():  # one file a month, not one per chunk
        assert [f.name for f in month.iterdir()] == ["part-0.parquet"]
    article = next(r for r in rows(out, "articles") if r["doc"].endswith("news.jsonl:1"))
    assert article["outlet"] == "Gulf Wire"
    assert article["month"] == "2024-03"
    assert article["text"].startswith("Iran and Oman")


def test_batch_two_outlets_of_one_meeting_share_a_story(corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    batch([str(corpus)], out=out, workers=1)
    story = dict(stories(out))
    assert story[f"{corpus}/news.jsonl:1"] == story[f"{corpus}/news.jsonl:2"]
    assert story[f"{corpus}/news.jsonl:1"] != story[f"{corpus}/news.jsonl:5"]


def test_batch_malformed_records_are_counted_not_fatal(corpus: Path, tmp_path: Path) -> None:
    summary = batch([str(corpus), str(tmp_path / "absent.jsonl")], out=tmp_path / "out")
    lines = [problem.line() for problem in summary.problems]
    assert summary.failed == 2
    bad_line = f"{corpus}/news.jsonl: 1 record: not a JSON object"
    assert any(line.startswith(bad_line) for line in lines)
    assert any(f"{corpus}/wire.parquet: 1 record: `text` is missing" in line for line in lines)
    # a file not there is no bad record: it is an input not read
    assert [str(e) for e in summary.unread] == [f"{tmp_path}/absent.jsonl: no such file or folder"]
    assert summary.articles == 8  # the good records around the bad ones


def test_batch_one_line_per_file_and_reason(tmp_path: Path) -> None:
    source = tmp_path / "bad.jsonl"
    source.write_text("\n".join(["[1]", "[2]", '{"title": "x"}', "[3]"]) + "\n")
    summary = batch([str(source)], out=tmp_path / "out", chunk_size=2)
    assert [(p.reason, p.count, p.first) for p in summary.problems] == [
        ("not a JSON object", 3, f"{source}:1"),
        ("`text` is missing or empty", 1, f"{source}:3"),
    ]


def test_batch_rerun_skips_finished_chunks(
    corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "out"
    ran: list[str] = []

    def stopping(chunk: Chunk, out: str, lexicon: Lexicon) -> ChunkResult:
        if len(ran) == 2:
            raise KeyboardInterrupt  # the job is stopped half-way
        result = run_chunk(chunk, out, lexicon)
        ran.append(result.id)
        return result

    monkeypatch.setattr(local, "run_chunk", stopping)
    with pytest.raises(KeyboardInterrupt):
        batch([str(corpus)], out=out, workers=1, chunk_size=2)
    monkeypatch.setattr(local, "run_chunk", run_chunk)

    again: list[str] = []
    summary = batch(
        [str(corpus)], out=out, workers=1, chunk_size=2, on_chunk=lambda r: again.append(r.id)
    )
    assert summary.skipped == 2
    assert not set(again) & set(ran)
    assert len(again) == summary.chunks - 2
    assert summary.articles == 8

    whole = tmp_path / "whole"
    batch([str(corpus)], out=whole, workers=1, chunk_size=2)
    assert events(out) == events(whole)
    assert stories(out) == stories(whole)

    rerun = batch([str(corpus)], out=out, workers=1, chunk_size=2)
    assert rerun.skipped == rerun.chunks
    assert rerun.stories == summary.stories


def test_batch_on_several_processes_as_on_one(corpus: Path, tmp_path: Path) -> None:
    one = batch([str(corpus)], out=tmp_path / "one", workers=1, chunk_size=2)
    two = batch([str(corpus)], out=tmp_path / "two", workers=2, chunk_size=2)
    assert (one.articles, one.events, one.failed) == (two.articles, two.events, two.failed)
    assert events(tmp_path / "one") == events(tmp_path / "two")
    assert stories(tmp_path / "one") == stories(tmp_path / "two")


def test_batch_leaves_no_work_in_progress(corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    batch([str(corpus)], out=out, workers=1)
    assert not (out / "_tmp").exists()
    chunks = list((out / "_chunks").iterdir())
    assert (out / "_manifest.jsonl").read_text().count("\n") == len(chunks)


def test_batch_never_reads_its_own_output(corpus: Path) -> None:
    out = corpus / "out"
    first = batch([str(corpus)], out=out, workers=1)
    second = batch([str(corpus)], out=out, workers=1)
    assert second.chunks == first.chunks
    assert second.skipped == second.chunks


def test_batch_a_retried_task_does_not_redo_its_done_chunks(corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    summary = batch([str(corpus)], out=out, workers=1, chunk_size=2)
    chunks = [c for c in plan(expand_inputs([str(corpus)]), size=2) if isinstance(c, Chunk)]
    written = {path: path.stat().st_mtime_ns for path in (out / "_chunks").rglob("*.parquet")}
    results = list(run_chunks(chunks, str(out)))  # what a retried Spark task runs
    assert sum(result.articles for result in results) == summary.articles
    assert {path: path.stat().st_mtime_ns for path in written} == written


def test_batch_rerun_on_several_processes_links_old_and_new_chunks(
    corpus: Path, tmp_path: Path
) -> None:
    whole = batch([str(corpus)], out=tmp_path / "whole", workers=2, chunk_size=2)
    out = tmp_path / "out"
    batch([str(corpus)], out=out, workers=2, chunk_size=2)
    # as if the job had stopped before its last chunks: the others are read from disk
    for chunk in sorted((out / "_chunks").iterdir())[-2:]:
        shutil.rmtree(chunk)
    (out / "_final.json").unlink()
    again = batch([str(corpus)], out=out, workers=2, chunk_size=2)
    assert again.skipped == again.chunks - 2
    assert again.stories == whole.stories
    assert stories(out) == stories(tmp_path / "whole")
    assert events(out) == events(tmp_path / "whole")


def test_batch_refuses_an_out_another_job_holds(corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    with Layout(out).locked():  # another job, in the middle of its work
        with pytest.raises(OutputError, match=r"another batch job \(process \d+\) is writing"):
            batch([str(corpus)], out=out, workers=1)
        assert not (out / "_chunks").exists()  # nothing of the job's touched
    assert batch([str(corpus)], out=out, workers=1).articles == 8


def test_batch_on_a_full_disk_says_so_and_a_rerun_goes_on(
    corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # the same as tests/scale/test_batch_process.py on a small file system of its own,
    # where that cannot be mounted: the disk fills as the second chunk is written
    written: list[str] = []
    write_table = pq.write_table

    def filling(rows: object, where: object, **options: object) -> None:
        if len(written) >= 5:  # one chunk's five tables
            raise OSError(errno.ENOSPC, "No space left on device")
        written.append(str(where))
        write_table(rows, where, **options)

    out = tmp_path / "out"
    monkeypatch.setattr(pq, "write_table", filling)
    with pytest.raises(OutputError) as raised:
        batch([str(corpus)], out=out, workers=1)
    assert str(raised.value) == (
        f"the disk of {out} is full; free some space (or give another --out) and run the "
        "same command again: the chunks done are kept"
    )
    monkeypatch.undo()
    again = batch([str(corpus)], out=out, workers=1)
    assert (again.skipped, again.articles) == (1, 8)


def test_batch_out_that_cannot_be_a_folder_is_one_error(corpus: Path, tmp_path: Path) -> None:
    a_file = tmp_path / "file"
    a_file.write_text("")
    with pytest.raises(OutputError, match=r"cannot write to .*file/out \(not a directory\)"):
        batch([str(corpus)], out=a_file / "out")


def test_batch_rerun_builds_a_dataset_that_went_missing_again(corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    batch([str(corpus)], out=out, workers=1)
    before = rows(out, "articles")
    shutil.rmtree(out / "articles")  # as two jobs at once left it, before the lock
    again = batch([str(corpus)], out=out, workers=1)
    assert again.skipped == again.chunks
    assert sorted(map(repr, rows(out, "articles"))) == sorted(map(repr, before))


def test_batch_a_full_disk_on_spark_executors_is_told_as_one(tmp_path: Path) -> None:
    # what reaches the driver: Spark's error, the executor's Python traceback as text
    failure = RuntimeError(
        "An error occurred while calling o81.collect.\n: org.apache.spark.SparkException: "
        'Job aborted\n  File "pyarrow/_fs.pyx"\nOSError: [Errno 28] Error writing bytes '
        "to file. Detail: [errno 28] No space left on device\n"
    )
    found = output_error(failure, tmp_path)
    assert found is not None
    assert str(found).startswith(f"the disk of {tmp_path} is full")
    assert output_error(RuntimeError("Job aborted: division by zero"), tmp_path) is None
    elsewhere = PermissionError(13, "Permission denied", "/etc/accords.toml")
    assert output_error(elsewhere, tmp_path) is None  # not the output's to explain
