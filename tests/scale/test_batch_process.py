"""`accords batch` as a person runs it, each job a process of its own: two jobs on one
--out, a job killed at each of its steps and run again, inputs and an --out the user may not
read or write, a full disk, Ctrl-C."""

from __future__ import annotations

import ctypes
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from accords.faults import VARIABLE
from accords.store import Store
from accords.store.schema import actors, articles, commitments, event_actors, events
from tests.scale import texts
from tests.scale.conftest import inputs_in
from tests.scale.helpers import rows
from tests.signals import as_foreground_job
from tests.store_fixtures import db_url

__all__ = ["db_url"]

ACCORDS = [sys.executable, "-m", "accords"]
DATASETS = ("articles", "events", "actors", "commitments", "stories")


def accords(
    *args: str,
    fault: str | None = None,
    preexec_fn: Callable[[], None] | None = None,
    timeout: float = 300,
) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, VARIABLE: fault} if fault else None
    return subprocess.run(
        [*ACCORDS, *args],
        capture_output=True,
        text=True,
        timeout=timeout,
        stdin=subprocess.DEVNULL,
        env=env,
        preexec_fn=preexec_fn,
    )


def no_traceback(done: subprocess.CompletedProcess[str]) -> None:
    assert "Traceback" not in done.stderr, done.stderr
    assert "py4j" not in done.stderr, done.stderr


