from __future__ import annotations

import io
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from accords.errors import AccordsError, EmptyInput, MalformedSource
from accords.ingest.warc import read_warc
from accords.model import Article
from tests.ingest import sample_warc

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
