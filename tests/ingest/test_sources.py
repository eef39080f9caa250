from __future__ import annotations

import contextlib
import gzip
import io
import os
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from accords.errors import AccordsError, InputError, TooLarge, Unreachable
from accords.ingest.fetch import HttpFetcher
from accords.ingest.sources import expand, kind_of, read_source
from accords.model import Article
from tests.http_server import Site, closed_port
from tests.ingest.test_warc import crawl

TEXT = (
    "The interior ministers of Oman and Iran met in Muscat on Monday to discuss drug "
    "trafficking and the security of shipping in the Sea of Oman."
)
PAGE = f"<html><body><article><h1>Ministers meet</h1><p>{TEXT}</p></article></body></html>"
FEED = (
    "<?xml version='1.0'?><rss version='2.0'><channel><title>Wire</title>"
    f"<item><title>One</title><description>{TEXT}</description></item>"
    f"<item><title>Two</title><description>{TEXT} Again.</description></item>"
    "</channel></rss>"
)


def read(source: str, **options: object) -> list[Article | AccordsError]:
    return list(read_source(source, **options))  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("a.txt", "text"),
        ("a.HTML", "html"),
        ("a.htm", "html"),
        ("feed.rss", "feed"),
        ("feed.atom", "feed"),
        ("feed.xml", "feed"),
        ("c.warc", "warc"),
        ("c.warc.gz", "warc"),
        ("w.jsonl", "jsonl"),
        ("w.ndjson", "jsonl"),
        ("notes.md", None),
        ("a.gz", None),
    ],
)
def test_kind_of_by_extension(name: str, kind: str | None) -> None:
    assert kind_of(name) == kind


def test_expand_folders_recursively_by_extension(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / ".hidden").mkdir()
    for name in ("a.txt", "b/c.html", "b/d.jsonl", "b/e.png", ".hidden/f.txt", "b/.g.txt"):
        (tmp_path / name).write_text("x")
    empty = tmp_path / "empty"
    empty.mkdir()
    found = expand([str(tmp_path), "https://x.example/feed", "-"])
    assert found == [
        str(tmp_path / "a.txt"),
        str(tmp_path / "b/c.html"),
        str(tmp_path / "b/d.jsonl"),
        "https://x.example/feed",
        "-",
    ]
    assert expand([str(empty)]) == [str(empty)]


def test_read_source_each_file_kind(tmp_path: Path) -> None:
    files = {
        "a.txt": TEXT.encode(),
        "b.html": PAGE.encode(),
        "c.rss": FEED.encode(),
        "d.jsonl": b'{"text": "%s"}\n' % TEXT.encode(),
        "e.warc.gz": crawl(2),
        "f.unknown": PAGE.encode(),  # sniffed: markup
    }
    counts = {}
    for name, data in files.items():
        (tmp_path / name).write_bytes(data)
        found = read(str(tmp_path / name))
        assert all(isinstance(i, Article) for i in found), found
        counts[name] = len(found)
    assert counts == {
        "a.txt": 1,
        "b.html": 1,
        "c.rss": 2,
        "d.jsonl": 1,
        "e.warc.gz": 2,
        "f.unknown": 1,
    }
    (article,) = read(str(tmp_path / "a.txt"))
    assert isinstance(article, Article) and article.doc == str(tmp_path / "a.txt")


def test_read_source_missing_and_empty_folder(tmp_path: Path) -> None:
    (missing,) = read(str(tmp_path / "nope.txt"))
    assert isinstance(missing, InputError) and "no such file" in str(missing)
    (tmp_path / "empty").mkdir()
    (empty,) = read(str(tmp_path / "empty"))
    assert isinstance(empty, InputError) and "no file accords reads" in str(empty)


def test_read_source_truncated_gzip_warc_file(tmp_path: Path) -> None:
    data = crawl(4, extra=False)
    path = tmp_path / "cut.warc.gz"
    path.write_bytes(data[: int(len(data) * 0.6)])
    found = read(str(path))
    assert isinstance(found[-1], AccordsError) and str(path) in str(found[-1])


def test_read_source_gzip_that_is_not_a_crawl(tmp_path: Path) -> None:
    path = tmp_path / "x.warc.gz"
    with gzip.open(path, "wb") as out:
        out.write(b"hello, not a crawl\n" * 20)
    found = read(str(path))
    assert len(found) == 1 and isinstance(found[0], AccordsError)


def test_read_source_address_of_a_page(site: Site) -> None:
    url = site.add("/news/1", PAGE.encode("cp1256"), "text/html; charset=windows-1256")
    with HttpFetcher(timeout=5) as fetch:
        (article,) = read(url, fetch=fetch)
    assert isinstance(article, Article)
    assert TEXT in article.text and article.url == url and article.doc == url


