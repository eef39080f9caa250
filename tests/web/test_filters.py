"""What a request may ask for, checked once for the pages and the API: an id beyond the
store's 32-bit integer on any `{id}` route, and a parameter too long or holding NUL on any
route, is a 4xx with the reason, never a 500, and the connection it came on goes on
serving."""

from __future__ import annotations

import http.client
import itertools
from urllib.parse import quote, urlsplit

from fastapi import FastAPI
from fastapi.routing import APIRoute
from fastapi.testclient import TestClient

from accords.web import api, pages
from accords.web.app import create_app
from accords.web.filters import LARGEST_ID, MAX_PARAMETER, SMALLEST_ID
from tests.web.conftest import TOKEN, Filled, serving

AUTH = {"Authorization": f"Bearer {TOKEN}"}
BEYOND = [LARGEST_ID + 1, SMALLEST_ID - 1, 2**63, -(2**63) - 1, 10**30]


def routes(app: FastAPI) -> list[APIRoute]:
    """The routes of the API and of the pages."""
    return [
        route
        for router in (api.router, pages.router)
        for route in router.routes
        if isinstance(route, APIRoute)
    ]


def id_routes(app: FastAPI) -> list[tuple[str, str]]:
    """(method, path) of every route with a row id in its path."""
    return [
        (method, route.path)
        for route in routes(app)
        if "_id}" in route.path and "{story_id}" not in route.path
        for method in sorted(route.methods or ())
    ]


def with_id(path: str, value: int) -> str:
    start, end = path.index("{"), path.index("}")
    return path[:start] + str(value) + path[end + 1 :]


def query_routes(app: FastAPI) -> list[str]:
    """Every GET route without a path parameter: each takes query parameters, or must
    refuse a hostile one as the others do."""
    return [
        route.path
        for route in routes(app)
        if "GET" in (route.methods or ()) and "{" not in route.path
    ]


def app(client: TestClient) -> FastAPI:
    assert isinstance(client.app, FastAPI)
    return client.app


def test_filters_every_id_route_is_found(client: TestClient) -> None:
    routes = id_routes(app(client))
    assert ("GET", "/api/events/{event_id}") in routes
    assert ("GET", "/actors/{actor_id}") in routes
    assert ("POST", "/api/articles/{article_id}/reextract") in routes
    assert len(routes) == 7


def test_filters_id_beyond_the_stores_integer_is_4xx_on_every_route(client: TestClient) -> None:
    for (method, path), value in itertools.product(id_routes(app(client)), BEYOND):
        answer = client.request(method, with_id(path, value), headers=AUTH)
        assert answer.status_code in (400, 422), (path, value, answer.text)
        if path.startswith("/api/"):
            (reason,) = answer.json()["detail"]
            assert reason["loc"][0] == "path"
            assert str(LARGEST_ID) in reason["msg"] or str(SMALLEST_ID) in reason["msg"]
            assert "input" not in reason, "what was sent is not sent back"
        else:
            assert "less than or equal" in answer.text or "greater than or equal" in answer.text


def test_filters_id_at_the_edges_of_the_stores_integer_is_404(client: TestClient) -> None:
    for method, path in id_routes(client.app):  # type: ignore[arg-type]
        for value in (LARGEST_ID, SMALLEST_ID):
            answer = client.request(method, with_id(path, value), headers=AUTH)
            assert answer.status_code == 404, (path, answer.text)


def test_filters_a_parameter_too_long_is_422_naming_the_limit(client: TestClient) -> None:
    names = ("q", "country", "since", "pair", "lang", "domain", "status")
    for path, name in itertools.product(query_routes(app(client)), names):
        answer = client.get(path, params={name: "a" * 50_000})
        assert answer.status_code == 422, (path, name, answer.status_code)
        assert f"the limit is {MAX_PARAMETER} characters" in answer.text
        assert "50,000" in answer.text
    answer = client.get("/api/actors", params={"q": "a" * 50_000}).json()
    assert answer == {"detail": "'q' is 50,000 characters long; the limit is 500 characters"}


def test_filters_a_parameter_at_the_limit_is_answered(client: TestClient, filled: Filled) -> None:
    found = client.get("/api/actors", params={"q": "%_" * (MAX_PARAMETER // 2)}).json()
    assert found["total"] == 0
    page = client.get("/actors", params={"q": "ف" * MAX_PARAMETER})
    assert page.status_code == 200
    assert client.get("/api/search", params={"q": "security " * 55}).status_code == 200


def test_filters_a_path_too_long_or_a_nul_is_422(client: TestClient) -> None:
    assert client.get("/api/stories/" + "s" * (MAX_PARAMETER + 1)).status_code == 422
    assert client.get("/stories/" + "s" * (MAX_PARAMETER + 1)).status_code == 422
    for path in ("/api/actors", "/actors", "/api/search", "/search", "/api/events"):
        answer = client.get(path, params={"q": "Far\x00ahani", "country": "IRN"})
        assert answer.status_code == 422, path
        assert "NUL" in answer.text
    assert client.get("/api/stories/s-muscat%00").status_code == 422


def ask(connection: http.client.HTTPConnection, path: str) -> tuple[int, bytes]:
    connection.request("GET", path)
    answer = connection.getresponse()
    return answer.status, answer.read()


def test_filters_keep_alive_connection_survives_bad_requests(filled: Filled) -> None:
    bad = [
        f"/api/events/{LARGEST_ID + 1}",
        f"/api/events/{2**63}",
        f"/events/{SMALLEST_ID - 1}",
        f"/api/actors/{10**30}",
        "/api/actors?q=" + "a" * 50_000,
        "/actors?q=" + "a" * 50_000,
        "/search?q=" + quote("جنایت" * 400),
    ]
    with serving(create_app(filled.store, token=TOKEN)) as base:
        address = urlsplit(base)
        connection = http.client.HTTPConnection(address.hostname or "", address.port, timeout=20)
        try:
            for path in bad:
                status, _ = ask(connection, path)
                assert 400 <= status < 500, path
                # the same connection, kept alive, answers the next request
                assert ask(connection, "/health") == (200, b'{"status":"ok"}'), path
        finally:
            connection.close()
