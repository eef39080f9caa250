"""Every list counts real events as `accords events` does (one row per story), takes the
same filters from the URL, and offers the whole of what it shows as CSV and JSON."""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterator
from datetime import date
from typing import Any

import pytest
from click.testing import CliRunner
from fastapi.testclient import TestClient

from accords.cli import main
from accords.model import Article, EventType, Extraction
from accords.pipeline import VERSION
from accords.store import Store
from accords.web.app import create_app
from tests.web.conftest import MUSCAT, TEHRAN, TOKEN, fill, happening


def add(store: Store, name: str, lang: str, published: date, *told: tuple[Any, ...]) -> None:
    """An article of `told` events: (countries, day, story, domain) each."""
    text = " ".join(f"Report {name} part {n}." for n in range(len(told)))
    events = [
        happening(EventType.CONSULT, countries, text=text, proof=f"Report {name} part {n}",
                  when=day, story=story, domains=(domain,), where=MUSCAT if n else TEHRAN)
        for n, (countries, day, story, domain) in enumerate(told)
    ]  # fmt: skip
    article = Article(text, f"{name}.txt", f"Report {name}", None, "Wire", lang, published)
    extraction = Extraction(article.doc, lang, article.title, published.isoformat(), events,
                            [], [], [])  # fmt: skip
    assert store.add(article, extraction, version=VERSION) is not None


@pytest.fixture
def stocked(db_url: str) -> Iterator[tuple[str, TestClient]]:
    """The web tests' store, and more: a third report of the Muscat meeting that tells it
    in two events, two reports of a story that spans two months, events of no story."""
    with Store.open(db_url) as store:
        fill(store)
        irn_omn, irn_rus = ("IRN", "OMN"), ("IRN", "RUS")
        add(
            store,
            "a",
            "en",
            date(2024, 1, 17),
            (irn_omn, "2024-01-15", "s-muscat", "maritime_security"),
            (irn_omn, "2024-01-15", "s-muscat", "drug_trafficking"),
        )
        add(store, "b", "fa", date(2024, 5, 30), (irn_rus, "2024-05-30", "s-span", "cybercrime"))
        add(
            store,
            "c",
            "ru",
            date(2024, 6, 2),
            (irn_rus, "2024-06-01", "s-span", "cybercrime"),
            (("IRN", "OMN", "RUS"), "2024-06-01", None, "cybercrime"),
        )
        add(store, "d", "en", date(2022, 1, 1), (irn_omn, None, None, "terrorism"),
            (irn_omn, "2022-01-01", None, "terrorism"))  # fmt: skip
        with TestClient(create_app(store, token=TOKEN)) as client:
            yield db_url, client


FILTERS = [
    {},
    {"country": "IRN"},
    {"country": "IRN", "with": "OMN"},
    {"country": "OMN", "with": "RUS"},
    {"lang": "fa"},
    {"domain": "cybercrime"},
    {"since": "2024-01", "until": "2024-05"},
    {"country": "IRN", "with": "OMN", "lang": "en", "type": "CONSULT"},
]


def cli_events(db: str, params: dict[str, str]) -> list[dict[str, Any]]:
    args = ["events", "--db", db, "--format", "jsonl"]
    for name, value in params.items():
        args += [f"--{name}", value]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    return [json.loads(line) for line in result.output.splitlines() if line.strip()]


@pytest.mark.parametrize("params", FILTERS, ids=[str(f) for f in FILTERS])
def test_lists_count_events_as_the_cli_does(
    stocked: tuple[str, TestClient], params: dict[str, str]
) -> None:
    db, client = stocked
    expected = cli_events(db, params)
    answer = client.get("/api/events", params={**params, "per_page": 500}).json()
    assert answer["total"] == len(expected)
    # the same rows: the first report of each story, with its number of reports
    assert sorted((e["id"], e["reports"]) for e in answer["items"]) == sorted(
        (e["id"], e["reports"]) for e in expected
    )
    page = client.get("/events", params=params).text
    assert re.search(r'id="event-total">(\d+)<', page).group(1) == str(len(expected))  # type: ignore[union-attr]
    if "country" in params and "with" in params:
        pair = sorted([params["country"], params["with"]])
        rest = {k: v for k, v in params.items() if k not in ("country", "with")}
        pairs = client.get("/api/network", params=rest).json()["pairs"]
        counted = {tuple(p["countries"]): p["events"] for p in pairs}
        assert counted.get(tuple(pair), 0) == len(expected)


