"""The JSON API on SQLite and PostgreSQL: pagination, filters, one event with its evidence,
stories, actors, commitments, search, and writing only with the token."""

from __future__ import annotations

import html
import json
from datetime import date
from typing import Any

import pytest
from fastapi.testclient import TestClient

from accords.web.app import create_app
from tests.http_server import serve
from tests.web.conftest import ENGLISH_MARKS, PERSIAN, PERSIAN_MARKS, TOKEN, Filled

AUTH = {"Authorization": f"Bearer {TOKEN}"}


def ids(answer: dict[str, Any]) -> list[int]:
    return [item["id"] for item in answer["items"]]


def test_api_events_newest_first_in_pages(client: TestClient, filled: Filled) -> None:
    every = {"reports": "true"}
    whole = client.get("/api/events", params=every).json()
    assert whole["total"] == 5
    days = [item["day"] for item in whole["items"]]
    assert days == sorted(days, reverse=True)
    first = client.get("/api/events", params={**every, "per_page": 2}).json()
    second = client.get("/api/events", params={**every, "per_page": 2, "page": 2}).json()
    third = client.get("/api/events", params={**every, "per_page": 2, "page": 3}).json()
    assert (first["pages"], first["total"]) == (3, 5)
    assert ids(first) + ids(second) + ids(third) == ids(whole)
    past = client.get("/api/events", params={**every, "per_page": 2, "page": 4})
    assert past.status_code == 404
    assert past.json()["detail"] == "page: there is no page 4; the last is 3 (5 rows, 2 a page)"
    assert client.get("/api/events", params={"per_page": 0}).status_code == 422


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"country": "IRQ"}, ["ar"]),
        ({"country": "irn", "with": "omn"}, ["signing", "en", "fa"]),
        ({"pair": "OMN-IRN"}, ["signing", "en", "fa"]),
        ({"domain": "cybercrime"}, ["hostile"]),
        ({"type": "agree"}, ["signing"]),
        ({"lang": "fa"}, ["signing", "fa"]),
        ({"since": "2024-04"}, ["signing"]),
        ({"until": "2023-12"}, ["hostile", "ar"]),
        ({"since": "2023-05-01", "until": "2023-05-01"}, ["hostile"]),
        ({"country": "", "domain": "", "type": ""}, ["signing", "en", "fa", "hostile", "ar"]),
    ],
)
def test_api_events_filters_narrow(
    client: TestClient, filled: Filled, params: dict[str, str], expected: list[str]
) -> None:
    answer = client.get("/api/events", params={**params, "reports": "true"}).json()
    found = ids(answer)
    # the two reports of one meeting share a day: compare them as a set
    assert sorted(found) == sorted(filled.events[name] for name in expected)
    assert answer["total"] == len(expected)


@pytest.mark.parametrize(
    "params",
    [{"country": "Iran"}, {"pair": "IRN"}, {"domain": "piracy"}, {"type": "WAR"},
     {"since": "last year"}, {"lang": "persian"}, {"since": "2024-13"},
     {"since": "2024-02-30"}, {"until": "2023-00"}, {"with": "Oman"}],
)  # fmt: skip
def test_api_events_bad_filter_is_400_naming_the_parameter(
    client: TestClient, params: dict[str, str]
) -> None:
    for path in ("/api/events", "/api/stories", "/events", "/stories"):
        answer = client.get(path, params=params)
        assert answer.status_code == 400, (path, params)
        ((name, value),) = params.items()
        assert f"{name}: {value!r}".lower() in html.unescape(answer.text).lower()


