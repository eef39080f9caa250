"""The JSON API: every page's data under /api/, paginated, described at /docs. Reading is
open; writing (storing an article, extracting again) needs the server's bearer token."""

from __future__ import annotations

import dataclasses
from collections import Counter
from collections.abc import Iterator
from datetime import date
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, HTTPException, Path, Query
from fastapi.responses import StreamingResponse
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from sqlalchemy import Connection

from accords.errors import AccordsError, InputError
from accords.jobs.add import add_address, add_text
from accords.jobs.reextract import reextract, reextract_article
from accords.link import followup
from accords.listing import ACTOR_FIELDS
from accords.model import Article
from accords.pipeline import VERSION
from accords.store import views
from accords.store.queries import EventFilter
from accords.web import export, highlight, schemas
from accords.web.alerts import sources as watched
from accords.web.filters import Filter, Pages, Paging, Reports, RowId, bounded
from accords.web.places import places_of
from accords.web.shared import TOKEN_ENVIRONMENT, Shared, Web
from accords.web.timeline import chart

BUSIEST_PAIRS = 10
# a news article published outside these years is a typo; far ones (9999-12-31) break
# the date arithmetic of linking
PUBLISHED_YEARS = (1900, 2100)

Format = Annotated[Literal["csv", "json"], Path(description="csv or json.")]
MinReports = Annotated[int, Query(ge=1, le=100, description="Told by at least.")]
Name = Annotated[str | None, Query(description="A part of the name, any script.")]
Status = Annotated[str | None, Query(description=", ".join(followup.Status) + ".")]
Words = Annotated[str, Query(min_length=1, description="Words, in any script.")]
# declared as a security scheme, so that /docs offers to send the token
bearer = HTTPBearer(auto_error=False, description=f"The server's ${TOKEN_ENVIRONMENT}.")
Credentials = Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)]


router = APIRouter(dependencies=[Depends(bounded)])


def page_of(items: list[Any], total: int, paged: Paging) -> dict[str, Any]:
    paged.within(total)
    return {
        "items": items,
        "page": paged.page,
        "per_page": paged.per_page,
        "total": total,
        "pages": paged.pages(total),
    }


@router.get(
    "/health", response_model=schemas.Health, response_model_exclude_unset=True, tags=["server"]
)
def health(web: Shared) -> dict[str, Any]:
    """Whether the server answers; and when `accords watch` follows sources into this
    store, each one's last success, last error and next poll."""
    try:
        sources = watched(web.store)
    except AccordsError:  # the server answers even when its database does not
        sources = []
    return {"status": "ok", "sources": sources} if sources else {"status": "ok"}


@router.get("/api/stats", response_model=schemas.Stats, tags=["read"])
def stats(web: Shared) -> dict[str, Any]:
    """What is in the store, and the busiest pairs of countries (counted in stories)."""
    with web.store.reading() as connection:
        found = views.counts(connection)
        found["pairs"] = views.country_pairs(connection, limit=BUSIEST_PAIRS)
    return found


@router.get("/api/events", response_model=schemas.Page[schemas.EventOut], tags=["read"])
def list_events(
    web: Shared, where: Filter, paged: Pages, reports: Reports = False
) -> dict[str, Any]:
    """Events with filters, newest first (undated last): one a story (real event),
    its first report's, with the number of `reports` of it, as `accords events`
    lists them; or, with `reports`, one row per report."""
    with web.store.reading() as connection:
        total, items = views.event_list(
            connection, where, offset=paged.offset, limit=paged.per_page, every_report=reports
        )
    return page_of(items, total, paged)


@router.get("/api/events.{fmt}", tags=["export"])
def export_events(
    web: Shared, fmt: Format, where: Filter, reports: Reports = False
) -> StreamingResponse:
    """Every event of /api/events with the same filters, all pages, as CSV or JSON."""
    return export.streamed(
        web.store,
        lambda c: views.iter_events_listed(c, where, every_report=reports),
        export.LISTED_EVENT_FIELDS,
        fmt,
        "events",
        schemas.EventOut,
    )


@router.get("/api/events/{event_id}", response_model=schemas.EventDetail, tags=["read"])
def get_event(web: Shared, event_id: RowId) -> dict[str, Any]:
    """One event, its article's text and every piece of evidence in it, its story."""
    return web.found(views.event_detail, event_id, f"no event {event_id}")