def test_lists_home_counts_as_the_cli_does(stocked: tuple[str, TestClient]) -> None:
    db, client = stocked
    page = client.get("/").text
    everything = cli_events(db, {})
    assert re.search(r'id="home-events">(\d+)<', page).group(1) == str(len(everything))  # type: ignore[union-attr]
    for country, partner in (("IRN", "OMN"), ("IRN", "RUS")):
        shown = re.search(rf'with={partner}">[^<]+</a></td><td class="number">(\d+)<', page).group(
            1
        )  # type: ignore[union-attr]
        assert shown == str(len(cli_events(db, {"country": country, "with": partner})))
    for lang in ("en", "fa", "ru"):
        shown = re.search(rf'href="/events\?lang={lang}">[^<]* (\d+)</a>', page).group(1)  # type: ignore[union-attr]
        assert shown == str(len(cli_events(db, {"lang": lang})))


def test_lists_timeline_counts_stories_by_their_first_month(
    stocked: tuple[str, TestClient],
) -> None:
    _, client = stocked
    months = client.get("/api/timeline", params={"country": "RUS"}).json()["months"]
    # s-span (May and June) counts in May only; the event of no story in June
    assert months == {"2023-05": {"cybercrime": 1}, "2024-05": {"cybercrime": 1},
                      "2024-06": {"cybercrime": 1}}  # fmt: skip


LISTS = [
    ("/api/events", {}),
    ("/api/events", {"country": "IRN", "reports": "true"}),
    ("/api/stories", {"with": "OMN"}),
    ("/api/actors", {"country": "IRN"}),
    ("/api/commitments", {}),
    ("/api/commitments", {"country": "RUS", "with": "IRN"}),
    ("/api/search", {"q": "Report", "lang": "en"}),
]


def every_page(client: TestClient, path: str, params: dict[str, str]) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = []
    number = 1
    while True:
        answer = client.get(path, params={**params, "per_page": 2, "page": number}).json()
        found += answer["items"]
        if number >= answer["pages"]:
            return found
        number += 1


@pytest.mark.parametrize(("path", "params"), LISTS, ids=[f"{p}{q}" for p, q in LISTS])
def test_lists_export_every_page_as_csv_and_json(
    stocked: tuple[str, TestClient], path: str, params: dict[str, str]
) -> None:
    _, client = stocked
    shown = every_page(client, path, params)
    assert shown, "a list to compare"
    exported = client.get(f"{path}.json", params=params)
    assert exported.status_code == 200
    assert exported.headers["content-type"] == "application/json"
    assert json.loads(exported.text) == json.loads(json.dumps(shown))
    table = client.get(f"{path}.csv", params=params)
    assert table.headers["content-type"].startswith("text/csv")
    assert 'filename="' in table.headers["content-disposition"]
    rows = list(csv.DictReader(io.StringIO(table.text)))
    assert len(rows) == len(shown)
    if "id" in rows[0]:
        assert [r["id"] for r in rows] == [str(item["id"]) for item in shown]


@pytest.mark.parametrize(
    ("page", "api"),
    [("/events?country=IRN&lang=fa", "/api/events"), ("/stories?with=OMN", "/api/stories"),
     ("/actors?q=Farahani", "/api/actors"), ("/commitments?domain=cybercrime",
     "/api/commitments"), ("/network?since=2024", "/api/network"),
     ("/timeline?country=IRQ", "/api/timeline"), ("/search?q=Report&lang=ru", "/api/search")],
)  # fmt: skip
def test_lists_pages_link_their_whole_list(
    stocked: tuple[str, TestClient], page: str, api: str
) -> None:
    _, client = stocked
    shown = client.get(page).text
    query = page.split("?", 1)[1].replace("&", "&amp;")
    for fmt in ("csv", "json"):
        assert f'href="{api}.{fmt}?{query}"' in shown
        link = f"{api}.{fmt}?{page.split('?', 1)[1]}"
        assert client.get(link).status_code == 200


def test_lists_network_and_timeline_exports_match_their_api(
    stocked: tuple[str, TestClient],
) -> None:
    _, client = stocked
    pairs = client.get("/api/network", params={"since": "2024"}).json()["pairs"]
    assert json.loads(client.get("/api/network.json", params={"since": "2024"}).text) == pairs
    periods = client.get("/api/timeline").json()["periods"]
    rows = json.loads(client.get("/api/timeline.json").text)
    assert {(r["label"], r["domain"]): r["events"] for r in rows} == {
        (p["label"], d): n for p in periods for d, n in p["events"].items()
    }
    assert client.get("/api/events.xml").status_code == 422
