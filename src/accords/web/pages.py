"""The pages: server-rendered HTML over the same queries as the API. Every value from the
store goes into a template as text (autoescaped), and charts and graphs get their data as
JSON in a non-executable script element, read by our own static scripts."""

from __future__ import annotations

from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import HTMLResponse, Response

from accords.link.followup import Status
from accords.store import views
from accords.web import highlight
from accords.web.alerts import sources as watched
from accords.web.filters import (
    Filter,
    Pages,
    Paging,
    Reports,
    RowId,
    bounded,
    country_name,
    exports,
    filter_query,
)
from accords.web.places import drawing, places_of
from accords.web.shared import Shared, current
from accords.web.timeline import chart
from accords.web.world import outline

LATEST = 10
BUSIEST_PAIRS = 10
BOARD_CARDS = 200  # a column of the commitments board shows this many, the latest first
GRAPH_PAIRS = 300  # the network draws the busiest pairs only
SEARCH_PER_PAGE = 20


router = APIRouter(
    include_in_schema=False,
    default_response_class=HTMLResponse,
    dependencies=[Depends(bounded)],
)


def render(request: Request, name: str, context: dict[str, Any]) -> Response:
    return current(request).templates.TemplateResponse(request, name, context)


@router.get("/")
def home(web: Shared, request: Request) -> Response:
    with web.store.reading() as connection:
        found = views.counts(connection)
        found["real_events"] = views.count_stories_of_events(connection)
        latest = views.events_page(connection, limit=LATEST, per_story=True)
        pairs = views.country_pairs(connection, limit=BUSIEST_PAIRS)
        languages = views.stories_by_language(connection)
    sources = watched(web.store)  # those `accords watch` follows into this store
    return render(
        request,
        "home.html",
        {
            "counts": found,
            "latest": latest,
            "pairs": pairs,
            "languages": languages,
            "sources": sources,
        },
    )


@router.get("/events")
def event_list(
    web: Shared, request: Request, where: Filter, paged: Pages, reports: Reports = False
) -> Response:
    with web.store.reading() as connection:
        total, found = views.event_list(
            connection, where, offset=paged.offset, limit=paged.per_page, every_report=reports
        )
    return render(
        request,
        "events.html",
        {
            "events": found,
            "where": where,
            "reports": reports,
            "pager": _pager(request, paged, total),
            "exports": exports(request, "/api/events"),
        },
    )


@router.get("/events/{event_id}")
def event_page(web: Shared, request: Request, event_id: RowId) -> Response:
    found = web.found(views.event_detail, event_id, f"There is no event {event_id}.")
    text = _evidence(found["article"], found["highlights"], [event_id])
    shown = highlight.described(found["article_events"])
    return render(request, "event.html", {"event": found, "pieces": text, "events": shown})


@router.get("/articles/{article_id}")
def article_page(web: Shared, request: Request, article_id: RowId) -> Response:
    found = web.found(views.article_detail, article_id, f"There is no article {article_id}.")
    text = _evidence(found, found["highlights"])
    shown = highlight.described(found["events"])
    return render(request, "article.html", {"article": found, "pieces": text, "events": shown})


@router.get("/stories")
def story_list(
    web: Shared,
    request: Request,
    where: Filter,
    paged: Pages,
    min_reports: Annotated[int, Query(ge=1, le=100)] = 1,
) -> Response:
    with web.store.reading() as connection:
        total, found = views.story_list(
            connection, where, offset=paged.offset, limit=paged.per_page, min_reports=min_reports
        )
    return render(
        request,
        "stories.html",
        {
            "stories": found,
            "where": where,
            "min_reports": min_reports,
            "pager": _pager(request, paged, total),
            "exports": exports(request, "/api/stories"),
        },
    )


@router.get("/stories/{story_id}")
def story_page(web: Shared, request: Request, story_id: str) -> Response:
    found = web.found(views.story_detail, story_id, f"There is no story {story_id}.")
    for report in found["reports"]:
        own = [event["id"] for event in report["events"]]
        report["pieces"] = _evidence(report, report["highlights"], own)
        report["described"] = highlight.described(report["events"])
    return render(request, "story.html", {"story": found})


@router.get("/actors")
def actor_list(
    web: Shared, request: Request, where: Filter, paged: Pages, q: str | None = None
) -> Response:
    name = (q or "").strip() or None
    with web.store.reading() as connection:
        total = views.count_actors(connection, where, name=name)
        found = views.actors_page(
            connection, where, offset=paged.offset, limit=paged.per_page, name=name
        )
    return render(
        request,
        "actors.html",
        {
            "actors": found,
            "where": where,
            "q": name or "",
            "pager": _pager(request, paged, total),
            "exports": exports(request, "/api/actors"),
        },
    )


