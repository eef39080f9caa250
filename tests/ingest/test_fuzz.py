"""Readers on random bytes and random markup: whatever comes in, each reader yields
Articles or per-source errors, and raises nothing else."""

from __future__ import annotations

import gzip
import io
import json
import os
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from accords.errors import AccordsError
from accords.ingest.decode import decode
from accords.ingest.feeds import read_feed
from accords.ingest.html import read_html
from accords.ingest.jsonl import read_jsonl
from accords.ingest.sources import read_source
from accords.ingest.warc import read_warc
from accords.model import Article

FUZZ = settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

TAGS = (
    "html",
    "head",
    "body",
    "meta",
    "title",
    "p",
    "div",
    "article",
    "h1",
    "script",
    "style",
    "nav",
    "footer",
    "br",
    "table",
    "tr",
    "td",
    "a",
    "rss",
    "channel",
    "item",
    "feed",
    "entry",
    "description",
    "content",
    "link",
    "pubDate",
    "svg",
    "math",
    "template",
)
ODDITIES = (
    '<meta charset="windows-1256">',
    '<meta charset="no-such">',
    "&amp;",
    "&#0;",
    "&#99999999;",
    "&bogus;",
    "<",
    ">",
    "\x00",
    "\ufeff",
    "<!--",
    "-->",
    "<![CDATA[",
    "]]>",
    "<?xml version='1.0' encoding='utf-16'?>",
    '<html lang="fa">',
    '<meta property="article:published_time" content="2024-13-45">',
    '<a href="javascript:alert(1)">',
    "\u200c",
    "Ø§Ù„",
    '{"text": "x"}\n',
)
WORDS = st.text(
    alphabet=st.characters(codec="utf-8", categories=["L", "N", "P", "Z", "M"]), max_size=40
)
PIECES = st.one_of(
    st.sampled_from(TAGS).map(lambda tag: f"<{tag}>"),
    st.sampled_from(TAGS).map(lambda tag: f"</{tag}>"),
    st.sampled_from(TAGS).map(lambda tag: f"<{tag} class='x' id=\"y\"/>"),
    st.sampled_from(ODDITIES),
    WORDS,
)
MARKUP = st.lists(PIECES, max_size=80).map("".join)
ENCODINGS = st.sampled_from(["utf-8", "cp1256", "utf-16", "cp1252", "iso8859_6"])
PREFIXES = st.sampled_from(
    [b"", b"\x1f\x8b\x08\x00", b"WARC/1.0\r\n", b"\xef\xbb\xbf", b"\xff\xfe", b"<rss>", b"{"]
)


def markup_bytes() -> st.SearchStrategy[bytes]:
    return st.tuples(MARKUP, ENCODINGS).map(lambda pair: pair[0].encode(pair[1], "replace"))


ANY_BYTES = st.one_of(
    st.binary(max_size=3000),
    st.tuples(PREFIXES, st.binary(max_size=2000)).map(lambda pair: pair[0] + pair[1]),
    markup_bytes(),
)


def only_articles_or_errors(items: Iterable[object]) -> None:
    for item in items:
        assert isinstance(item, Article | AccordsError), item
        if isinstance(item, Article):
            assert item.text.strip()


def raises_only_accords_errors(read: Callable[[], object]) -> None:
    try:
        result = read()
    except AccordsError:
        return
    assert isinstance(result, Article | str)


@FUZZ
@given(ANY_BYTES)
def test_fuzz_decode(data: bytes) -> None:
    raises_only_accords_errors(lambda: decode(data, source="f"))


@FUZZ
@given(st.one_of(markup_bytes(), ANY_BYTES), st.sampled_from([None, "windows-1256", "bogus"]))
def test_fuzz_read_html(data: bytes, charset: str | None) -> None:
    raises_only_accords_errors(lambda: read_html(data, source="f.html", charset=charset))


@FUZZ
@given(st.one_of(markup_bytes(), ANY_BYTES))
def test_fuzz_read_feed(data: bytes) -> None:
    only_articles_or_errors(read_feed(data, source="f.rss"))


