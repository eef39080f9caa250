"""What became of stored commitments, as `accords commitments`, the API and the board read
it (store.followups): the same whatever the order the reports were ingested in, on SQLite
and PostgreSQL."""

from __future__ import annotations

import dataclasses
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Connection

from accords.jobs.ingest import ingest
from accords.lexicon import Lexicon
from accords.link.followup import follow_up
from accords.model import EventType, Extraction
from accords.store import Store, write
from accords.store.followups import follow_ups
from accords.store.increment import link_new
from accords.store.rebuild import report_key, stored_articles
from accords.store.stories import relink
from tests.followup_texts import LATER, PAIRS, write_jsonl
from tests.store.builders import article, event, extraction, pledge, store_at
from tests.store_fixtures import db_url, store
from tests.watch.synthetic import add, reports

__all__ = ["db_url", "store"]

# the runs of `accords ingest`, by the files each reads: p the promise, s the signing the
# day after, l a report of other sides two years later (the newest date in the store)
ORDERS = {
    "promise first": [["p"], ["s"], ["l"]],
    "keeping report first": [["l"], ["s"], ["p"]],
    "all in one run": [["p", "s", "l"]],
}


def _ingested(db: str, folder: Path, lexicon: Lexicon, lang: str, runs: list[list[str]]) -> None:
    pledge, signing = PAIRS[lang]
    files = {
        "p": write_jsonl(folder / "p.jsonl", pledge),
        "s": write_jsonl(folder / "s.jsonl", signing),
        "l": write_jsonl(folder / "l.jsonl", LATER),
    }
    for run in runs:
        with Store.open(db) as store:
            assert ingest(store, [str(files[name]) for name in run], lexicon=lexicon).new


@pytest.mark.parametrize("order", list(ORDERS))
@pytest.mark.parametrize("lang", ["en", "fa", "ar"])
def test_followups_kept_by_the_signing_whatever_the_order_of_ingest(
    db_url: str, tmp_path: Path, lexicon: Lexicon, lang: str, order: str
) -> None:
    _ingested(db_url, tmp_path, lexicon, lang, ORDERS[order])
    with Store.open(db_url, create=False) as store, store.reading() as connection:
        rows = follow_ups(connection)
    promised = [r for r in rows if [a["source"] for a in r["reports"]] == [f"{tmp_path}/p.jsonl:1"]]
    assert [(r["steps"], r["status"]) for r in promised] == [(["sign"], "kept")]
    kept = promised[0]["kept_by"]
    assert (kept["date"], kept["type"], kept["mode"]) == (PAIRS[lang][1].published, "AGREE", "sign")
    assert kept["article"]["source"] == f"{tmp_path}/s.jsonl:1"
    assert kept["article"]["title"] and isinstance(kept["event_id"], int)
    # made two years before the newest report, and kept all the same
    assert promised[0]["days_since_made"] > 700


def test_followups_stale_with_the_days_since_it_was_made(
    db_url: str, tmp_path: Path, lexicon: Lexicon
) -> None:
    _ingested(db_url, tmp_path, lexicon, "fa", [["p"], ["l"]])
    with Store.open(db_url, create=False) as store, store.reading() as connection:
        stale = follow_ups(connection, status="stale")
        recent = follow_ups(connection, status="open", stale_after=1000)
    assert [(r["status"], r["kept_by"], r["days_since_made"]) for r in stale] == [
        ("stale", None, 736)
    ]
    assert [r["action"] for r in recent] == [r["action"] for r in stale]


# --- the follow-up as stored where stories are linked (store.followups.refollow) --------

STALE_AFTERS = (0, 30, 180, 10_000)


def _signing(found: Extraction) -> Extraction:
    """A synthetic report whose agreements are signings, so that some promises are kept."""
    signed = [
        dataclasses.replace(e, mode="sign") if e.type is EventType.AGREE else e
        for e in found.events
    ]
    return dataclasses.replace(found, events=signed)


def _recounted(connection: Connection, stale_after: int) -> list[tuple[Any, ...]]:
    """The follow-up worked out again from every stored article, as link.followup says."""
    stored = sorted(stored_articles(connection), key=lambda a: (a.published or date.max, a.key))
    return [
        (list(f.by), f.action, str(f.status), f.first_day.isoformat() if f.first_day else None)
        for f in follow_up(
            ((report_key(a.id), a.published, a.extraction) for a in stored),
            stale_after=stale_after,
        )
    ]


def assert_as_followed(store: Store) -> None:
    """What is stored reads, with every stale_after, as a follow-up of the whole store."""
    with store.reading() as connection:
        for days in STALE_AFTERS:
            rows = follow_ups(connection, stale_after=days)
            read = [(r["by"], r["action"], r["status"], r["first_day"]) for r in rows]
            assert read == _recounted(connection, days)
            assert all((r["kept_by"] is None) == (r["status"] != "kept") for r in rows)


def test_followups_stored_equal_a_recount_after_rounds_and_relink(store: Store) -> None:
    made = [_signing(found) for found in reports(900)]
    add(store, made[:-60], link=True)
    assert_as_followed(store)
    for start in range(len(made) - 60, len(made), 20):  # as `accords watch` links its rounds
        ids = add(store, made[start : start + 20])
        with store.writing() as connection:
            link_new(connection, ids)
        assert_as_followed(store)
    with store.reading() as connection:
        statuses = {r["status"] for r in follow_ups(connection)}
        assert statuses == {"open", "kept", "stale"}
    with store.writing() as connection:
        relink(connection)
    assert_as_followed(store)


def test_followups_stored_equal_a_recount_after_a_reextraction(store: Store) -> None:
    first = store.add(
        article("Promise.", published=date(2024, 1, 10)),
        extraction(event(when="2024-01-10"), commitments=(pledge(),)),
        version="1",
    )
    store.add(article("Signing.", published=date(2024, 3, 1)), _signed("2024-03-01"), version="1")
    store.finish_linking()
    with store.reading() as connection:
        assert [r["status"] for r in follow_ups(connection)] == ["kept"]
    assert first is not None
    reextract = extraction(event(when="2024-01-10"), commitments=(pledge("OMN", "IRN"),))
    with store.writing() as connection:
        write.replace_extraction(connection, first, reextract, version="2")
        relink(connection)
    assert_as_followed(store)
    with store.reading() as connection:
        assert [r["by"] for r in follow_ups(connection)] == [["OMN"]]


def test_followups_a_commitment_alone_is_followed_up(store: Store) -> None:
    """A report with a commitment and no event is linked (and followed up) all the same."""
    store.add(article("Pledge."), extraction(commitments=(pledge(),)), version="1")
    store.finish_linking()
    assert_as_followed(store)
    with store.reading() as connection:
        assert len(follow_ups(connection)) == 1


def test_followups_filled_by_the_migration(db_url: str) -> None:
    store_at(
        db_url, "0007",
        ("Promise.", extraction(event(when="2024-01-10"), commitments=(pledge(),))),
        ("Signing.", _signed("2024-01-15")),  # both published 2024-01-16
    )  # fmt: skip
    with Store.open(db_url) as store:
        assert_as_followed(store)
        with store.reading() as connection:
            assert [r["status"] for r in follow_ups(connection)] == ["kept"]


def _signed(day: str) -> Extraction:
    """A report of the memorandum `pledge()` promises, signed on `day`."""
    return extraction(event(EventType.AGREE, when=day, mode="sign", domains=("maritime_security",)))
