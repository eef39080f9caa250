"""The Articles of one chunk, through the ingest readers; each bad record is an error of its
own (naming file:line, file:row or crawl#url), and reading goes on after it."""

from __future__ import annotations

import codecs
import json
from collections.abc import Iterator
from datetime import date, datetime
from typing import Any

from accords.errors import AccordsError, InputError, MalformedSource
from accords.ingest.decode import MAX_BYTES, too_large
from accords.ingest.jsonl import parse_line
from accords.ingest.sources import read_source
from accords.model import Article
from accords.scale.plan import Chunk

Item = Article | AccordsError
# the columns of a Parquet input that become an Article's, as in a JSON Lines record
COLUMNS = ("text", "title", "url", "outlet", "published", "lang")


def read_chunk(chunk: Chunk, *, max_bytes: int = MAX_BYTES) -> Iterator[Item]:
    if chunk.kind == "jsonl" and chunk.stop >= 0:
        yield from _jsonl_lines(chunk, max_bytes)
    elif chunk.kind == "parquet":
        yield from _parquet_rows(chunk)
    else:  # a crawl, single-article files, or JSON Lines that must be decoded whole
        for path in chunk.files or (chunk.path,):
            yield from read_source(path, max_bytes=max_bytes)


def _jsonl_lines(chunk: Chunk, max_bytes: int) -> Iterator[Item]:
    try:
        stream = open(chunk.path, "rb")  # noqa: SIM115  (closed below)
    except OSError as error:  # readable when the job was planned, no longer
        reason = error.strerror or str(error)
        yield InputError(f"cannot be read ({reason[:1].lower() + reason[1:]})", source=chunk.path)
        return
    with stream:
        stream.seek(chunk.start)
        number = chunk.first
        at_file_start = chunk.start == 0
        while stream.tell() < chunk.stop:
            # a line is read up to the limit, never whole: one huge line must not take all
            # the memory of a worker
            line = stream.readline(max_bytes + 1)
            if not line:
                break
            if at_file_start:
                line = line.removeprefix(codecs.BOM_UTF8)
                at_file_start = False
            where = f"{chunk.path}:{number}"
            number += 1
            if len(line) > max_bytes and not line.endswith(b"\n"):
                while (rest := stream.readline(1 << 20)) and not rest.endswith(b"\n"):
                    pass
                yield too_large(max_bytes, what="the line", source=where)
                continue
            if not line.strip():
                continue  # blank lines are allowed, as most JSONL writers end with one
            try:
                yield parse_line(line, source=where)
            except AccordsError as error:
                yield error


def _parquet_rows(chunk: Chunk) -> Iterator[Item]:
    import pyarrow.parquet as pq

    row = chunk.first
    try:
        parquet = pq.ParquetFile(chunk.path)
        names = parquet.schema_arrow.names
        if "text" not in names:
            yield MalformedSource("no `text` column", source=chunk.path)
            return
        columns = [name for name in COLUMNS if name in names]
        stop = parquet.num_row_groups if chunk.stop < 0 else chunk.stop
        for batch in parquet.iter_batches(row_groups=range(chunk.start, stop), columns=columns):
            for record in batch.to_pylist():
                yield _article(record, f"{chunk.path}:{row}")
                row += 1
    except Exception as error:  # pyarrow raises several kinds on a damaged file
        reason = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
        yield MalformedSource(f"not a readable Parquet file ({reason})", source=chunk.path)


def _article(record: dict[str, Any], where: str) -> Item:
    """A row as an Article, checked by the same rules as a JSON Lines record."""
    if not isinstance(record.get("text"), str):
        return MalformedSource("`text` is missing or not a string", source=where)
    plain = {key: _plain(value) for key, value in record.items() if value is not None}
    try:
        return parse_line(json.dumps(plain, ensure_ascii=False, default=str), source=where)
    except AccordsError as error:
        return error


def _plain(value: Any) -> Any:
    return value.isoformat() if isinstance(value, date | datetime) else value
