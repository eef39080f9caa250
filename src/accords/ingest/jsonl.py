"""JSON Lines as Articles: one object per line with `text`, and optionally `title`, `url`,
`outlet`, `published` and `lang`. A bad line is an error naming file:line; the lines
around it are still read."""

from __future__ import annotations

import codecs
import gzip
import hashlib
import io
import json
import zlib
from collections.abc import Iterator
from datetime import date
from typing import IO, Any

from accords import limits
from accords.errors import AccordsError, EmptyInput, EncodingError, MalformedSource, TooLarge
from accords.ingest.decode import (
    GZIP_MAGIC,
    MAX_BYTES,
    Readable,
    decode,
    human,
    read_capped,
    repair,
)
from accords.model import Article

# a file whose lines are nearly all bad is not JSON Lines at all: say so once, and stop,
# rather than print thousands of lines
MAX_BAD_LINES = 20
_OPTIONAL = ("title", "url", "outlet", "lang", "published")


def read_jsonl(
    stream: IO[bytes], *, source: str, max_bytes: int = MAX_BYTES
) -> Iterator[Article | AccordsError]:
    lines = _lines(stream, source, max_bytes)
    if isinstance(lines, AccordsError):
        yield lines
        return
    good = bad = 0
    for number, raw in lines:
        outcome = raw if isinstance(raw, AccordsError) else _article(raw, f"{source}:{number}")
        if outcome is None:
            continue
        if isinstance(outcome, Article):
            good += 1
            yield outcome
            continue
        bad += 1
        yield outcome
        if bad >= MAX_BAD_LINES and good == 0:
            yield MalformedSource(
                f"stopped after {bad} bad lines and no good one; is it JSON Lines?", source=source
            )
            return
    if good == 0 and bad == 0:
        yield EmptyInput("the file holds no lines", source=source)


def _article(raw: bytes | str, source: str) -> Article | AccordsError | None:
    if not raw.strip():
        return None  # blank lines are allowed, as most JSONL writers end with one
    try:
        return parse_line(raw, source=source)
    except AccordsError as error:
        return error


def parse_line(raw: bytes | str, *, source: str) -> Article:
    """One line as an Article, or an error that says what is wrong with it."""
    try:
        line = raw.decode("utf-8") if isinstance(raw, bytes) else raw
    except UnicodeDecodeError:
        raise EncodingError("the line is not UTF-8", source=source) from None
    try:
        record = json.loads(line)
    except (json.JSONDecodeError, RecursionError) as error:
        reason = error.msg if isinstance(error, json.JSONDecodeError) else "nested too deeply"
        raise MalformedSource(f"not a JSON object ({reason})", source=source) from None
    if not isinstance(record, dict):
        raise MalformedSource("not a JSON object", source=source)
    text = record.get("text")
    if not isinstance(text, str) or not text.strip():
        raise MalformedSource("`text` is missing or empty", source=source)
    fields = {key: _string(record, key, source) for key in _OPTIONAL}
    data = line.encode("utf-8", errors="replace")
    return Article(
        text=repair(text.replace("\r\n", "\n")).strip(),
        doc=source,
        title=repair(fields["title"]) if fields["title"] else None,
        url=fields["url"],
        outlet=fields["outlet"],
        lang=fields["lang"],
        published=_published(fields["published"], source),
        raw_hash=hashlib.sha256(data).hexdigest(),
    )


def _lines(
    stream: Readable, source: str, max_bytes: int
) -> Iterator[tuple[int, bytes | str | AccordsError]] | AccordsError:
    head = stream.read(4096)
    if head.startswith(GZIP_MAGIC):
        # news.jsonl.gz: the limits hold for the lines as they come out, not for the file
        stream = _Gunzipped(head, stream, source)
        try:
            head = stream.read(4096)
        except AccordsError as error:
            return error
    if not head.strip():
        return EmptyInput("the file is empty", source=source)
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) or b"\x00" in head:
        # UTF-16 or binary: decode the whole file once, which refuses binary for us
        try:
            rest = max(max_bytes - len(head), 0)
            data = head + read_capped(stream, rest, what="the file", source=source)
            text = decode(data, source=source, max_bytes=max_bytes)
        except AccordsError as error:
            return error
        return enumerate(text.split("\n"), start=1)
    return _binary_lines(head.removeprefix(codecs.BOM_UTF8), stream, source, max_bytes)


class _Gunzipped:
    """The bytes inside a gzip stream whose first bytes were already read, in reads of a
    bounded size; damaged or cut-off data is a MalformedSource."""

    def __init__(self, head: bytes, stream: Readable, source: str) -> None:
        self._source = source
        self._inner = gzip.GzipFile(fileobj=_Prefixed(head, stream), mode="rb")

    def read(self, size: int) -> bytes:
        try:
            return self._inner.read(size)
        except (OSError, EOFError, zlib.error) as error:
            reason = "compressed data ends early" if isinstance(error, EOFError) else str(error)
            raise MalformedSource(
                f"the gzip data is damaged ({reason})", source=self._source
            ) from None


class _Prefixed(io.RawIOBase):
    """`head`, then the rest of `stream`."""

    def __init__(self, head: bytes, stream: Readable) -> None:
        super().__init__()
        self._head = head
        self._stream = stream

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        data = self._head[: len(buffer)] if self._head else self._stream.read(len(buffer))
        self._head = self._head[len(data) :]
        buffer[: len(data)] = data
        return len(data)


def _binary_lines(
    head: bytes, stream: Readable, source: str, max_bytes: int
) -> Iterator[tuple[int, bytes | AccordsError]]:
    """Lines as bytes, read as they come, so that a corpus of any size streams through; a
    line over the size limit is an error of its own, and reading goes on after it."""

    def too_large(number: int) -> TooLarge:
        limit = f"{human(max_bytes)} ({limits.SIZE.variable})"
        return TooLarge(f"the line is over the limit of {limit}", source=f"{source}:{number}")

    buffer = bytearray(head)
    searched = 0  # the buffer holds no newline before this
    number = 0
    skipping = False  # inside a line already reported as too large
    while True:
        cut = buffer.find(b"\n", searched)
        if cut >= 0:
            line = bytes(buffer[:cut])
            del buffer[: cut + 1]
            searched = 0
            if skipping:
                skipping = False
                continue
            number += 1
            yield number, line if len(line) <= max_bytes else too_large(number)
            continue
        searched = len(buffer)
        if not skipping and len(buffer) > max_bytes:
            number += 1
            yield number, too_large(number)
            skipping = True
        if skipping:
            buffer.clear()
            searched = 0
        try:
            more = stream.read(65536)
        except AccordsError as error:  # gzip'd lines cut off: the lines before stand
            yield number + 1, error
            return
        if not more:
            if buffer and not skipping:
                yield number + 1, bytes(buffer)
            return
        buffer += more


def _string(record: dict[str, Any], key: str, source: str) -> str | None:
    value = record.get(key)
    if value is None:
        return None
    if not isinstance(value, str):
        raise MalformedSource(f"`{key}` must be a string", source=source)
    value = value.strip()
    return value or None


def _published(value: str | None, source: str) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        raise MalformedSource(
            f"`published` is not a date like 2024-04-10: {value[:40]!r}", source=source
        ) from None