def test_read_source_address_of_a_feed(site: Site) -> None:
    url = site.add("/feed", FEED, "application/rss+xml")
    found = read(url)
    assert [type(i) for i in found] == [Article, Article]


def test_read_source_address_of_a_feed_served_as_text_html(site: Site) -> None:
    url = site.add("/feed.php", FEED, "text/html")  # servers often get the type wrong
    assert [type(i) for i in read(url)] == [Article, Article]


def test_read_source_address_over_the_size_limit(site: Site) -> None:
    big = site.add("/big", PAGE + "<p>" + "x" * 5000 + "</p>")
    streamed = site.add("/streamed", PAGE + "<p>" + "x" * 5000 + "</p>", send_length=False)
    for url in (big, streamed):
        (error,) = read(url, max_bytes=2000)
        assert isinstance(error, TooLarge) and url in str(error)


def test_read_source_address_that_does_not_answer() -> None:
    url = f"http://127.0.0.1:{closed_port()}/news"
    (error,) = read(url, fetch=HttpFetcher(timeout=3))
    assert isinstance(error, Unreachable)
    assert str(error).startswith(url + ": cannot connect")


def test_read_source_address_404(site: Site) -> None:
    (error,) = read(site.url("/missing"))
    assert isinstance(error, Unreachable) and "404" in str(error)


def test_read_source_sends_a_user_agent(site: Site) -> None:
    import httpx

    seen: list[str] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request.headers["user-agent"])
        return httpx.Response(200, content=PAGE.encode(), headers={"content-type": "text/html"})

    fetcher = HttpFetcher()
    fetcher._client = httpx.Client(
        transport=httpx.MockTransport(handler), headers={"User-Agent": fetcher.user_agent}
    )
    (article,) = read("https://x.example/a", fetch=fetcher)
    assert isinstance(article, Article)
    assert seen == [fetcher.user_agent] and seen[0].startswith("accords/")


def test_read_source_stdin(monkeypatch: pytest.MonkeyPatch) -> None:
    class Stdin:
        buffer = io.BytesIO(TEXT.encode("utf-16"))

    monkeypatch.setattr("sys.stdin", Stdin())
    (article,) = read("-")
    assert isinstance(article, Article) and article.text == TEXT and article.doc == "-"


@pytest.mark.parametrize("device", ["/dev/zero", "/dev/urandom"])
def test_read_source_device_stops_at_the_limit(device: str) -> None:
    # a device's size on disk reads 0: the bytes must be counted as they are read
    (error,) = read(device, max_bytes=1 << 20)
    assert isinstance(error, TooLarge)
    assert str(error) == f"{device}: the file is over the limit of 1 MB (ACCORDS_MAX_MB)"