@FUZZ
@given(
    st.one_of(
        ANY_BYTES,
        st.lists(st.one_of(MARKUP, st.sampled_from(ODDITIES)), max_size=20).map(
            lambda lines: "\n".join(lines).encode("utf-8", "replace")
        ),
    )
)
def test_fuzz_read_jsonl(data: bytes) -> None:
    only_articles_or_errors(read_jsonl(io.BytesIO(data), source="f.jsonl"))


@FUZZ
@given(ANY_BYTES)
def test_fuzz_read_warc(data: bytes) -> None:
    only_articles_or_errors(read_warc(io.BytesIO(data), source="f.warc.gz"))


@FUZZ
@given(ANY_BYTES, st.sampled_from(["a.txt", "a.html", "a.rss", "a.jsonl", "a.warc.gz", "a.bin"]))
def test_fuzz_read_source_files(data: bytes, name: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / name
        path.write_bytes(data)
        only_articles_or_errors(read_source(str(path)))


# Text as a hostile or careless source writes it: every code point, lone surrogates and
# NUL included, with the troublemakers drawn often; dates of every shape; JSON of any kind.
AWKWARD = st.sampled_from(
    ["\ud800", "\udfff", "\udc80", "\x00", "\u200f", "\u202e", "\u200c", "\ufeff", "\x1b", "\r"]
)
UNICODE = st.text(
    alphabet=st.one_of(st.characters(exclude_categories=()), AWKWARD, st.just(" ")), max_size=60
)
LONG_UNICODE = st.lists(UNICODE, min_size=1, max_size=6).map(" ".join)
DATES = st.one_of(
    st.dates().map(lambda day: day.isoformat()),
    st.datetimes().map(lambda moment: moment.isoformat()),
    st.sampled_from(
        ["9999-12-31", "0001-01-01", "2024-02-30", "2024-13-01", "+275760-09-13", "", "-1"]
    ),
    UNICODE,
)
JSON_VALUES = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(), st.floats(), UNICODE, DATES),
    lambda inner: st.one_of(
        st.lists(inner, max_size=4), st.dictionaries(UNICODE, inner, max_size=4)
    ),
    max_leaves=8,
)
FIELDS = ("text", "title", "url", "outlet", "published", "lang")
RECORDS = st.one_of(
    st.fixed_dictionaries(
        {"text": LONG_UNICODE},
        optional={
            "title": st.one_of(UNICODE, JSON_VALUES),
            "url": UNICODE,
            "outlet": UNICODE,
            "published": st.one_of(DATES, JSON_VALUES),
            "lang": UNICODE,
        },
    ),
    st.dictionaries(st.sampled_from(FIELDS), JSON_VALUES, max_size=6),
    JSON_VALUES,
)
# how the bytes are written: a lone surrogate cannot be UTF-8, so some writers escape it,
# some write it as three bytes anyway, some give up on it
WRITERS = st.sampled_from(["escaped", "surrogatepass", "replace", "utf-16"])


def encoded(text: str, writer: str) -> bytes:
    if writer == "utf-16":
        return text.encode("utf-16", "surrogatepass")
    return text.encode("utf-8", "replace" if writer == "replace" else "surrogatepass")


def _writable(text: str) -> str:
    return text.encode("utf-8", "replace").decode("utf-8")


def storable(items: Iterable[object]) -> list[Article]:
    """Articles whose every string encodes as UTF-8 and holds no NUL; errors ours."""
    articles = []
    for item in items:
        assert isinstance(item, Article | AccordsError), item
        str(item)
        if isinstance(item, Article):
            assert item.text.strip()
            for value in (item.text, item.doc, item.title, item.url, item.outlet, item.lang):
                if value is not None:
                    value.encode("utf-8")
                    assert "\x00" not in value
            articles.append(item)
    return articles


