"""The map: the venues of the real events the filters select, counted in stories, with
their coordinates, as a page, as JSON and as CSV; a place's dot opens its events."""

from __future__ import annotations

import csv
import io
import json
import re
from datetime import date
from urllib.parse import urlencode

import pytest
from fastapi.testclient import TestClient

from accords.model import Article, EventType, Extraction
from accords.pipeline import VERSION
from tests.web.conftest import MUSCAT, TEHRAN, Filled, happening

TEXT = "Iran and Oman police met in Tehran. They met in Muscat too."


def test_map_counts_stories_by_venue(client: TestClient) -> None:
    found = client.get("/api/map").json()
    # the Muscat meeting (two reports, one story), the signing in Tehran; the Basra
    # operation and the hostile report have no venue
    assert (found["events"], found["placed"]) == (4, 2)
    places = {p["id"]: p for p in found["places"]}
    assert {k: p["events"] for k, p in places.items()} == {"muscat": 1, "tehran": 1}
    assert places["muscat"]["latitude"] == pytest.approx(23.58, abs=0.05)
    assert places["tehran"]["longitude"] == pytest.approx(51.42, abs=0.05)
    assert places["tehran"]["country"] == "IRN" and places["tehran"]["name"] == "Tehran"


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"since": "2024-03"}, {"tehran": 1}),
        ({"lang": "en"}, {"muscat": 1}),
        ({"country": "IRQ"}, {}),
        ({"country": "IRN", "with": "OMN", "type": "AGREE"}, {"tehran": 1}),
        ({"person": "Farahani"}, {"muscat": 1}),
        ({"text": "مسقط"}, {"muscat": 1}),
        ({"outlet": "دریا", "until": "2024-02"}, {"muscat": 1}),
        ({"place": "tehran"}, {"tehran": 1}),
    ],
)
def test_map_takes_every_filter(
    client: TestClient, params: dict[str, str], expected: dict[str, int]
) -> None:
    found = client.get("/api/map", params=params).json()
    assert {p["id"]: p["events"] for p in found["places"]} == expected
    page = client.get("/map", params=params).text
    drawn = dict(re.findall(r'data-place="([^"]+)" data-name="[^"]+" data-events="(\d+)"', page))
    assert {k: int(v) for k, v in drawn.items()} == expected
    # the page links its whole list, with its filters
    query = urlencode(params).replace("&", "&amp;")
    assert f'href="/api/map.csv?{query}"' in page and f'href="/api/map.json?{query}"' in page


def test_map_exports_what_the_api_gives(client: TestClient) -> None:
    params = {"country": "IRN"}
    places = client.get("/api/map", params=params).json()["places"]
    assert len(places) == 2
    exported = client.get("/api/map.json", params=params)
    assert exported.headers["content-type"] == "application/json"
    assert json.loads(exported.text) == places
    table = client.get("/api/map.csv", params=params)
    assert table.headers["content-type"].startswith("text/csv")
    assert 'filename="map.csv"' in table.headers["content-disposition"]
    rows = list(csv.DictReader(io.StringIO(table.text)))
    assert [(r["id"], r["events"], float(r["latitude"])) for r in rows] == [
        (p["id"], str(p["events"]), p["latitude"]) for p in places
    ]


def test_map_dot_links_the_events_of_its_place(client: TestClient, filled: Filled) -> None:
    page = client.get("/map", params={"country": "IRN", "lang": "fa"}).text
    link = re.search(r'<a class="place" href="([^"]+)" data-place="tehran"', page)
    assert link and link.group(1) == "/events?country=IRN&amp;lang=fa&amp;place=tehran"
    listed = client.get("/api/events", params={"country": "IRN", "lang": "fa", "place": "tehran"})
    assert [e["id"] for e in listed.json()["items"]] == [filled.events["signing"]]
    shown = client.get(link.group(1).replace("&amp;", "&")).text
    assert re.search(r'id="event-total">1<', shown)
    assert 'name="place" value="tehran"' in shown  # the form keeps the place


def test_map_story_told_in_two_venues_counts_at_each(client: TestClient, filled: Filled) -> None:
    article = Article(TEXT, "two.txt", "Two venues", None, "Wire", "en", date(2024, 2, 1))
    told = [
        happening(EventType.CONSULT, ("IRN", "OMN"), text=TEXT, proof=proof, when="2024-02-01",
                  story="s-two", domains=("terrorism",), where=where)
        for proof, where in (("met in Tehran", TEHRAN), ("met in Muscat", MUSCAT))
    ]  # fmt: skip
    extraction = Extraction(article.doc, "en", article.title, "2024-02-01", told, [], [], [])
    assert filled.store.add(article, extraction, version=VERSION) is not None
    found = client.get("/api/map", params={"domain": "terrorism"}).json()
    assert {p["id"]: p["events"] for p in found["places"]} == {"muscat": 1, "tehran": 1}
    assert (found["events"], found["placed"]) == (1, 1)


def test_map_page_draws_the_world_inline(client: TestClient) -> None:
    page = client.get("/map")
    assert page.status_code == 200
    html = page.text
    outline = re.search(r'<path class="land" d="([^"]+)"', html)
    assert outline and len(outline.group(1)) > 20_000  # the world's countries, not a stub
    assert "http" not in outline.group(1)
    assert '<a href="/map">Map</a>' in html  # in the nav
    assert client.head("/map").status_code == 200


def test_map_refuses_a_bad_filter(client: TestClient) -> None:
    assert client.get("/api/map", params={"since": "2024-13"}).status_code == 400
    assert client.get("/map", params={"type": "PARTY"}).status_code == 400
    assert client.get("/api/map.xml").status_code == 422
