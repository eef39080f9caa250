"""Builds samples/ingest/crawl-2024.warc.gz, a small crawl written for the demo: two article
pages (Persian and English), the request for one of them, an image and a missing page,
which the reader must pass over. Run it to rebuild the file after changing a page:

    .venv/bin/python tests/ingest/sample_warc.py

Record ids and dates are fixed, so the same pages give the same bytes (a test checks it).
"""

from __future__ import annotations

import io
import uuid
from pathlib import Path
from typing import BinaryIO

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

OUT = Path(__file__).resolve().parents[2] / "samples" / "ingest" / "crawl-2024.warc.gz"

PERSIAN_SIGNING = """<!DOCTYPE html>
<html lang="fa" dir="rtl"><head><meta charset="utf-8">
<title>ایران و عمان تفاهم‌نامه امنیت دریایی امضا کردند - خبرگزاری دریا</title>
<meta property="og:site_name" content="خبرگزاری دریا">
<meta property="article:published_time" content="2024-04-17T12:40:00+03:30">
</head><body>
<nav><a href="/fa/">صفحه نخست</a> | <a href="/fa/politics">سیاسی</a> |
<a href="/fa/sport">ورزشی</a></nav>
<article>
<h1>ایران و عمان تفاهم‌نامه امنیت دریایی امضا کردند</h1>
<p>تهران - کامران فراهانی وزیر کشور و خالد بن سیف الرواحی وزیر کشور عمان روز چهارشنبه
۲۹ فروردین ۱۴۰۳ در تهران تفاهم‌نامه همکاری در زمینه امنیت دریایی را امضا کردند.</p>
<p>بر پایه این تفاهم‌نامه، دو کشور اطلاعات مربوط به شبکه‌های قاچاق مواد مخدر و سوخت را
مبادله می‌کنند، در دریای عمان گشت مشترک برگزار می‌کنند و افسران گارد ساحلی یکدیگر را
آموزش می‌دهند.</p>
<p>فراهانی پس از امضای تفاهم‌نامه گفت همکاری‌های دو کشور در دریا وارد مرحله تازه‌ای شده
است.</p>
</article>
<aside>پربازدیدترین‌ها: قیمت طلا | نتایج لیگ | پیش‌بینی هوا</aside>
<footer>تمامی حقوق برای خبرگزاری دریا محفوظ است.</footer>
</body></html>
"""

ENGLISH_OPERATION = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>Iranian and Omani forces seize two tonnes of drugs in joint operation | Gulf Wire</title>
<meta property="og:site_name" content="Gulf Wire">
<meta property="article:published_time" content="2024-06-12T16:05:00+04:00">
</head><body>
<header><a href="/">Home</a> <a href="/gulf">Gulf</a> <a href="/business">Business</a>
<a href="/newsletter">Sign up for our newsletter</a></header>
<article>
<h1>Iranian and Omani forces seize two tonnes of drugs in joint operation</h1>
<p>BANDAR ABBAS, June 12, 2024 (Gulf Wire) - Iran's border guard and the Royal Oman Police
seized two boats carrying two tonnes of narcotics in a joint operation in the Sea of Oman
on Wednesday, General Reza Tabrizi, the commander of Iran's border guard, said.</p>
<p>Nine smugglers were arrested. Tabrizi said the Omani coast guard had passed information
on the boats to Iran before the operation, under the memorandum the two countries signed
in April.</p>
</article>
<div class="related">Related: Oil prices steady | Weather: heat wave in the Gulf</div>
<footer>© 2024 Gulf Wire. All rights reserved. Privacy | Terms | Contact</footer>
</body></html>
"""

# a 1x1 PNG: a crawl holds images beside pages, and they are not articles
PIXEL = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360000002000001e221bc330000000049454e44ae426082"
)


def _record_id(name: str) -> str:
    return f"<urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, name)}>"


def _response(
    writer: WARCWriter, uri: str, body: bytes, content_type: str, status: str, date: str
) -> None:
    headers = StatusAndHeaders(
        status,
        [("Content-Type", content_type), ("Content-Length", str(len(body)))],
        protocol="HTTP/1.1",
    )
    record = writer.create_warc_record(
        uri,
        "response",
        payload=io.BytesIO(body),
        http_headers=headers,
        warc_headers_dict={"WARC-Date": date, "WARC-Record-ID": _record_id(uri)},
    )
    writer.write_record(record)


def _request(writer: WARCWriter, uri: str, date: str) -> None:
    headers = StatusAndHeaders(
        "GET /fa/news/1403/01/29/mou-signed HTTP/1.1",
        [("Host", "darya-news.example"), ("User-Agent", "accords-sample-crawler")],
        is_http_request=True,
    )
    record = writer.create_warc_record(
        uri,
        "request",
        http_headers=headers,
        warc_headers_dict={"WARC-Date": date, "WARC-Record-ID": _record_id("request " + uri)},
    )
    writer.write_record(record)


def build(out: BinaryIO) -> None:
    writer = WARCWriter(out, gzip=True)
    signing = "https://darya-news.example/fa/news/1403/01/29/mou-signed"
    _request(writer, signing, "2024-04-17T09:20:00Z")
    _response(
        writer,
        signing,
        PERSIAN_SIGNING.encode("utf-8"),
        "text/html; charset=utf-8",
        "200 OK",
        "2024-04-17T09:20:01Z",
    )
    _response(
        writer,
        "https://darya-news.example/static/pixel.png",
        PIXEL,
        "image/png",
        "200 OK",
        "2024-04-17T09:20:02Z",
    )
    _response(
        writer,
        "https://gulfwire.example/2024/06/12/joint-operation",
        ENGLISH_OPERATION.encode("utf-8"),
        "text/html; charset=utf-8",
        "200 OK",
        "2024-06-12T12:10:00Z",
    )
    _response(
        writer,
        "https://gulfwire.example/2024/06/12/old-link",
        b"<html><body><h1>Page not found</h1></body></html>",
        "text/html",
        "404 Not Found",
        "2024-06-12T12:10:01Z",
    )


def main() -> None:
    with OUT.open("wb") as out:
        build(out)
    print(OUT)


if __name__ == "__main__":
    main()
