"""`accords batch --to-db` stores what `accords commitments` reads as an ingest would: the
promises to sign kept by the signings reported the day after."""

from __future__ import annotations

from pathlib import Path

from accords.jobs.ingest import ingest
from accords.lexicon import Lexicon
from accords.scale.batch import batch
from accords.store import Store
from accords.store.followups import follow_ups
from tests.followup_texts import LATER, PAIRS, write_jsonl
from tests.store_fixtures import db_url

__all__ = ["db_url"]


def _statuses(db: str) -> list[tuple[str, str, str | None, str | None]]:
    """Each commitment's action, status, and the day and the title of its keeping report."""
    with Store.open(db, create=False) as store, store.reading() as connection:
        return sorted(
            (
                row["action"],
                row["status"],
                row["kept_by"] and row["kept_by"]["date"],
                row["kept_by"] and row["kept_by"]["article"]["title"],
            )
            for row in follow_ups(connection)
        )


def test_followups_batch_gives_the_statuses_ingest_gives(
    tmp_path: Path, db_url: str, lexicon: Lexicon
) -> None:
    # newest first, as a feed lists them: the signings before the promises they keep
    reports = [LATER, *(r for lang in ("en", "fa", "ar") for r in reversed(PAIRS[lang]))]
    source = write_jsonl(tmp_path / "news.jsonl", *reports)
    batch([str(source)], out=tmp_path / "out", workers=1, to_db=db_url)
    ingested = str(tmp_path / "ingested.db")
    with Store.open(ingested) as store:
        ingest(store, [str(source)], lexicon=lexicon)
    found = _statuses(db_url)
    assert found == _statuses(ingested)
    kept = [row for row in found if row[1] == "kept"]
    assert {(day, title) for _, _, day, title in kept} == {
        (signing.published, signing.text.partition("\n")[0]) for _, signing in PAIRS.values()
    }
