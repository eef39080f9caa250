"""The app's own answers to what goes wrong: a request the API cannot read is a 422 in
FastAPI's shape whatever it held, and a fault of the server's is one 500 with a line, no
traceback, after which the connection it came on still serves."""

from __future__ import annotations

import ast
import http.client
import json
from pathlib import Path
from urllib.parse import urlsplit

from fastapi import FastAPI
from fastapi.testclient import TestClient

from accords import web
from accords.store import Store
from accords.web.app import create_app
from tests.web.conftest import TOKEN, Filled, serving

AUTH = {"Authorization": f"Bearer {TOKEN}", "Content-Type": "application/json"}


BODIES = [
    '{"text": NaN}',  # Python's json reads it; a JSON answer cannot hold it
    '{"title": Infinity, "text": "Iran and Oman met."}',
    '{"text": ["\\ud800"]}',  # a lone surrogate cannot be written as UTF-8
    '{"published": {"\\udfff": "\\ud800"}}',
    '["\\ud800", NaN]',
    '{"text": "x' + "\\u0000" * 3 + '", "lang": 1e400}',
]


def test_app_unreadable_body_is_422_in_fastapis_shape(client: TestClient) -> None:
    for body in BODIES:
        answer = client.post("/api/articles", content=body.encode(), headers=AUTH)
        assert answer.status_code == 422, (body, answer.text)
        reasons = answer.json()["detail"]
        assert reasons and all({"type", "loc", "msg"} <= set(reason) for reason in reasons)
        assert all("input" not in reason for reason in reasons)
    assert client.get("/api/stats").json()["articles"] == 5


def failing(filled: Filled) -> FastAPI:
    """The app with two routes that fail as a bug would."""
    app = create_app(filled.store, token=TOKEN)

    @app.get("/api/fails")
    def api_fails() -> None:
        raise OverflowError("Python int too large to convert to SQLite INTEGER")

    @app.get("/fails")
    def page_fails() -> None:
        raise RuntimeError("a bug")

    return app


def test_app_fault_is_one_line_500_without_traceback(filled: Filled) -> None:
    with TestClient(failing(filled), raise_server_exceptions=True) as client:
        answer = client.get("/api/fails")
        assert answer.status_code == 500
        assert answer.json() == {"detail": "the server failed on this request; its log says why"}
        assert "Traceback" not in answer.text and "OverflowError" not in answer.text
        page = client.get("/fails")
        assert page.status_code == 500
        assert "its log says why" in page.text and "RuntimeError" not in page.text
        assert page.headers["content-security-policy"]


def test_app_fault_keeps_the_connection_alive(filled: Filled) -> None:
    with serving(failing(filled)) as base:
        address = urlsplit(base)
        connection = http.client.HTTPConnection(address.hostname or "", address.port, timeout=20)
        try:
            for path in ("/api/fails", "/fails", "/api/fails"):
                connection.request("GET", path)
                failed = connection.getresponse()
                failed.read()
                assert failed.status == 500
                connection.request("GET", "/api/stats")
                stats = connection.getresponse()
                assert stats.status == 200
                assert json.loads(stats.read())["articles"] == 5
        finally:
            connection.close()


def test_app_head_answers_wherever_get_does(client: TestClient, filled: Filled) -> None:
    for path in ("/health", "/", "/events", f"/events/{filled.events['fa']}", "/api/events",
                 "/api/stats", "/static/app.css", "/docs", "/openapi.json"):  # fmt: skip
        got = client.get(path)
        head = client.head(path)
        assert head.status_code == got.status_code == 200, path
        assert head.content == b""
        assert head.headers["content-type"] == got.headers["content-type"]
    assert client.head("/events/999999").status_code == 404
    assert client.head("/events", params={"since": "2024-13"}).status_code == 400


def test_app_routers_reach_the_web_by_a_dependency_not_by_importing_the_app(
    tmp_path: Path,
) -> None:
    """web.app imports the routers; they take the app's Web as a parameter (web.shared),
    so none imports web.app back, and no route asks the client for it."""
    for name in ("api", "pages", "alerts"):
        tree = ast.parse((Path(web.__file__).parent / f"{name}.py").read_text())
        modules = {node.module for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)}
        assert "accords.web.app" not in modules, name
    with Store.open(str(tmp_path / "a.db")) as store:
        paths = create_app(store).openapi()["paths"]
    names = {
        p["name"]
        for path in paths.values()
        for op in path.values()
        for p in op.get("parameters", ())
    }
    assert "web" not in names and "with" in names