def test_api_event_has_article_evidence_and_story(client: TestClient, filled: Filled) -> None:
    event_id = filled.events["fa"]
    found = client.get(f"/api/events/{event_id}").json()
    assert found["countries"] == ["IRN", "OMN"]
    assert found["article"]["text"] == PERSIAN
    assert found["article"]["lang"] == "fa"
    said = {(h["kind"], PERSIAN[h["start"] : h["end"]]) for h in found["highlights"]}
    assert said == {
        ("event", "با مقامات عمانی درباره امنیت دریایی"), ("person", "کامران فراهانی"),
        *((str(field), words) for field, words in PERSIAN_MARKS),
    }  # fmt: skip
    assert {h["event_id"] for h in found["highlights"]} == {event_id}
    assert [(m["field"], PERSIAN[m["start"] : m["end"]]) for m in found["marks"]] == sorted(
        ((str(field), words) for field, words in PERSIAN_MARKS),
        key=lambda said: PERSIAN.index(said[1]),
    )
    for proof in found["evidence"]:
        assert PERSIAN[proof["start"] : proof["end"]] == "با مقامات عمانی درباره امنیت دریایی"
    assert [r["id"] for r in found["story_reports"]] == [filled.events["en"]]
    assert found["actors"][0]["name"] == "کامران فراهانی"
    assert client.get("/api/events/999999").status_code == 404


def test_api_article_lists_its_commitments(client: TestClient, filled: Filled) -> None:
    found = client.get(f"/api/articles/{filled.articles['en']}").json()
    assert [c["action"] for c in found["commitments"]] == ["sign a memorandum of understanding"]
    kinds = {h["kind"] for h in found["highlights"]}
    assert kinds == {"event", "person", "commitment", *(str(f) for f, _ in ENGLISH_MARKS)}
    promised = next(h for h in found["highlights"] if h["kind"] == "commitment")
    assert promised["event_id"] == filled.events["en"]  # the event of its report
    assert client.get("/api/articles/999999").status_code == 404


def test_api_stories_group_reports_across_languages(client: TestClient, filled: Filled) -> None:
    stories = client.get("/api/stories").json()
    assert stories["total"] == 4
    muscat = next(s for s in stories["items"] if s["id"] == "s-muscat")
    assert (muscat["reports"], sorted(muscat["languages"])) == (2, ["en", "fa"])
    several = client.get("/api/stories", params={"min_reports": 2}).json()
    assert [s["id"] for s in several["items"]] == ["s-muscat"]
    detail = client.get("/api/stories/s-muscat").json()
    assert [r["lang"] for r in detail["reports"]] == ["en", "fa"]
    assert all(r["highlights"] for r in detail["reports"])
    assert client.get("/api/stories/s-none").status_code == 404


def test_api_actor_is_one_person_in_two_scripts(client: TestClient, filled: Filled) -> None:
    people = client.get("/api/actors").json()
    assert people["total"] == 2
    assert people["items"][0]["id"] == filled.actors["farahani"]
    assert people["items"][0]["events"] == 2
    found = client.get(f"/api/actors/{filled.actors['farahani']}").json()
    scripts = {n["name"]: n["script"] for n in found["names"]}
    assert scripts == {"Kamran Farahani": "Latin", "کامران فراهانی": "Arabic"}
    assert found["offices"][0]["role"] == "minister of interior"
    assert found["offices"][0]["events"] == 2
    assert [e["id"] for e in found["timeline"]] == sorted(
        [filled.events["en"], filled.events["fa"]]
    )
    assert client.get("/api/actors", params={"q": "فراهانی"}).json()["total"] == 1
    assert client.get("/api/actors", params={"country": "RUS"}).json()["total"] == 1
    assert client.get("/api/actors/999999").status_code == 404


def test_api_commitments_kept_by_a_later_signing(client: TestClient, filled: Filled) -> None:
    answer = client.get("/api/commitments").json()
    by_action = {c["action"]: c for c in answer["items"]}
    pledge = by_action["sign a memorandum of understanding"]
    assert pledge["status"] == "kept"
    kept_by = pledge["kept_by"]
    assert (kept_by["event_id"], kept_by["date"], kept_by["type"]) == (
        filled.events["signing"],
        "2024-04-17",
        "AGREE",
    )
    assert kept_by["article"]["id"] == filled.articles["signing"]
    assert kept_by["article"]["source"] and kept_by["article"]["title"]
    assert [a["id"] for a in pledge["reports"]] == [filled.articles["en"]]
    kept = client.get("/api/commitments", params={"status": "kept"}).json()
    assert [c["action"] for c in kept["items"]] == ["sign a memorandum of understanding"]
    assert client.get("/api/commitments", params={"status": "done"}).status_code == 400


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("همکاری ها", ["fa"]),  # written with a space where the text has a ZWNJ
        ("همكاري‌ها", ["fa"]),  # Arabic kaf and yeh
        ("MARITIME security", ["en"]),
        ("البصرة", ["ar"]),
        ("pwned", ["hostile"]),
        ("nothing-like-this-anywhere", []),
    ],
)
def test_api_search_any_script(
    client: TestClient, filled: Filled, query: str, expected: list[str]
) -> None:
    answer = client.get("/api/search", params={"q": query}).json()
    assert ids(answer) == [filled.articles[name] for name in expected]
    for item in answer["items"]:
        assert item["matches"], "the words found are located in the text"
        assert item["snippet"]