@router.get("/api/articles/{article_id}", response_model=schemas.ArticleDetail, tags=["read"])
def get_article(web: Shared, article_id: RowId) -> dict[str, Any]:
    """One article with its events, commitments and every piece of evidence."""
    return web.found(views.article_detail, article_id, f"no article {article_id}")


@router.get("/api/stories", response_model=schemas.Page[schemas.StoryOut], tags=["read"])
def list_stories(
    web: Shared, where: Filter, paged: Pages, min_reports: MinReports = 1
) -> dict[str, Any]:
    """Stories (reports of one real event) with an event the filters select, the
    latest first."""
    with web.store.reading() as connection:
        total, items = views.story_list(
            connection, where, offset=paged.offset, limit=paged.per_page, min_reports=min_reports
        )
    return page_of(items, total, paged)


@router.get("/api/stories.{fmt}", tags=["export"])
def export_stories(
    web: Shared, fmt: Format, where: Filter, min_reports: MinReports = 1
) -> StreamingResponse:
    """Every story of /api/stories with the same filters, all pages, as CSV or JSON."""
    return export.streamed(
        web.store,
        lambda c: views.iter_stories_listed(c, where, min_reports=min_reports),
        export.LISTED_STORY_FIELDS,
        fmt,
        "stories",
        schemas.StoryOut,
    )


@router.get("/api/stories/{story_id}", response_model=schemas.StoryDetail, tags=["read"])
def get_story(web: Shared, story_id: str) -> dict[str, Any]:
    """All reports of one story, each with its text and evidence."""
    return web.found(views.story_detail, story_id, f"no story {story_id}")


@router.get("/api/actors", response_model=schemas.Page[schemas.ActorOut], tags=["read"])
def list_actors(web: Shared, where: Filter, paged: Pages, q: Name = None) -> dict[str, Any]:
    """People who take part in events the filters select, the busiest first."""
    name = (q or "").strip() or None
    with web.store.reading() as connection:
        total = views.count_actors(connection, where, name=name)
        items = views.actors_page(
            connection, where, offset=paged.offset, limit=paged.per_page, name=name
        )
    return page_of(items, total, paged)


@router.get("/api/actors.{fmt}", tags=["export"])
def export_actors(web: Shared, fmt: Format, where: Filter, q: Name = None) -> StreamingResponse:
    """Every person of /api/actors with the same filters, all pages, as CSV or JSON."""
    name = (q or "").strip() or None
    return export.streamed(
        web.store,
        lambda c: views.iter_actors_listed(c, where, name=name),
        ACTOR_FIELDS,
        fmt,
        "actors",
        schemas.ActorOut,
    )


@router.get("/api/actors/{actor_id}", response_model=schemas.ActorDetail, tags=["read"])
def get_actor(web: Shared, actor_id: RowId) -> dict[str, Any]:
    """One person: names in every script, offices, and a timeline of events."""
    return web.found(views.actor_detail, actor_id, f"no actor {actor_id}")


def commitments(web: Web, where: EventFilter, status: str | None) -> list[dict[str, Any]]:
    wanted = (status or "").strip().lower() or None
    if wanted and wanted not in set(followup.Status):
        raise HTTPException(
            400, f"status: {status!r} is not a status ({', '.join(followup.Status)})"
        )
    return [f for f in web.commitments(where) if wanted is None or f["status"] == wanted]


@router.get(
    "/api/commitments",
    response_model=schemas.Page[schemas.CommitmentStatus],
    tags=["read"],
)
def list_commitments(
    web: Shared, where: Filter, paged: Pages, status: Status = None
) -> dict[str, Any]:
    """Commitments (repeats merged) with their follow-up: open, kept by a later event,
    or stale; in the order of first mention. A filter's sides and domain are the
    commitment's, its days those of the first mention, the rest of it applies to
    the events of the reports that state it."""
    found = commitments(web, where, status)
    return page_of(found[paged.offset : paged.offset + paged.per_page], len(found), paged)


