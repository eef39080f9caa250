"""Many articles into PostgreSQL at once with COPY, for the batch loader: the rows are the
ones accords.store.write makes for an ingest, with the same keys, only sent as one stream
per table instead of INSERT statements.

COPY returns no ids, so the ids are drawn from each table's own sequence first and sent
with the rows. Articles go through a temporary table and INSERT ... ON CONFLICT DO NOTHING:
an article stored by another process since the loader looked is skipped, with its
extraction, as `Store.add_many` would skip it, instead of failing the batch.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection, Table, text

from accords.store import pending, search, write
from accords.store.schema import articles

_ARTICLE_COLUMNS = [column.name for column in articles.columns]
_SEARCH_COLUMNS = ["id", "title", "body", "joined"]


def add_many(connection: Connection, entries: Sequence[write.Entry], *, version: str) -> list[int]:
    """Store the entries whose key is not stored yet (keys must differ); their new ids."""
    if not entries:
        return []
    now = datetime.now(UTC)
    ids = _ids(connection, articles, len(entries))
    rows = [
        {"id": i, **write.article_row(e, version, now)} for i, e in zip(ids, entries, strict=True)
    ]
    connection.exec_driver_sql(
        "CREATE TEMPORARY TABLE load_articles (LIKE articles INCLUDING DEFAULTS) ON COMMIT DROP"
    )
    _copy(connection, "load_articles", _ARTICLE_COLUMNS, rows)
    columns = ", ".join(_ARTICLE_COLUMNS)
    stored = set(
        connection.exec_driver_sql(
            f"INSERT INTO articles ({columns}) SELECT {columns} FROM load_articles "
            "ON CONFLICT (hash) DO NOTHING RETURNING id"
        ).scalars()
    )
    fresh = [(i, e) for i, e in zip(ids, entries, strict=True) if i in stored]
    write.add_extractions(
        connection,
        [(i, e.extraction, e.article.published) for i, e in fresh],
        insert_rows=insert_rows,
    )
    _index(connection, write.search_entries([i for i, _ in fresh], [e for _, e in fresh]))
    if write.linking_wanted(entry.extraction for _, entry in fresh):
        pending.mark(connection, pending.STORIES)  # last: see pending.mark
    return [i for i, _ in fresh]


def insert_rows(connection: Connection, table: Table, rows: list[dict[str, Any]]) -> list[int]:
    """write.Insert by COPY: ids from the table's sequence; the new ids, in order."""
    if not rows:
        return []
    ids = _ids(connection, table, len(rows))
    named = [{**row, "id": i} for row, i in zip(rows, ids, strict=True)]
    _copy(connection, table.name, [column.name for column in table.columns], named)
    return ids


def _ids(connection: Connection, table: Table, count: int) -> list[int]:
    statement = text(
        "SELECT nextval(pg_get_serial_sequence(:table, 'id')) FROM generate_series(1, :count)"
    )
    return list(connection.execute(statement, {"table": table.name, "count": count}).scalars())


def _copy(
    connection: Connection, table: str, columns: list[str], rows: list[dict[str, Any]]
) -> None:
    """COPY the rows into `table` on the connection's own psycopg connection, inside the
    transaction SQLAlchemy holds."""
    driver = connection.connection.driver_connection
    assert driver is not None
    statement = f"COPY {table} ({', '.join(columns)}) FROM STDIN"
    with driver.cursor() as cursor, cursor.copy(statement) as stream:
        for row in rows:
            stream.write_row([row.get(column) for column in columns])


def _index(connection: Connection, found: list[tuple[int, str | None, str]]) -> None:
    """The full-text index of the articles: their folded fields copied, the documents made
    from them by PostgreSQL, as search.add_many makes them."""
    rows = search.index_rows(found)
    if not rows:
        return
    connection.exec_driver_sql(
        "CREATE TEMPORARY TABLE load_search (id integer, title text, body text, joined text) "
        "ON COMMIT DROP"
    )
    _copy(connection, "load_search", _SEARCH_COLUMNS, rows)
    document = search.POSTGRES_DOCUMENT.format(title="title", body="body", joined="joined")
    connection.exec_driver_sql(
        f"INSERT INTO article_search (article_id, document) SELECT id, {document} FROM load_search"
    )
