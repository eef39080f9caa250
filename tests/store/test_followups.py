"""What became of stored commitments, as `accords commitments`, the API and the board read
it (store.followups): the same whatever the order the reports were ingested in, on SQLite
and PostgreSQL."""

from __future__ import annotations

from pathlib import Path

import pytest

from accords.jobs.ingest import ingest
from accords.lexicon import Lexicon
from accords.store import Store
from accords.store.followups import follow_ups
from tests.followup_texts import LATER, PAIRS, write_jsonl
from tests.store_fixtures import db_url

__all__ = ["db_url"]

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