def test_api_search_needs_words(client: TestClient) -> None:
    assert client.get("/api/search").status_code == 422
    assert client.get("/api/search", params={"q": "!!"}).json()["total"] == 0


def test_api_stats_network_timeline(client: TestClient, filled: Filled) -> None:
    stats = client.get("/api/stats").json()
    assert (stats["articles"], stats["events"], stats["stories"]) == (5, 5, 4)
    assert stats["languages"] == {"en": 2, "fa": 2, "ar": 1}
    # the meeting told in English and Persian is one real event: pairs count stories
    assert stats["pairs"][0] == {"countries": ["IRN", "OMN"], "events": 2}
    network = client.get("/api/network", params={"domain": "cybercrime"}).json()
    assert network["pairs"] == [{"countries": ["IRN", "RUS"], "events": 1}]
    network = client.get("/api/network", params={"lang": "fa"}).json()
    assert network["pairs"] == [{"countries": ["IRN", "OMN"], "events": 2}]
    assert network["countries"] == {"IRN": 2, "OMN": 2}
    months = client.get("/api/timeline").json()["months"]
    assert months["2024-01"] == {"maritime_security": 1}
    assert client.get("/api/timeline", params={"country": "IRQ"}).json()["months"] == {
        "2023-03": {"drug_trafficking": 1}
    }
    assert client.get("/health").json() == {"status": "ok"}


WRITES = [
    ("/api/articles", {"text": "Iran and Oman met."}),
    ("/api/reextract", None),
    ("/api/articles/1/reextract", None),
]


@pytest.mark.parametrize(("path", "body"), WRITES)
@pytest.mark.parametrize(
    "headers",
    [{}, {"Authorization": "Bearer wrong"}, {"Authorization": TOKEN},
     {"Authorization": f"Basic {TOKEN}"}],
)  # fmt: skip
def test_api_writes_with_a_wrong_token_are_401(
    client: TestClient, path: str, body: dict[str, str] | None, headers: dict[str, str]
) -> None:
    answer = client.post(path, json=body, headers=headers)
    assert answer.status_code == 401
    assert answer.headers["www-authenticate"] == "Bearer"
    assert client.get("/api/stats").json()["articles"] == 5  # nothing stored


@pytest.mark.parametrize(("path", "body"), WRITES)
def test_api_writes_refused_when_the_server_has_no_token(
    filled: Filled, path: str, body: dict[str, str] | None
) -> None:
    with TestClient(create_app(filled.store, token=None)) as client:
        for headers in ({}, AUTH, {"Authorization": "Bearer "}):
            answer = client.post(path, json=body, headers=headers)
            assert answer.status_code == 403  # no token would help
            assert "ACCORDS_TOKEN" in answer.json()["detail"]
        assert client.get("/api/events").status_code == 200


MEETING = (
    "DUSHANBE, March 4, 2024 - Iranian Interior Minister Eskandar Momeni met his Tajik "
    "counterpart Ramazon Rahimzoda in Dushanbe on Monday. The two ministers discussed drug "
    "trafficking and border security."
)


def test_api_post_text_is_extracted_and_stored_once(client: TestClient, filled: Filled) -> None:
    body = {"text": MEETING, "title": "Iran and Tajikistan meet", "published": "2024-03-04"}
    answer = client.post("/api/articles", json=body, headers=AUTH)
    assert answer.status_code == 201, answer.text
    stored = answer.json()["articles"]
    assert len(stored) == 1 and stored[0]["new"] is True and stored[0]["event_ids"]
    event = client.get(f"/api/events/{stored[0]['event_ids'][0]}").json()
    assert {"IRN", "TJK"} <= set(event["countries"])
    assert event["article"]["title"] == "Iran and Tajikistan meet"
    again = client.post("/api/articles", json=body, headers=AUTH).json()["articles"]
    assert again == [{**stored[0], "new": False}]
    assert client.get("/api/stats").json()["articles"] == 6


