from __future__ import annotations

import itertools
import os
import time
from datetime import timedelta
from pathlib import Path

from accords.store import Store
from accords.watch import state
from tests.http_server import Site
from tests.watch.helpers import GAP, count, stored_urls, watcher
from tests.watch.news import FOUR, REPORTS, page, rss


def feed_source(site: Site, *, follow: bool = False) -> str:
    return f"""
[watch]
min_gap = {GAP}
[[source]]
name = "news"
feed = "{site.url("/feed.xml")}"
interval = 0
follow = {"true" if follow else "false"}
"""


def test_a_feed_that_changes_answers_304_fails_and_recovers(store: Store, site: Site) -> None:
    site.add("/feed.xml", rss(site.base, "iran-russia", "turkey-iraq"), "application/rss+xml",
             etag='"v1"')  # fmt: skip
    errors: list[str] = []
    watch = watcher(store, feed_source(site), on_error=lambda e: errors.append(str(e)))

    first = watch.round()
    assert (first.items, first.new) == (2, 2)
    second = watch.round()
    assert (second.unchanged, second.items, second.new) == (1, 0, 0)
    assert site.log[-1][2] == '"v1"'  # the validator was sent back

    site.add("/feed.xml", rss(site.base, "iran-russia", "turkey-iraq", "oman-iran"),
             "application/rss+xml", etag='"v2"')  # fmt: skip
    third = watch.round()
    assert (third.items, third.new) == (1, 1)

    site.pages["/feed.xml"].status = 503
    failing = watch.round()
    assert failing.failed == 1 and errors and "503" in errors[-1]
    after = state.states(store)["news"]
    assert after.failures == 1 and after.last_error and "503" in after.last_error
    assert after.next_poll and after.next_poll - after.last_poll >= timedelta(seconds=60)
    assert watch.round().polled == 0  # backing off: not due
    watch.round(now=after.next_poll + timedelta(seconds=1))
    assert state.states(store)["news"].failures == 2

    site.add("/feed.xml", rss(site.base, "iran-russia", "turkey-iraq", "oman-iran",
                              "china-pakistan"), "application/rss+xml", etag='"v3"')  # fmt: skip
    later = state.states(store)["news"].next_poll
    assert later is not None
    recovered = watch.round(now=later + timedelta(seconds=1))
    assert (recovered.items, recovered.new) == (1, 1)
    healthy = state.states(store)["news"]
    assert healthy.failures == 0 and healthy.last_error is None and healthy.last_success

    assert count(store) == 4
    assert stored_urls(store) == sorted(site.url(f"/news/{n}.html") for n in FOUR)
    # the per-host gap kept between every two requests
    times = [when for _, when, _ in site.log]
    assert min(b - a for a, b in itertools.pairwise(times)) >= GAP * 0.95


def test_followed_items_are_fetched_once(store: Store, site: Site) -> None:
    for name in FOUR:
        site.add(f"/news/{name}.html", page(name))
    site.add("/feed.xml", rss(site.base, "iran-russia"), "application/rss+xml")
    watch = watcher(store, feed_source(site, follow=True))
    watch.round()
    site.add("/feed.xml", rss(site.base, "iran-russia", "oman-iran"), "application/rss+xml")
    watch.round()
    watch.round()
    assert site.requests.count("/news/iran-russia.html") == 1
    assert site.requests.count("/news/oman-iran.html") == 1
    assert count(store) == 2


def test_an_unreachable_page_is_tried_again_next_round(store: Store, site: Site) -> None:
    site.add("/feed.xml", rss(site.base, "iran-russia"), "application/rss+xml")
    site.add("/news/iran-russia.html", page("iran-russia"), status=500)
    watch = watcher(store, feed_source(site, follow=True))
    assert watch.round().new == 0
    site.pages["/news/iran-russia.html"].status = 200
    assert watch.round().new == 1


def test_robots_txt_is_honoured(store: Store, site: Site) -> None:
    site.add("/robots.txt", "User-agent: *\nDisallow: /private/\n", "text/plain")
    site.add("/private/feed.xml", rss(site.base, "iran-russia"), "application/rss+xml")
    errors: list[str] = []
    text = feed_source(site).replace("/feed.xml", "/private/feed.xml")
    tally = watcher(store, text, on_error=lambda e: errors.append(str(e))).round()
    assert tally.failed == 1 and "robots.txt" in errors[0]
    assert "/private/feed.xml" not in site.requests


def test_a_sitemap_and_a_listing_page(store: Store, site: Site) -> None:
    for name in FOUR:
        site.add(f"/news/{name}.html", page(name))
    site.add("/sitemap.xml", (
        "<?xml version='1.0'?><urlset xmlns='http://www.sitemaps.org/schemas/sitemap/0.9'>"
        f"<url><loc>{site.url('/news/iran-russia.html')}</loc></url>"
        f"<url><loc>{site.url('/news/turkey-iraq.html')}</loc></url></urlset>"
    ), "application/xml")  # fmt: skip
    site.add("/news/", (
        "<html><body><a href='/'>home</a><a href='/about.html'>about</a>"
        "<a href='/news/oman-iran.html'>Oman</a><a href='china-pakistan.html#top'>China</a>"
        "<a href='/news/turkey-iraq.html'>Turkey</a></body></html>"
    ))  # fmt: skip
    text = f"""
[watch]
min_gap = 0
[[source]]
name = "map"
sitemap = "{site.url("/sitemap.xml")}"
[[source]]
name = "listing"
page = "{site.url("/news/")}"
"""
    watch = watcher(store, text)
    tally = watch.round()
    assert tally.items == 5 and count(store) == 4  # turkey-iraq is in both: stored once
    assert "/about.html" not in site.requests and "/" not in site.requests
    assert watch.round().polled == 0  # the default interval is not over


def test_a_folder_that_receives_files(store: Store, tmp_path: Path) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    text = f'[[source]]\nname = "inbox"\nfolder = "{inbox}"\ninterval = 0\n'
    watch = watcher(store, text)

    def drop(name: str, age: float = 60) -> None:
        path = inbox / f"{name}.txt"
        path.write_text(REPORTS[name], encoding="utf-8")
        moment = time.time() - age
        os.utime(path, (moment, moment))

    drop("iran-russia")
    drop("oman-iran", age=0)  # still being written, perhaps: next round
    assert watch.round().new == 1
    os.utime(inbox / "oman-iran.txt", (time.time() - 60, time.time() - 60))
    drop("turkey-iraq")
    assert watch.round().new == 2
    assert watch.round().items == 0
    assert count(store) == 3
