"""Extractions built by hand from the model's dataclasses, for tests that need specific
events whatever the extractor finds today."""

from __future__ import annotations

from datetime import UTC, date, datetime

from alembic import command
from sqlalchemy import Connection, insert

from accords.model import (
    Actor,
    Article,
    Commitment,
    CommitmentKind,
    Event,
    EventType,
    Evidence,
    Extraction,
    Place,
    Quantity,
)
from accords.store import engine as engines
from accords.store import migrate, write
from accords.store.schema import articles, commitments, event_actors, events
from tests import builders

MUSCAT = Place("muscat", "مسقط", "Muscat", "OMN")
TEHRAN = Place("tehran", "تهران", "Tehran", "IRN")


def person(
    name_latn: str, country: str, role: str = "minister of interior", name: str | None = None
) -> Actor:
    return Actor(
        name or name_latn,
        name_latn,
        country,
        role,
        None,
        (0,),
        evidence=(Evidence(0, len(name_latn)),),
    )


def event(
    kind: EventType = EventType.CONSULT,
    countries: tuple[str, ...] = ("IRN", "OMN"),
    *,
    when: str | None = "2024-01-15",
    where: Place | None = MUSCAT,
    domains: tuple[str, ...] = ("drug_trafficking",),
    people: tuple[Actor, ...] = (),
    mode: str = "meet",
) -> Event:
    return builders.event(
        kind, countries, when=when, where=where, domains=domains, people=people, mode=mode,
        evidence=[Evidence(0, 20)], gist=f"{kind} {' '.join(countries)}",
    )  # fmt: skip


def extraction(
    *events: Event,
    doc: str = "t",
    lang: str = "en",
    commitments: tuple[Commitment, ...] = (),
    quantities: tuple[Quantity, ...] = (),
) -> Extraction:
    return Extraction(doc, lang, None, None, list(events), list(commitments), list(quantities), [])


def pledge(by: str = "IRN", to: str = "OMN") -> Commitment:
    return Commitment(
        CommitmentKind.PLEDGE,
        [by],
        [to],
        ["maritime_security"],
        "sign a memorandum of understanding",
        1,
        [Evidence(21, 60)],
    )


def article(
    text: str,
    *,
    title: str | None = None,
    lang: str | None = "en",
    published: date | None = date(2024, 1, 16),
    doc: str = "t.txt",
) -> Article:
    return Article(text=text, doc=doc, title=title, lang=lang, published=published)


def store_as_before(connection: Connection, text: str, found: Extraction) -> int:
    """An article and its events (with their people) as the writers before the schema's
    revision 0005 stored them, without event_sides and event_domains, for tests of the
    migrations; the article's id."""
    key = write.article_hash(text)
    row = write.article_row(write.Entry(article(text), found, key), "0", datetime.now(UTC))
    article_id = int(connection.execute(insert(articles).values(row)).inserted_primary_key[0])
    for position, e in enumerate(found.events):
        event_id = connection.execute(insert(events).values(
            article_id=article_id, position=position, type=str(e.type), mode=e.mode,
            countries=write.codes(e.countries), orgs=write.codes(e.orgs),
            domains=write.codes(e.domains), date=e.date, day=write.day_of(e.date, None),
            gist=e.gist,
        )).inserted_primary_key[0]  # fmt: skip
        people = write.actor_ids(connection, e.actors)
        for actor in e.actors:
            connection.execute(insert(event_actors).values(
                event_id=event_id, actor_id=people[write.actor_key(actor)], name=actor.name,
                role=actor.role, org=actor.org,
            ))  # fmt: skip
    for position, c in enumerate(found.commitments):
        connection.execute(insert(commitments).values(
            article_id=article_id, position=position, kind=str(c.kind),
            by_countries=write.codes(c.by), to_countries=write.codes(c.to),
            domains=write.codes(c.domains), action=c.action, sentence=c.sentence,
        ))  # fmt: skip
    return article_id


def store_at(db_url: str, revision: str, *stored: tuple[str, Extraction]) -> None:
    """A new database at the schema's `revision`, with articles (text, extraction) stored
    as `store_as_before` stores them."""
    engine = engines.create(engines.database_url(db_url))
    with engine.begin() as connection:
        settings = migrate.config()
        settings.attributes["connection"] = connection
        command.upgrade(settings, revision)
        for text, found in stored:
            store_as_before(connection, text, found)
    engine.dispose()
