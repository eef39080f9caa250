"""Inputs cut into chunks: the unit a worker extracts and writes at once, and the unit a
restarted job skips when it is done.

A JSON Lines file is cut at line starts every `size` lines, a Parquet file at row groups,
and single-article files (text, HTML, feeds) are taken `size` at a time; a WARC crawl is
one chunk, as its gzip members can only be found by reading it. A chunk's id is a hash of
what it covers (path, range, the file's size and time of change) and of the extractor's
version, so that a changed input or a new extractor is read again, and nothing else is.
"""

from __future__ import annotations

import codecs
import hashlib
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from accords.errors import InputError
from accords.ingest.fetch import is_address
from accords.ingest.sources import kind_of
from accords.pipeline import VERSION

CHUNK_SIZE = 250  # articles: about a second of one core, and one small file per table
_SCAN_BLOCK = 1 << 22  # bytes read at a time while counting lines


@dataclass(frozen=True, slots=True)
class Chunk:
    """What one worker reads: lines or row groups [start, stop) of `path`, or whole files."""

    id: str
    kind: str  # "jsonl", "parquet", "warc" or "files"
    path: str  # the input file; for "files", the first of them
    start: int = 0  # jsonl: byte offset; parquet: row group
    stop: int = 0
    first: int = 1  # jsonl: number of the first line; parquet: of the first row
    files: tuple[str, ...] = ()


def kind_of_input(name: str) -> str | None:
    """The reader of a file, by its name: the ingest kinds, and Parquet."""
    return "parquet" if name.lower().endswith(".parquet") else kind_of(name)


def expand_inputs(inputs: Iterable[str], *, skip: Path | None = None) -> list[str]:
    """Files named, and the files in folders (recursively, in a stable order, hidden ones
    left out) that accords reads; the folder `skip` (the job's own output) is never read.
    A path named twice is read once."""
    found: list[str] = []
    for given in inputs:
        if given == "-" or is_address(given):
            raise InputError(
                "batch reads files and folders; save it first, or use `accords ingest`",
                source=given,
            )
        path = Path(given)
        if not path.is_dir():
            found.append(given)
            continue
        for child in sorted(path.rglob("*")):
            relative = child.relative_to(path).parts
            if any(part.startswith(".") for part in relative):
                continue
            if skip is not None and child.resolve().is_relative_to(skip):
                continue
            if child.is_file() and kind_of_input(child.name):
                found.append(str(child))
    return list(dict.fromkeys(found))


def plan(files: list[str], *, size: int = CHUNK_SIZE) -> Iterator[Chunk | InputError]:
    """The chunks of the files, in input order; an error for a file that is not there."""
    loose: list[str] = []  # single-article files, gathered `size` at a time
    for path in files:
        if not os.path.isfile(path):
            yield InputError("no such file", source=path)
            continue
        kind = kind_of_input(path) or _sniff(path)
        if kind == "jsonl":
            yield from _jsonl_chunks(path, size)
        elif kind == "parquet":
            yield from _parquet_chunks(path, size)
        elif kind == "warc":
            yield _chunk("warc", path, files=(path,))
        else:
            loose.append(path)
    for start in range(0, len(loose), size):
        group = tuple(loose[start : start + size])
        yield _chunk("files", group[0], files=group)


def _sniff(path: str) -> str:
    """A file whose name does not tell: JSON Lines start with `{`, crawls with a WARC
    header or gzip's magic number; anything else is read by the ingest sniffer."""
    with open(path, "rb") as stream:
        head = stream.read(64)
    if head.lstrip().startswith(b"{"):
        return "jsonl"
    if head.startswith((b"WARC/", b"\x1f\x8b")):
        return "warc"
    return "files"


def _jsonl_chunks(path: str, size: int) -> Iterator[Chunk]:
    """Byte ranges of `size` lines each: one fast pass counting newlines, so that a worker
    can seek to its lines without reading those before them."""
    with open(path, "rb") as stream:
        head = stream.read(4)
        if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) or b"\x00" in head:
            # UTF-16 has no byte-level lines: the ingest reader decodes the whole file
            yield _chunk("jsonl", path, start=0, stop=-1)
            return
        stream.seek(0)
        start, first, line, offset = 0, 1, 1, 0
        while block := stream.read(_SCAN_BLOCK):
            at = 0
            while (cut := block.find(b"\n", at)) >= 0:
                at = cut + 1
                line += 1
                if line - first == size:
                    yield _chunk("jsonl", path, start=start, stop=offset + at, first=first)
                    start, first = offset + at, line
            offset += len(block)
    if offset > start:
        yield _chunk("jsonl", path, start=start, stop=offset, first=first)


def _parquet_chunks(path: str, size: int) -> Iterator[Chunk]:
    import pyarrow.parquet as pq

    try:
        metadata = pq.ParquetFile(path).metadata
    except Exception:  # pyarrow raises several kinds; the reader reports it, counted
        yield _chunk("parquet", path, start=0, stop=-1)
        return
    start = rows = 0
    first = 1
    for group in range(metadata.num_row_groups):
        rows += metadata.row_group(group).num_rows
        if rows >= size:
            yield _chunk("parquet", path, start=start, stop=group + 1, first=first)
            start, first, rows = group + 1, first + rows, 0
    if start < metadata.num_row_groups or metadata.num_row_groups == 0:
        yield _chunk("parquet", path, start=start, stop=metadata.num_row_groups, first=first)


def _chunk(
    kind: str,
    path: str,
    *,
    start: int = 0,
    stop: int = 0,
    first: int = 1,
    files: tuple[str, ...] = (),
) -> Chunk:
    digest = hashlib.sha256(f"{VERSION}|{kind}|{start}|{stop}|{first}".encode())
    for name in files or (path,):
        stat = os.stat(name)
        digest.update(f"|{os.path.abspath(name)}|{stat.st_size}|{stat.st_mtime_ns}".encode())
    return Chunk(digest.hexdigest()[:20], kind, path, start, stop, first, files)
