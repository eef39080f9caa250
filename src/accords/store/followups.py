"""What became of the stored commitments: open, kept (by which later event) or stale, worked
out by accords.link.followup over the articles in the store, and kept in `follow_ups`.

This is the one computation of the commitments' output, and `follow_ups` the one place
their rows take shape: `accords commitments` prints them, the API returns them
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

Where it is worked out: wherever stories are linked, since follow-up reads them (a full
relink works out every commitment again, `refollow`; a round that links a few new reports,
those they can change, `refollow_changed`; a batch with its own stories, once loaded). What
is kept does not depend on --stale-after: each row keeps the earliest event that keeps it
however late, and its first and last day, and the store the newest report's day; a reader
applies the stale rule (link.followup.judged) with the days it is given.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Collection, Iterable
from datetime import date
from typing import Any

from sqlalchemy import Connection, delete, insert, select, update

from accords.link.followup import (
    STALE_AFTER_DAYS,
    FollowUp,
    Status,
    follow_up,
    judged,
    report_day,
)
from accords.store.engine import bound_chunks
from accords.store.rebuild import StoredArticle, article_id, report_key, stored_articles
from accords.store.schema import (
    articles,
    commitments,
    event_sides,
    events,
    follow_ups_generation,
    newest_report,
)
from accords.store.schema import (
    follow_ups as followed,
)

_LAST = date.max.isoformat()  # where follow-up puts a report without a date


def follow_ups(
    connection: Connection, *, status: str | None = None, stale_after: int = STALE_AFTER_DAYS
) -> list[dict[str, Any]]:
    """Every stored commitment, repeats merged, with what became of it, in the order of
    first mention; only those in `status` when given."""
    as_of = connection.scalar(select(newest_report.c.day))
    statement = select(
        followed.c.row, followed.c.first_day, followed.c.last_day, followed.c.kept_day
    ).order_by(followed.c.ordering, followed.c.id)
    found = []
    for stored in connection.execute(statement):
        now = judged(stored.kept_day, stored.last_day, as_of, stale_after)
        if status is not None and str(now) != status:
            continue
        row = json.loads(stored.row)
        row["status"] = str(now)
        if now is not Status.KEPT:
            row["kept_by"] = None
        first = stored.first_day
        row["days_since_made"] = (as_of - first).days if as_of and first else None
        found.append(row)
    return found


def refollow(connection: Connection, stored: Iterable[StoredArticle] | None = None) -> None:
    """Work out every commitment of the store again: from `stored` when given (every
    article with events or commitments, as they stand after linking), else as stored."""
    everything = list(stored_articles(connection) if stored is None else stored)
    connection.execute(delete(followed))
    _write(connection, _followed(connection, everything))
    _set_newest(connection, _newest(everything))


def refollow_changed(connection: Connection, article_ids: Collection[int]) -> None:
    """Work out again the commitments that the articles (new ones, or whose events changed
    story) can change, and no other: those of the same sides committing as one of theirs,
    and those whose sides are all among an event's of them (it may keep them). Follow-up of
    a commitment reads only its sides' statements and the events of all its sides (see
    link.followup), so these are read, and the rest of the store is not."""
    changed = list(stored_articles(connection, article_ids=article_ids))
    known = connection.scalar(select(newest_report.c.day))
    _set_newest(connection, max(filter(None, [known, _newest(changed)]), default=None))
    stating: dict[frozenset[str], set[int]] = defaultdict(set)
    statement = select(commitments.c.article_id, commitments.c.by_countries)
    for article, by in connection.execute(statement):
        stating[frozenset(by.split())].add(article)
    touched = {frozenset(c.by) for a in changed for c in a.extraction.commitments}
    for article in changed:
        for event in article.extraction.events:
            sides = set(event.countries)
            touched.update(by for by in stating if by and by <= sides)
    if not touched:
        return
    read = set().union(*(stating[by] for by in touched)) | _acting(connection, touched)
    found = _followed(connection, list(stored_articles(connection, article_ids=read)))
    named = [" ".join(sorted(by)) for by in touched]
    for chunk in bound_chunks(named):
        connection.execute(delete(followed).where(followed.c.sides.in_(chunk)))
    _write(connection, [r for r in found if r["sides"] in set(named)])


def _acting(connection: Connection, sides: Iterable[frozenset[str]]) -> set[int]:
    """The articles with an event of every one of some `sides`, found by the least code."""
    wanted: dict[str, list[frozenset[str]]] = defaultdict(list)
    for by in sides:
        if by:
            wanted[min(by)].append(by)
    found: set[int] = set()
    for code, sets in wanted.items():
        statement = (
            select(events.c.article_id, events.c.countries)
            .join(event_sides, event_sides.c.event_id == events.c.id)
            .where(event_sides.c.country == code)
        )
        for article, countries in connection.execute(statement):
            have = set(countries.split())
            if any(by <= have for by in sets):
                found.add(article)
    return found


def _newest(stored: Iterable[StoredArticle]) -> date | None:
    return max(
        (day for a in stored if (day := a.published or report_day(a.extraction))), default=None
    )


def _set_newest(connection: Connection, day: date | None) -> None:
    """The newest report's day, and the next generation of follow_ups: each write of them
    comes here."""
    generation = follow_ups_generation.c.value
    connection.execute(update(follow_ups_generation).values(value=generation + 1))
    connection.execute(delete(newest_report))
    if day is not None:
        connection.execute(insert(newest_report).values(day=day))


def _followed(connection: Connection, stored: list[StoredArticle]) -> list[dict[str, Any]]:
    """The rows of `follow_ups` for the commitments of these articles."""
    stored = sorted(stored, key=lambda a: (a.published or date.max, a.key))
    by_key = {report_key(a.id): a for a in stored}
    found = follow_up((report_key(a.id), a.published, a.extraction) for a in stored)
    refs = _article_refs(connection, {article_id(k) for f in found for k in _keys_of(f)})
    stated = _commitment_ids(connection, {article_id(f.first_report) for f in found})
    rows = []
    for f in found:
        key, index = f.statements[0]
        first = by_key[key]
        published = first.published.isoformat() if first.published else _LAST
        day = f.first_day.isoformat() if f.first_day else _LAST
        rows.append({
            "sides": " ".join(f.by),
            # follow-up's order of statements: by day, then as the articles were given
            "ordering": f"{day} {published} {first.key} {index:09d}",
            "first_day": f.first_day,
            "last_day": f.last_day,
            "kept_day": f.keeper.day if f.keeper else None,
            "row": json.dumps(_row(f, by_key, refs, stated), ensure_ascii=False),
        })  # fmt: skip
    return rows


def _write(connection: Connection, rows: list[dict[str, Any]]) -> None:
    if rows:
        connection.execute(insert(followed), rows)


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
    if found.keeper:  # kept, or kept too late: the reader says which (follow_ups)
        ref = found.keeper.event
        row["kept_by"] = {
            "event_id": by_key[ref.report].event_ids[ref.position],
            "date": found.keeper.day.isoformat(),
            "type": str(found.keeper.type),
            "mode": found.keeper.mode,
            "article": refs[article_id(ref.report)],
        }
    return row


def _keys_of(found: FollowUp) -> list[str]:
    return [*found.reports, *([found.keeper.event.report] if found.keeper else [])]


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