@router.get("/api/commitments.{fmt}", tags=["export"])
def export_commitments(
    web: Shared, fmt: Format, where: Filter, status: Status = None
) -> StreamingResponse:
    """Every commitment of /api/commitments with the same filters, as CSV or JSON."""
    found = commitments(web, where, status)
    return export.streamed(
        web.store,
        lambda _: found,
        export.LISTED_COMMITMENT_FIELDS,
        fmt,
        "commitments",
        schemas.CommitmentStatus,
    )


def hits(web: Web, connection: Connection, q: str, where: EventFilter) -> Iterator[dict[str, Any]]:
    for item in views.iter_search_listed(connection, q, where, web.person_names(q)):
        yield with_matches(item, q)


@router.get("/api/search", response_model=schemas.Page[schemas.SearchHit], tags=["read"])
def search(web: Shared, q: Words, where: Filter, paged: Pages) -> dict[str, Any]:
    """Full-text search of titles and texts, best first, among the reports with an
    event the filters select (when they select any). Letter variants, digits, case,
    Persian zero-width non-joiners and Arabic clitics are folded; Chinese is found
    inside words; a person's name finds the person's names in every script."""
    names = web.person_names(q)
    with web.store.reading() as connection:
        total = views.count_search(connection, q, where, names)
        items = views.search_page(
            connection, q, where, offset=paged.offset, limit=paged.per_page, names=names
        )
    return page_of([with_matches(item, q) for item in items], total, paged)


@router.get("/api/search.{fmt}", tags=["export"])
def export_search(web: Shared, fmt: Format, q: Words, where: Filter) -> StreamingResponse:
    """Every hit of /api/search with the same filters, all pages, as CSV or JSON."""
    return export.streamed(
        web.store, lambda c: hits(web, c, q, where), export.HIT_FIELDS, fmt, "search",
        schemas.SearchHit,
    )  # fmt: skip


def network_of(web: Web, where: EventFilter) -> dict[str, Any]:
    with web.store.reading() as connection:
        return {
            "countries": views.country_events(connection, where),
            "pairs": views.country_pairs(connection, where),
        }


@router.get("/api/network", response_model=schemas.Network, tags=["read"])
def network(web: Shared, where: Filter) -> dict[str, Any]:
    """Countries and the pairs of them that share events the filters select, weighted
    by real events (stories)."""
    return network_of(web, where)


@router.get("/api/network.{fmt}", tags=["export"])
def export_network(web: Shared, fmt: Format, where: Filter) -> StreamingResponse:
    """The pairs of /api/network with the same filters, as CSV or JSON."""
    pairs = network_of(web, where)["pairs"]
    return export.streamed(
        web.store, lambda _: pairs, export.PAIR_FIELDS, fmt, "network", schemas.CountryPair
    )


def periods_of(web: Web, where: EventFilter) -> dict[str, Any]:
    with web.store.reading() as connection:
        found = views.days(connection, where)
    drawn = chart(found)
    months: dict[str, Counter[str]] = {}
    for day, counts in found.items():
        months.setdefault(day[:7], Counter()).update(counts)
    periods = [
        {**period, "events": {s["domain"]: s["counts"][n] for s in drawn["series"]
                              if s["counts"][n]}}
        for n, period in enumerate(drawn["periods"])
    ]  # fmt: skip
    return {
        "months": {month: dict(counts) for month, counts in months.items()},
        "bucket": drawn["bucket"],
        "periods": periods,
    }


@router.get("/api/timeline", response_model=schemas.Timeline, tags=["read"])
def timeline(web: Shared, where: Filter) -> dict[str, Any]:
    """Real events (stories) the filters select, per month of their first day and
    domain, and per the period the timeline draws for their range (a day, a week, a
    month or a year), each with the `since` and `until` that list its events."""
    return periods_of(web, where)


@router.get("/api/timeline.{fmt}", tags=["export"])
def export_timeline(web: Shared, fmt: Format, where: Filter) -> StreamingResponse:
    """The periods of /api/timeline with the same filters, one row a period and
    domain, as CSV or JSON."""
    rows = [
        {**{k: p[k] for k in ("label", "since", "until")}, "domain": domain, "events": n}
        for p in periods_of(web, where)["periods"]
        for domain, n in p["events"].items()
    ]
    return export.streamed(web.store, lambda _: rows, export.PERIOD_FIELDS, fmt, "timeline")


