"""What `accords watch` keeps in the store about each source: the validators of its last
answer, when it was polled, what went wrong, when to poll it next, and the items it has
given. Each change is committed at once, so that a watch killed at any point resumes where
it stopped."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import select

from accords.store import Store
from accords.store.pending import upsert
from accords.store.schema import watch_seen, watch_sources
from accords.watch.config import Source

MAX_BACKOFF = 24 * 3600.0  # a source failing for days is still tried once a day
FIRST_BACKOFF = 60.0  # after a first failure, even of a source polled every few seconds


@dataclass(frozen=True, slots=True)
class SourceState:
    name: str
    address: str = ""
    etag: str | None = None
    last_modified: str | None = None
    last_poll: datetime | None = None
    last_success: datetime | None = None
    last_error: str | None = None
    failures: int = 0
    next_poll: datetime | None = None

    def due(self, now: datetime) -> bool:
        return self.next_poll is None or self.next_poll <= now


def now() -> datetime:
    return datetime.now(UTC)


def backoff(interval: float, failures: int) -> float:
    """Seconds to wait after `failures` failures in a row: doubling from the interval (at
    least FIRST_BACKOFF), up to MAX_BACKOFF."""
    if failures <= 0:
        return interval
    return float(min(MAX_BACKOFF, max(interval, FIRST_BACKOFF) * 2 ** (failures - 1)))


def states(store: Store) -> dict[str, SourceState]:
    """The state of every source ever watched in this store, by name."""
    with store.reading() as connection:
        rows = connection.execute(select(watch_sources).order_by(watch_sources.c.name)).all()
    return {row.name: _state(row) for row in rows}


def _state(row: Any) -> SourceState:
    return SourceState(
        row.name,
        row.address,
        row.etag,
        row.last_modified,
        aware(row.last_poll),
        aware(row.last_success),
        row.last_error,
        row.failures,
        aware(row.next_poll),
    )


def succeeded(store: Store, source: Source, *, etag: str | None, last_modified: str | None) -> None:
    at = now()
    _put(store, source, {
        "etag": etag, "last_modified": last_modified, "last_poll": at, "last_success": at,
        "last_error": None, "failures": 0, "next_poll": at + timedelta(seconds=source.interval),
    })  # fmt: skip


def failed(store: Store, source: Source, error: str, failures: int) -> None:
    at = now()
    delay = backoff(source.interval, failures)
    _put(store, source, {
        "last_poll": at, "last_error": error, "failures": failures,
        "next_poll": at + timedelta(seconds=delay),
    })  # fmt: skip


def _put(store: Store, source: Source, values: dict[str, Any]) -> None:
    with store.writing() as connection:
        insert = upsert(connection)(watch_sources).values(
            name=source.name, address=source.address, **{"failures": 0, **values}
        )
        connection.execute(
            insert.on_conflict_do_update(
                index_elements=["name"], set_={"address": source.address, **values}
            )
        )


def item_key(item: str) -> str:
    """How an item is known: a hash of its address, id or path (and change time)."""
    return hashlib.sha256(item.encode("utf-8", "surrogatepass")).hexdigest()


def unseen(store: Store, source: Source, items: Iterable[str]) -> list[str]:
    """Those of the items the source has not given before, in their order."""
    wanted = {item_key(item): item for item in items}
    if not wanted:
        return []
    known: set[str] = set()
    keys = list(wanted)
    with store.reading() as connection:
        for start in range(0, len(keys), 500):  # SQLite's limit on bound parameters
            known.update(connection.scalars(
                select(watch_seen.c.item).where(
                    watch_seen.c.source == source.name,
                    watch_seen.c.item.in_(keys[start : start + 500]),
                )
            ))  # fmt: skip
    return [item for key, item in wanted.items() if key not in known]


def mark_seen(store: Store, source: Source, items: Iterable[str]) -> None:
    rows = [{"source": source.name, "item": item_key(i), "seen_at": now()} for i in items]
    if not rows:
        return
    with store.writing() as connection:
        connection.execute(upsert(connection)(watch_seen).on_conflict_do_nothing(), rows)


def aware(moment: datetime | None) -> datetime | None:
    # SQLite hands back the naive datetime it was given in UTC
    if moment is None or moment.tzinfo is not None:
        return moment
    return moment.replace(tzinfo=UTC)
