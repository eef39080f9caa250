"""`accords ingest` as a person runs it: a separate process, bad sources beside good ones,
killed half-way, two at once on one SQLite file."""

from __future__ import annotations

import gzip
import io
import json
import os
import re
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from accords.ingest.decode import MAX_BYTES
from accords.store.stories import LEFT_UNLINKED
from tests.http_server import closed_port, serve
from tests.signals import as_foreground_job

ACCORDS = [sys.executable, "-m", "accords"]
SUMMARY = re.compile(r"^(\d+) new, (\d+) already stored, (\d+) failed$")
TEXT = (
    "Iran and Oman step up maritime security cooperation\n\n"
    "MUSCAT, January 15, 2024 - Iranian Interior Minister Kamran Farahani met Omani Interior "
    "Minister Khalid Al Rawahi in Muscat on Monday to discuss drug trafficking in the Sea of "
    "Oman. Report number {n}."
)


def corpus(folder: Path, count: int, start: int = 0) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for n in range(start, start + count):
        (folder / f"{n:04}.txt").write_text(TEXT.format(n=n), encoding="utf-8")
    return folder


def accords(*args: str, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*ACCORDS, *args], capture_output=True, text=True, timeout=timeout, stdin=subprocess.DEVNULL
    )


def summary(stdout: str) -> tuple[int, int, int]:
    found = SUMMARY.match(stdout.strip().splitlines()[-1])
    assert found, stdout
    new, known, failed = (int(g) for g in found.groups())
    return new, known, failed


def stored(db: Path) -> int:
    with sqlite3.connect(db) as connection:
        return int(connection.execute("SELECT count(*) FROM articles").fetchone()[0])


def truncated_warc() -> bytes:
    out = io.BytesIO()
    writer = WARCWriter(out, gzip=True)
    for n in range(4):
        body = f"<html><body><article><p>{TEXT.format(n=100 + n)}</p></article></body></html>"
        writer.write_record(
            writer.create_warc_record(
                f"https://x.example/{n}",
                "response",
                payload=io.BytesIO(body.encode()),
                http_headers=StatusAndHeaders(
                    "200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1"
                ),
            )
        )
    data = out.getvalue()
    return data[: int(len(data) * 0.6)]


def test_cli_ingest_bad_sources_one_line_each_good_ones_stored(tmp_path: Path) -> None:
    db = tmp_path / "accords.db"
    before = corpus(tmp_path / "before", 2)
    first = accords("ingest", str(before), "--db", str(db))
    assert first.returncode == 0, first.stderr
    assert summary(first.stdout) == (2, 0, 0)

    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "empty.txt").write_bytes(b"")
    (bad / "binary.txt").write_bytes(bytes(range(256)) * 20)
    (bad / "cut.warc.gz").write_bytes(truncated_warc())
    (bad / "broken.rss").write_bytes(b"<rss><channel><title>x</title><<< not a feed &&&")
    (bad / "lines.jsonl").write_text(
        json.dumps({"text": TEXT.format(n=50)}) + '\n{"text": oops}\n', encoding="utf-8"
    )
    good = corpus(tmp_path / "good", 2, start=10)
    with serve() as site:
        huge = site.add("/huge", b"<html>" + b"x" * (MAX_BYTES + 10) + b"</html>")
        silent = f"http://127.0.0.1:{closed_port()}/news"
        run = accords(
            "ingest",
            str(good / "0010.txt"),
            *(str(bad / name) for name in sorted(os.listdir(bad))),
            huge,
            silent,
            str(good / "0011.txt"),
            "--db",
            str(db),
        )
    assert run.returncode == 1
    assert "Traceback" not in run.stderr
    lines = run.stderr.strip().splitlines()
    named = [
        "binary.txt",
        "broken.rss",
        "cut.warc.gz",
        "empty.txt",
        "lines.jsonl:2",
        huge,
        silent,
    ]
    assert len(lines) == len(named), run.stderr
    for line, name in zip(lines, named, strict=True):
        assert line.startswith("accords: ") and name in line, line
    assert "over the limit" in lines[5] and "cannot connect" in lines[6]
    # the good files, the first line of the JSONL and the two pages before the cut
    assert summary(run.stdout) == (5, 0, 7)
    assert stored(db) == 2 + 5  # nothing stored before is lost


