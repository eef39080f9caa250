"""Stored articles extracted again with the current extractor: one, on request, or every
one an older version read. Each article is swapped in its own transaction, so that an
interrupted run resumes."""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import select

from accords.jobs import extracted
from accords.lexicon import Lexicon
from accords.lexicon import load as load_lexicon
from accords.model import Article
from accords.pipeline import VERSION
from accords.store import Store, write
from accords.store.schema import articles
from accords.store.stories import relink


def reextract(
    store: Store,
    *,
    lexicon: Lexicon | None = None,
    on_start: Callable[[int], None] = lambda total: None,
    on_article: Callable[[int], None] = lambda article_id: None,
) -> int:
    """Run the extractor again on every article an older version read; returns how many."""
    lexicon = lexicon or load_lexicon()
    with store.reading() as connection:
        stale = connection.scalars(
            select(articles.c.id)
            .where(articles.c.extractor_version != VERSION)
            .order_by(articles.c.id)
        ).all()
    on_start(len(stale))
    for article_id in stale:
        reextract_article(store, article_id, lexicon, link=False)
        on_article(article_id)
    store.finish_linking()
    return len(stale)


def reextract_article(
    store: Store, article_id: int, lexicon: Lexicon, *, link: bool = True
) -> bool:
    """Extract one article again, whatever version read it before, and (unless `link` is
    false: the caller links once after many) relink the stories in the same transaction;
    False when there is no such article."""
    with store.reading() as connection:
        row = connection.execute(select(articles).where(articles.c.id == article_id)).first()
    if row is None:
        return False
    article = Article(
        text=row.text, doc=row.source or str(article_id), title=row.title, url=row.url,
        outlet=row.outlet, lang=row.lang, published=row.published, raw_hash=row.raw_hash,
    )  # fmt: skip
    extraction = extracted(article, lexicon)
    with store.writing() as connection:
        write.replace_extraction(connection, article_id, extraction, version=VERSION)
        if link:
            relink(connection)
    return True
