from __future__ import annotations

from datetime import date

from accords.errors import AccordsError, EmptyInput, MalformedSource, Unreachable
from accords.ingest.feeds import looks_like_feed, read_feed
from accords.ingest.fetch import HttpFetcher
from accords.model import Article
from tests.http_server import Site

ITEM_FA = (
    "تهران - وزیر کشور روز سه‌شنبه گفت ایران و عمان تفاهم‌نامه همکاری‌های امنیتی در "
    "دریای عمان را تا پایان بهار امضا خواهند کرد."
)
ITEM_EN = (
    "MUSCAT - The interior ministers of Oman and Iran met on Monday to discuss drug "
    "trafficking in the Sea of Oman and the exchange of information between coast guards."
)


def rss(*items: str, tail: str = "</channel></rss>") -> bytes:
    return (
        "<?xml version='1.0' encoding='utf-8'?><rss version='2.0'><channel>"
        "<title>Darya News</title><language>fa-IR</language>" + "".join(items) + tail
    ).encode("utf-8")


def item(
    title: str, text: str, link: str = "", date_: str = "Tue, 20 Feb 2024 09:30:00 +0330"
) -> str:
    return (
        f"<item><title>{title}</title><link>{link}</link><pubDate>{date_}</pubDate>"
        f"<description><![CDATA[<p>{text}</p>]]></description></item>"
    )


def articles(items: list[Article | AccordsError]) -> list[Article]:
    return [i for i in items if isinstance(i, Article)]


def errors(items: list[Article | AccordsError]) -> list[AccordsError]:
    return [i for i in items if isinstance(i, AccordsError)]


def test_read_feed_each_item_an_article_with_feed_metadata() -> None:
    data = rss(
        item("پیمان امنیتی", ITEM_FA, "https://x.example/1"),
        item("Ministers meet", ITEM_EN, "https://x.example/2", "Mon, 15 Jan 2024 08:00:00 GMT"),
    )
    found = list(read_feed(data, source="news.rss"))
    first, second = articles(found)
    assert not errors(found)
    assert first.text.startswith("پیمان امنیتی\n\n")  # the headline on the first line
    assert ITEM_FA in first.text
    assert first.title == "پیمان امنیتی"
    assert first.url == "https://x.example/1"
    assert first.outlet == "Darya News"
    assert first.lang == "fa"
    assert first.published == date(2024, 2, 20)
    assert first.doc == "news.rss#1"
    assert second.published == date(2024, 1, 15)
    assert second.doc == "news.rss#2"


def test_read_feed_atom() -> None:
    data = (
        "<?xml version='1.0' encoding='utf-8'?><feed xmlns='http://www.w3.org/2005/Atom'>"
        "<title>Gulf Wire</title><entry><title>Ministers meet</title>"
        "<link href='https://x.example/a'/><updated>2024-01-15T08:00:00Z</updated>"
        f"<content type='html'>&lt;p&gt;{ITEM_EN}&lt;/p&gt;</content></entry></feed>"
    ).encode()
    (article,) = list(read_feed(data, source="wire.atom"))
    assert isinstance(article, Article)
    assert ITEM_EN in article.text
    assert article.published == date(2024, 1, 15)
    assert article.outlet == "Gulf Wire"


def test_read_feed_malformed_is_one_error() -> None:
    found = list(read_feed(b"<rss><channel><title>x</title><<<>>> &&& not xml", source="bad.rss"))
    assert len(found) == 1
    assert isinstance(found[0], MalformedSource)
    assert "bad.rss" in str(found[0])


def test_read_feed_not_a_feed_at_all() -> None:
    found = list(read_feed(b"just some words, no markup", source="words.xml"))
    assert [type(e) for e in found] == [MalformedSource]


def test_read_feed_truncated_keeps_items_before_the_break_and_says_so() -> None:
    whole = rss(item("One", ITEM_EN), item("Two", ITEM_EN + " Again."))
    cut = whole[: whole.rindex(b"<item>") + 40]  # inside the second item
    found = list(read_feed(cut, source="cut.rss"))
    assert len(articles(found)) >= 1
    assert any("breaks off" in str(e) for e in errors(found))


def test_read_feed_without_items() -> None:
    found = list(read_feed(rss(), source="empty.rss"))
    assert [type(e) for e in found] == [EmptyInput]


def test_read_feed_item_without_text_is_an_error_of_its_own() -> None:
    found = list(
        read_feed(rss(item("Only a title", ""), item("Ministers meet", ITEM_EN)), source="n.rss")
    )
    assert len(articles(found)) == 1
    (error,) = errors(found)
    assert "n.rss#1" in str(error) and "--follow" in str(error)


def test_read_feed_follow_fetches_each_page(site: Site) -> None:
    body = ITEM_EN + " " + ITEM_EN.replace("Monday", "Tuesday")
    page = site.add(
        "/a",
        f"<html><body><article><h1>Ministers meet</h1><p>{body}</p>"
        "</article><footer>All rights reserved</footer></body></html>",
    )
    missing = site.url("/gone")
    data = rss(item("Ministers meet", "teaser", page), item("Gone", "teaser", missing))
    with HttpFetcher(timeout=5) as fetch:
        found = list(read_feed(data, source="f.rss", fetch=fetch))
    (article,) = articles(found)
    assert body[:80] in article.text and "teaser" not in article.text
    assert article.title == "Ministers meet"
    assert article.published == date(2024, 2, 20)  # the feed's date, not a guess
    assert article.outlet == "Darya News"
    (error,) = errors(found)
    assert isinstance(error, Unreachable) and missing in str(error) and "404" in str(error)


def test_looks_like_feed() -> None:
    assert looks_like_feed(b"<?xml version='1.0'?>\n<rss version='2.0'>")
    assert looks_like_feed(b"<feed xmlns='http://www.w3.org/2005/Atom'>")
    assert not looks_like_feed(b"<!DOCTYPE html><html><body>")


def test_read_feed_reference_to_a_surrogate_is_repaired_not_the_feed_lost() -> None:
    data = rss(item("Title &#55296; one", ITEM_EN + " &#xDFFF;"), item("Two", ITEM_FA))
    first, second = read_feed(data, source="f.rss")
    assert isinstance(first, Article) and isinstance(second, Article)
    assert first.title == "Title \ufffd one" and ITEM_EN + " \ufffd" in first.text
    assert second.text.endswith(ITEM_FA)
