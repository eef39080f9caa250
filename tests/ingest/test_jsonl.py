from __future__ import annotations

import gzip
import io
import json
from datetime import date

import pytest

from accords.errors import AccordsError, EncodingError, MalformedSource, TooLarge
from accords.ingest.jsonl import MAX_BAD_LINES, read_jsonl
from accords.model import Article
from tests.ingest import bombs

TEXT = "وزیران کشور ایران و عمان در مسقط درباره مبارزه با قاچاق مواد مخدر گفتگو کردند."


def read(data: bytes, max_bytes: int = 1 << 20) -> list[Article | AccordsError]:
    return list(read_jsonl(io.BytesIO(data), source="w.jsonl", max_bytes=max_bytes))


def line(**fields: object) -> bytes:
    return json.dumps(fields, ensure_ascii=False).encode("utf-8") + b"\n"


def test_read_jsonl_fields() -> None:
    (article,) = read(
        line(
            text=TEXT,
            title="دیدار",
            url="https://x.example/1",
            outlet="Darya",
            published="2024-01-15T08:00:00Z",
            lang="fa-IR",
        )
    )
    assert isinstance(article, Article)
    assert (article.text, article.title, article.url, article.outlet, article.lang) == (
        TEXT,
        "دیدار",
        "https://x.example/1",
        "Darya",
        "fa",
    )
    assert article.published == date(2024, 1, 15)
    assert article.doc == "w.jsonl:1"


def test_read_jsonl_only_text_is_required() -> None:
    (article,) = read(line(text=TEXT))
    assert isinstance(article, Article) and article.title is None and article.published is None


@pytest.mark.parametrize(
    ("bad", "reason"),
    [
        (b"{not json\n", "not a JSON object"),
        (b"[1, 2]\n", "not a JSON object"),
        (line(title="no text"), "`text` is missing"),
        (line(text="   "), "`text` is missing"),
        (line(text=TEXT, published="last Tuesday"), "`published`"),
        (line(text=TEXT, title=7), "`title` must be a string"),
        (b'{"text": "\xff\xfe broken"}\n', "not UTF-8"),
    ],
)
def test_read_jsonl_bad_line_is_one_error_naming_file_and_line(bad: bytes, reason: str) -> None:
    found = read(line(text=TEXT + " 1") + bad + b"\n" + line(text=TEXT + " 3"))
    assert [type(i) for i in found] == [Article, type(found[1]), Article]
    assert isinstance(found[1], AccordsError)
    assert str(found[1]).startswith("w.jsonl:2: ") and reason in str(found[1])
    assert found[2].doc == "w.jsonl:4"  # type: ignore[union-attr]


def test_read_jsonl_overlong_line_is_skipped_and_reading_goes_on() -> None:
    found = read(
        line(text=TEXT) + line(text="x" * 5000) + line(text=TEXT + " again"), max_bytes=1000
    )
    assert [type(i) for i in found] == [Article, TooLarge, Article]
    assert str(found[1]).startswith("w.jsonl:2: ")


def test_read_jsonl_binary_file_is_one_error() -> None:
    found = read(b"\x00\x01\x02\x03binary\x00\xff" * 100)
    assert [type(i) for i in found] == [EncodingError]


def test_read_jsonl_utf16_file() -> None:
    data = (json.dumps({"text": TEXT}, ensure_ascii=False) + "\n").encode("utf-16")
    (article,) = read(data)
    assert isinstance(article, Article) and article.text == TEXT


def test_read_jsonl_not_jsonl_at_all_stops_early() -> None:
    found = read(b"just words\n" * 500)
    assert len(found) == MAX_BAD_LINES + 1
    assert isinstance(found[-1], MalformedSource) and "is it JSON Lines" in str(found[-1])


def test_read_jsonl_mojibake_text_is_repaired() -> None:
    import ftfy.bad_codecs  # noqa: F401

    broken = TEXT.encode("utf-8").decode("sloppy-windows-1252")
    (article,) = read(line(text=broken))
    assert isinstance(article, Article) and article.text == TEXT


@pytest.mark.parametrize("field", ["text", "title"])
def test_read_jsonl_lone_surrogate_is_repaired_and_the_other_lines_read(field: str) -> None:
    # json.dumps escapes a lone surrogate as "\ud800", which json.loads accepts
    record = {"text": f"{TEXT} \ud800 end", "title": "دیدار"}
    record[field] = record[field].replace("end", "\udfff end") if field == "text" else "t\ud800"
    data = (
        line(text=TEXT + " 1") + json.dumps(record).encode("ascii") + b"\n" + line(text="3 " + TEXT)
    )
    found = read(data)
    assert [type(i) for i in found] == [Article, Article, Article]
    repaired = found[1]
    assert isinstance(repaired, Article)
    assert "\ufffd" in getattr(repaired, field)
    repaired.text.encode("utf-8")
    assert repaired.title is not None and repaired.title.encode("utf-8")


def test_read_jsonl_nul_in_text_is_repaired() -> None:
    (article,) = read(b'{"text": "' + TEXT.encode() + b' \\u0000 end"}\n')
    assert isinstance(article, Article) and "\x00" not in article.text and "\ufffd" in article.text


def test_read_jsonl_gzipped() -> None:
    data = gzip.compress(line(text=TEXT + " 1") + b"{oops\n" + line(text=TEXT + " 3"))
    found = read(data)
    assert [type(i) for i in found] == [Article, MalformedSource, Article]
    assert str(found[1]).startswith("w.jsonl:2: ")


def test_read_jsonl_gzipped_line_over_the_limit_is_counted_as_it_is_decompressed() -> None:
    # 64 MB of one line in a few dozen KB: the limit holds for what comes out
    data = bombs.gzip_bomb(
        (line(text=TEXT), 1), (b'{"text": "', 1), (b"a" * bombs.MB, 64), (b'"}\n', 1)
    ) + gzip.compress(line(text=TEXT + " after"))
    assert len(data) < 200_000
    found = read(data, max_bytes=1 << 20)
    assert [type(i) for i in found] == [Article, TooLarge, Article]
    assert str(found[1]) == "w.jsonl:2: the line is over the limit of 1 MB (ACCORDS_MAX_MB)"


def test_read_jsonl_gzip_cut_short_keeps_what_came_before() -> None:
    data = gzip.compress(b"".join(line(text=f"{TEXT} {n} {n**3}") for n in range(2000)))
    found = read(data[: len(data) // 2])
    assert 100 < sum(isinstance(item, Article) for item in found) < 2000
    assert isinstance(found[-1], MalformedSource) and "gzip data is damaged" in str(found[-1])


def test_read_jsonl_utf16_over_the_limit_is_said_not_cut() -> None:
    data = ((json.dumps({"text": TEXT}, ensure_ascii=False) + "\n") * 100).encode("utf-16")
    found = read(data, max_bytes=2000)
    assert [type(i) for i in found] == [TooLarge]
