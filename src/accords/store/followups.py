"""What became of the stored commitments: open, kept (by which later event) or stale,
worked out by accords.link.followup over every article in the store."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from sqlalchemy import Connection

from accords.link.followup import STALE_AFTER_DAYS, follow_up
from accords.store.rebuild import report_key, stored_articles


def iter_commitments(
    connection: Connection, *, status: str | None = None, stale_after: int = STALE_AFTER_DAYS
) -> Iterator[dict[str, Any]]:
    stored = list(stored_articles(connection))
    sources = {report_key(a.id): a.source or report_key(a.id) for a in stored}
    rows = [(report_key(a.id), a.published, a.extraction) for a in stored]
    for found in follow_up(rows, stale_after=stale_after):
        if status and str(found.status) != status:
            continue
        row = found.to_dict()
        row["first_report"] = sources.get(found.first_report, found.first_report)
        row["last_report"] = sources.get(found.last_report, found.last_report)
        row["reports"] = [sources.get(r, r) for r in found.reports]
        yield row