@pytest.mark.parametrize(
    "body",
    [{}, {"text": "   "}, {"url": "/etc/passwd"}, {"url": "file:///etc/passwd"},
     {"text": MEETING, "published": "March"}],
)  # fmt: skip
def test_api_post_bad_article_is_400(client: TestClient, body: dict[str, str]) -> None:
    answer = client.post("/api/articles", json=body, headers=AUTH)
    assert answer.status_code == 400
    assert client.get("/api/stats").json()["articles"] == 5


def test_api_post_url_fetches_the_page(filled: Filled) -> None:
    page = (
        "<html><head><title>Iran and Tajikistan meet</title></head><body><article>"
        f"<h1>Iran and Tajikistan meet</h1><p>{MEETING}</p></article></body></html>"
    )
    app = create_app(filled.store, token=TOKEN, allow_private=True)
    with serve() as site, TestClient(app) as client:
        url = site.add("/news/1.html", page)
        answer = client.post("/api/articles", json={"url": url}, headers=AUTH)
        assert answer.status_code == 201, answer.text
        stored = answer.json()["articles"]
        assert [s["new"] for s in stored] == [True]
        article = client.get(f"/api/articles/{stored[0]['id']}").json()
        assert article["url"] == url
        assert "Rahimzoda" in article["text"]


def test_api_reextract_one_article_with_the_token(client: TestClient, filled: Filled) -> None:
    article_id = filled.articles["hostile"]
    answer = client.post(f"/api/articles/{article_id}/reextract", headers=AUTH)
    assert answer.status_code == 200, answer.text
    assert answer.json()["articles"] == 1
    # the hand-made event gave way to what the extractor finds in the text
    found = client.get(f"/api/articles/{article_id}").json()
    assert all(e["id"] != filled.events["hostile"] for e in found["events"])
    assert client.post("/api/articles/999999/reextract", headers=AUTH).status_code == 404
    assert client.post("/api/reextract", headers=AUTH).json()["articles"] == 0


def test_api_openapi_lists_every_route(client: TestClient) -> None:
    paths = set(client.get("/openapi.json").json()["paths"])
    for path in ("/api/events", "/api/events/{event_id}", "/api/stories", "/api/actors",
                 "/api/commitments", "/api/search", "/api/articles"):  # fmt: skip
        assert path in paths


SURROGATE_TEXT = "Iran and Oman police chiefs met in Muscat on Friday. \ud800"


def test_api_post_lone_surrogates_are_repaired_not_500(client: TestClient) -> None:
    # JSON may escape half a surrogate pair ("\ud800"); UTF-8 and the store cannot hold one
    body = {"text": SURROGATE_TEXT, "title": "Muscat \udfff", "outlet": "\ud800Wire"}
    answer = client.post(
        "/api/articles",
        content=json.dumps(body).encode(),
        headers={**AUTH, "Content-Type": "application/json"},
    )
    assert answer.status_code == 201, answer.text
    (stored,) = answer.json()["articles"]
    article = client.get(f"/api/articles/{stored['id']}").json()
    assert article["text"] == SURROGATE_TEXT.replace("\ud800", "\ufffd")
    assert (article["title"], article["outlet"]) == ("Muscat \ufffd", "\ufffdWire")
    assert client.get("/api/stats").json()["articles"] == 6


def test_api_post_published_out_of_range_is_422_naming_it(client: TestClient) -> None:
    text = "Iran and Oman police chiefs met in Muscat on Friday."
    for published in ("9999-12-31", "0001-01-01", "1899-12-31", "2101-01-01"):
        body = {"text": text, "published": published}
        for _ in range(2):  # and the next request as well
            answer = client.post("/api/articles", json=body, headers=AUTH)
            assert answer.status_code == 422, answer.text
            assert answer.json()["detail"] == (
                f"published: {published!r} is outside the years 1900 to 2100"
            )
    assert client.get("/api/stats").json()["articles"] == 5
    body["published"] = "2100-12-31"
    assert client.post("/api/articles", json=body, headers=AUTH).status_code == 201


