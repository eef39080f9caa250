"""The JSON API: every page's data under /api/, paginated, described at /docs. Reading is
open; writing (storing an article, extracting again) needs the server's bearer token."""

from __future__ import annotations

import dataclasses
from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Query
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from accords.errors import AccordsError, InputError
from accords.ingestion import reextract
from accords.model import Article
from accords.pipeline import VERSION
from accords.store import views
from accords.store.queries import EventFilter
from accords.web import highlight, schemas
from accords.web.alerts import sources as watched
from accords.web.app import TOKEN_ENVIRONMENT, Web
from accords.web.filters import (
    Paging,
    RowId,
    bounded,
    country_code,
    domain_name,
    event_filter,
    paging,
)
from accords.web.submit import add_address, add_text, reextract_article

STATUSES = ("open", "kept", "stale")
BUSIEST_PAIRS = 10
# a news article published outside these years is a typo; far ones (9999-12-31) break
# the date arithmetic of linking
PUBLISHED_YEARS = (1900, 2100)

Filter = Annotated[EventFilter, Depends(event_filter)]
Pages = Annotated[Paging, Depends(paging)]
# declared as a security scheme, so that /docs offers to send the token
bearer = HTTPBearer(auto_error=False, description=f"The server's ${TOKEN_ENVIRONMENT}.")
Credentials = Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)]


