"""Ingest: read sources, extract each article, store it with its extraction in one
transaction, then link stories across the whole store. And re-extraction of the articles
an older extractor read."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from sqlalchemy import select

from accords.errors import AccordsError
from accords.ingest.decode import MAX_BYTES
from accords.ingest.fetch import Fetch, HttpFetcher
from accords.ingest.sources import expand, read_source
from accords.lexicon import Lexicon
from accords.lexicon import load as load_lexicon
from accords.model import Article, Extraction
from accords.pipeline import VERSION, extract
from accords.store import Store, write
from accords.store.schema import articles
from accords.store.stories import relink


@dataclass(slots=True)
class Tally:
    """What an ingest did, counted in articles (new, known) and bad sources or parts."""

    new: int = 0
    known: int = 0
    failed: int = 0

    def __str__(self) -> str:
        return f"{self.new} new, {self.known} already stored, {self.failed} failed"


def ingest(
    store: Store,
    sources: Sequence[str],
    *,
    follow: bool = False,
    fetch: Fetch | None = None,
    lexicon: Lexicon | None = None,
    max_bytes: int = MAX_BYTES,
    on_error: Callable[[AccordsError], None] = lambda error: None,
    on_start: Callable[[int], None] = lambda total: None,
    on_source: Callable[[str, Tally], None] = lambda source, tally: None,
) -> Tally:
    """Store every article of `sources` that is not stored yet. Each bad source, or bad
    part of one, goes to `on_error` and the others go on; `on_start` hears how many
    sources there are (folders expanded), `on_source` hears of each one done."""
    lexicon = lexicon or load_lexicon()
    units = expand(sources)
    on_start(len(units))
    tally = Tally()
    with HttpFetcher(max_bytes=max_bytes) if fetch is None else _Borrowed(fetch) as fetcher:
        for unit in units:
            for item in read_source(unit, follow=follow, fetch=fetcher, max_bytes=max_bytes):
                if isinstance(item, AccordsError):
                    tally.failed += 1
                    on_error(item)
                    continue
                outcome = _store_one(store, item, lexicon)
                if isinstance(outcome, AccordsError):
                    tally.failed += 1
                    on_error(outcome)
                elif outcome:
                    tally.new += 1
                else:
                    tally.known += 1
            on_source(unit, tally)
    if tally.new:
        with store.writing() as connection:
            relink(connection)
    return tally


def reextract(
    store: Store,
    *,
    lexicon: Lexicon | None = None,
    on_start: Callable[[int], None] = lambda total: None,
    on_article: Callable[[int], None] = lambda article_id: None,
) -> int:
    """Run the extractor again on every article an older version read; returns how many.
    Each article is swapped in its own transaction, so an interrupted run resumes."""
    lexicon = lexicon or load_lexicon()
    with store.reading() as connection:
        stale = connection.scalars(
            select(articles.c.id)
            .where(articles.c.extractor_version != VERSION)
            .order_by(articles.c.id)
        ).all()
    on_start(len(stale))
    for article_id in stale:
        with store.reading() as connection:
            row = connection.execute(select(articles).where(articles.c.id == article_id)).one()
        article = Article(
            text=row.text,
            doc=row.source or str(article_id),
            title=row.title,
            url=row.url,
            outlet=row.outlet,
            lang=row.lang,
            published=row.published,
            raw_hash=row.raw_hash,
        )
        extraction = extract(article, lexicon)
        with store.writing() as connection:
            write.replace_extraction(connection, article_id, extraction, version=VERSION)
        on_article(article_id)
    if stale:
        with store.writing() as connection:
            relink(connection)
    return len(stale)


def _store_one(store: Store, article: Article, lexicon: Lexicon) -> bool | AccordsError:
    """True when stored now, False when stored before, or the reason it failed."""
    key = write.article_hash(article.text)
    if store.has(key):
        return False  # known: spare the extraction
    extraction = _extract(article, lexicon)
    if isinstance(extraction, AccordsError):
        return extraction
    return store.add(article, extraction, version=VERSION, key=key) is not None


def _extract(article: Article, lexicon: Lexicon) -> Extraction | AccordsError:
    try:
        return extract(article, lexicon)
    except Exception as error:
        # the rules are young: one text that trips them must not stop a crawl of
        # thousands; it is reported like a bad source, and the others are stored
        return AccordsError(
            f"extraction failed ({type(error).__name__}: {error}); please report this text",
            source=article.doc,
        )


class _Borrowed:
    """A caller's fetch in a with-statement, left open: its owner closes it."""

    def __init__(self, fetch: Fetch) -> None:
        self.fetch = fetch

    def __enter__(self) -> Fetch:
        return self.fetch

    def __exit__(self, *_: object) -> None:
        return None
