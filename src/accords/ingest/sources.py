"""From a SOURCE string (a file, a folder, an http(s) address or - for standard input) to
the Articles in it, each bad part reported as an error of its own, never raised."""

from __future__ import annotations

import contextlib
import dataclasses
import hashlib
import io
import os
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from accords.errors import AccordsError, InputError, MalformedSource
from accords.ingest import clean
from accords.ingest.decode import GZIP_MAGIC, MAX_BYTES, decode, gunzip_head
from accords.ingest.feeds import looks_like_feed, read_feed
from accords.ingest.fetch import Fetch, HttpFetcher, Response, is_address
from accords.ingest.files import read_bytes, read_text
from accords.ingest.html import read_html
from accords.ingest.jsonl import read_jsonl
from accords.ingest.warc import read_warc
from accords.model import Article

Item = Article | AccordsError
_Fetcher = Callable[[], Fetch]  # opens the http client only when a source needs it

# what a folder is searched for; a file named on the command line is read whatever its name
KINDS = {
    ".txt": "text", ".text": "text",
    ".html": "html", ".htm": "html", ".xhtml": "html", ".shtml": "html",
    ".rss": "feed", ".atom": "feed", ".xml": "feed",
    ".warc": "warc", ".warc.gz": "warc", ".arc": "warc", ".arc.gz": "warc",
    ".jsonl": "jsonl", ".ndjson": "jsonl",
    # its own kind, not "jsonl": the batch planner cuts JSON Lines at byte offsets
    ".jsonl.gz": "jsonl.gz", ".ndjson.gz": "jsonl.gz",
}  # fmt: skip
_FEED_TYPES = (
    "application/rss+xml",
    "application/atom+xml",
    "application/rdf+xml",
    "application/xml",
    "text/xml",
)
_HTML_TYPES = ("text/html", "application/xhtml+xml")


def kind_of(name: str) -> str | None:
    """The reader for a file name, by its extension ("warc" for crawl.warc.gz)."""
    lower = name.lower()
    for suffix in sorted(KINDS, key=len, reverse=True):
        if lower.endswith(suffix):
            return KINDS[suffix]
    return None


def expand(sources: Iterable[str]) -> list[str]:
    """Folders replaced by the files in them that accords reads, recursively and in a stable
    order; hidden files and folders are left out. Everything else stays as it is. A folder
    that cannot be listed, and a link to nothing with a name accords reads, stay as they
    are, so that reading them says why they cannot be read."""
    units: list[str] = []
    for source in sources:
        if source == "-" or is_address(source) or not os.path.isdir(source):
            units.append(source)
            continue
        found = _walk(source)
        units.extend(found or [source])  # an empty folder stays, to be reported
    return units


def _walk(folder: str) -> list[str]:
    # not Path.rglob, which passes over a folder it may not list without a word
    try:
        with os.scandir(folder) as listing:
            entries = sorted(listing, key=lambda entry: entry.name)
    except OSError:
        return [folder]
    found: list[str] = []
    for entry in entries:
        if entry.name.startswith("."):
            continue
        path = os.path.join(folder, entry.name)
        try:
            # a link to a folder is not followed, as rglob did not: it may loop
            if entry.is_dir(follow_symlinks=False):
                found.extend(_walk(path))
            elif kind_of(entry.name) and (entry.is_file() or entry.is_symlink()):
                found.append(path)  # a dangling link is kept: reading it says so
        except OSError:
            found.append(path)
    return found


def read_source(
    source: str, *, follow: bool = False, fetch: Fetch | None = None, max_bytes: int = MAX_BYTES
) -> Iterator[Item]:
    """The Articles of one source, and an error for each part that cannot be read.
    `fetch` serves http(s) addresses (and feed items with `follow`); by default a client
    is opened for the source and closed after it."""
    with contextlib.ExitStack() as stack:

        def fetcher() -> Fetch:
            nonlocal fetch
            if fetch is None:
                fetch = stack.enter_context(HttpFetcher(max_bytes=max_bytes))
            return fetch

        try:
            yield from _read(source, follow, fetcher, max_bytes)
        except AccordsError as error:
            yield error
        except OSError as error:
            reason = error.strerror or str(error)
            yield InputError(f"cannot be read ({reason})", source=clean.name(source))


