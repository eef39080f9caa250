"""Inputs of every kind the batch job reads, built from our own short texts, and one Spark
session for the whole test session (starting one takes seconds)."""

from __future__ import annotations

import io
import json
import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from tests.scale import texts

if TYPE_CHECKING:
    from pyspark.sql import SparkSession

BAD_LINE = '{"text": "an unterminated string}'


def jsonl(path: Path) -> Path:
    """Four articles, a blank line and a line that is not JSON (line 3)."""
    records = [
        {"text": texts.OMAN_MEETING, "outlet": "Gulf Wire", "published": "2024-03-04"},
        {"text": texts.OMAN_MEETING_AGAIN, "outlet": "Muscat Daily", "published": "2024-03-05"},
    ]
    lines = [json.dumps(r, ensure_ascii=False) for r in records]
    lines += [BAD_LINE, ""]
    lines.append(json.dumps({"text": texts.IRAQ_POLICE_FA, "lang": "fa",
                             "published": "2024-03-06"}, ensure_ascii=False))  # fmt: skip
    lines.append(json.dumps({"text": texts.WEATHER, "published": "2024-03-06"}))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def parquet(path: Path) -> Path:
    """Three rows in two row groups; the last has an empty text."""
    rows = pa.table(
        {
            "text": [texts.UZBEK_TRAINING, texts.JORDAN_UAE_AR, "  "],
            "published": pa.array(["2024-05-09", "2024-02-06", "2024-02-06"]),
            "lang": ["en", "ar", "en"],
        }
    )
    pq.write_table(rows, path, row_group_size=2)
    return path


def warc(path: Path) -> Path:
    """A crawl with one article page."""
    page = (
        "<html><head><title>Border talks</title></head><body><article><h1>Turkey and "
        "Azerbaijan to step up border security</h1><p>"
        + texts.TURKEY_AZERBAIJAN.split("\n\n", 1)[1]
        + "</p></article></body></html>"
    ).encode()
    with path.open("wb") as stream:
        writer = WARCWriter(stream, gzip=True)
        headers = StatusAndHeaders(
            "200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1"
        )
        record = writer.create_warc_record(
            "https://news.example/border-talks",
            "response",
            payload=io.BytesIO(page),
            http_headers=headers,
        )
        writer.write_record(record)
    return path


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    """A folder of inputs: JSON Lines, Parquet, a crawl and a text file."""
    return inputs_in(tmp_path / "inputs")


def inputs_in(folder: Path) -> Path:
    """`folder`, made, with the corpus's inputs in it."""
    folder.mkdir()
    jsonl(folder / "news.jsonl")
    parquet(folder / "wire.parquet")
    warc(folder / "crawl.warc.gz")
    (folder / "pages").mkdir()
    (folder / "pages" / "uzbek.txt").write_text(texts.UZBEK_TRAINING, encoding="utf-8")
    return folder


@pytest.fixture(scope="session")
def spark() -> Iterator[SparkSession]:
    """local[2] for the whole session; tests skip without Java, except in CI."""
    if shutil.which("java") is None and not os.environ.get("JAVA_HOME"):
        if os.environ.get("CI"):
            pytest.fail("Java is missing; .ci/run installs default-jre-headless")
        pytest.skip("no Java runtime here (apt-get install default-jre-headless)")
    from accords.scale.spark import session

    running = session("local[2]")
    yield running
    running.stop()
