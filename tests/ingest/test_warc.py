from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from accords.errors import AccordsError, EmptyInput, MalformedSource, TooLarge
from accords.ingest.warc import read_warc
from accords.model import Article
from tests.ingest import bombs, sample_warc

TEXT = (
    "The interior ministers of Oman and Iran signed a memorandum of understanding on "
    "maritime security in Tehran on Wednesday. It provides for joint patrols in the Sea of "
    "Oman and the exchange of information on drug trafficking networks."
)


def crawl(pages: int, *, gzip: bool = True, extra: bool = True) -> bytes:
    out = io.BytesIO()
    writer = WARCWriter(out, gzip=gzip)
    for number in range(pages):
        body = (
            f"<html><head><title>Page {number}</title></head><body><article>"
            f"<h1>Memorandum {number}</h1><p>{TEXT} Report {number}.</p></article>"
            "</body></html>"
        ).encode()
        headers = StatusAndHeaders(
            "200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1"
        )
        writer.write_record(
            writer.create_warc_record(
                f"https://x.example/{number}",
                "response",
                payload=io.BytesIO(body),
                http_headers=headers,
            )
        )
        if extra:  # an image and a request beside each page: not articles
            image = StatusAndHeaders("200 OK", [("Content-Type", "image/png")], protocol="HTTP/1.1")
            writer.write_record(
                writer.create_warc_record(
                    f"https://x.example/{number}.png",
                    "response",
                    payload=io.BytesIO(b"\x89PNG\r\n\x1a\n" + bytes(40)),
                    http_headers=image,
                )
            )
            writer.write_record(
                writer.create_warc_record(
                    f"https://x.example/{number}",
                    "request",
                    http_headers=StatusAndHeaders(
                        f"GET /{number} HTTP/1.1", [("Host", "x.example")], is_http_request=True
                    ),
                )
            )
    return out.getvalue()


def read(data: bytes) -> list[Article | AccordsError]:
    return list(read_warc(io.BytesIO(data), source="c.warc.gz"))


def test_read_warc_html_responses_only() -> None:
    found = read(crawl(3))
    assert all(isinstance(i, Article) for i in found)
    assert [a.url for a in found if isinstance(a, Article)] == [
        f"https://x.example/{n}" for n in range(3)
    ]
    assert found[0].doc == "c.warc.gz#https://x.example/0"  # type: ignore[union-attr]


def test_read_warc_uncompressed() -> None:
    assert len([i for i in read(crawl(2, gzip=False)) if isinstance(i, Article)]) == 2


def test_read_warc_truncated_gzip_keeps_the_pages_before_and_says_so() -> None:
    whole = crawl(6, extra=False)
    found = read(whole[: int(len(whole) * 0.6)])  # inside the fourth of six gzip members
    pages = [i for i in found if isinstance(i, Article)]
    assert 1 <= len(pages) < 6
    assert isinstance(found[-1], MalformedSource)
    assert "breaks off" in str(found[-1]) and "c.warc.gz" in str(found[-1])


def test_read_warc_not_an_archive() -> None:
    found = read(b"this is not a WARC file at all\n" * 10)
    assert [type(i) for i in found] == [MalformedSource]


def test_read_warc_without_pages() -> None:
    out = io.BytesIO()
    writer = WARCWriter(out, gzip=True)
    writer.write_record(
        writer.create_warc_record(
            "https://x.example/a.png",
            "response",
            payload=io.BytesIO(b"\x89PNG" + bytes(20)),
            http_headers=StatusAndHeaders(
                "200 OK", [("Content-Type", "image/png")], protocol="HTTP/1.1"
            ),
        )
    )
    assert [type(i) for i in read(out.getvalue())] == [EmptyInput]


def test_sample_crawl_is_what_the_script_builds() -> None:
    built = io.BytesIO()
    sample_warc.build(built)
    assert sample_warc.OUT.read_bytes() == built.getvalue(), (
        "samples/ingest/crawl-2024.warc.gz is stale: run tests/ingest/sample_warc.py"
    )
    found = list(read_warc(io.BytesIO(built.getvalue()), source=Path(sample_warc.OUT).name))
    assert [i.lang for i in found if isinstance(i, Article)] == ["fa", "en"]
    assert not [i for i in found if isinstance(i, AccordsError)]


def test_read_warc_header_line_of_zeros_stops_at_the_line_limit() -> None:
    # a megabyte on disk, 64 MB of zeros inside: no newline ever comes
    found = read(bombs.zeros(64))
    assert [type(i) for i in found] == [TooLarge]
    assert str(found[0]) == (
        "c.warc.gz: not a readable WARC archive (a header line is over the limit of 1 MB)"
    )


@pytest.mark.parametrize("bomb", [bombs.long_warc_header, bombs.long_http_header])
def test_read_warc_long_header_line_stops_at_the_line_limit(bomb: Callable[[int], bytes]) -> None:
    found = read(bomb(16))
    assert [type(i) for i in found] == [TooLarge]
    assert "a header line is over the limit of 1 MB" in str(found[0])


def test_read_warc_chunk_larger_than_the_limit_is_not_read_whole() -> None:
    found = list(
        read_warc(
            io.BytesIO(bombs.chunked_response(b"<p>x</p>" * 8192, 32)),  # one 2 MB chunk
            source="c.warc.gz",
            max_bytes=1 << 20,
        )
    )
    assert [type(i) for i in found] == [TooLarge]
    assert "a record is over the limit of 1 MB" in str(found[0])


def test_read_warc_chunked_page_within_the_limit_is_read() -> None:
    page = f"<html><body><article><p>{TEXT}</p></article></body></html>".encode()
    (article,) = read(bombs.chunked_response(page, 1))
    assert isinstance(article, Article) and TEXT in article.text


def test_read_warc_page_over_the_limit_says_so_in_megabytes() -> None:
    page = b"<html><body><p>" + b"x" * (3 << 20) + b"</p></body></html>"
    record = bombs.warc_response(b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n", (page, 1))
    found = list(read_warc(io.BytesIO(record), source="c.warc.gz", max_bytes=1 << 20))
    assert [str(i) for i in found] == [
        "c.warc.gz#https://x.example/: the page is over the limit of 1 MB (ACCORDS_MAX_MB)"
    ]
