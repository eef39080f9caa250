"""What became of the stored commitments: open, kept (by which later event) or stale, worked
out by accords.link.followup over every article in the store.

This is the one computation of the commitments' output, and `follow_ups` the one place
their rows take shape: `accords commitments` writes them, the API returns them
(web.schemas.CommitmentStatus) and the web board shows them. A row:

    by, to, kind, domains, action, steps, status
    first_day, last_day       the first and the last report that state it
    days_since_made           from its first report to the newest report in the store
    reports                   the articles that state it: id, source, url, title, lang,
                              outlet, published
    commitment_id             the stored commitment of its first report
    kept_by                   null, or the event that kept it: event_id, date, type, mode,
                              and its article (as in reports)

The articles are read in the order of their dates and, on one day, of their text's hash:
an order of the reports alone, so the same articles give the same rows whatever order they
were ingested in.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import Connection, select

from accords.link.followup import STALE_AFTER_DAYS, FollowUp, follow_up
from accords.store.engine import bound_chunks
from accords.store.rebuild import StoredArticle, article_id, report_key, stored_articles
from accords.store.schema import articles, commitments


def follow_ups(
    connection: Connection, *, status: str | None = None, stale_after: int = STALE_AFTER_DAYS
) -> list[dict[str, Any]]:
    """Every stored commitment, repeats merged, with what became of it, in the order of
    first mention; only those in `status` when given."""
    stored = sorted(stored_articles(connection), key=lambda a: (a.published or date.max, a.key))
    by_key = {report_key(a.id): a for a in stored}
    found = [
        f
        for f in follow_up(
            ((report_key(a.id), a.published, a.extraction) for a in stored),
            stale_after=stale_after,
        )
        if status is None or str(f.status) == status
    ]
    refs = _article_refs(connection, {article_id(k) for f in found for k in _keys_of(f)})
    stated = _commitment_ids(connection, {article_id(f.first_report) for f in found})
    return [_row(f, by_key, refs, stated) for f in found]


def _row(
    found: FollowUp,
    by_key: dict[str, StoredArticle],
    refs: dict[int, dict[str, Any]],
    stated: dict[int, list[int]],
) -> dict[str, Any]:
    row = found.to_dict()
    row["reports"] = [refs[article_id(key)] for key in found.reports]
    key, index = found.statements[0]
    ids = stated.get(article_id(key), [])
    row["commitment_id"] = ids[index] if index < len(ids) else None
    if found.kept:
        ref = found.kept.event
        row["kept_by"] = {
            "event_id": by_key[ref.report].event_ids[ref.position],
            "date": found.kept.day.isoformat(),
            "type": str(found.kept.type),
            "mode": found.kept.mode,
            "article": refs[article_id(ref.report)],
        }
    return row


def _keys_of(found: FollowUp) -> list[str]:
    return [*found.reports, *([found.kept.event.report] if found.kept else [])]


def _article_refs(connection: Connection, ids: set[int]) -> dict[int, dict[str, Any]]:
    if not ids:
        return {}
    columns = (articles.c.id, articles.c.source, articles.c.url, articles.c.title,
               articles.c.lang, articles.c.outlet, articles.c.published)  # fmt: skip
    return {
        row.id: {
            "id": row.id,
            "source": row.source,
            "url": row.url,
            "title": row.title,
            "lang": row.lang,
            "outlet": row.outlet,
            "published": row.published.isoformat() if row.published else None,
        }
        for chunk in bound_chunks(ids)
        for row in connection.execute(select(*columns).where(articles.c.id.in_(chunk)))
    }


def _commitment_ids(connection: Connection, ids: set[int]) -> dict[int, list[int]]:
    """The stored commitments of each article, in the order of its extraction."""
    found: dict[int, list[int]] = {}
    if not ids:
        return found
    for chunk in bound_chunks(ids):
        statement = (
            select(commitments.c.id, commitments.c.article_id)
            .where(commitments.c.article_id.in_(chunk))
            .order_by(commitments.c.article_id, commitments.c.position)
        )
        for row in connection.execute(statement):
            found.setdefault(row.article_id, []).append(row.id)
    return found