@router.get("/actors/{actor_id}")
def actor_page(web: Shared, request: Request, actor_id: RowId) -> Response:
    found = web.found(views.actor_detail, actor_id, f"There is no actor {actor_id}.")
    return render(request, "actor.html", {"actor": found})


@router.get("/commitments")
def commitment_board(web: Shared, request: Request, where: Filter) -> Response:
    found = web.commitments(where)
    columns = []
    for status in Status:
        title = status.capitalize()
        cards = [f for f in found if f["status"] == status]
        cards.sort(key=lambda f: f["last_day"] or "", reverse=True)
        shown = cards[:BOARD_CARDS]
        columns.append({"status": status, "title": title, "total": len(cards), "cards": shown})
    return render(
        request,
        "commitments.html",
        {
            "columns": columns,
            "stale_after": web.stale_after,
            "where": where,
            "exports": exports(request, "/api/commitments"),
        },
    )


@router.get("/network")
def network(web: Shared, request: Request, where: Filter) -> Response:
    with web.store.reading() as connection:
        pairs = views.country_pairs(connection, where)
        countries = views.country_events(connection, where)
    drawn = pairs[:GRAPH_PAIRS]
    shown = {c for pair in drawn for c in pair["countries"]}
    graph = {
        "countries": [
            {"id": code, "name": country_name(code), "events": n}
            for code, n in countries.items()
            if code in shown
        ],
        "pairs": drawn,
    }
    return render(
        request,
        "network.html",
        {
            "graph": graph,
            "pairs": pairs,
            "where": where,
            "query": filter_query(request),
            "hidden": len(pairs) - len(drawn),
            "exports": exports(request, "/api/network"),
        },
    )


@router.get("/timeline")
def timeline(web: Shared, request: Request, where: Filter) -> Response:
    with web.store.reading() as connection:
        found = views.days(connection, where)
    drawn = chart(found)
    # a bar opens its events: the page's filters, the bar's days and domain
    drawn["query"] = filter_query(request, drop=("since", "until", "domain"))
    return render(
        request,
        "timeline.html",
        {"where": where, "chart": drawn, "exports": exports(request, "/api/timeline")},
    )


@router.get("/map")
def world_map(web: Shared, request: Request, where: Filter) -> Response:
    with web.store.reading() as connection:
        found = places_of(connection, where)
    return render(
        request,
        "map.html",
        {
            "where": where,
            "found": found,
            "drawn": drawing(found["places"]),
            "outline": outline(),
            "query": filter_query(request, drop=("place",)),
            "exports": exports(request, "/api/map"),
        },
    )


@router.get("/search")
def search(
    web: Shared,
    request: Request,
    where: Filter,
    q: str = "",
    page: Annotated[int, Query(ge=1, le=1_000_000)] = 1,
) -> Response:
    paged = Paging(page, SEARCH_PER_PAGE)
    query = q.strip()
    hits: list[dict[str, Any]] = []
    total = 0
    if query:
        names = web.person_names(query)
        with web.store.reading() as connection:
            total = views.count_search(connection, query, where, names)
            hits = views.search_page(
                connection,
                query,
                where,
                offset=paged.offset,
                limit=paged.per_page,
                names=names,
            )
        for hit in hits:
            hit["pieces"] = highlight.snippet(hit["text"], query)
    return render(
        request,
        "search.html",
        {
            "q": query,
            "hits": hits,
            "total": total,
            "where": where,
            "pager": _pager(request, paged, total),
            "exports": exports(request, "/api/search"),
        },
    )


def _pager(request: Request, paged: Paging, total: int) -> dict[str, Any]:
    """Page numbers and the links to the pages before and after, filters kept."""
    paged.within(total)
    pages = paged.pages(total)

    def link(number: int) -> str:
        kept = [(k, v) for k, v in request.query_params.multi_items() if k != "page" and v]
        return "?" + urlencode([*kept, ("page", str(number))])

    return {
        "page": paged.page,
        "pages": pages,
        "total": total,
        "first": paged.offset + 1 if total else 0,
        "last": min(total, paged.offset + paged.per_page),
        "previous": link(paged.page - 1) if paged.page > 1 else None,
        "next": link(paged.page + 1) if paged.page < pages else None,
    }


def _evidence(
    article: dict[str, Any], spans: list[dict[str, Any]], current: list[int] | None = None
) -> list[highlight.Piece]:
    """An article's text cut for its page; a report not in English shows the English gist
    of each event beside its evidence."""
    english = (article.get("lang") or "en").lower().startswith("en")
    places = None if english else highlight.gist_places(spans)
    return highlight.pieces(article["text"], spans, current or (), places)
