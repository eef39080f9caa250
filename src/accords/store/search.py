"""Full-text search over titles and texts, on folded text so that spelling variants meet.

Both the indexed text and the query go through the project's normaliser (Arabic and
Persian letter variants, digits, diacritics, case) with its Persian ZWNJ repair, and then
a ZWNJ becomes a space. So «همکاری‌ها», «همکاری ها» and «همکاریها» index alike, and a
query written any of those ways finds all three. Words that held a ZWNJ are also indexed
joined, which keeps the match when the Persian word list is not installed.
"""

from __future__ import annotations

import re
from typing import Any

from sqlalchemy import (
    ColumnClause,
    ColumnElement,
    Connection,
    FromClause,
    Select,
    column,
    func,
    literal_column,
    table,
    text,
)

from accords import faults
from accords.store.schema import articles
from accords.text.normalise import ZWNJ, normalise

_ARABIC_SCRIPT = re.compile("[\u0600-\u06ff\u0750-\u077f\ufb50-\ufdff\ufe70-\ufefc]")
_SQLITE = table("article_search", column("rowid"), column("rank"))
_POSTGRES = table("article_search", column("article_id"), column("document"))
_SQLITE_ADD = text(
    "INSERT INTO article_search (rowid, title, body, joined) VALUES (:id, :title, :body, :joined)"
)
# the document of an article from its folded fields (placeholders or column names)
POSTGRES_DOCUMENT = (
    "setweight(to_tsvector('simple', {title}), 'A') || to_tsvector('simple', {body}) "
    "|| to_tsvector('simple', {joined})"
)
_POSTGRES_ADD = text(
    "INSERT INTO article_search (article_id, document) VALUES (:id, "
    + POSTGRES_DOCUMENT.format(title=":title", body=":body", joined=":joined")
    + ")"
)
# PostgreSQL's 'simple' configuration: no stemming and no stop words, fit for any language
_CONFIG: ColumnClause[str] = literal_column("'simple'::regconfig")


def fold(value: str) -> str:
    # lang="fa" turns on the ZWNJ repair, which changes only Arabic-script words: a text
    # without any is spared its cost, and folds the same either way
    return normalise(value, lang="fa" if _ARABIC_SCRIPT.search(value) else None)[0]


def index_fields(title: str | None, body: str) -> tuple[str, str, str]:
    """(title, body, joined) as they go into the index."""
    folded_title = fold(title or "")
    folded_body = fold(body)
    joined = " ".join(
        word.replace(ZWNJ, "")
        for word in (folded_title + " " + folded_body).split()
        if ZWNJ in word
    )
    return folded_title.replace(ZWNJ, " "), folded_body.replace(ZWNJ, " "), joined


def query_words(query: str) -> list[list[str]]:
    """The query's words, each as the variants any of which may match it."""
    words: list[list[str]] = []
    for word in fold(query).split():
        variants = [word.replace(ZWNJ, " "), word.replace(ZWNJ, "")] if ZWNJ in word else [word]
        variants = [v.strip() for v in variants if any(c.isalnum() for c in v)]
        if variants:
            words.append(list(dict.fromkeys(variants)))
    return words


def add(connection: Connection, article_id: int, title: str | None, body: str) -> None:
    add_many(connection, [(article_id, title, body)])


def index_rows(found: list[tuple[int, str | None, str]]) -> list[dict[str, Any]]:
    """What goes into the index of each article, (id, title, text): id, title, body and
    joined, folded."""
    rows = []
    for article_id, title, body in found:
        folded_title, folded_body, joined = index_fields(title, body)
        rows.append({"id": article_id, "title": folded_title, "body": folded_body,
                     "joined": joined})  # fmt: skip
    return rows


def add_many(connection: Connection, found: list[tuple[int, str | None, str]]) -> None:
    """Index articles: (id, title, text) each."""
    rows = index_rows(found)
    if not rows:
        return
    if connection.dialect.name == "postgresql":
        connection.execute(_POSTGRES_ADD, rows)
    else:
        connection.execute(_SQLITE_ADD, rows)
    faults.point("store:indexing")


def remove(connection: Connection, article_id: int) -> None:
    key = "article_id" if connection.dialect.name == "postgresql" else "rowid"
    connection.execute(text(f"DELETE FROM article_search WHERE {key} = :id"), {"id": article_id})


def matching(
    statement: Select[tuple[object, ...]], query: str, dialect: str
) -> Select[tuple[object, ...]]:
    """`statement` (a select from articles) narrowed to articles matching `query`, best
    matches first. A query with no words matches nothing."""
    words = query_words(query)
    if not words:
        return statement.where(literal_column("1") == 0)
    if dialect == "postgresql":
        tsquery = _tsquery(words)
        joined: FromClause = articles.join(_POSTGRES, _POSTGRES.c.article_id == articles.c.id)
        return (
            statement.select_from(joined)
            .where(_POSTGRES.c.document.op("@@")(tsquery))
            .order_by(func.ts_rank(_POSTGRES.c.document, tsquery).desc(), articles.c.id)
        )
    joined = articles.join(_SQLITE, _SQLITE.c.rowid == articles.c.id)
    return (
        statement.select_from(joined)
        .where(literal_column("article_search").op("MATCH")(_fts5_query(words)))
        .order_by(_SQLITE.c.rank, articles.c.id)
    )


def _fts5_query(words: list[list[str]]) -> str:
    # every variant quoted as a phrase: no word of the user's is read as FTS5 syntax
    def phrase(value: str) -> str:
        return '"' + value.replace('"', '""') + '"'

    parts = []
    for variants in words:
        quoted = [phrase(v) for v in variants]
        parts.append(quoted[0] if len(quoted) == 1 else "(" + " OR ".join(quoted) + ")")
    return " AND ".join(parts)


def _tsquery(words: list[list[str]]) -> ColumnElement[object]:
    query: ColumnElement[object] | None = None
    for variants in words:
        either: ColumnElement[object] | None = None
        for variant in variants:
            phrase = func.phraseto_tsquery(_CONFIG, variant)
            either = phrase if either is None else either.op("||")(phrase)
        assert either is not None
        query = either if query is None else query.op("&&")(either)
    assert query is not None
    return query
