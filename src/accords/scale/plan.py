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
import errno
import hashlib
import os
import stat
from collections.abc import Callable, Iterable, Iterator
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


def expand_inputs(
    inputs: Iterable[str],
    *,
    skip: Path | None = None,
    on_error: Callable[[InputError], None] = lambda error: None,
    on_empty: Callable[[str], None] = lambda folder: None,
) -> list[str]:
    """Files named, and the files in folders (recursively, in a stable order, hidden ones
    left out) that accords reads; the folder `skip` (the job's own output) is never read.
    A path named twice is read once. A path that is not there, and a folder that cannot be
    listed, go to `on_error`; a folder with no file to read goes to `on_empty`."""
    found: list[str] = []
    for given in inputs:
        if given == "-" or is_address(given):
            raise InputError(
                "batch reads files and folders; save it first, or use `accords ingest`",
                source=given,
            )
        try:
            is_folder = stat.S_ISDIR(os.stat(given).st_mode)
        except FileNotFoundError:
            on_error(_missing(given))
            continue
        except OSError as error:
            on_error(InputError(f"cannot be read ({_reason(error)})", source=given))
            continue
        if not is_folder:
            found.append(given)
            continue
        unreadable: list[InputError] = []
        files = _walk(given, skip.resolve() if skip else None, unreadable)
        for problem in unreadable:
            on_error(problem)
        if not files and not unreadable:
            on_empty(given)
        found.extend(files)
    return list(dict.fromkeys(found))


def _walk(folder: str, skip: Path | None, errors: list[InputError]) -> list[str]:
    # not Path.rglob, which passes over a folder it may not list without a word; names in
    # order and folders entered where they come, which is the order of sorted(rglob())
    try:
        with os.scandir(folder) as listing:
            entries = sorted(listing, key=lambda entry: entry.name)
    except OSError as error:
        errors.append(InputError(f"the folder cannot be read ({_reason(error)})", source=folder))
        return []
    found: list[str] = []
    for entry in entries:
        if entry.name.startswith("."):
            continue
        path = os.path.join(folder, entry.name)
        if skip is not None and Path(path).resolve().is_relative_to(skip):
            continue
        try:
            # a link to a folder is not followed, as rglob did not: it may loop
            if entry.is_dir(follow_symlinks=False):
                found.extend(_walk(path, skip, errors))
            elif kind_of_input(entry.name) and entry.is_file():
                found.append(path)
            elif kind_of_input(entry.name) and entry.is_symlink():
                errors.append(_missing(path))
        except OSError as error:
            errors.append(InputError(f"cannot be read ({_reason(error)})", source=path))
    return found


def plan(files: list[str], *, size: int = CHUNK_SIZE) -> Iterator[Chunk | InputError]:
    """The chunks of the files, in input order; an error for a file that is not there or
    cannot be read, and the others planned all the same."""
    loose: list[str] = []  # single-article files, gathered `size` at a time
    for path in files:
        try:
            found = _chunks_of(path, size)
        except FileNotFoundError:
            yield _missing(path)
            continue
        except OSError as error:
            yield InputError(f"cannot be read ({_reason(error)})", source=path)
            continue
        if found is None:
            loose.append(path)
        else:
            yield from found
    for start in range(0, len(loose), size):
        group = tuple(loose[start : start + size])
        yield _chunk("files", group[0], files=group)


def _chunks_of(path: str, size: int) -> list[Chunk] | None:
    """The chunks of one file, all or none (an error half-way leaves none), or None for a
    single-article file. The file is opened here, so that one that cannot be read is
    reported now, not by a worker in the middle of the job."""
    if not stat.S_ISREG(os.stat(path).st_mode):
        raise OSError(errno.EINVAL, "not a regular file", path)
    with open(path, "rb"):
        pass
    kind = kind_of_input(path) or _sniff(path)
    if kind == "jsonl":
        return list(_jsonl_chunks(path, size))
    if kind == "parquet":
        return list(_parquet_chunks(path, size))
    if kind == "warc":
        return [_chunk("warc", path, files=(path,))]
    return None


def _missing(path: str) -> InputError:
    if os.path.islink(path):
        return InputError(f"a link to {os.readlink(path)}, which is not there", source=path)
    return InputError("no such file or folder", source=path)


def _reason(error: OSError) -> str:
    text = error.strerror or str(error)
    return text[:1].lower() + text[1:]  # "permission denied", as a clause of the line


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