def test_read_source_fifo_stops_at_the_limit(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    writer = threading.Thread(target=lambda: _fill(fifo, 3 << 20), daemon=True)
    writer.start()
    (error,) = read(str(fifo), max_bytes=1 << 20)
    assert isinstance(error, TooLarge) and "over the limit of 1 MB" in str(error)


def _fill(path: Path, size: int) -> None:
    with contextlib.suppress(BrokenPipeError), path.open("wb") as out:
        out.write(TEXT.encode() * (size // len(TEXT)))


@pytest.mark.parametrize(
    ("size", "message"),
    [
        (50 << 20, "the file is 50 MB, over the limit of 20 MB"),
        ((20 << 20) + 1, "the file is 1 byte over the limit of 20 MB"),
        ((20 << 20) + 1536, "the file is 1.5 KB over the limit of 20 MB"),
    ],
)
def test_read_source_size_is_said_in_megabytes(tmp_path: Path, size: int, message: str) -> None:
    for name in ("big.txt", "big.html"):
        path = tmp_path / name
        with path.open("wb") as out:
            out.truncate(size)  # sparse: nothing written
        (error,) = read(str(path), max_bytes=20 << 20)
        assert str(error) == f"{path}: {message} (ACCORDS_MAX_MB)"


@pytest.mark.parametrize("scheme", ["HTTP", "Http"])
def test_read_source_address_in_capitals_is_an_address(site: Site, scheme: str) -> None:
    url = site.add("/news/caps", PAGE)
    shouted = url.replace("http", scheme, 1)
    assert expand([shouted, "HTTPS://x.example/feed"]) == [shouted, "HTTPS://x.example/feed"]
    (article,) = read(shouted)
    assert isinstance(article, Article) and TEXT in article.text


def test_read_source_gzipped_jsonl_by_name_and_by_content(tmp_path: Path) -> None:
    data = gzip.compress(
        b'{"text": "%s"}\n{"text": "%s Again."}\n' % (TEXT.encode(), TEXT.encode())
    )
    for name in ("news.jsonl.gz", "news.ndjson.gz", "news-2024"):
        (tmp_path / name).write_bytes(data)
        found = read(str(tmp_path / name))
        assert [type(i) for i in found] == [Article, Article], found
        assert found[0].doc == f"{tmp_path / name}:1"  # type: ignore[union-attr]
    assert kind_of("news.jsonl.gz") == "jsonl.gz"
    assert str(tmp_path / "news.jsonl.gz") in expand([str(tmp_path)])


def test_read_source_gzip_of_something_else_is_named_as_such(tmp_path: Path) -> None:
    path = tmp_path / "notes"
    path.write_bytes(gzip.compress(b"plain words\n" * 20))
    (error,) = read(str(path))
    assert isinstance(error, AccordsError) and "WARC" not in str(error).split(":")[0]
    assert str(error) == f"{path}: a gzip file that holds neither a WARC crawl nor JSON Lines"


def test_read_source_control_characters_in_a_name_stay_on_one_line(tmp_path: Path) -> None:
    path = tmp_path / "a\nb\x1b.txt"
    path.write_bytes(b"")
    (error,) = read(str(path))
    assert str(error) == f"{tmp_path}/a\\nb\\x1b.txt: the file is empty"
    (missing,) = read(str(tmp_path / "gone\r\n.warc.gz"))
    assert "\n" not in str(missing) and "\r" not in str(missing)


def test_read_source_name_that_is_not_utf8(tmp_path: Path) -> None:
    path = os.path.join(os.fsencode(tmp_path), b"nouvelles-\xe9t\xe9.txt")
    with open(path, "wb") as out:
        out.write(TEXT.encode())
    (folder,) = expand([str(tmp_path)])
    (article,) = read(folder)
    assert (
        isinstance(article, Article) and article.doc == f"{tmp_path}/nouvelles-\\udce9t\\udce9.txt"
    )
    article.doc.encode("utf-8")


def test_expand_unreadable_subfolder_is_reported_not_skipped(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "ok").mkdir()
    (tmp_path / "ok" / "a.txt").write_text(TEXT)
    locked = tmp_path / "locked"
    locked.mkdir()
    (locked / "b.txt").write_text(TEXT)
    listing = os.scandir

    def scandir(path: str) -> Iterator[os.DirEntry[str]]:
        if Path(path) == locked:  # root reads a mode-000 folder: refuse as it would not
            raise PermissionError(13, "Permission denied", path)
        return listing(path)

    monkeypatch.setattr("accords.ingest.sources.os.scandir", scandir)
    units = expand([str(tmp_path)])
    assert units == [str(locked), str(tmp_path / "ok" / "a.txt")]
    (error,) = read(str(locked))
    assert isinstance(error, InputError)
    assert str(error) == (
        f"{locked}: the folder cannot be read (permission denied); its files are not stored"
    )


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads a mode-000 folder")
def test_expand_mode_000_subfolder_is_reported(tmp_path: Path) -> None:
    locked = tmp_path / "locked"
    locked.mkdir()
    (locked / "b.txt").write_text(TEXT)
    locked.chmod(0)
    try:
        assert expand([str(tmp_path)]) == [str(locked)]
        (error,) = read(str(locked))
        assert "permission denied" in str(error)
    finally:
        locked.chmod(0o755)


def test_expand_dangling_link_is_reported_not_skipped(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(TEXT)
    (tmp_path / "gone.txt").symlink_to(tmp_path / "moved-away.txt")
    (tmp_path / "gone.png").symlink_to(tmp_path / "moved-away.png")  # not a kind we read
    units = expand([str(tmp_path)])
    assert units == [str(tmp_path / "a.txt"), str(tmp_path / "gone.txt")]
    (error,) = read(units[1])
    assert str(error) == f"{tmp_path / 'gone.txt'}: a link to a file that is not there"


def test_read_source_address_that_trickles_stops_at_the_deadline(site: Site) -> None:
    # 4 bytes every 0.2 s: no single read waits long, so only a deadline stops it
    url = site.add("/slow", PAGE, trickle=0.2)
    started = time.monotonic()
    with HttpFetcher(timeout=5, deadline=1.5) as fetch:
        (error,) = read(url, fetch=fetch)
    assert time.monotonic() - started < 4
    assert isinstance(error, Unreachable)
    assert str(error).startswith(f"{url}: the page did not arrive within 1.5 s, the limit for a")
