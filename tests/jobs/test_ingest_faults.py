"""An `accords ingest` killed (SIGKILL) at each of its steps and run again leaves exactly
what an ingest never stopped leaves: the same articles, events, stories and full-text
index. The process kills itself at the step $ACCORDS_FAULT names (accords.faults), so each
case stops at its step, however fast the machine."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select, text

from accords.faults import VARIABLE
from accords.jobs.ingest import BATCH, ingest
from accords.lexicon import Lexicon
from accords.store import Store
from accords.store.schema import articles, events
from accords.store.stories import LEFT_UNLINKED
from tests.scale.texts import IRAQ_REPORT, OMAN_REPORT
from tests.store_fixtures import db_url

__all__ = ["db_url"]

ACCORDS = [sys.executable, "-m", "accords"]
TOTAL = 2 * BATCH + 8  # three batches: a stop while reading leaves work on both sides


def news(path: Path) -> str:
    """Meetings on days out of order, some a day apart (one story), some weeks apart."""
    records = []
    for n in range(TOTAL):
        day = date(2024, 1, 1) + timedelta(days=(n * 7) % 45)
        records.append(
            {"text": (OMAN_REPORT if n % 3 else IRAQ_REPORT).format(n=n), "published": str(day)}
        )
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return str(path)


def contents(db: str) -> dict[str, Any]:
    """What an ingest leaves, in terms that do not depend on row ids or on the source's
    path: articles by hash, events by article hash and position, their stories."""
    with Store.open(db, create=False) as store, store.reading() as connection:
        hashes = dict(connection.execute(select(articles.c.id, articles.c.hash)).all())
        found = connection.execute(
            select(events.c.article_id, events.c.position, events.c.type, events.c.countries,
                   events.c.date, events.c.day, events.c.story)
        ).all()  # fmt: skip
        indexed = connection.scalar(text("SELECT count(*) FROM article_search"))
        return {
            "articles": sorted(hashes.values()),
            "events": sorted((hashes[row[0]], *row[1:]) for row in found),
            "indexed": indexed,
            "due": store.linking_due(),
        }


def stored(db: str) -> tuple[int, int]:
    """Articles stored, and events with a story."""
    with Store.open(db, create=False) as store, store.reading() as connection:
        count = connection.scalar(select(func.count()).select_from(articles))
        linked = connection.scalar(select(func.count(events.c.story)))
        return int(count or 0), int(linked or 0)


@pytest.fixture(scope="module")
def uninterrupted(tmp_path_factory: pytest.TempPathFactory, lexicon: Lexicon) -> dict[str, Any]:
    folder = tmp_path_factory.mktemp("uninterrupted")
    db = str(folder / "accords.db")
    with Store.open(db) as store:
        assert ingest(store, [news(folder / "news.jsonl")], lexicon=lexicon).new == TOTAL
    found = contents(db)
    assert len({row[-1] for row in found["events"]}) > 2  # stories to get right
    return found


def run(source: str, db: str, fault: str | None = None) -> subprocess.CompletedProcess[str]:
    env = {key: value for key, value in os.environ.items() if key != VARIABLE}
    if fault:
        env[VARIABLE] = fault
    return subprocess.run(
        [*ACCORDS, "ingest", source, "--db", db],
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
        stdin=subprocess.DEVNULL,
    )


# each step, and what the stop leaves: articles stored, and whether any story is linked
STEPS = {
    "store:indexing": (0, False),  # the first batch's transaction dies with the process
    "ingest:reading": (BATCH, False),  # the first batch is in, the rest is not read yet
    "ingest:committed": (TOTAL, False),  # every article in, no story
    "store:linking": (TOTAL, False),  # the linking's transaction dies with the process
}


@pytest.mark.parametrize("step", list(STEPS))
def test_ingest_killed_at_each_step_then_run_again_leaves_what_one_run_leaves(
    step: str, db_url: str, tmp_path: Path, uninterrupted: dict[str, Any], lexicon: Lexicon
) -> None:
    source = news(tmp_path / "news.jsonl")
    killed = run(source, db_url, fault=step)
    assert killed.returncode == -signal.SIGKILL, killed.stderr
    at_kill, linked = stored(db_url)
    assert (at_kill, linked > 0) == STEPS[step]

    notes = rerun(step, source, db_url, lexicon)
    assert notes == ([LEFT_UNLINKED] if at_kill else [])  # the rerun said what it repaired
    assert contents(db_url) == uninterrupted


def rerun(step: str, source: str, db: str, lexicon: Lexicon) -> list[str]:
    """Run the ingest again; what it said of stories a stopped run left. Once through the
    command, to see its line on stderr; else in this process, as a second `accords ingest`
    costs seconds to start."""
    stopped, _ = stored(db)
    expected = (TOTAL - stopped, stopped, 0)
    if step == "ingest:committed":
        again = run(source, db)
        assert again.returncode == 0, again.stderr
        assert again.stdout.strip() == "{} new, {} already stored, {} failed".format(*expected)
        return [line.removeprefix("accords: ") for line in again.stderr.splitlines()]
    notes: list[str] = []
    with Store.open(db, on_notice=notes.append) as store:
        tally = ingest(store, [source], lexicon=lexicon, on_notice=notes.append)
    assert (tally.new, tally.known, tally.failed) == expected
    return notes