def _read(source: str, follow: bool, fetcher: _Fetcher, max_bytes: int) -> Iterator[Item]:
    if source == "-":
        yield dataclasses.replace(read_text("-", max_bytes=max_bytes), doc="-")
        return
    if is_address(source):
        yield from _read_address(source, follow, fetcher, max_bytes)
        return
    path = Path(source)
    shown = clean.name(source)  # a newline in a file name must not split the error line
    if path.is_dir():
        _check_listable(source, shown)
        raise InputError(
            "the folder holds no file accords reads (" + ", ".join(KINDS) + ")", source=shown
        )
    if not path.exists():
        link = path.is_symlink()
        message = "a link to a file that is not there" if link else "no such file or folder"
        raise InputError(message, source=shown)
    kind = kind_of(path.name) or _sniff(path)
    if kind == "text":
        yield dataclasses.replace(read_text(source, max_bytes=max_bytes), doc=shown)
    elif kind in ("jsonl", "jsonl.gz"):
        with path.open("rb") as stream:
            yield from read_jsonl(stream, source=shown, max_bytes=max_bytes)
    elif kind == "warc":
        with path.open("rb") as stream:
            yield from read_warc(stream, source=shown, max_bytes=max_bytes)
    elif kind == "gzip":
        raise MalformedSource(
            "a gzip file that holds neither a WARC crawl nor JSON Lines", source=shown
        )
    elif kind == "feed":
        data = read_bytes(source, max_bytes=max_bytes, source=shown)
        yield from read_feed(
            data, source=shown, fetch=fetcher() if follow else None, max_bytes=max_bytes
        )
    else:
        data = read_bytes(source, max_bytes=max_bytes, source=shown)
        yield read_html(data, source=shown, max_bytes=max_bytes)


def _check_listable(folder: str, shown: str) -> None:
    try:
        with os.scandir(folder):
            pass
    except OSError as error:
        reason = "permission denied" if isinstance(error, PermissionError) else error.strerror
        raise InputError(
            f"the folder cannot be read ({reason}); its files are not stored", source=shown
        ) from None


def _read_address(source: str, follow: bool, fetcher: _Fetcher, max_bytes: int) -> Iterator[Item]:
    response = fetcher()(source)
    kind = _kind_of_response(response)
    if kind == "feed":
        yield from read_feed(
            response.content,
            source=source,
            charset=response.charset,
            fetch=fetcher() if follow else None,
            max_bytes=max_bytes,
        )
    elif kind == "warc":
        yield from read_warc(io.BytesIO(response.content), source=source, max_bytes=max_bytes)
    elif kind in ("jsonl", "jsonl.gz"):
        yield from read_jsonl(io.BytesIO(response.content), source=source, max_bytes=max_bytes)
    elif kind == "html":
        yield read_html(
            response.content,
            source=source,
            url=response.url,
            charset=response.charset,
            max_bytes=max_bytes,
        )
    else:
        text = decode(
            response.content, source=source, declared=response.charset, max_bytes=max_bytes
        )
        yield Article(text=text, doc=source, url=response.url, raw_hash=_sha256(response.content))


def _kind_of_response(response: Response) -> str:
    if response.media_type in _FEED_TYPES or looks_like_feed(response.content):
        return "feed"
    if response.media_type in _HTML_TYPES:
        return "html"
    by_name = kind_of(response.url.split("?", 1)[0])
    if by_name and by_name != "text":
        return by_name
    return "html" if response.content.lstrip()[:1] == b"<" else "text"


def _sniff(path: Path) -> str:
    """The reader for a file whose name does not tell: feeds and pages start with `<`,
    JSON Lines with `{`, crawls with a WARC header; a gzip file by what it holds."""
    with path.open("rb") as stream:
        head = stream.read(2048)
    if head.startswith(GZIP_MAGIC):
        inner = gunzip_head(head)
        if inner.lstrip().startswith(b"{"):
            return "jsonl.gz"
        return "warc" if inner.startswith((b"WARC/", b"filedesc://")) or not inner else "gzip"
    stripped = head.lstrip()
    if looks_like_feed(head):
        return "feed"
    if stripped.startswith(b"<"):
        return "html"
    if stripped.startswith(b"{"):
        return "jsonl"
    if head.startswith((b"WARC/", b"\x1f\x8b")):
        return "warc"
    return "text"


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()
