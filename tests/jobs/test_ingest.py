from __future__ import annotations

import json
import threading
from pathlib import Path

import pytest
from sqlalchemy import func, select, update

from accords import faults, pipeline
from accords.errors import AccordsError
from accords.jobs.ingest import ingest
from accords.jobs.reextract import reextract
from accords.lexicon import Lexicon
from accords.store import Store
from accords.store.schema import articles, events
from accords.store.stories import LEFT_UNLINKED
from tests.store_fixtures import db_url, store

__all__ = ["db_url", "store"]  # the fixtures, for pytest

MEETING = (
    "Iran and Oman step up maritime security cooperation\n\n"
    "MUSCAT, January 15, 2024 - Iranian Interior Minister Kamran Farahani met Omani Interior "
    "Minister Khalid Al Rawahi in Muscat on Monday to discuss drug trafficking in the Sea of "
    "Oman. Report {n}."
)


def write_corpus(folder: Path, count: int) -> list[str]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for n in range(count):
        path = folder / f"{n:03}.txt"
        path.write_text(MEETING.format(n=n), encoding="utf-8")
        paths.append(str(path))
    return paths


def count(store: Store, table: object = articles) -> int:
    with store.reading() as connection:
        return int(connection.scalar(select(func.count()).select_from(table)) or 0)  # type: ignore[arg-type]


def test_ingest_twice_stores_once(store: Store, tmp_path: Path, lexicon: Lexicon) -> None:
    folder = tmp_path / "news"
    write_corpus(folder, 4)
    (folder / "same-again.jsonl").write_text(
        json.dumps({"text": MEETING.format(n=0)}) + "\n", encoding="utf-8"
    )
    first = ingest(store, [str(folder)], lexicon=lexicon)
    assert (first.new, first.known, first.failed) == (4, 1, 0)  # the JSONL line is 000.txt
    stored_events = count(store, events)
    second = ingest(store, [str(folder)], lexicon=lexicon)
    assert (second.new, second.known, second.failed) == (0, 5, 0)
    assert str(second) == "0 new, 5 already stored, 0 failed"
    assert count(store) == 4 and count(store, events) == stored_events


def test_ingest_bad_sources_reported_good_ones_stored(
    store: Store, tmp_path: Path, lexicon: Lexicon
) -> None:
    good = write_corpus(tmp_path / "good", 2)
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "binary.txt").write_bytes(b"\x00\x01\xff" * 300)
    errors: list[AccordsError] = []
    tally = ingest(
        store,
        [good[0], str(tmp_path / "empty.txt"), str(tmp_path / "binary.txt"), good[1]],
        lexicon=lexicon,
        on_error=errors.append,
    )
    assert (tally.new, tally.failed) == (2, 2)
    assert [e.source for e in errors] == [str(tmp_path / "empty.txt"), str(tmp_path / "binary.txt")]


def test_ingest_extraction_failure_is_one_error(
    store: Store, tmp_path: Path, lexicon: Lexicon, monkeypatch: pytest.MonkeyPatch
) -> None:
    paths = write_corpus(tmp_path, 2)

    def extract(article: object, lexicon: object) -> object:
        if str(getattr(article, "doc", "")).endswith("000.txt"):
            raise IndexError("rule bug")
        return pipeline.extract(article, lexicon)  # type: ignore[arg-type]

    monkeypatch.setattr("accords.jobs.extract", extract)
    errors: list[AccordsError] = []
    tally = ingest(store, paths, lexicon=lexicon, on_error=errors.append)
    assert (tally.new, tally.failed) == (1, 1)
    assert "extraction failed (IndexError: rule bug)" in str(errors[0])


def test_ingest_two_at_once_store_everything_once(
    db_url: str, tmp_path: Path, lexicon: Lexicon
) -> None:
    paths = write_corpus(tmp_path, 12)
    Store.open(db_url).close()
    tallies = []

    def run(order: list[str]) -> None:
        with Store.open(db_url) as own:
            tallies.append(ingest(own, order, lexicon=lexicon))

    threads = [threading.Thread(target=run, args=(p,)) for p in (paths, paths[::-1])]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sum(t.new for t in tallies) == 12 and sum(t.known for t in tallies) == 12
    with Store.open(db_url) as store:
        assert count(store) == 12


def test_reextract_brings_older_articles_up_to_date(
    store: Store, tmp_path: Path, lexicon: Lexicon
) -> None:
    ingest(store, write_corpus(tmp_path, 3), lexicon=lexicon)
    before = count(store, events)
    with store.writing() as connection:
        connection.execute(
            update(articles).where(articles.c.id <= 2).values(extractor_version="0.0.1")
        )
    assert reextract(store, lexicon=lexicon) == 2
    assert reextract(store, lexicon=lexicon) == 0
    with store.reading() as connection:
        versions = set(connection.scalars(select(articles.c.extractor_version)))
    assert versions == {pipeline.VERSION}
    assert count(store, events) == before  # replaced, not added to


class Stopped(Exception):
    """Where a killed process would have died."""


def stop_at(monkeypatch: pytest.MonkeyPatch, step: str) -> None:
    def point(reached: str) -> None:
        if reached == step:
            raise Stopped(step)

    monkeypatch.setattr(faults, "point", point)


def stories(store: Store) -> list[str | None]:
    with store.reading() as connection:
        return list(connection.scalars(select(events.c.story).order_by(events.c.id)))


def test_ingest_of_nothing_new_links_what_a_stopped_ingest_left(
    store: Store, tmp_path: Path, lexicon: Lexicon, monkeypatch: pytest.MonkeyPatch
) -> None:
    paths = write_corpus(tmp_path, 3)
    stop_at(monkeypatch, "ingest:committed")
    with pytest.raises(Stopped):
        ingest(store, paths, lexicon=lexicon)
    assert count(store) == 3 and set(stories(store)) == {None}
    monkeypatch.undo()
    notes: list[str] = []
    tally = ingest(store, paths, lexicon=lexicon, on_notice=notes.append)
    assert (tally.new, tally.known) == (0, 3)
    assert notes == [LEFT_UNLINKED]
    linked = stories(store)
    assert linked[0] and len(set(linked)) == 1  # one meeting, three reports


def test_ingest_a_stop_while_linking_leaves_it_to_the_next(
    store: Store, tmp_path: Path, lexicon: Lexicon, monkeypatch: pytest.MonkeyPatch
) -> None:
    paths = write_corpus(tmp_path, 2)
    stop_at(monkeypatch, "store:linking")
    with pytest.raises(Stopped):
        ingest(store, paths, lexicon=lexicon)
    assert set(stories(store)) == {None}  # the linking's transaction was rolled back
    monkeypatch.undo()
    ingest(store, [], lexicon=lexicon)
    assert all(stories(store))


def test_ingest_a_publication_date_out_of_range_breaks_nothing(
    store: Store, tmp_path: Path, lexicon: Lexicon
) -> None:
    edge = tmp_path / "edge.jsonl"
    lines = [
        {"text": "Iran and Oman police chiefs met in Muscat on Friday.", "published": "9999-12-31"},
        {"text": "Iran and Oman police chiefs met in Muscat on Monday.", "published": "0001-01-01"},
    ]
    edge.write_text("".join(json.dumps(line) + "\n" for line in lines), encoding="utf-8")
    errors: list[AccordsError] = []
    assert ingest(store, [str(edge)], lexicon=lexicon, on_error=errors.append).new == 2
    assert ingest(store, write_corpus(tmp_path / "later", 2), lexicon=lexicon).new == 2
    assert errors == [] and count(store) == 4
    assert all(stories(store)) and not store.linking_due()
