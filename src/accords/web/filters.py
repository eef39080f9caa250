"""What pages and API answers are asked for: ids in the path, event filters and pagination
read from the query string, checked once for both, and the names shown for codes."""

from __future__ import annotations

import functools
import math
from dataclasses import dataclass
from typing import Annotated
from urllib.parse import urlencode

from babel import Locale
from fastapi import Depends, HTTPException, Path, Query, Request

from accords.lexicon import DATA, LANGS, read_tsv
from accords.model import DOMAINS, EventType
from accords.store.queries import EventFilter

PER_PAGE = 50
MAX_PER_PAGE = 500
# the ids of the store's tables are Integer: 32 bits in PostgreSQL, which refuses to bind
# a larger one (SQLite's 64 bits hold more, but its ids count up from 1 as well)
SMALLEST_ID, LARGEST_ID = -(2**31), 2**31 - 1
# a name, a code, a date or a search is far shorter; SQLite refuses a LIKE pattern over
# 50,000 bytes
MAX_PARAMETER = 500


RowId = Annotated[
    int, Path(ge=SMALLEST_ID, le=LARGEST_ID, description="A row's id (a signed 32-bit integer).")
]
"""The type of every `{..._id}` in a route: an id beyond 32 bits is refused (422), never
sent to the database."""


def bounded(request: Request) -> None:
    """Every query and path parameter of a request at most MAX_PARAMETER characters long,
    and without NUL (PostgreSQL cannot compare text holding one), else 422 naming it. The
    routers of the pages and of the API depend on it, so it covers every parameter,
    those added later too."""
    given = [*request.path_params.items(), *request.query_params.multi_items()]
    for name, value in given:
        shown = name if len(name) <= 40 else name[:40] + "…"
        if len(str(value)) > MAX_PARAMETER:
            raise HTTPException(
                422,
                f"{shown!r} is {len(str(value)):,} characters long; "
                f"the limit is {MAX_PARAMETER} characters",
            )
        if "\x00" in str(value):
            raise HTTPException(422, f"{shown!r} holds a NUL character (%00)")


@dataclass(frozen=True, slots=True)
class Paging:
    page: int
    per_page: int

    @property
    def offset(self) -> int:
        return (self.page - 1) * self.per_page

    def pages(self, total: int) -> int:
        return max(1, math.ceil(total / self.per_page))

    def within(self, total: int) -> None:
        """404 for a page past the last of `total` rows (the first page of none is there)."""
        last = self.pages(total)
        if self.page > last:
            raise HTTPException(
                404,
                f"page: there is no page {self.page}; the last is {last} "
                f"({total:,} rows, {self.per_page} a page)",
            )


def paging(
    page: Annotated[int, Query(ge=1, le=1_000_000, description="From 1.")] = 1,
    per_page: Annotated[int, Query(ge=1, le=MAX_PER_PAGE, description="Rows a page.")] = PER_PAGE,
) -> Paging:
    return Paging(page, per_page)


def event_filter(
    country: Annotated[
        str | None, Query(description="A side of the event, ISO 3166 alpha-3: IRN.")
    ] = None,
    partners: Annotated[
        list[str] | None,
        Query(alias="with", description="Other sides of the same event, each of them: OMN."),
    ] = None,
    pair: Annotated[str | None, Query(description="Two sides at once: IRN-OMN.")] = None,
    domain: Annotated[str | None, Query(description="One of: " + ", ".join(DOMAINS) + ".")] = None,
    event_type: Annotated[
        str | None,
        Query(alias="type", description="One of: " + ", ".join(EventType) + "."),
    ] = None,
    lang: Annotated[str | None, Query(description="The report's language: fa, ar, en…")] = None,
    since: Annotated[
        str | None, Query(description="From this day, month or year on: 2024-01.")
    ] = None,
    until: Annotated[
        str | None, Query(description="Up to this day, month or year, inclusive.")
    ] = None,
    person: Annotated[
        str | None, Query(description="A person taking part: an actor's id or a part of a name.")
    ] = None,
    outlet: Annotated[str | None, Query(description="A part of the outlet's name.")] = None,
    text: Annotated[
        str | None, Query(description="Words the report holds, in any script (as /search).")
    ] = None,
    place: Annotated[str | None, Query(description="The venue, by its id on /map: tehran.")] = None,
) -> EventFilter:
    """The filter of every list of the pages and the API; 400 naming the parameter for a
    bad value. Empty values (a form's untouched fields) mean "any"."""
    try:
        return EventFilter.given(
            country=country, partners=partners or (), pair=pair, domain=domain, type=event_type,
            since=since, until=until, lang=lang, person=person, outlet=outlet, text=text,
            place=place,
        )  # fmt: skip
    except ValueError as error:
        raise HTTPException(400, str(error)) from None


Filter = Annotated[EventFilter, Depends(event_filter)]
"""The filter of every list, for a route's parameters."""
Pages = Annotated[Paging, Depends(paging)]
Reports = Annotated[
    bool, Query(description="One row per report of an event, not one per story (real event).")
]
EXPORTS = ("csv", "json")


def filter_query(request: Request, drop: tuple[str, ...] = ()) -> str:
    """The query string of a request without its paging (nor the parameters `drop`
    names): what names the same whole list."""
    dropped = ("page", "per_page", *drop)
    kept = [
        (key, value)
        for key, value in request.query_params.multi_items()
        if key not in dropped and value
    ]
    return urlencode(kept)


def exports(request: Request, path: str) -> dict[str, str]:
    """The links to the whole list a page shows, as CSV and as JSON: `path`.csv and
    `path`.json with the page's filters."""
    query = filter_query(request)
    return {fmt: f"{path}.{fmt}" + (f"?{query}" if query else "") for fmt in EXPORTS}


@functools.cache
def country_names() -> dict[str, str]:
    """ISO 3166 alpha-3 code to its short English name from CLDR ("Iran", not ISO's "Iran,
    Islamic Republic of"), else ISO's."""
    cldr = Locale("en").territories
    return {
        row["id"]: str(cldr.get(row["alpha2"]) or row["name"])
        for _, row in read_tsv(DATA / "territories.tsv", ("alpha2", "name"))
    }


def country_name(code: str) -> str:
    return country_names().get(code, code)


@functools.cache
def language_names() -> dict[str, str]:
    """The languages accords reads, by code, named in English."""
    names = Locale("en").languages
    return {code: str(names.get(code, code)) for code in LANGS}


def language_name(code: str | None) -> str:
    if not code:
        return "unknown"
    return language_names().get(code) or str(Locale("en").languages.get(code, code))


def domain_label(domain: str) -> str:
    return domain.replace("_", " ")
