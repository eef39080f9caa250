"""Writing one article and what was extracted from it; the caller holds the transaction,
so that an article is never stored without its extraction, nor the other way round."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import Connection, delete, insert, select, update
from sqlalchemy.dialects import postgresql, sqlite

from accords.model import Actor, Article, Evidence, Extraction
from accords.store import search
from accords.store.schema import (
    actors,
    articles,
    commitments,
    event_actors,
    events,
    evidence,
    quantities,
)
from accords.text.normalise import ZWNJ, fold_letters

_FULL_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
_MONTH_DAY = re.compile(r"^--(\d{2})-(\d{2})$")


def article_hash(text: str) -> str:
    """The key of an article: its text folded (letter variants, digits, case), ZWNJ and
    runs of white space made one space, so that the same article read from a page, a feed
    or a JSONL file is stored once."""
    folded = " ".join(fold_letters(text).replace(ZWNJ, " ").split())
    return hashlib.sha256(folded.encode("utf-8")).hexdigest()


def codes(values: Sequence[str]) -> str:
    return " ".join(dict.fromkeys(values))


def find(connection: Connection, key: str) -> int | None:
    return connection.scalar(select(articles.c.id).where(articles.c.hash == key))


def add_article(
    connection: Connection, article: Article, extraction: Extraction, *, key: str, version: str
) -> int:
    """Insert the article and its extraction; raises IntegrityError when an article with
    the same key is there already (another process may have stored it a moment ago)."""
    article_id: int = connection.execute(
        insert(articles).returning(articles.c.id),
        {
            "hash": key,
            "raw_hash": article.raw_hash,
            "source": article.doc,
            "title": article.title or extraction.title,
            "url": article.url,
            "outlet": article.outlet,
            "lang": article.lang or extraction.lang,
            "published": article.published,
            "text": article.text,
            "extractor_version": version,
            "ingested_at": datetime.now(UTC),
        },
    ).scalar_one()
    add_extraction(connection, article_id, extraction, article.published)
    search.add(connection, article_id, article.title or extraction.title, article.text)
    return article_id


def replace_extraction(
    connection: Connection, article_id: int, extraction: Extraction, *, version: str
) -> None:
    """Swap an article's extraction for a new one (after the extractor changed)."""
    row = connection.execute(
        select(articles.c.title, articles.c.text, articles.c.published).where(
            articles.c.id == article_id
        )
    ).one()
    remove_extraction(connection, article_id)
    add_extraction(connection, article_id, extraction, row.published)
    # the index is built by the normaliser, which may have changed along with the extractor
    search.remove(connection, article_id)
    search.add(connection, article_id, row.title or extraction.title, row.text)
    connection.execute(
        update(articles).where(articles.c.id == article_id).values(extractor_version=version)
    )


def remove_extraction(connection: Connection, article_id: int) -> None:
    event_ids = select(events.c.id).where(events.c.article_id == article_id)
    connection.execute(delete(evidence).where(evidence.c.article_id == article_id))
    connection.execute(delete(event_actors).where(event_actors.c.event_id.in_(event_ids)))
    for owned in (events, commitments, quantities):
        connection.execute(delete(owned).where(owned.c.article_id == article_id))


def add_extraction(
    connection: Connection, article_id: int, extraction: Extraction, published: date | None
) -> None:
    proofs: list[dict[str, Any]] = []

    def prove(spans: Sequence[Evidence], **owner: int) -> None:
        proofs.extend(
            {"article_id": article_id, "start_char": span.start, "end_char": span.end, **owner}
            for span in spans
        )

    for position, event in enumerate(extraction.events):
        place = event.location
        event_id: int = connection.execute(
            insert(events).returning(events.c.id),
            {
                "article_id": article_id,
                "position": position,
                "type": str(event.type),
                "mode": event.mode,
                "countries": codes(event.countries),
                "orgs": codes(event.orgs),
                "domains": codes(event.domains),
                "location_id": place.id if place else None,
                "location_name": place.name if place else None,
                "location_name_latn": place.name_latn if place else None,
                "location_country": place.country if place else None,
                "date": event.date,
                "day": day_of(event.date, published),
                "gist": event.gist,
                "story": event.story,
            },
        ).scalar_one()
        prove(event.evidence, event_id=event_id)
        for actor in event.actors:
            link_id: int = connection.execute(
                insert(event_actors).returning(event_actors.c.id),
                {
                    "event_id": event_id,
                    "actor_id": actor_id(connection, actor),
                    "name": actor.name,
                    "role": actor.role,
                    "org": actor.org,
                },
            ).scalar_one()
            prove(actor.evidence, event_actor_id=link_id)
    for position, commitment in enumerate(extraction.commitments):
        commitment_id: int = connection.execute(
            insert(commitments).returning(commitments.c.id),
            {
                "article_id": article_id,
                "position": position,
                "kind": str(commitment.kind),
                "by_countries": codes(commitment.by),
                "to_countries": codes(commitment.to),
                "domains": codes(commitment.domains),
                "action": commitment.action,
                "sentence": commitment.sentence,
            },
        ).scalar_one()
        prove(commitment.evidence, commitment_id=commitment_id)
    for position, quantity in enumerate(extraction.quantities):
        quantity_id: int = connection.execute(
            insert(quantities).returning(quantities.c.id),
            {
                "article_id": article_id,
                "position": position,
                "value": quantity.value,
                "unit": quantity.unit,
                "what": quantity.what,
            },
        ).scalar_one()
        prove([quantity.evidence], quantity_id=quantity_id)
    if proofs:
        columns = ("event_id", "commitment_id", "quantity_id", "event_actor_id")
        connection.execute(
            insert(evidence), [{key: None for key in columns} | proof for proof in proofs]
        )


def actor_key(actor: Actor) -> str:
    if actor.id:
        return actor.id
    name = " ".join(fold_letters(actor.name_latn or actor.name).split())
    return f"{actor.country or '-'}:{name}"[:200]


def actor_id(connection: Connection, actor: Actor) -> int:
    """The id of the person, added on first sight. Insert-or-nothing, then read: two
    processes meeting the same new person both end up with the one row."""
    key = actor_key(actor)
    values = {
        "key": key,
        "name": actor.name,
        "name_latn": actor.name_latn,
        "country": actor.country,
        "gazetteer_id": actor.id,
    }
    if connection.dialect.name == "postgresql":
        connection.execute(
            postgresql.insert(actors)
            .values(**values)
            .on_conflict_do_nothing(index_elements=["key"])
        )
    else:
        connection.execute(
            sqlite.insert(actors).values(**values).on_conflict_do_nothing(index_elements=["key"])
        )
    found: int = connection.execute(select(actors.c.id).where(actors.c.key == key)).scalar_one()
    return found


def day_of(value: str | None, published: date | None) -> str | None:
    """A sortable day for an event date: the date itself when it has a year; a month and
    day without one take the publication's year (the year before, if that would put the
    event after its report); no date at all takes the publication date."""
    if value and _FULL_DATE.match(value):
        return value
    found = _MONTH_DAY.match(value or "")
    if found and published:
        month, day = int(found.group(1)), int(found.group(2))
        for year in (published.year, published.year - 1):
            try:
                candidate = date(year, month, day)
            except ValueError:  # 29 February of a common year, or no such day
                continue
            if candidate <= published:
                return candidate.isoformat()
        return published.isoformat()
    return published.isoformat() if published else None
