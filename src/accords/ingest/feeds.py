"""RSS and Atom feeds as Articles, one per item; with `follow`, each item's page is fetched
and read in full, since many feeds carry only a teaser."""

from __future__ import annotations

import hashlib
import io
import re
import time
import xml.sax
from collections.abc import Iterator
from datetime import date
from typing import Any

from accords.errors import AccordsError, EmptyInput, MalformedSource
from accords.ingest import clean
from accords.ingest.decode import MAX_BYTES, repair
from accords.ingest.fetch import Fetch
from accords.ingest.html import html_to_text, read_html
from accords.model import Article

_FEED_ROOT = re.compile(rb"<(?:rss|feed|rdf:rdf)\b", re.I)
# a character reference to a lone surrogate, U+D800 to U+DFFF, by hex or decimal number
_SURROGATE_REFERENCE = re.compile(
    rb"&#(?:[xX]0*[dD][89a-fA-F][0-9a-fA-F]{2}"
    rb"|0*(?:5529[6-9]|55[3-9][0-9]{2}|56[0-9]{3}|57[0-2][0-9]{2}|573[0-3][0-9]|5734[0-3]));"
)


def looks_like_feed(data: bytes) -> bool:
    """True when the first root-like tag is a feed's, for sources without an extension."""
    return bool(_FEED_ROOT.search(data[:2048]))


def read_feed(
    data: bytes,
    *,
    source: str,
    charset: str | None = None,
    fetch: Fetch | None = None,
    max_bytes: int = MAX_BYTES,
) -> Iterator[Article | AccordsError]:
    """The items of a feed; with `fetch`, each item's page instead of its summary. A bad
    item is an error of its own; the other items still come."""
    if not data.strip():
        yield EmptyInput("the file is empty", source=source)
        return
    parsed = _parse(data, source, charset)
    if isinstance(parsed, AccordsError):
        yield parsed
        return
    entries = parsed.get("entries") or []
    broken = parsed.get("bozo_exception")
    if not entries:
        if isinstance(broken, xml.sax.SAXException) or not parsed.get("version"):
            yield MalformedSource(
                f"not a readable RSS or Atom feed ({_reason(broken)})", source=source
            )
        else:
            yield EmptyInput("the feed has no items", source=source)
        return
    channel = parsed.get("feed") or {}
    outlet = _text(channel.get("title"))
    lang = _lang(channel.get("language"))
    for number, entry in enumerate(entries, start=1):
        item = f"{source}#{number}"
        if fetch is not None:
            yield _follow(entry, item, outlet, lang, fetch, max_bytes)
        else:
            yield _item(entry, item, outlet, lang)
    if isinstance(broken, xml.sax.SAXException):
        # feedparser keeps the items before the break; say the rest is lost
        yield MalformedSource(
            f"the feed breaks off after item {len(entries)} ({_reason(broken)})", source=source
        )


def _parse(data: bytes, source: str, charset: str | None) -> Any:
    import feedparser

    # feedparser fails on the whole feed at one "&#xD800;" (it encodes what it refers to)
    data = _SURROGATE_REFERENCE.sub(b"&#xFFFD;", data)

    headers = {"content-type": f"application/xml; charset={charset}"} if charset else None
    try:
        # a file object, never bytes or str: feedparser treats a string that looks like
        # an address or a path as one, and would fetch it or open it
        return feedparser.parse(io.BytesIO(data), response_headers=headers)
    except Exception as error:
        # feedparser's own parsers raise many kinds on broken input; all mean "not a feed"
        return MalformedSource(f"not a readable feed ({type(error).__name__})", source=source)


def _item(entry: Any, source: str, outlet: str | None, lang: str | None) -> Article | AccordsError:
    title = _text(entry.get("title"))
    body = _body(entry)
    if not body:
        return EmptyInput("the item has no text (try --follow to fetch its page)", source=source)
    # the extractor finds the headline on the first line, as in a page
    text = body if not title or body.startswith(title) else f"{title}\n\n{body}"
    return Article(
        text=text,
        doc=source,
        title=title,
        url=_text(entry.get("link")),
        outlet=outlet,
        lang=_lang(entry.get("language")) or lang,
        published=_published(entry),
        raw_hash=hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest(),
    )


def _follow(
    entry: Any, source: str, outlet: str | None, lang: str | None, fetch: Fetch, max_bytes: int
) -> Article | AccordsError:
    link = _text(entry.get("link"))
    if not link:
        return MalformedSource("the item has no link to follow", source=source)
    try:
        response = fetch(link)
        page = read_html(
            response.content,
            source=clean.name(link),
            url=response.url,
            charset=response.charset,
            max_bytes=max_bytes,
        )
    except AccordsError as error:
        return error
    # the feed knows the item's title and date better than a guess from the page
    return Article(
        text=page.text,
        doc=clean.name(link),
        title=_text(entry.get("title")) or page.title,
        url=page.url,
        outlet=outlet or page.outlet,
        lang=page.lang or lang,
        published=_published(entry) or page.published,
        raw_hash=page.raw_hash,
    )


def _body(entry: Any) -> str:
    contents = entry.get("content") or []
    values = [c.get("value", "") for c in contents if isinstance(c, dict)]
    html = max(values, key=len) if values else entry.get("summary") or ""
    return repair(html_to_text(str(html))).strip()


def _published(entry: Any) -> date | None:
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        value = entry.get(key)
        if isinstance(value, time.struct_time):
            try:
                return date(value.tm_year, value.tm_mon, value.tm_mday)
            except ValueError:
                continue
    return None


def _text(value: Any) -> str | None:
    if not isinstance(value, str):
        return None
    value = " ".join(repair(value).split())
    return value or None


def _lang(value: Any) -> str | None:
    if not isinstance(value, str) or len(value) < 2 or not value[:2].isalpha():
        return None
    return value[:2].lower()


def _reason(error: object) -> str:
    if error is None:
        return "no feed elements found"
    text = str(error).strip()
    return text.splitlines()[0] if text else type(error).__name__
