"""Writing through the API: a text or a page stored and extracted, articles extracted
again. The routes call these only for a request that carries the server's token."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select

from accords.errors import AccordsError, InputError
from accords.ingest import clean
from accords.ingest.decode import MAX_BYTES, decode
from accords.ingest.fetch import Fetch, fetcher, is_address
from accords.ingest.sources import read_source
from accords.lexicon import Lexicon
from accords.model import Article, Extraction
from accords.pipeline import VERSION, extract
from accords.store import Store, write
from accords.store.schema import articles, events
from accords.store.stories import relink


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


def reextract_article(store: Store, article_id: int, lexicon: Lexicon) -> bool:
    """Extract one article again with the current extractor, whatever version read it
    before; False when there is no such article."""
    with store.reading() as connection:
        row = connection.execute(select(articles).where(articles.c.id == article_id)).first()
    if row is None:
        return False
    article = Article(
        text=row.text, doc=row.source or str(article_id), title=row.title, url=row.url,
        outlet=row.outlet, lang=row.lang, published=row.published, raw_hash=row.raw_hash,
    )  # fmt: skip
    extraction = _extract(article, lexicon)
    if isinstance(extraction, AccordsError):
        raise extraction
    with store.writing() as connection:
        write.replace_extraction(connection, article_id, extraction, version=VERSION)
        relink(connection)
    return True


def _add(store: Store, found: list[Article], lexicon: Lexicon) -> Submitted:
    submitted = Submitted()
    fresh = False
    for article in found:
        key = write.article_hash(article.text)
        article_id = _stored(store, key)
        new = article_id is None
        if article_id is None:
            extraction = _extract(article, lexicon)
            if isinstance(extraction, AccordsError):
                submitted.errors.append(str(extraction))
                continue
            article_id = store.add(article, extraction, version=VERSION, key=key)
            if article_id is None:  # stored by another writer since we looked
                new, article_id = False, _stored(store, key)
            fresh = fresh or new
        if article_id is not None:
            submitted.articles.append({"id": article_id, "new": new, "event_ids": []})
    if fresh:
        with store.writing() as connection:
            relink(connection)
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


def _extract(article: Article, lexicon: Lexicon) -> Extraction | AccordsError:
    try:
        return extract(article, lexicon)
    except Exception as error:
        # as in an ingest: one text that trips the rules is reported, not a server error
        return AccordsError(
            f"extraction failed ({type(error).__name__}: {error}); please report this text",
            source=article.doc,
        )
