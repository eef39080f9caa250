"""Markup in an article's title, outlet, text, people and promises is shown as text on every
page and comes back as the same text in every API answer; it never becomes markup. (The
browser tests check that nothing of it runs.)"""

from __future__ import annotations

import html
import json
from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient
from markupsafe import escape

from tests.web.conftest import (
    HOSTILE_ACTION,
    HOSTILE_OUTLET,
    HOSTILE_PERSON,
    HOSTILE_TEXT,
    HOSTILE_TITLE,
    IMAGE,
    SCRIPT,
    Filled,
)

RAW = (SCRIPT, IMAGE, "<b onmouseover", 'onerror="window', 'href="javascript')


def pages(filled: Filled) -> list[str]:
    event, article = filled.events["hostile"], filled.articles["hostile"]
    return [
        "/",
        "/events",
        "/events?domain=cybercrime",
        f"/events/{event}",
        f"/articles/{article}",
        "/stories",
        "/stories/s-hostile",
        "/actors",
        f"/actors/{filled.actors['mallory']}",
        "/commitments",
        "/network",
        "/timeline",
        "/search?q=pwned",
        "/search?q=" + SCRIPT,  # the query itself is shown back
        "/events?country=" + SCRIPT,  # and so is the reason it is refused
        "/stories/" + SCRIPT,
    ]


def test_markup_is_text_on_every_page(client: TestClient, filled: Filled) -> None:
    shown = {HOSTILE_TITLE: 0, HOSTILE_OUTLET: 0, HOSTILE_PERSON: 0, HOSTILE_ACTION: 0}
    for path in pages(filled):
        answer = client.get(path)
        assert answer.status_code in (200, 400, 404), path
        assert answer.headers["content-type"].startswith("text/html")
        body = answer.text
        for raw in RAW:
            assert raw not in body, f"{path} has {raw!r} as markup"
        for value in shown:
            if str(escape(value)) in body:
                shown[value] += 1
        policy = answer.headers["content-security-policy"]
        assert "script-src 'self';" in policy and "unsafe-inline" not in policy.split(";")[1]
    # each one was there to see, as text, somewhere
    assert all(shown.values()), shown


def test_markup_text_keeps_every_character_on_the_event_page(
    client: TestClient, filled: Filled
) -> None:
    body = client.get(f"/events/{filled.events['hostile']}").text
    start = body.index('<div class="article-text"')
    text = body[start : body.index("</div>", start)]
    # strip our own highlight marks: what is left is the article, escaped, whole
    for tag in ("</mark>",):
        text = text.replace(tag, "")
    while "<mark" in text:
        open_at = text.index("<mark")
        text = text[:open_at] + text[text.index(">", open_at) + 1 :]
    text = text[text.index(">") + 1 :]
    assert html.unescape(text) == HOSTILE_TEXT


def test_markup_url_is_not_a_link_unless_http(client: TestClient, filled: Filled) -> None:
    body = client.get(f"/articles/{filled.articles['hostile']}").text
    assert 'href="javascript' not in body
    assert "javascript:alert(4)" in body  # shown as text


def api_answers(filled: Filled) -> Iterator[str]:
    event, article = filled.events["hostile"], filled.articles["hostile"]
    yield from (
        "/api/events",
        f"/api/events/{event}",
        f"/api/articles/{article}",
        "/api/stories",
        "/api/stories/s-hostile",
        "/api/actors",
        f"/api/actors/{filled.actors['mallory']}",
        "/api/commitments",
        "/api/search?q=pwned",
    )


def strings(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from strings(item)


@pytest.mark.parametrize(
    "value", [HOSTILE_TITLE, HOSTILE_OUTLET, HOSTILE_TEXT, HOSTILE_PERSON, HOSTILE_ACTION]
)
def test_markup_comes_back_as_the_same_text_from_the_api(
    client: TestClient, filled: Filled, value: str
) -> None:
    found = 0
    for path in api_answers(filled):
        answer = client.get(path)
        assert answer.status_code == 200, path
        assert answer.headers["content-type"] == "application/json"
        assert answer.headers["x-content-type-options"] == "nosniff"
        found += sum(1 for s in strings(json.loads(answer.text)) if s == value)
    assert found, f"{value!r} is in no answer"


def test_markup_in_the_network_data_cannot_close_its_script(
    client: TestClient, filled: Filled
) -> None:
    body = client.get("/network").text
    start = body.index('<script type="application/json" id="network-data">')
    data = body[start : body.index("</script>", start)]
    assert "<" not in data.split(">", 1)[1]
