"""Every route of the pages and the API, and the submission of articles, on arbitrary
input: any Unicode (lone surrogates sent as the bytes a careless client would send,
controls, NUL, right-to-left marks), ids of any size, any date, any JSON value. Whatever
comes in, the answer is never a 500 and never a traceback."""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import quote

from fastapi import FastAPI
from fastapi.routing import APIRoute
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from accords.errors import Unreachable
from accords.ingest.fetch import Response
from accords.web import api, pages
from accords.web.app import create_app
from tests.web.conftest import TOKEN, Filled

FUZZ = settings(
    max_examples=120,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
AUTH = {"Authorization": f"Bearer {TOKEN}", "Content-Type": "application/json"}
PARAMETERS = (
    "q", "country", "with", "pair", "domain", "type", "lang", "since", "until", "page",
    "per_page", "min_reports", "status", "person", "outlet", "text", "reports",
)  # fmt: skip
# what SQL, FTS5, tsquery, LIKE, HTML and bidirectional text make something of
SPECIAL = (
    "\x00", "\u200c", "\u200f", "\u202e", "\u2066", "\ufeff", "\ud800", "\udfff", "%", "_",
    "\\", '"', "'", "*", "-", ":", "(", ")", "&", "|", "!", "<", ">", "NEAR", "AND", "OR",
    "ي", "ك", "ی", "ک", "۱", "IRN", "OMN", "2024-01",
)  # fmt: skip

# exclude nothing: surrogates (Cs) are in
hostile = st.lists(
    st.characters(exclude_categories=()) | st.sampled_from(SPECIAL), max_size=30
).map("".join)
# unbounded, and often beyond the 64 bits of a database's integer
numbers = (st.integers() | st.integers(min_value=2**62) | st.integers(max_value=-(2**62))).map(str)
days = st.dates().map(lambda day: day.isoformat()) | st.dates().map(lambda d: d.isoformat()[:7])
value = hostile | numbers | days | st.sampled_from(["", " ", "IRN-OMN", "fa", "open"])


def on_the_wire(text: str) -> str:
    """`text` percent-encoded as UTF-8 bytes; a lone surrogate as the three bytes a
    careless encoder writes for it, which are no UTF-8."""
    return quote(text.encode("utf-8", "surrogatepass"), safe="")


def get_routes(app: FastAPI) -> list[str]:
    return sorted(
        route.path
        for router in (api.router, pages.router)
        for route in router.routes
        if isinstance(route, APIRoute) and "GET" in (route.methods or ())
    )


def fill_path(path: str, given: list[str]) -> str:
    for name, part in zip(("{",) * path.count("{"), given, strict=False):
        start, end = path.index(name), path.index("}")
        path = path[:start] + on_the_wire(part) + path[end + 1 :]
    return path


def no_fault(answer: Any) -> None:
    assert answer.status_code < 500, answer.text[:500]
    assert "Traceback" not in answer.text


@st.composite
def requests(draw: st.DrawFn, routes: list[str]) -> str:
    path = draw(st.sampled_from(routes))
    in_path = draw(st.lists(numbers | hostile | days, min_size=1, max_size=1))
    path = fill_path(path, [part or "0" for part in in_path])
    asked = draw(st.lists(st.tuples(st.sampled_from(PARAMETERS) | hostile, value), max_size=4))
    query = "&".join(f"{on_the_wire(name)}={on_the_wire(given)}" for name, given in asked)
    return f"{path}?{query}" if query else path


def test_fuzz_every_get_route_answers_without_fault(client: TestClient, filled: Filled) -> None:
    assert isinstance(client.app, FastAPI)
    routes = get_routes(client.app)
    assert "/api/actors/{actor_id}" in routes and "/search" in routes

    @FUZZ
    @given(requests(routes))
    def check(url: str) -> None:
        answer = client.get(url)
        event(f"status {answer.status_code}")
        no_fault(answer)

    check()


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | hostile | days,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(hostile, inner, max_size=3),
    max_leaves=6,
)
SENTENCES = (
    "Iran and Oman police chiefs met in Muscat on Friday.",
    "وزیر کشور ایران روز دوشنبه در مسقط با مقامات عمانی دیدار کرد.",
    "التقى وزير الداخلية العراقي نظيره الكويتي في البصرة.",
)
texts = st.builds(
    lambda sentence, before, after: before + sentence + after,
    st.sampled_from(SENTENCES),
    hostile,
    hostile,
)
published = (
    days
    | st.dates().map(lambda day: day.isoformat())
    | st.integers(1, 9999).map(lambda year: f"{year:04d}-12-31")
    | hostile
)
languages = st.sampled_from(["fa", "ar", "en", "", "xx", "FA "]) | hostile
addresses = st.sampled_from(["http://127.0.0.1:9/none", "file:///etc/passwd"]) | hostile
# strings where strings are expected: these reach the extractor and the store
articles = st.fixed_dictionaries(
    {"text": texts},
    optional={
        "title": hostile,
        "outlet": hostile,
        "lang": languages,
        "published": published,
        "url": addresses,
    },
)
# any JSON value in any field, or in place of the whole
bodies = (
    articles
    | st.fixed_dictionaries(
        {},
        optional={
            name: json_values | strings
            for name, strings in (
                ("text", texts),
                ("title", hostile),
                ("lang", languages),
                ("published", published),
                ("url", addresses),
            )
        },
    )
    | json_values
)


def offline(url: str) -> Response:
    raise Unreachable("no network in the tests", source=url)


def test_fuzz_post_article_answers_without_fault(filled: Filled) -> None:
    app = create_app(filled.store, token=TOKEN, fetch=offline)
    with TestClient(app) as client:

        @FUZZ
        @given(bodies)
        def check(body: Any) -> None:
            content = json.dumps(body, ensure_ascii=True, allow_nan=True)
            answer = client.post("/api/articles", content=content.encode(), headers=AUTH)
            event(f"status {answer.status_code}")
            no_fault(answer)

        check()
        no_fault(client.get("/api/events"))
        no_fault(client.get("/api/stories"))


def test_fuzz_reextract_any_id_answers_without_fault(client: TestClient) -> None:
    @settings(FUZZ, max_examples=40)
    @given(numbers | hostile)
    def check(article_id: str) -> None:
        path = f"/api/articles/{on_the_wire(article_id or '0')}/reextract"
        no_fault(client.post(path, headers=AUTH))

    check()
