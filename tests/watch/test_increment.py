"""Incremental linking gives what a full relink gives: after each round of new reports
linked incrementally, a full relink of the store changes no event's story."""

from __future__ import annotations

import dataclasses
from datetime import date, timedelta
from pathlib import Path

import pytest
from sqlalchemy import func, select

from accords.model import Actor, Extraction
from accords.store import Store
from accords.store.increment import link_new
from accords.store.schema import events
from accords.store.stories import relink
from tests import builders
from tests.watch.synthetic import add, reports


def rounds_equal_a_full_relink(store: Store, count: int, *, dated: bool) -> int:
    made = reports(count, dated=dated)
    old, new = made[:-40], made[-40:]
    add(store, old, link=True)
    changed = 0
    for start in range(0, len(new), 10):  # four rounds of ten
        ids = add(store, new[start : start + 10])
        with store.writing() as connection:
            changed += link_new(connection, ids)
    with store.writing() as connection:  # a wrong round would stay wrong: checked once
        assert relink(connection) == 0
    with store.reading() as connection:
        assert connection.scalar(select(func.count()).where(events.c.story.is_(None))) == 0
    return changed


@pytest.mark.parametrize(
    ("count", "dated"), [(100_000, True), (20_000, False)], ids=["dated", "some-undated"]
)
def test_incremental_linking_equals_a_full_relink(tmp_path: Path, count: int, dated: bool) -> None:
    """Reports over ten years: a new report most often lands among old ones, in the weeks
    of their stories. 100,000 as a watched store holds them, every report dated by its
    feed item (a minute or two: the full relinks, not the rounds); 20,000 with reports
    of no date, which a relink reads apart (benchmarks/watch.py checks 1,000,000)."""
    with Store.open(str(tmp_path / "a.db")) as store:
        changed = rounds_equal_a_full_relink(store, count, dated=dated)
    assert changed >= 40  # each new report's events at least; some old ones moved too


def test_incremental_linking_on_each_database(store: Store) -> None:
    assert rounds_equal_a_full_relink(store, 2_000, dated=False) >= 40


def test_a_new_report_that_shifts_a_chain_of_stories(tmp_path: Path) -> None:
    """Reports four days apart pair up into stories (0 and 4, 8 and 12, ...); one more
    the day before the first moves every pair along (-1 and 0, 4 and 8, ...): the run
    read around the new report grows until it holds the whole chain."""
    chain = [_report(f"r{day}", START + timedelta(days=day)) for day in range(0, 400, 4)]
    with Store.open(str(tmp_path / "a.db")) as store:
        add(store, chain, link=True)
        with store.reading() as connection:
            before = len(set(connection.scalars(select(events.c.story))))
        ids = add(store, [_report("early", START - timedelta(days=1))])
        with store.writing() as connection:
            assert link_new(connection, ids) == len(chain) + 1  # every pair is a new one
        with store.writing() as connection:
            assert relink(connection) == 0
            assert len(set(connection.scalars(select(events.c.story)))) == before + 1


START = date(2024, 1, 1)
MINISTERS = [Actor("Ali Rezaei", "Ali Rezaei", "IRN", "minister of interior", None, ())]


def _report(doc: str, day: date) -> Extraction:
    event = builders.event(
        countries=("IRN", "RUS"), when=day.isoformat(), people=MINISTERS, domains=("terrorism",)
    )
    return Extraction(doc, "en", None, day.isoformat(), [event], [], [], [])


def test_an_old_story_a_new_report_joins_changes_id_as_a_relink_does(tmp_path: Path) -> None:
    made = reports(3_000, dated=True)
    with Store.open(str(tmp_path / "a.db")) as store:
        add(store, made, link=True)
        # the same events again, as other outlets' reports: each joins its story
        twins = [dataclasses.replace(e, doc=e.doc + "-again") for e in made[:30]]
        ids = add(store, twins)
        with store.writing() as connection:
            assert link_new(connection, ids) >= 30
        with store.writing() as connection:
            assert relink(connection) == 0