@pytest.fixture(scope="module")
def inputs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The inputs of conftest's corpus, four chunks, once for the module's jobs."""
    return inputs_in(tmp_path_factory.mktemp("batch") / "inputs")


@pytest.fixture(scope="module")
def whole(inputs: Path) -> Path:
    """What one job, never stopped, leaves."""
    out = inputs.parent / "whole"
    done = accords("batch", str(inputs), "--out", str(out), "--workers", "1")
    assert done.returncode == 0, done.stderr
    return out


def contents(out: Path) -> dict[str, list[str]]:
    """Every row of every dataset, sorted: the same rows, whatever the files."""
    return {name: sorted(repr(sorted(row.items())) for row in rows(out, name)) for name in DATASETS}


# Two jobs on one --out


def _locked_by(lock: Path, pid: int) -> bool:
    try:
        inode = lock.stat().st_ino
        held = Path("/proc/locks").read_text()
    except FileNotFoundError:
        return False
    for line in held.splitlines():
        fields = line.split()
        if (
            "FLOCK" in fields
            and str(pid) in fields
            and any(f.endswith(f":{inode}") for f in fields)
        ):
            return True
    return False


def test_batch_second_job_on_one_out_is_refused_and_a_killed_job_leaves_no_lock(
    inputs: Path, whole: Path, tmp_path: Path
) -> None:
    if not Path("/proc/locks").exists():
        pytest.skip("no /proc/locks here to see the first job take its lock")
    out = tmp_path / "out"
    first = subprocess.Popen(
        [*ACCORDS, "batch", str(inputs), "--out", str(out), "--workers", "1"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        stdin=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 120
        while not _locked_by(out / "_lock", first.pid):
            assert first.poll() is None, "the first job ended before it was seen holding --out"
            assert time.monotonic() < deadline
            time.sleep(0.02)
        first.send_signal(signal.SIGSTOP)  # the first job stays in the middle of its work
        second = accords("batch", str(inputs), "--out", str(out), "--workers", "1")
        assert second.returncode == 1
        assert second.stderr.splitlines() == [
            f"accords: another batch job (process {first.pid}) is writing to {out}; "
            "wait for it to end, or give another --out"
        ]
    finally:
        first.kill()  # as kill -9: its lock goes with it
        first.wait()
    again = accords("batch", str(inputs), "--out", str(out), "--workers", "1")
    assert again.returncode == 0, again.stderr
    assert contents(out) == contents(whole)


# Killed at each step, then run again


def test_batch_killed_at_each_step_and_run_again_leaves_what_one_run_leaves(
    inputs: Path, whole: Path, tmp_path: Path
) -> None:
    # one job after another on one --out, each killed at its step in what the one before
    # left (the first in its first chunk, the next after a chunk more, the third while
    # it publishes the datasets), then one that ends; two of them with worker processes,
    # which must end with their job, without a word. And first, one of the workers killed.
    out = tmp_path / "out"
    command = ("batch", str(inputs), "--out", str(out), "--workers")
    # a worker killed (by the OOM killer, say) in the middle of its chunk: the job ends
    # and says so, where it used to wait for that chunk for ever
    worker_killed = accords(*command, "2", fault="batch:reading", timeout=120)
    assert worker_killed.returncode == 1
    assert worker_killed.stderr.splitlines() == [
        "accords: a worker process of the job was killed (out of memory?); run the same "
        "command again to go on from the chunks done"
    ]
    for step, workers in [
        ("batch:reading", "1"),
        ("batch:chunk-done", "2"),
        ("batch:writing", "2"),
    ]:
        killed = accords(*command, workers, fault=step)
        assert killed.returncode == -signal.SIGKILL, (step, killed.stderr)  # it got there
        assert killed.stderr == ""
    chunks_done = len(list((out / "_chunks").iterdir()))
    again = accords(*command, "1")
    assert again.returncode == 0, again.stderr
    assert f"({chunks_done} done before)" in again.stdout
    assert contents(out) == contents(whole)
    assert not (out / "_tmp").exists()


def stored(db: str) -> dict[str, Any]:
    """What the database holds, by the articles' sources rather than their ids, with the
    stories as the sets of reports each gathers."""
    with Store.open(db) as store, store.reading() as connection:
        source = {row.id: row.source for row in connection.execute(select(articles))}
        found_articles = sorted(
            (r.source, r.hash, r.title, r.outlet, str(r.published), r.lang, r.text)
            for r in connection.execute(select(articles))
        )
        found_events = connection.execute(select(events)).all()
        event_source = {r.id: (source[r.article_id], r.position) for r in found_events}
        people = sorted(
            (*event_source[r.event_id], r.name, r.role)
            for r in connection.execute(select(event_actors))
        )
        stories: dict[str | None, set[str]] = {}
        for r in found_events:
            stories.setdefault(r.story, set()).add(source[r.article_id])
        return {
            "articles": found_articles,
            "events": sorted(
                (source[r.article_id], r.position, r.type, r.countries, r.domains, r.day)
                for r in found_events
            ),
            "actors": sorted(r.key for r in connection.execute(select(actors))),
            "people": people,
            "commitments": sorted(
                (source[r.article_id], r.position, r.kind, r.action)
                for r in connection.execute(select(commitments))
            ),
            "stories": sorted(sorted(members) for members in stories.values()),
            "unlinked": sum(1 for r in found_events if r.story is None),
        }


@pytest.fixture(scope="module")
def whole_db(whole: Path) -> str:
    """What one job, never stopped, stores in a database of its own."""
    from accords.scale.batch import batch

    db = str(whole.parent / "whole.db")
    inputs = str(whole.parent / "inputs")
    assert batch([inputs], out=whole, workers=1, to_db=db).stored
    return db


def test_batch_to_db_killed_while_loading_and_run_again_stores_what_one_run_stores(
    inputs: Path, whole: Path, whole_db: str, tmp_path: Path, db_url: str
) -> None:
    out = tmp_path / "out"
    shutil.copytree(whole, out)  # the datasets are built: the job only loads them
    command = ("batch", str(inputs), "--out", str(out), "--workers", "1", "--to-db", db_url)
    killed = accords(*command, fault="batch:loading")
    assert killed.returncode == -signal.SIGKILL, killed.stderr
    assert 0 < len(stored(db_url)["articles"]) < len(stored(whole_db)["articles"])
    again = accords(*command)
    assert again.returncode == 0, again.stderr
    assert stored(db_url) == stored(whole_db)
    assert contents(out) == contents(whole)


# Inputs and an --out the user may not read or write


def _without_the_right_to_ignore_permissions() -> None:
    """For a process run as root (as tests are here): drop the two capabilities that let
    root read and write past a file's mode, so that mode 000 means what it says."""
    if os.geteuid() != 0:
        return
    libc = ctypes.CDLL(None, use_errno=True)
    for capability in (1, 2):  # CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH
        if libc.prctl(24, capability, 0, 0, 0) != 0:  # PR_CAPBSET_DROP
            raise OSError(ctypes.get_errno(), "prctl(PR_CAPBSET_DROP)")