@router.get("/api/map", response_model=schemas.Map, tags=["read"])
def map_places(web: Shared, where: Filter) -> dict[str, Any]:
    """The venues of the real events (stories) the filters select, with their
    coordinates from GeoNames and the number of stories placed at each."""
    with web.store.reading() as connection:
        return places_of(connection, where)


@router.get("/api/map.{fmt}", tags=["export"])
def export_map(web: Shared, fmt: Format, where: Filter) -> StreamingResponse:
    """The places of /api/map with the same filters, as CSV or JSON."""
    with web.store.reading() as connection:
        places = places_of(connection, where)["places"]
    return export.streamed(
        web.store, lambda _: places, export.PLACE_FIELDS, fmt, "map", schemas.MapPlace
    )


def authorised(web: Shared, credentials: Credentials) -> None:
    if not web.token:
        # no credentials would help: forbidden, not unauthorised
        raise HTTPException(
            403, f"writing is off on this server: start it with ${TOKEN_ENVIRONMENT} set"
        )
    if credentials is None or not web.allowed(credentials.credentials):
        raise HTTPException(
            401,
            "send the server's token: Authorization: Bearer <token>",
            headers={"WWW-Authenticate": "Bearer"},
        )


writer = [Depends(authorised)]


@router.post(
    "/api/articles",
    response_model=schemas.Ingested,
    status_code=201,
    tags=["write"],
    dependencies=writer,
)
def post_article(web: Shared, body: schemas.ArticleIn) -> dict[str, Any]:
    """Store an article given as text, or fetched from an http(s) address, and extract
    it. An article stored before (the same text from any source) is not stored again."""
    try:
        if body.text and body.text.strip():
            submitted = add_text(web.store, _article(body), web.lexicon())
        elif body.url:
            submitted = add_address(
                web.store,
                body.url,
                web.lexicon(),
                fetch=web.fetch,
                max_bytes=web.max_bytes,
                public_only=not web.allow_private,
            )
        else:
            raise HTTPException(400, "send a text, or a url to fetch")
    except InputError as error:
        raise HTTPException(400, str(error)) from None
    if not submitted.articles and submitted.errors:
        raise HTTPException(400, "; ".join(submitted.errors))
    return dataclasses.asdict(submitted)


@router.post(
    "/api/articles/{article_id}/reextract",
    response_model=schemas.Reextracted,
    tags=["write"],
    dependencies=writer,
)
def post_reextract_article(web: Shared, article_id: RowId) -> dict[str, Any]:
    """Extract one article again with the current extractor."""
    try:
        done = reextract_article(web.store, article_id, web.lexicon())
    except AccordsError as error:
        raise HTTPException(400, str(error)) from None
    if not done:
        raise HTTPException(404, f"no article {article_id}")
    return {"articles": 1, "version": VERSION}


@router.post(
    "/api/reextract", response_model=schemas.Reextracted, tags=["write"], dependencies=writer
)
def post_reextract(web: Shared) -> dict[str, Any]:
    """Extract again every article an older extractor read."""
    count = reextract(web.store, lexicon=web.lexicon())
    return {"articles": count, "version": VERSION}


def with_matches(item: dict[str, Any], q: str) -> dict[str, Any]:
    """A search hit with where the query matches its text, and a snippet around it."""
    item["matches"] = [{"start": s, "end": e} for s, e in highlight.matches(item["text"], q)]
    item["snippet"] = "".join(p.text for p in highlight.snippet(item["text"], q))
    return item


def _article(body: schemas.ArticleIn) -> Article:
    published = None
    if body.published:
        try:
            published = date.fromisoformat(body.published)
        except ValueError:
            raise HTTPException(
                400, f"published: {body.published!r} is not a date like 2024-01-15"
            ) from None
        first, last = PUBLISHED_YEARS
        if not first <= published.year <= last:
            raise HTTPException(
                422, f"published: {body.published!r} is outside the years {first} to {last}"
            )
    lang = (body.lang or "").strip().lower() or None
    return Article(
        text=body.text or "",
        doc=body.url or "api",
        title=(body.title or "").strip() or None,
        url=body.url,
        outlet=(body.outlet or "").strip() or None,
        lang=lang,
        published=published,
    )