def test_api_post_url_with_a_lone_surrogate_is_400(client: TestClient) -> None:
    for url in ("http://127.0.0.1:9/\ud800", "\udfff/etc/passwd"):
        answer = client.post(
            "/api/articles",
            content=json.dumps({"url": url}).encode(),
            headers={**AUTH, "Content-Type": "application/json"},
        )
        assert answer.status_code == 400, answer.text
        assert answer.json()["detail"]


def add_report_of_two_events(filled: Filled) -> tuple[int, int]:
    """An English report that tells the Muscat meeting in two events (both of its story),
    read from a file deep in the server's directories: the ids of its two events."""
    from sqlalchemy import select

    from accords.model import Article, EventType, Extraction
    from accords.pipeline import VERSION
    from accords.store.schema import events
    from tests.web.conftest import MUSCAT, happening

    text = "Iran and Oman met in Muscat. Their police chiefs met there too."
    told = [
        happening(EventType.CONSULT, ("IRN", "OMN"), text=text, proof=proof, when="2024-01-15",
                  story="s-muscat", domains=("maritime_security",), where=MUSCAT)
        for proof in ("Iran and Oman met in Muscat", "Their police chiefs met there")
    ]  # fmt: skip
    article = Article(text, "/srv/private/crawl/2024/muscat-two.txt", "Two meetings", None,
                      "Gulf Wire", "en", date(2024, 1, 16))  # fmt: skip
    extraction = Extraction(article.doc, "en", article.title, "2024-01-16", told, [], [], [])
    article_id = filled.store.add(article, extraction, version=VERSION)
    with filled.store.reading() as connection:
        first, second = connection.scalars(
            select(events.c.id).where(events.c.article_id == article_id).order_by(events.c.id)
        )
    return first, second


def test_api_event_lists_each_other_report_once_never_its_own(
    client: TestClient, filled: Filled
) -> None:
    first, second = add_report_of_two_events(filled)
    found = client.get(f"/api/events/{first}").json()
    others = [r["article_id"] for r in found["story_reports"]]
    assert sorted(others) == sorted([filled.articles["en"], filled.articles["fa"]])
    english = client.get(f"/api/events/{filled.events['en']}").json()
    assert [r["id"] for r in english["story_reports"]].count(first) == 1
    assert second not in [r["id"] for r in english["story_reports"]]
    story = client.get("/api/stories/s-muscat").json()
    assert len(story["reports"]) == 3
    # the event's page and the story's page count the same reports
    assert "s-muscat</a>: 3 reports" in client.get(f"/events/{first}").text
    listed = client.get("/api/stories", params={"country": "OMN"}).json()["items"]
    assert {s["id"]: s["reports"] for s in listed}["s-muscat"] == 3


def test_api_events_never_show_the_servers_directories(client: TestClient, filled: Filled) -> None:
    first, _ = add_report_of_two_events(filled)
    answers = [
        client.get(f"/api/events/{first}").json(),
        client.get("/api/events", params={"text": "police chiefs"}).json(),
        client.get(f"/api/events/{filled.events['en']}").json(),
    ]
    text = json.dumps(answers)
    assert "muscat-two.txt" in text and "/srv" not in text and "crawl/" not in text
    assert answers[0]["doc"] == answers[0]["article"]["source"] == "muscat-two.txt"


@pytest.mark.parametrize(
    ("source", "shown"),
    [
        ("/srv/news/a.txt", "a.txt"),
        ("C:\\news\\a.txt", "a.txt"),
        ("/srv/news/feed.jsonl:12", "feed.jsonl:12"),
        ("/srv/crawl.warc.gz#https://example.org/a/b", "crawl.warc.gz#https://example.org/a/b"),
        ("https://example.org/feed.xml#3", "https://example.org/feed.xml#3"),
        ("api", "api"),
        (None, None),
    ],
)
def test_views_show_a_source_without_its_directories(source: str | None, shown: str) -> None:
    from accords.store.views import shown_source

    assert shown_source(source) == shown


