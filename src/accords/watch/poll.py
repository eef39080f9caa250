"""What a source has that it did not have before: its new items, each with a way to read
it, found from a feed's items, a sitemap's addresses, the links of a page that lists
articles, or the files a folder received. The reading itself is accords.ingest's."""

from __future__ import annotations

import os
import time
import xml.etree.ElementTree as ElementTree
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from html.parser import HTMLParser
from urllib.parse import urldefrag, urljoin, urlsplit

from accords.errors import AccordsError, MalformedSource
from accords.ingest.decode import MAX_BYTES, decode
from accords.ingest.feeds import read_feed
from accords.ingest.fetch import Response
from accords.ingest.sources import expand, read_source
from accords.model import Article
from accords.watch.config import Source
from accords.watch.polite import PoliteFetcher
from accords.watch.state import SourceState

Item = Article | AccordsError
SETTLE_SECONDS = 2.0  # a file younger than this may still be being written: next round
MAX_SITEMAPS = 50  # the sitemaps of one index read in a round


@dataclass(frozen=True, slots=True)
class NewItem:
    id: str  # how the source knows it: its address, or a file's path and change time
    read: Callable[[], Iterator[Item]]


@dataclass(frozen=True, slots=True)
class Poll:
    """One poll's answer: the items (new or not: watch_seen tells), and the validators to
    send next time. `items` is None when the source said it has not changed."""

    items: list[NewItem] | None
    etag: str | None = None
    last_modified: str | None = None


def poll(
    source: Source, state: SourceState, fetch: PoliteFetcher, max_bytes: int = MAX_BYTES
) -> Poll:
    """The items the source lists now; raises AccordsError when it cannot be read."""
    if source.kind == "folder":
        return Poll(_folder(source, max_bytes))
    response = fetch.conditional(source.address, etag=state.etag, last_modified=state.last_modified)
    if response is None:
        return Poll(None, state.etag, state.last_modified)
    if source.kind == "feed":
        items = _feed(source, response, fetch, max_bytes)
    elif source.kind == "sitemap":
        items = [_page(url, fetch, max_bytes) for url in _sitemap(response, fetch, source)]
    else:
        items = [_page(url, fetch, max_bytes) for url in _links(response, max_bytes)]
    return Poll(items, response.etag, response.last_modified)


def _page(url: str, fetch: PoliteFetcher, max_bytes: int) -> NewItem:
    return NewItem(url, lambda: read_source(url, fetch=fetch, max_bytes=max_bytes))


def _feed(
    source: Source, response: Response, fetch: PoliteFetcher, max_bytes: int
) -> list[NewItem]:
    items: list[NewItem] = []
    errors: list[AccordsError] = []
    for item in read_feed(
        response.content, source=source.address, charset=response.charset, max_bytes=max_bytes
    ):
        if isinstance(item, AccordsError):
            errors.append(item)
        elif source.follow and item.url:
            items.append(_page(item.url, fetch, max_bytes))
        else:
            items.append(NewItem(item.url or item.raw_hash or item.doc, _given(item)))
    if errors and not items:
        raise errors[0]  # the feed as a whole cannot be read: the source failed
    return items


def _given(item: Item) -> Callable[[], Iterator[Item]]:
    return lambda: iter([item])


def _sitemap(response: Response, fetch: PoliteFetcher, source: Source) -> list[str]:
    """The page addresses of a sitemap, or of the sitemaps an index lists."""
    pages, nested = _locations(response.content, source.address)
    for address in nested[:MAX_SITEMAPS]:
        more, _ = _locations(fetch(address).content, address)
        pages.extend(more)
    return pages


def _locations(data: bytes, shown: str) -> tuple[list[str], list[str]]:
    try:
        root = ElementTree.fromstring(data)  # expat: no external entities are loaded
    except ElementTree.ParseError as error:
        raise MalformedSource(f"not a readable sitemap ({error})", source=shown) from None
    pages: list[str] = []
    nested: list[str] = []
    for element in root:
        tag = element.tag.rsplit("}", 1)[-1]
        loc = next((e.text for e in element if e.tag.rsplit("}", 1)[-1] == "loc"), None)
        if loc and loc.strip():
            (nested if tag == "sitemap" else pages).append(loc.strip())
    if not pages and not nested:
        raise MalformedSource("the sitemap lists no address", source=shown)
    return pages, nested


class _Anchors(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.hrefs: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "a":
            self.hrefs.extend(value for name, value in attrs if name == "href" and value)


def _links(response: Response, max_bytes: int) -> list[str]:
    """The links of a page that lists articles: those to deeper pages of its own site,
    each once in the page's order (menus link up or across, articles down)."""
    parser = _Anchors()
    parser.feed(decode(response.content, source=response.url, declared=response.charset,
                       max_bytes=max_bytes))  # fmt: skip
    base = urlsplit(response.url)
    depth = _depth(base.path.rsplit("/", 1)[0])  # of the folder the listing is in
    found: dict[str, None] = {}
    for href in parser.hrefs:
        url = urldefrag(urljoin(response.url, href.strip())).url
        parts = urlsplit(url)
        if (
            parts.scheme in ("http", "https")
            and parts.netloc == base.netloc
            and parts.path.rstrip("/") != base.path.rstrip("/")
            and _depth(parts.path) > depth
        ):
            found.setdefault(url)
    return list(found)


def _depth(path: str) -> int:
    return len([part for part in path.split("/") if part])


def _folder(source: Source, max_bytes: int) -> list[NewItem]:
    if not os.path.isdir(source.address):
        raise AccordsError("the folder is not there", source=source.address)
    items = []
    settled = time.time() - SETTLE_SECONDS
    for path in expand([source.address]):
        try:
            status = os.stat(path)
        except OSError:
            continue  # gone since it was listed
        if status.st_mtime > settled:
            continue
        # a file written again is a new item; the same text is still stored once
        item = f"{path}@{status.st_mtime_ns}:{status.st_size}"
        items.append(NewItem(item, _file(path, max_bytes)))
    return items


def _file(path: str, max_bytes: int) -> Callable[[], Iterator[Item]]:
    return lambda: read_source(path, max_bytes=max_bytes)
