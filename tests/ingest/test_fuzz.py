"""Readers on random bytes and random markup: whatever comes in, each reader yields
Articles or per-source errors, and raises nothing else."""

from __future__ import annotations

import io
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

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
