"""Ingest: read sources, extract each article, store it with its extraction in one
transaction, then link stories across the whole store.

A stop anywhere is repaired by the next run: each batch of articles is stored whole or not
at all, with a mark that the stories are to be linked, which the linking clears in its own
transaction (accords.store.pending); every run, even one that stores nothing new, links
what a stopped one left unlinked. The tests stop an ingest (accords.faults) at each step:
`store:indexing` (a batch written, full-text index included, not committed),
`ingest:reading` (the first batch committed, more being read), `ingest:committed` (every
article committed, no story linked) and `store:linking` (linked, not committed)."""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import TypeVar

from accords import faults
from accords.errors import AccordsError, ExtractionError
from accords.ingest.decode import MAX_BYTES
from accords.ingest.fetch import Fetch, fetcher
from accords.ingest.sources import Item, expand, read_source
from accords.jobs import extracted
from accords.lexicon import Lexicon
from accords.lexicon import load as load_lexicon
from accords.model import Article
from accords.pipeline import VERSION
from accords.store import Store, write
from accords.store.stories import LEFT_UNLINKED

T = TypeVar("T")

# articles looked up, and then stored, together: a known article is found without its
# extraction, and the new ones share one transaction and one statement per table; small,
# so that progress still shows soon after a source is read
BATCH = 16


@dataclass(slots=True)
class Tally:
    """What an ingest did, counted in articles (new, known) and bad sources or parts."""

    new: int = 0
    known: int = 0
    failed: int = 0
    ids: list[int] = field(default_factory=list)  # of the new articles

    def __str__(self) -> str:
        return f"{self.new} new, {self.known} already stored, {self.failed} failed"


def ingest(
    store: Store,
    sources: Sequence[str],
    *,
    follow: bool = False,
    fetch: Fetch | None = None,
    lexicon: Lexicon | None = None,
    max_bytes: int = MAX_BYTES,
    on_error: Callable[[AccordsError], None] = lambda error: None,
    on_start: Callable[[int], None] = lambda total: None,
    on_source: Callable[[str, Tally], None] = lambda source, tally: None,
    on_notice: Callable[[str], None] = lambda line: None,
    read: Callable[[str], Iterable[Item]] | None = None,
    link: bool = True,
) -> Tally:
    """Store every article of `sources` that is not stored yet, then link the stories
    (unless `link` is false: the caller links the new articles, `Tally.ids`, itself).
    `read` reads a source (by default accords.ingest.sources.read_source).
    Each bad source, or bad part of one, goes to `on_error` and the others go on;
    `on_start` hears how many sources there are (folders expanded), `on_source` hears of
    each one done, `on_notice` of stories an earlier run left unlinked (linked now) and of
    texts cut at the longest that is read."""
    lexicon = lexicon or load_lexicon()
    if store.linking_due():
        on_notice(LEFT_UNLINKED)
    units = expand(sources)
    on_start(len(units))
    tally = Tally()
    with fetcher(fetch, max_bytes=max_bytes) as fetch_page:
        items = _items(units, read or _reader(follow, fetch_page, max_bytes))
        for batch in _batched(items, BATCH):
            _ingest_batch(store, batch, lexicon, tally, on_error, on_notice)
            faults.point("ingest:reading")
            for unit, item in batch:
                if item is None:
                    on_source(unit, tally)
    faults.point("ingest:committed")
    if link:
        store.finish_linking()
    return tally


def _ingest_batch(
    store: Store,
    batch: list[tuple[str, Article | AccordsError | None]],
    lexicon: Lexicon,
    tally: Tally,
    on_error: Callable[[AccordsError], None],
    on_notice: Callable[[str], None],
) -> None:
    """Extract the batch's new articles and store them together."""
    keys = {id(i): write.article_hash(i.text) for _, i in batch if isinstance(i, Article)}
    stored = store.stored(set(keys.values()))
    pending: dict[str, write.Entry] = {}
    for _, item in batch:
        if isinstance(item, AccordsError):
            tally.failed += 1
            on_error(item)
        elif isinstance(item, Article):
            key = keys[id(item)]
            if key in stored or key in pending:
                tally.known += 1  # known: spare the extraction
                continue
            try:
                extraction = extracted(item, lexicon)
            except ExtractionError as error:
                tally.failed += 1
                on_error(error)
                continue
            for note in extraction.notes:  # a text cut at the longest that is read
                on_notice(f"{item.doc}: {note}")
            pending[key] = write.Entry(item, extraction, key)
    if pending:
        ids = store.add_many(list(pending.values()), version=VERSION)
        added = [article_id for article_id in ids if article_id is not None]
        tally.new += len(added)
        tally.ids.extend(added)
        tally.known += len(ids) - len(added)  # stored by another ingest since we looked


def _reader(follow: bool, fetch: Fetch, max_bytes: int) -> Callable[[str], Iterable[Item]]:
    return lambda unit: read_source(unit, follow=follow, fetch=fetch, max_bytes=max_bytes)


def _items(
    units: list[str], read: Callable[[str], Iterable[Item]]
) -> Iterator[tuple[str, Item | None]]:
    """What every source holds, one after the other; None closes a source."""
    for unit in units:
        for item in read(unit):
            yield unit, item
        yield unit, None


def _batched(items: Iterator[T], size: int) -> Iterator[list[T]]:
    """itertools.batched, which Python 3.11 does not have yet."""
    while batch := list(itertools.islice(items, size)):
        yield batch
