"""Articles added through the API: a text or a page stored and extracted, one request at a
time. The routes call these only for a request that carries the server's token."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select

from accords.errors import AccordsError, ExtractionError, InputError
from accords.ingest import clean
from accords.ingest.decode import MAX_BYTES, decode
from accords.ingest.fetch import Fetch, fetcher, is_address
from accords.ingest.sources import read_source
from accords.jobs import extracted
from accords.lexicon import Lexicon
from accords.model import Article
from accords.pipeline import VERSION
from accords.store import Store, write
from accords.store.schema import events


@dataclass(slots=True)
class Submitted:
    """What one submission stored: each article's id, whether it is new, its events."""

    articles: list[dict[str, Any]] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


def add_text(store: Store, article: Article, lexicon: Lexicon) -> Submitted:
    """Store one article given as text (decoded and repaired as a file would be)."""
    # the Article has made its strings storable (a lone surrogate or NUL is U+FFFD)
    text = decode(article.text.encode("utf-8"), source=article.doc)
    return _add(store, [dataclasses.replace(article, text=text)], lexicon)


def add_address(
    store: Store,
    url: str,
    lexicon: Lexicon,
    *,
    fetch: Fetch | None = None,
    max_bytes: int = MAX_BYTES,
    public_only: bool = True,
) -> Submitted:
    """Fetch a page (or a feed's items) and store its articles; with `public_only` (and
    no `fetch` of the caller's), from public addresses alone."""
    url = clean.text(url)  # JSON may hold a lone surrogate ("\ud800"): not an Article yet
    if not is_address(url):
        raise InputError("not an http(s) address", source=url)
    found: list[Article] = []
    errors: list[str] = []
    with fetcher(fetch, max_bytes=max_bytes, public_only=public_only) as fetch_page:
        for item in read_source(url, fetch=fetch_page, max_bytes=max_bytes):
            if isinstance(item, Article):
                found.append(item)
            elif isinstance(item, AccordsError):
                errors.append(str(item))
    submitted = _add(store, found, lexicon)
    submitted.errors[:0] = errors
    return submitted


def _add(store: Store, found: list[Article], lexicon: Lexicon) -> Submitted:
    submitted = Submitted()
    fresh = False
    for article in found:
        key = write.article_hash(article.text)
        article_id = _stored(store, key)
        new = article_id is None
        if article_id is None:
            try:
                extraction = extracted(article, lexicon)
            except ExtractionError as error:  # reported, not a server error
                submitted.errors.append(str(error))
                continue
            article_id = store.add(article, extraction, version=VERSION, key=key)
            if article_id is None:  # stored by another writer since we looked
                new, article_id = False, _stored(store, key)
            fresh = fresh or new
        if article_id is not None:
            submitted.articles.append({"id": article_id, "new": new, "event_ids": []})
    if fresh:
        store.finish_linking()
    with store.reading() as connection:
        for stored in submitted.articles:
            stored["event_ids"] = list(
                connection.scalars(
                    select(events.c.id)
                    .where(events.c.article_id == stored["id"])
                    .order_by(events.c.position)
                )
            )
    return submitted


def _stored(store: Store, key: str) -> int | None:
    with store.reading() as connection:
        return write.find(connection, key)
