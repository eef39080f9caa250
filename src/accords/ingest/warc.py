"""WARC and WARC.gz crawls as Articles: each HTML response is a page; requests, metadata,
images and scripts are passed over."""

from __future__ import annotations

import contextlib
import io
from collections.abc import Iterator
from typing import IO, Any

from accords import limits
from accords.errors import AccordsError, EmptyInput, MalformedSource, TooLarge
from accords.ingest import clean
from accords.ingest.decode import MAX_BYTES, human, too_large
from accords.ingest.fetch import parse_content_type
from accords.ingest.html import read_html
from accords.model import Article

_HTML_TYPES = ("text/html", "application/xhtml+xml")
# a WARC or HTTP header line; servers refuse those over 8 to 64 KB
MAX_LINE_BYTES = limits.MAX_HEADER_BYTES


def read_warc(
    stream: IO[bytes], *, source: str, max_bytes: int = MAX_BYTES
) -> Iterator[Article | AccordsError]:
    """The HTML pages of a crawl, in archive order. A page that cannot be read is an error
    of its own; a crawl that breaks off (a truncated .gz) ends with one error."""
    records = _records(stream, max_bytes)
    pages = failed = 0
    while True:
        try:
            # warcio writes its warnings to stderr itself; we report them as one error
            with contextlib.redirect_stderr(io.StringIO()):
                record = next(records, None)
            if record is None:
                break
            page = _page(record, source, max_bytes)
        except _Unbounded as error:
            # warcio would hold all of it in memory: the archive cannot be read further
            yield TooLarge(_broken(error, pages), source=source)
            return
        except AccordsError as error:
            failed += 1
            yield error
            continue
        except Exception as error:
            # warcio, gzip and zlib raise many kinds on a truncated or corrupt archive; from
            # there on nothing can be read, but what came before stands
            yield MalformedSource(_broken(error, pages), source=source)
            return
        if page is not None:
            pages += 1
            yield page
    if not records.complete:
        yield MalformedSource(_broken(EOFError("compressed data ends early"), pages), source=source)
    elif records.err_count:
        yield MalformedSource(
            f"{records.err_count} records are damaged (a wrong length?)", source=source
        )
    elif pages == 0 and failed == 0:
        yield EmptyInput("no HTML responses in the archive", source=source)


class _Unbounded(Exception):
    """A header line or a read that warcio would hold whole in memory, over the limit."""


def _records(stream: IO[bytes], max_bytes: int) -> Any:
    """warcio's iterator, told to remember whether the last gzip member ended properly
    (warcio itself stops quietly at a truncated .gz, as if the crawl were complete), and
    held to limits on what it decompresses: warcio reads a header line whole however long
    it is, and a chunk of a chunked response whole however large it says it is, so a
    small .warc.gz of zeros would take gigabytes of memory."""
    from warcio.archiveiterator import ArchiveIterator

    class Records(ArchiveIterator):  # type: ignore[misc]
        complete = True

        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            _bound(self.reader, max_bytes)

        def close(self) -> None:
            decompressor = getattr(self.reader, "decompressor", None)
            if decompressor is not None and not getattr(decompressor, "eof", True):
                self.complete = False
            super().close()

    return Records(stream, arc2warc=True)


def _bound(reader: Any, max_bytes: int) -> None:
    """Every read warcio makes from the decompressed stream, held to the limits: a line
    to MAX_LINE_BYTES, a read to the page limit (warcio reads records in small blocks,
    and a page is read up to `max_bytes`, so only a bomb asks for more)."""
    readline, read = reader.readline, reader.read

    def bounded_readline(length: int | None = None) -> bytes:
        asked = MAX_LINE_BYTES + 1 if length is None else min(length, MAX_LINE_BYTES + 1)
        line: bytes = readline(asked)
        if len(line) > MAX_LINE_BYTES:
            raise _Unbounded(f"a header line is over the limit of {human(MAX_LINE_BYTES)}")
        return line

    def bounded_read(length: int | None = None) -> bytes:
        if length is None or length < 0 or length > max_bytes + 1:
            raise _Unbounded(f"a record is over the limit of {human(max_bytes)}")
        data: bytes = read(length)
        return data

    reader.readline, reader.read = bounded_readline, bounded_read


def _page(record: Any, source: str, max_bytes: int) -> Article | None:
    if record.rec_type != "response" or record.http_headers is None:
        return None
    status = record.http_headers.get_statuscode() or ""
    media_type, charset = parse_content_type(record.http_headers.get_header("Content-Type"))
    if not status.startswith("2") or media_type not in _HTML_TYPES:
        return None
    uri = record.rec_headers.get_header("WARC-Target-URI") or ""
    name = f"{source}#{clean.name(uri)}" if uri else source
    content = record.content_stream().read(max_bytes + 1)
    if len(content) > max_bytes:
        raise too_large(max_bytes, what="the page", source=name)
    return read_html(content, source=name, url=uri or None, charset=charset, max_bytes=max_bytes)


def _broken(error: Exception, pages: int) -> str:
    reason = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
    if pages:
        return f"the archive breaks off after page {pages} ({reason})"
    return f"not a readable WARC archive ({reason})"
