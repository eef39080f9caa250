"""WARC and WARC.gz crawls as Articles: each HTML response is a page; requests, metadata,
images and scripts are passed over."""

from __future__ import annotations

from collections.abc import Iterator
from typing import IO, Any

from accords.errors import AccordsError, EmptyInput, MalformedSource, TooLarge
from accords.ingest.decode import MAX_BYTES
from accords.ingest.fetch import parse_content_type
from accords.ingest.html import read_html
from accords.model import Article

_HTML_TYPES = ("text/html", "application/xhtml+xml")


def read_warc(stream: IO[bytes], *, source: str, max_bytes: int = MAX_BYTES
              ) -> Iterator[Article | AccordsError]:
    """The HTML pages of a crawl, in archive order. A page that cannot be read is an error
    of its own; a crawl that breaks off (a truncated .gz) ends with one error."""
    from warcio.archiveiterator import ArchiveIterator

    pages = failed = 0
    records = ArchiveIterator(stream, arc2warc=True)
    while True:
        try:
            record = next(records, None)
            if record is None:
                break
            page = _page(record, source, max_bytes)
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
    if pages == 0 and failed == 0:
        yield EmptyInput("no HTML responses in the archive", source=source)


def _page(record: Any, source: str, max_bytes: int) -> Article | None:
    if record.rec_type != "response" or record.http_headers is None:
        return None
    status = record.http_headers.get_statuscode() or ""
    media_type, charset = parse_content_type(record.http_headers.get_header("Content-Type"))
    if not status.startswith("2") or media_type not in _HTML_TYPES:
        return None
    uri = record.rec_headers.get_header("WARC-Target-URI") or ""
    name = f"{source}#{uri}" if uri else source
    content = record.content_stream().read(max_bytes + 1)
    if len(content) > max_bytes:
        raise TooLarge(f"the page is over the limit of {max_bytes:,} bytes", source=name)
    return read_html(content, source=name, url=uri or None, charset=charset,
                     max_bytes=max_bytes)


def _broken(error: Exception, pages: int) -> str:
    reason = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
    if pages:
        return f"the archive breaks off after {pages} pages ({reason})"
    return f"not a readable WARC archive ({reason})"
