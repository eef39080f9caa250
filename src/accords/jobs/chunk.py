"""One chunk from input to rows on disk: read it, extract each article, write its rows.
Both engines run this same function, the local one in a process per core and Spark inside
`mapPartitions`, so they cannot disagree on what an article holds."""

from __future__ import annotations

import time
from collections.abc import Iterable, Iterator
from pathlib import Path

from accords import faults
from accords.errors import AccordsError
from accords.jobs import extracted
from accords.lexicon import Lexicon
from accords.lexicon import load as load_lexicon
from accords.link.stories import report_of
from accords.scale.chunks import ChunkResult, Layout, Problem
from accords.scale.plan import Chunk
from accords.scale.read import read_chunk
from accords.scale.tables import rows_of, table

STAGED = ("articles", "events", "actors", "commitments", "reports")


def run_chunk(chunk: Chunk, out: str, lexicon: Lexicon) -> ChunkResult:
    """Extract the chunk and publish its rows under `out`; what it held."""
    started = time.perf_counter()
    rows: dict[str, list[dict[str, object]]] = {name: [] for name in STAGED}
    problems: dict[tuple[str, str], Problem] = {}
    articles = events = failed = 0
    for article in read_chunk(chunk):
        try:
            if isinstance(article, AccordsError):
                raise article
            extraction = extracted(article, lexicon)
        except AccordsError as error:  # a bad record, or a fault of the extractor
            failed += 1
            _note(problems, chunk, error)
            continue
        report = report_of(extraction, article.doc, lexicon)
        for name, added in rows_of(article, extraction, report).items():
            rows[name].extend(added)
        articles += 1
        events += len(extraction.events)
        faults.point("batch:reading")
    result = ChunkResult(
        chunk.id,
        chunk.path,
        articles,
        events,
        failed,
        round(time.perf_counter() - started, 3),
        tuple(problems.values()),
    )
    Layout(Path(out)).write_chunk(result, {name: table(name, rows[name]) for name in STAGED})
    return result


def run_chunks(chunks: Iterable[Chunk], out: str) -> Iterator[ChunkResult]:
    """The chunks one after the other with one lexicon: Spark's `mapPartitions` body. The
    lexicon is loaded here, on the executor, once per Python worker (load() is cached
    there): it is a large object, cheaper to unpickle from the disk cache than to ship.
    A chunk done already (by an attempt of this task that Spark retried) is not redone."""
    lexicon = load_lexicon()
    layout = Layout(Path(out))
    for chunk in chunks:
        yield layout.result(chunk.id) or run_chunk(chunk, out, lexicon)


def _note(problems: dict[tuple[str, str], Problem], chunk: Chunk, error: AccordsError) -> None:
    source = error.source or chunk.path
    file = next(
        (f for f in sorted(chunk.files or (chunk.path,), key=len, reverse=True)
         if source.startswith(f)),
        chunk.path,
    )  # fmt: skip
    reason = error.reason
    seen = problems.get((file, reason))
    count = seen.count + 1 if seen else 1
    problems[(file, reason)] = Problem(file, reason, count, seen.first if seen else source)
