"""Full-text search over titles and texts, on folded text so that spelling variants meet.

Both the indexed text and the query go through the project's normaliser (Arabic and
Persian letter variants, digits, diacritics, case) with its Persian ZWNJ repair, and then
a ZWNJ becomes a space. So «همکاری‌ها», «همکاری ها» and «همکاریها» index alike, and a
query written any of those ways finds all three. Words that held a ZWNJ are also indexed
joined, which keeps the match when the Persian word list is not installed.

Arabic writes the conjunctions, some prepositions and the article joined to the word
(و ف ب ك ل, ال, «للتعاون» is ل + التعاون): an Arabic-script word that starts with them is
also indexed without them, and a query word is looked up with and without them, so that
«التعاون», «بالتعاون» and «للتعاون» find each other. Chinese has no spaces: each run of Han
characters is indexed as its overlapping pairs of characters (and each character alone),
and a query's run is looked up as the phrase of its pairs, so that «合作» is found inside
«加强合作».
"""

from __future__ import annotations

import re
from collections.abc import Sequence
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
from accords.text.language import ARABIC_SCRIPT
from accords.text.normalise import ZWNJ, normalise

_HAN_RUN = re.compile("[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")
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


# Larkey's light stemmer's prefixes (light10): the conjunction «و», then the article with
# what may join it («بال», «لل» is ل + ال); after folding, kaf is the Persian one
_CONJUNCTION = "و"
_ARTICLES = ("وال", "بال", "کال", "فال", "لل", "ال")
_SHORTEST_STEM = 3  # letters left after the clitics


def stem(word: str) -> str:
    """An Arabic-script word without the clitics joined before it: «وبالتعاون» and
    «للتعاون» are «تعاون»; the word itself when none is, or too little would be left."""
    if not ARABIC_SCRIPT.match(word):
        return word
    rest = word[1:] if word.startswith(_CONJUNCTION) and len(word) > _SHORTEST_STEM else word
    for article in _ARTICLES:
        if rest.startswith(article) and len(rest) - len(article) >= _SHORTEST_STEM:
            return rest[len(article) :]
    return rest


def han_pairs(text: str) -> str:
    """`text` with each run of Han characters as its overlapping pairs: «加强合作» is
    «加强 强合 合作» (a lone character stays itself)."""
    return _HAN_RUN.sub(lambda run: " " + " ".join(_pairs(run.group())) + " ", text)


def _pairs(run: str) -> list[str]:
    return [run] if len(run) == 1 else [run[i : i + 2] for i in range(len(run) - 1)]


def _extra_words(text: str) -> list[str]:
    """What a text is indexed by besides its words: the stems of Arabic-script words, and
    each Han character alone (a query of one character finds it)."""
    found = [s for word in text.split() if (s := stem(word)) != word]
    found += [char for run in _HAN_RUN.findall(text) for char in run]
    return found


def fold(value: str) -> str:
    # lang="fa" turns on the ZWNJ repair, which changes only Arabic-script words: a text
    # without any is spared its cost, and folds the same either way
    return normalise(value, lang="fa" if ARABIC_SCRIPT.search(value) else None)[0]


def index_fields(title: str | None, body: str) -> tuple[str, str, str]:
    """(title, body, joined) as they go into the index."""
    folded_title = fold(title or "")
    folded_body = fold(body)
    both = folded_title + " " + folded_body
    joined = [word.replace(ZWNJ, "") for word in both.split() if ZWNJ in word]
    joined += _extra_words(both.replace(ZWNJ, " "))
    return (
        han_pairs(folded_title.replace(ZWNJ, " ")),
        han_pairs(folded_body.replace(ZWNJ, " ")),
        " ".join(joined),
    )


def query_words(query: str) -> list[list[str]]:
    """The query's words, each as the variants any of which may match it."""
    words: list[list[str]] = []
    for word in _HAN_RUN.sub(lambda run: f" {run.group()} ", fold(query)).split():
        variants = [word.replace(ZWNJ, " "), word.replace(ZWNJ, "")] if ZWNJ in word else [word]
        if _HAN_RUN.fullmatch(word):
            variants = [" ".join(_pairs(word))]  # a phrase of its pairs
        variants += [stem(v) for v in variants if stem(v) != v]
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
    statement: Select[tuple[object, ...]],
    query: str,
    dialect: str,
    alternatives: Sequence[str] = (),
) -> Select[tuple[object, ...]]:
    """`statement` (a select from articles) narrowed to articles matching `query`, or any
    of the `alternatives` (the names of the person it names, say), best matches first. A
    query with no words matches nothing."""
    words = query_words(query)
    if not words:
        return statement.where(literal_column("1") == 0)
    others = [found for other in alternatives if (found := query_words(other))]
    if dialect == "postgresql":
        tsquery = _tsquery(words)
        for other in others:
            tsquery = tsquery.op("||")(_tsquery(other))
        joined: FromClause = articles.join(_POSTGRES, _POSTGRES.c.article_id == articles.c.id)
        return (
            statement.select_from(joined)
            .where(_POSTGRES.c.document.op("@@")(tsquery))
            .order_by(func.ts_rank(_POSTGRES.c.document, tsquery).desc(), articles.c.id)
        )
    joined = articles.join(_SQLITE, _SQLITE.c.rowid == articles.c.id)
    return (
        statement.select_from(joined)
        .where(
            literal_column("article_search").op("MATCH")(
                " OR ".join(f"({_fts5_query(w)})" for w in [words, *others])
            )
        )
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