@pytest.mark.parametrize("stop", [signal.SIGKILL, signal.SIGINT], ids=["SIGKILL", "SIGINT"])
def test_cli_ingest_killed_half_way_consistent_and_rerun_stores_the_rest(
    tmp_path: Path, stop: signal.Signals
) -> None:
    total = 150
    folder = corpus(tmp_path / "news", total)
    db = tmp_path / "accords.db"
    process = subprocess.Popen(
        [*ACCORDS, "ingest", str(folder), "--db", str(db)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        stdin=subprocess.DEVNULL,
        preexec_fn=as_foreground_job,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and process.poll() is None:
        try:
            if stored(db) >= 10:
                break
        except sqlite3.Error:
            pass  # not created yet
        time.sleep(0.02)
    process.send_signal(stop)
    _, stderr = process.communicate(timeout=30)
    assert b"Traceback" not in stderr
    if stop == signal.SIGINT:  # Ctrl-C: one line that says what a rerun does
        assert process.returncode == 130
        assert stderr.decode().splitlines()[-1] == (
            "accords: interrupted; run the same command again to store the rest"
        )
    at_kill = stored(db)
    assert 10 <= at_kill < total, "the ingest finished before it could be stopped"

    with sqlite3.connect(db) as connection:
        assert connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert connection.execute("PRAGMA foreign_key_check").fetchall() == []
        indexed = connection.execute("SELECT count(*) FROM article_search").fetchone()[0]
        assert indexed == at_kill
        # each stored article came with its whole extraction: the texts differ only in a
        # number, so each has as many events as every other
        per_article = connection.execute(
            "SELECT a.id, count(e.id) FROM articles a LEFT JOIN events e ON e.article_id = a.id "
            "GROUP BY a.id"
        ).fetchall()
        assert len({events for _, events in per_article}) == 1

    rerun = accords("ingest", str(folder), "--db", str(db))
    assert rerun.returncode == 0, rerun.stderr
    assert summary(rerun.stdout) == (total - at_kill, at_kill, 0)
    assert stored(db) == total


def test_cli_ingest_two_at_once_into_one_sqlite_file(tmp_path: Path) -> None:
    total = 60
    folder = corpus(tmp_path / "news", total)
    db = tmp_path / "accords.db"
    processes = [
        subprocess.Popen(
            [*ACCORDS, "ingest", str(folder), "--db", str(db)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            stdin=subprocess.DEVNULL,
            text=True,
        )
        for _ in range(2)
    ]
    results = [p.communicate(timeout=120) for p in processes]
    for process, (_, stderr) in zip(processes, results, strict=True):
        assert process.returncode == 0, stderr
        # one may find the other's articles stored and not yet linked, and link them
        assert stderr in ("", f"accords: {LEFT_UNLINKED}\n"), stderr
    tallies = [summary(stdout) for stdout, _ in results]
    assert sum(t[0] for t in tallies) == total and sum(t[1] for t in tallies) == total
    with sqlite3.connect(db) as connection:
        assert connection.execute("SELECT count(*) FROM articles").fetchone()[0] == total
        assert connection.execute("SELECT count(DISTINCT source) FROM articles").fetchone()[0] == (
            total
        )
        per_article = connection.execute(
            "SELECT count(e.id) FROM articles a LEFT JOIN events e ON e.article_id = a.id "
            "GROUP BY a.id"
        ).fetchall()
        assert len(set(per_article)) == 1


def test_cli_query_of_a_missing_database_is_one_line(tmp_path: Path) -> None:
    run = accords("events", "--db", str(tmp_path / "none.db"))
    assert run.returncode == 1
    assert run.stderr.strip().count("\n") == 0 and "accords ingest SOURCE" in run.stderr
    assert not (tmp_path / "none.db").exists()


def test_cli_ingest_gzip_text_is_not_mistaken(tmp_path: Path) -> None:
    path = tmp_path / "archive.warc.gz"
    with gzip.open(path, "wb") as out:
        out.write(b"plain words, not a crawl\n" * 50)
    run = accords("ingest", str(path), "--db", str(tmp_path / "a.db"))
    assert run.returncode == 1 and "Traceback" not in run.stderr
    assert run.stderr.startswith(f"accords: {path}")


PEAK = (
    "import resource, subprocess, sys\n"
    "run = subprocess.run(sys.argv[1:], capture_output=True, text=True, stdin=subprocess.DEVNULL)\n"
    "sys.stderr.write(run.stderr)\n"
    "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)\n"
    "print(run.returncode)\n"
)


def peak_memory(*args: str, timeout: float = 120) -> tuple[int, int, str]:
    """The exit status of `accords ARGS`, its peak resident memory in bytes, its stderr:
    measured by a process of its own, whose only child it is."""
    watch = subprocess.run(
        [sys.executable, "-c", PEAK, *ACCORDS, *args],
        capture_output=True,
        text=True,
        timeout=timeout,
        stdin=subprocess.DEVNULL,
    )
    peak_kb, status = watch.stdout.split()
    return int(status), int(peak_kb) * 1024, watch.stderr


def test_cli_ingest_decompression_bombs_stay_under_a_gigabyte(tmp_path: Path) -> None:
    from tests.ingest import bombs

    made = {
        "zeros.warc.gz": bombs.zeros(1024),  # 1 GB of zeros in 1 MB
        "header.warc.gz": bombs.long_warc_header(1024),  # one 1 GB WARC header line
        "http.warc.gz": bombs.long_http_header(1024),  # one 1 GB HTTP header line
        "chunked.warc.gz": bombs.chunked_response(b"<p>x</p>" * (bombs.MB // 8), 1024),
        "line.jsonl.gz": bombs.long_jsonl_line(384),  # one 384 MB line
    }
    for name, data in made.items():
        assert len(data) < 2 * bombs.MB
        (tmp_path / name).write_bytes(data)
    good = corpus(tmp_path / "good", 1)
    status, peak, stderr = peak_memory(
        "ingest",
        *(str(tmp_path / name) for name in made),
        str(good),
        "--db",
        str(tmp_path / "a.db"),
    )
    assert status == 1 and "Traceback" not in stderr
    lines = stderr.strip().splitlines()
    assert len(lines) == len(made), stderr
    assert all("over the limit" in line for line in lines), stderr
    assert peak < 1 << 30, f"peak memory {peak >> 20} MB"
    assert stored(tmp_path / "a.db") == 1


@pytest.mark.parametrize(
    ("command", "device"), [("ingest", "/dev/zero"), ("extract", "/dev/urandom")]
)
def test_cli_device_stops_at_the_size_limit(tmp_path: Path, command: str, device: str) -> None:
    options = ["--db", str(tmp_path / "a.db")] if command == "ingest" else []
    status, peak, stderr = peak_memory(command, device, *options, timeout=60)
    assert status == 1
    limit = "the limit of 20 MB (ACCORDS_MAX_MB)"
    assert stderr.strip() == f"accords: {device}: the file is over {limit}"
    assert peak < 1 << 30


def test_cli_ingest_lone_surrogate_is_repaired_and_the_rest_stored(tmp_path: Path) -> None:
    news = tmp_path / "news.jsonl"
    records = [
        {"text": TEXT.format(n=1)},
        {"text": TEXT.format(n=2).replace("Monday", "Monday \ud800"), "title": "Muscat \udfff"},
        {"text": TEXT.format(n=3)},
    ]
    news.write_text("\n".join(json.dumps(r) for r in records) + "\n", encoding="ascii")
    beside = corpus(tmp_path / "beside", 1, start=4)
    db = tmp_path / "a.db"
    run = accords("ingest", str(news), str(beside), "--db", str(db))
    assert run.returncode == 0, run.stderr
    assert summary(run.stdout) == (4, 0, 0)
    with sqlite3.connect(db) as connection:
        (title, text) = connection.execute(
            "SELECT title, text FROM articles WHERE text LIKE '%Report number 2.'"
        ).fetchone()
    assert title == "Muscat \ufffd" and "Monday \ufffd" in text


def test_cli_ingest_dangling_link_in_a_folder_is_one_line(tmp_path: Path) -> None:
    folder = corpus(tmp_path / "news", 2)
    (folder / "moved.txt").symlink_to(tmp_path / "elsewhere.txt")
    run = accords("ingest", str(folder), "--db", str(tmp_path / "a.db"))
    assert run.returncode == 1
    assert run.stderr == f"accords: {folder / 'moved.txt'}: a link to a file that is not there\n"
    assert summary(run.stdout) == (2, 0, 1)


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads a mode-000 folder")
def test_cli_ingest_unreadable_subfolder_is_one_line(tmp_path: Path) -> None:
    folder = corpus(tmp_path / "news", 2)
    locked = corpus(folder / "locked", 2, start=2)
    locked.chmod(0)
    try:
        run = accords("ingest", str(folder), "--db", str(tmp_path / "a.db"))
    finally:
        locked.chmod(0o755)
    assert run.returncode == 1
    assert run.stderr.startswith(f"accords: {locked}: the folder cannot be read")
    assert summary(run.stdout) == (2, 0, 1)


def test_cli_ingest_says_in_one_line_that_a_text_too_long_was_cut(tmp_path: Path) -> None:
    long = tmp_path / "long.txt"
    long.write_text(TEXT.format(n=1) + "\n\n" + "word " * 1000, encoding="utf-8")
    run = subprocess.run(
        [*ACCORDS, "ingest", str(long), "--db", str(tmp_path / "a.db")],
        capture_output=True,
        text=True,
        env={**os.environ, "ACCORDS_MAX_CHARACTERS": "2000"},
        timeout=120,
    )
    assert run.returncode == 0, run.stderr
    assert summary(run.stdout) == (1, 0, 0)
    [line] = run.stderr.splitlines()
    assert line.startswith(f"accords: {long}: only the first ")
    assert "ACCORDS_MAX_CHARACTERS" in line
