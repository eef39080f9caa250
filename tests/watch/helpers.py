from __future__ import annotations

from sqlalchemy import func, select

from accords.ingest.fetch import HttpFetcher
from accords.store import Store
from accords.store.schema import articles
from accords.watch.config import Watchlist, parse
from accords.watch.polite import PoliteFetcher
from accords.watch.rounds import Watcher

GAP = 0.15


def watchlist(text: str) -> Watchlist:
    import tomllib

    return parse(tomllib.loads(text), "test.toml")


def watcher(store: Store, text: str, **options: object) -> Watcher:
    listed = watchlist(text)
    fetch = PoliteFetcher(HttpFetcher(), min_gap=listed.min_gap)
    return Watcher(store, listed, fetch=fetch, **options)  # type: ignore[arg-type]


def stored_urls(store: Store) -> list[str]:
    with store.reading() as connection:
        return sorted(u or "" for u in connection.scalars(select(articles.c.url)))


def count(store: Store) -> int:
    with store.reading() as connection:
        return int(connection.scalar(select(func.count()).select_from(articles)) or 0)
