from __future__ import annotations

import io
import json
from collections import Counter

import feedparser
from fastapi.testclient import TestClient

from accords.store import Store
from accords.watch.alerts import Alerter
from accords.web.app import create_app
from tests.http_server import Site
from tests.watch.helpers import watcher
from tests.watch.news import rss


def test_each_rule_fires_once_per_new_match_everywhere(store: Store, site: Site) -> None:
    hook = site.url("/hook")
    text = f"""
[watch]
min_gap = 0
[[source]]
name = "news"
feed = "{site.url("/feed.xml")}"
interval = 0
[[alert]]
name = "iran-russia"
pair = ["IRN", "RUS"]
webhook = "{hook}"
[[alert]]
name = "languages"
when = "new_language"
[[alert]]
name = "kept"
when = "kept"
country = "IRN"
webhook = "{hook}"
[[alert]]
name = "turkey"
country = "TUR"
"""
    site.failing_posts = 2  # the receiver is down for a while: the webhooks are retried
    out = io.StringIO()
    feeds = [
        ("iran-russia-pledge",),
        ("iran-russia-pledge",),  # unchanged: 304
        ("iran-russia-pledge", "iran-russia-fr"),  # the story in a second language
        ("iran-russia-pledge", "iran-russia-fr", "iran-russia-signed"),  # the pledge kept
        ("iran-russia-signed", "iran-russia-fr", "iran-russia-pledge"),  # nothing new
    ]
    with Alerter(store, [], out=out, first_wait=0.05) as alerter:
        watch = watcher(store, text, after_linking=lambda ids: alerter.check(ids))
        alerter.rules = list(watch.watchlist.rules)
        for number, names in enumerate(feeds):
            site.add("/feed.xml", rss(site.base, *names), "application/rss+xml",
                     etag=f'"{len(names)}-{number // 4}"')  # fmt: skip
            watch.round()
        alerter.close(timeout=30)

    lines = [json.loads(line) for line in out.getvalue().splitlines()]
    assert Counter(line["rule"] for line in lines) == {"iran-russia": 3, "languages": 1, "kept": 1}
    assert next(line for line in lines if line["rule"] == "languages")["lang"] == "fr"
    kept = next(line for line in lines if line["rule"] == "kept")
    assert kept["status"] == "kept" and "memorandum" in kept["action"]

    posted = [json.loads(body) for path, body in site.posted]
    assert sorted(p["rule"] for p in posted) == ["iran-russia"] * 3 + ["kept"]

    client = TestClient(create_app(store))
    for rule, entries in {"iran-russia": 3, "languages": 1, "kept": 1, "turkey": 0}.items():
        answer = client.get(f"/alerts/{rule}.atom")
        assert answer.status_code == 200
        assert answer.headers["content-type"].startswith("application/atom+xml")
        feed = feedparser.parse(answer.content)
        assert not feed.bozo and len(feed.entries) == entries
        for entry in feed.entries:
            if rule != "kept":
                assert client.get(entry.link).status_code == 200  # the event's, the article's
    assert client.get("/alerts/No%20Such.atom").status_code == 404
    health = client.get("/health").json()
    assert [s["name"] for s in health["sources"]] == ["news"]
    assert health["sources"][0]["last_success"] and health["sources"][0]["last_error"] is None
    home = client.get("/").text
    assert "Watched sources" in home and "<td title=" in home

    # checked again (a round that stopped before it marked its items, say): nothing twice
    again = io.StringIO()
    with store.reading() as connection:
        from sqlalchemy import select

        from accords.store.schema import articles

        ids = list(connection.scalars(select(articles.c.id)))
    with Alerter(store, alerter.rules, out=again) as second:
        assert second.check(ids) == []
    assert again.getvalue() == ""


def test_articles_a_stopped_round_left_unchecked_are_checked_next(store: Store, site: Site) -> None:
    text = f"""
[[source]]
name = "news"
feed = "{site.url("/feed.xml")}"
interval = 0
[[alert]]
name = "iran-russia"
pair = ["IRN", "RUS"]
"""
    site.add("/feed.xml", rss(site.base, "turkey-iraq"), "application/rss+xml")
    out = io.StringIO()
    with Alerter(store, watcher(store, text).watchlist.rules, out=out) as alerter:
        watcher(store, text, after_linking=alerter.check).round()  # before the rule's news
        site.add("/feed.xml", rss(site.base, "iran-russia"), "application/rss+xml")
        watcher(store, text).round()  # stored and linked, then stopped before the check
        assert out.getvalue() == ""
        watcher(store, text, after_linking=alerter.check).round()  # nothing new to read
    assert [json.loads(line)["rule"] for line in out.getvalue().splitlines()] == ["iran-russia"]