def api_router(web: Web) -> APIRouter:
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
    def health() -> dict[str, Any]:
        """Whether the server answers; and when `accords watch` follows sources into this
        store, each one's last success, last error and next poll."""
        try:
            sources = watched(web.store)
        except AccordsError:  # the server answers even when its database does not
            sources = []
        return {"status": "ok", "sources": sources} if sources else {"status": "ok"}

    @router.get("/api/stats", response_model=schemas.Stats, tags=["read"])
    def stats() -> dict[str, Any]:
        """What is in the store, and the busiest pairs of countries."""
        with web.store.reading() as connection:
            found = views.counts(connection)
            found["pairs"] = views.country_pairs(connection, limit=BUSIEST_PAIRS)
        return found

    @router.get("/api/events", response_model=schemas.Page[schemas.EventOut], tags=["read"])
    def list_events(where: Filter, paged: Pages) -> dict[str, Any]:
        """Events, newest first (undated last), with filters."""
        with web.store.reading() as connection:
            total = views.count_events(connection, where)
            items = views.events_page(connection, where, offset=paged.offset, limit=paged.per_page)
        return page_of(items, total, paged)

    @router.get("/api/events/{event_id}", response_model=schemas.EventDetail, tags=["read"])
    def get_event(event_id: RowId) -> dict[str, Any]:
        """One event, its article's text and every piece of evidence in it, its story."""
        with web.store.reading() as connection:
            found = views.event_detail(connection, event_id)
        if found is None:
            raise HTTPException(404, f"no event {event_id}")
        return found

    @router.get("/api/articles/{article_id}", response_model=schemas.ArticleDetail, tags=["read"])
    def get_article(article_id: RowId) -> dict[str, Any]:
        """One article with its events, commitments and every piece of evidence."""
        with web.store.reading() as connection:
            found = views.article_detail(connection, article_id)
        if found is None:
            raise HTTPException(404, f"no article {article_id}")
        return found

    @router.get("/api/stories", response_model=schemas.Page[schemas.StoryOut], tags=["read"])
    def list_stories(
        where: Filter,
        paged: Pages,
        min_reports: Annotated[int, Query(ge=1, le=100, description="Told by at least.")] = 1,
    ) -> dict[str, Any]:
        """Stories (reports of one real event) with an event the filters select, the
        latest first."""
        with web.store.reading() as connection:
            total = views.count_stories(connection, where, min_reports=min_reports)
            items = views.stories_page(
                connection,
                where,
                offset=paged.offset,
                limit=paged.per_page,
                min_reports=min_reports,
            )
        return page_of(items, total, paged)

    @router.get("/api/stories/{story_id}", response_model=schemas.StoryDetail, tags=["read"])
    def get_story(story_id: str) -> dict[str, Any]:
        """All reports of one story, each with its text and evidence."""
        with web.store.reading() as connection:
            found = views.story_detail(connection, story_id)
        if found is None:
            raise HTTPException(404, f"no story {story_id}")
        return found

    @router.get("/api/actors", response_model=schemas.Page[schemas.ActorOut], tags=["read"])
    def list_actors(
        paged: Pages,
        country: Annotated[str | None, Query(description="ISO 3166 alpha-3.")] = None,
        q: Annotated[str | None, Query(description="A part of the name, any script.")] = None,
    ) -> dict[str, Any]:
        """People who take part in events, the busiest first."""
        code, name = country_code(country), (q or "").strip() or None
        with web.store.reading() as connection:
            total = views.count_actors(connection, country=code, name=name)
            items = views.actors_page(
                connection, offset=paged.offset, limit=paged.per_page, country=code, name=name
            )
        return page_of(items, total, paged)

    @router.get("/api/actors/{actor_id}", response_model=schemas.ActorDetail, tags=["read"])
    def get_actor(actor_id: RowId) -> dict[str, Any]:
        """One person: names in every script, offices, and a timeline of events."""
        with web.store.reading() as connection:
            found = views.actor_detail(connection, actor_id)
        if found is None:
            raise HTTPException(404, f"no actor {actor_id}")
        return found

    @router.get(
        "/api/commitments",
        response_model=schemas.Page[schemas.CommitmentStatus],
        tags=["read"],
    )
    def list_commitments(
        paged: Pages,
        status: Annotated[str | None, Query(description="open, kept or stale.")] = None,
    ) -> dict[str, Any]:
        """Commitments (repeats merged) with their follow-up: open, kept by a later event,
        or stale; in the order of first mention."""
        wanted = (status or "").strip().lower() or None
        if wanted and wanted not in STATUSES:
            raise HTTPException(400, f"{status!r} is not a status ({', '.join(STATUSES)})")
        found = [f for f in web.follow_ups() if wanted is None or f["status"] == wanted]
        return page_of(found[paged.offset : paged.offset + paged.per_page], len(found), paged)

    @router.get("/api/search", response_model=schemas.Page[schemas.SearchHit], tags=["read"])
    def search(
        q: Annotated[str, Query(min_length=1, description="Words, in any script.")],
        paged: Pages,
    ) -> dict[str, Any]:
        """Full-text search of titles and texts, best first. Letter variants, digits, case
        and Persian zero-width non-joiners are folded."""
        with web.store.reading() as connection:
            total = views.count_search(connection, q)
            items = views.search_page(connection, q, offset=paged.offset, limit=paged.per_page)
        for item in items:
            found = highlight.matches(item["text"], q)
            item["matches"] = [{"start": s, "end": e} for s, e in found]
            item["snippet"] = "".join(p.text for p in highlight.snippet(item["text"], q))
        return page_of(items, total, paged)

    @router.get("/api/network", response_model=schemas.Network, tags=["read"])
    def network(
        domain: Annotated[str | None, Query(description="Only events on this domain.")] = None,
    ) -> dict[str, Any]:
        """Countries and the pairs of them that share events, weighted by events."""
        chosen = domain_name(domain)
        with web.store.reading() as connection:
            return {
                "countries": views.country_events(connection, domain=chosen),
                "pairs": views.country_pairs(connection, domain=chosen),
            }

    @router.get("/api/timeline", response_model=schemas.Timeline, tags=["read"])
    def timeline(
        country: Annotated[str | None, Query(description="Only events with this side.")] = None,
    ) -> dict[str, Any]:
        """Events per month and domain."""
        code = country_code(country)
        with web.store.reading() as connection:
            return {"months": views.months(connection, country=code)}

    def authorised(credentials: Credentials) -> None:
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
    def post_article(body: schemas.ArticleIn) -> dict[str, Any]:
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
    def post_reextract_article(article_id: RowId) -> dict[str, Any]:
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
    def post_reextract() -> dict[str, Any]:
        """Extract again every article an older extractor read."""
        count = reextract(web.store, lexicon=web.lexicon())
        return {"articles": count, "version": VERSION}

    return router


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