@pytest.fixture
def as_a_user() -> Callable[[], None]:
    """The preexec_fn that makes a process honour file modes; skips when it cannot."""
    probe = Path(os.environ.get("TMPDIR", "/tmp")) / f"accords-probe-{os.getpid()}"
    probe.write_text("x")
    probe.chmod(0)
    try:
        done = subprocess.run(
            [sys.executable, "-c", f"open({str(probe)!r}).read()"],
            capture_output=True,
            preexec_fn=_without_the_right_to_ignore_permissions,
        )
    except (OSError, subprocess.SubprocessError):
        pytest.skip("cannot drop the right to read any file here")
    finally:
        probe.unlink()
    if done.returncode == 0:
        pytest.skip("mode 000 is readable here even without CAP_DAC_OVERRIDE")
    return _without_the_right_to_ignore_permissions


def test_batch_unreadable_inputs_get_a_line_each_and_the_rest_is_read(
    inputs: Path, whole: Path, tmp_path: Path, as_a_user: Callable[[], None]
) -> None:
    named = tmp_path / "locked.jsonl"
    named.write_text('{"text": "x"}\n')
    bare = tmp_path / "README"  # no extension: batch looks inside to know what it is
    bare.write_text('{"text": "x"}\n')
    folder = tmp_path / "folder"
    (folder / "closed").mkdir(parents=True)
    (folder / "closed" / "hidden.jsonl").write_text('{"text": "x"}\n')
    inside = folder / "locked.jsonl"
    inside.write_text('{"text": "x"}\n')
    for path in (named, bare, inside, folder / "closed"):
        path.chmod(0)
    out = tmp_path / "out"
    done = accords("batch", str(inputs), str(named), str(bare), str(folder), "--out", str(out),
                   "--workers", "1", preexec_fn=as_a_user)  # fmt: skip
    no_traceback(done)
    assert done.returncode == 1
    lines = done.stderr.splitlines()
    for path, reason in [
        (named, "cannot be read (permission denied)"),
        (bare, "cannot be read (permission denied)"),
        (inside, "cannot be read (permission denied)"),
        (folder / "closed", "the folder cannot be read (permission denied)"),
    ]:
        assert f"accords: {path}: {reason}" in lines
    assert "4 inputs not read" in done.stdout
    assert contents(out) == contents(whole)  # everything else was read


def test_batch_out_the_user_may_not_write_is_one_line(
    inputs: Path, tmp_path: Path, as_a_user: Callable[[], None]
) -> None:
    closed = tmp_path / "closed"
    closed.mkdir(mode=0o555)
    out = closed / "out"
    done = accords("batch", str(inputs), "--out", str(out), preexec_fn=as_a_user)
    assert done.returncode == 1
    assert done.stderr.splitlines() == [
        f"accords: cannot write to {out} (permission denied); give as --out a folder you may "
        "write to"
    ]


# A full disk: a small file system of its own, mounted where only this test sees it


FULL_DISK = """
set -u
batch() { "$PYTHON" -m accords batch "$INPUTS" --out "$DISK/out" --workers 1; }
mount -t tmpfs -o size=96k accords-test "$DISK" || exit 3
batch >"$LOGS/full.out" 2>"$LOGS/full.err"
echo $? >"$LOGS/full.rc"
ls "$DISK/out/_chunks" >"$LOGS/full.chunks"
mount -o remount,size=64m "$DISK"  # the user frees some space
batch >"$LOGS/again.out" 2>"$LOGS/again.err"
echo $? >"$LOGS/again.rc"
cp -r "$DISK/out" "$LOGS/out"
"""