@pytest.mark.parametrize("path", ["/api/events", "/api/stories", "/events", "/stories",
                                  "/actors", "/api/actors", "/search?q=Iran"])  # fmt: skip
def test_api_a_page_past_the_last_is_404_saying_which_is_last(
    client: TestClient, path: str
) -> None:
    answer = client.get(path, params={"page": 99})
    assert answer.status_code == 404
    assert "there is no page 99; the last is 1" in answer.text
    assert client.get(path, params={"page": 1}).status_code == 200


def test_api_repeated_with_takes_every_side(client: TestClient, filled: Filled) -> None:
    answer = client.get("/api/events", params=[("with", "RUS"), ("with", "IRN")]).json()
    assert ids(answer) == [filled.events["hostile"]]
    answer = client.get("/api/events", params=[("country", "OMN"), ("with", "RUS"),
                                               ("with", "IRN")]).json()  # fmt: skip
    assert answer["total"] == 0
    page = client.get("/events", params=[("with", "RUS"), ("with", "IRN")]).text
    assert page.count('name="with"') == 3  # each side kept, and one more to add
    assert 'value="RUS"' in page and 'value="IRN"' in page


@pytest.mark.parametrize(
    ("params", "expected"),
    [({"country": "IRQ"}, ["s-basra"]), ({"country": "IRN", "with": "OMN"},
     ["s-signing", "s-muscat"]), ({"lang": "fa", "type": "consult"}, ["s-muscat"]),
     ({"since": "2024-04"}, ["s-signing"])],
)  # fmt: skip
def test_api_stories_take_the_filters(
    client: TestClient, params: dict[str, str], expected: list[str]
) -> None:
    answer = client.get("/api/stories", params=params).json()
    assert [s["id"] for s in answer["items"]] == expected
    assert answer["total"] == len(expected)


@pytest.mark.parametrize(
    "address",
    ["http://127.0.0.1:{port}/news/1.html", "http://localhost:{port}/news/1.html",
     "http://[::1]:{port}/news/1.html", "http://10.0.0.1/", "http://169.254.169.254/latest/",
     "http://192.168.1.1/", "http://0.0.0.0:{port}/news/1.html"],
)  # fmt: skip
def test_api_post_url_refuses_addresses_that_are_not_public(filled: Filled, address: str) -> None:
    with serve() as site, TestClient(create_app(filled.store, token=TOKEN)) as client:
        site.add("/news/1.html", f"<html><body><p>{MEETING}</p></body></html>")
        url = address.format(port=site.base.rsplit(":", 1)[1])
        answer = client.post("/api/articles", json={"url": url}, headers=AUTH)
        assert answer.status_code == 400, answer.text
        assert "not a public address" in answer.json()["detail"]
        assert "ACCORDS_ALLOW_PRIVATE_FETCH" in answer.json()["detail"]
        assert site.requests == []  # never asked
    assert client.get("/api/stats").json()["articles"] == 5


def test_api_search_finds_a_person_by_any_of_their_names(
    client: TestClient, filled: Filled
) -> None:
    # the store knows Farahani in two scripts: either finds both reports
    persian = client.get("/api/search", params={"q": "کامران فراهانی"}).json()
    english = client.get("/api/search", params={"q": "Kamran Farahani"}).json()
    both = sorted([filled.articles["en"], filled.articles["fa"]])
    assert sorted(ids(persian)) == sorted(ids(english)) == both
    # the gazetteer knows Radan in Persian, Arabic, Russian and Latin letters
    from accords.model import Article, Extraction
    from accords.pipeline import VERSION

    texts = {"fa": "سردار رادان فرمانده انتظامی در مسقط گفت", "en": "Radan said in Muscat"}
    added = []
    for lang, text in texts.items():
        article = Article(text, f"radan-{lang}.txt", None, None, None, lang, date(2024, 2, 1))
        found = filled.store.add(article, Extraction(article.doc, lang, None, None, [], [], [],
                                                     []), version=VERSION)  # fmt: skip
        added.append(found)
    answer = client.get("/api/search", params={"q": "Радан"}).json()
    assert sorted(ids(answer)) == sorted(added)
    page = client.get("/search", params={"q": "Радан"}).text
    assert 'id="hit-total">2<' in page