def _html_escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def page(title: str, published: str, body: str) -> str:
    return (
        f'<html lang="fa"><head><title>{_html_escape(title)}</title>'
        f'<meta property="article:published_time" content="{_html_escape(published)}">'
        f"</head><body><article><h1>{_html_escape(title)}</h1>"
        f"<p>{_html_escape(body)}</p><p>{_html_escape(body)}</p></article></body></html>"
    )


@FUZZ
@given(st.lists(st.tuples(RECORDS, WRITERS), min_size=1, max_size=5))
def test_fuzz_jsonl_any_json_any_unicode(records: list[tuple[object, str]]) -> None:
    lines = []
    for record, writer in records:
        if writer == "escaped":
            lines.append(json.dumps(record).encode("ascii"))
        else:
            line = json.dumps(record, ensure_ascii=False)
            lines.append(line.encode("utf-8", "surrogatepass" if writer != "replace" else writer))
    storable(read_jsonl(io.BytesIO(b"\n".join(lines)), source="f.jsonl"))
    storable(read_jsonl(io.BytesIO(gzip.compress(b"\n".join(lines))), source="f.jsonl.gz"))


@FUZZ
@given(UNICODE, DATES, LONG_UNICODE, WRITERS)
def test_fuzz_html_any_unicode_any_date(title: str, published: str, body: str, how: str) -> None:
    data = encoded(page(title, published, body), how)
    try:
        article = read_html(data, source="f.html")
    except AccordsError:
        return
    storable([article])


# what a feed can say in markup that its bytes cannot: a surrogate, NUL, an escape
REFERENCES = st.sampled_from(
    ["", "&#55296;", "&#xDFFF;", "&#xd800;", "&#0;", "&#x1b;", "&#x202E;", "&#1114112;"]
)


@FUZZ
@given(
    st.lists(st.tuples(UNICODE, DATES, LONG_UNICODE, REFERENCES), min_size=1, max_size=4),
    WRITERS,
)
def test_fuzz_feed_any_unicode_any_date(items: list[tuple[str, str, str, str]], how: str) -> None:
    entries = "".join(
        f"<item><title>{_html_escape(title)}{ref}</title><pubDate>{_html_escape(day)}</pubDate>"
        f"<description>{ref}{_html_escape(body)}</description></item>"
        for title, day, body, ref in items
    )
    feed = f"<?xml version='1.0'?><rss version='2.0'><channel>{entries}</channel></rss>"
    storable(read_feed(encoded(feed, how), source="f.rss"))


@FUZZ
@given(LONG_UNICODE, WRITERS, st.sampled_from(["a.txt", "a\nb.txt", "a\udcff.txt", "a"]))
def test_fuzz_text_file_any_unicode(text: str, how: str, name: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = os.path.join(os.fsencode(folder), os.fsencode(name))
        with open(path, "wb") as out:
            out.write(encoded(text, how))
        for item in read_source(os.fsdecode(path)):
            if isinstance(item, AccordsError):
                assert "\n" not in str(item)
            storable([item])


@FUZZ
@given(st.lists(st.tuples(UNICODE, DATES, LONG_UNICODE, UNICODE), min_size=1, max_size=3), WRITERS)
def test_fuzz_warc_any_unicode_any_date(items: list[tuple[str, str, str, str]], how: str) -> None:
    out = io.BytesIO()
    writer = WARCWriter(out, gzip=True)
    for title, day, body, path in items:
        # a WARC file is bytes: its headers cannot hold a lone surrogate (warcio refuses to
        # write one), so theirs are replaced there; the page itself keeps every character
        headers = StatusAndHeaders(
            "200 OK",
            [("Content-Type", "text/html; charset=utf-8"), ("Last-Modified", _writable(day))],
            protocol="HTTP/1.1",
        )
        writer.write_record(
            writer.create_warc_record(
                "https://x.example/" + _writable(path),
                "response",
                payload=io.BytesIO(encoded(page(title, day, body), how)),
                http_headers=headers,
            )
        )
    storable(read_warc(io.BytesIO(out.getvalue()), source="f.warc.gz"))