def test_batch_on_a_full_disk_says_so_and_a_rerun_completes(
    inputs: Path, whole: Path, tmp_path: Path
) -> None:
    unshare = shutil.which("unshare")
    if unshare is None or os.geteuid() != 0:
        pytest.skip("needs unshare and root to mount a small file system of its own")
    if subprocess.run([unshare, "-m", "true"], capture_output=True).returncode != 0:
        pytest.skip("no mount namespace may be made here")
    disk, logs = tmp_path / "disk", tmp_path / "logs"
    disk.mkdir()
    logs.mkdir()
    env = {**os.environ, "DISK": str(disk), "LOGS": str(logs), "INPUTS": str(inputs),
           "PYTHON": sys.executable}  # fmt: skip
    ran = subprocess.run([unshare, "-m", "sh", "-c", FULL_DISK], env=env, timeout=300)
    if ran.returncode == 3:
        pytest.skip("no file system may be mounted here")
    assert ran.returncode == 0
    full = (logs / "full.err").read_text()
    assert (logs / "full.rc").read_text().strip() == "1"
    assert "Traceback" not in full
    assert full.splitlines() == [
        f"accords: the disk of {disk}/out is full; free some space (or give another --out) "
        "and run the same command again: the chunks done are kept"
    ]
    assert (logs / "again.rc").read_text().strip() == "0", (logs / "again.err").read_text()
    done_before = len((logs / "full.chunks").read_text().split())
    assert f"({done_before} done before)" in (logs / "again.out").read_text()
    assert contents(logs / "out") == contents(whole)


# Ctrl-C, on either engine


@pytest.fixture
def many(tmp_path: Path) -> Iterator[Path]:
    """Enough articles for Spark to be busy a few seconds: 2,000 lines, eight chunks."""
    source = tmp_path / "many.jsonl"
    reports = [texts.OMAN_MEETING, texts.JORDAN_UAE_AR, texts.TURKEY_AZERBAIJAN]
    with source.open("w", encoding="utf-8") as stream:
        for n in range(2000):
            record = {
                "text": f"{reports[n % 3]}\nReport {n}.",
                "published": f"2024-0{1 + n % 9}-10",
            }
            stream.write(json.dumps(record, ensure_ascii=False) + "\n")
    yield source


@pytest.mark.parametrize("engine", ["local", pytest.param("spark", marks=pytest.mark.slow)])
def test_batch_ctrl_c_is_one_line(many: Path, tmp_path: Path, engine: str) -> None:
    if engine == "spark":
        if shutil.which("java") is None and not os.environ.get("JAVA_HOME"):
            pytest.skip("no Java runtime here")
        pytest.importorskip("pyspark")
    out = tmp_path / "out"
    job = subprocess.Popen(
        [*ACCORDS, "batch", str(many), "--out", str(out), "--engine", engine, "--workers", "2"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        stdin=subprocess.DEVNULL,
        text=True,
        start_new_session=True,  # a group of its own, as a terminal's foreground job
        preexec_fn=as_foreground_job,
    )
    try:
        deadline = time.monotonic() + 240
        while not (out / "_chunks").is_dir() or not any((out / "_chunks").iterdir()):
            assert job.poll() is None, job.communicate()
            assert time.monotonic() < deadline
            time.sleep(0.05)
        os.killpg(job.pid, signal.SIGINT)  # what Ctrl-C in a terminal sends
        stdout, stderr = job.communicate(timeout=120)
    finally:
        if job.poll() is None:
            os.killpg(job.pid, signal.SIGKILL)
    assert job.returncode == 130, stderr
    for noise in ("Traceback", "py4j", "Exception", "\tat "):
        assert noise not in stderr, stderr
    # Spark's JVM has its say as it starts, before the job is under way
    said = stderr.splitlines()
    ours = [line for line in said if line.startswith(("accords", "spark:", "Process "))]
    assert (said if engine == "local" else ours) == [
        "accords: interrupted; run the same command again to go on from the chunks done"
    ]
    assert stdout == ""
