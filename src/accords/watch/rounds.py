"""A watch round: poll each source that is due, store what is new by the ingest workflow
(accords.jobs.ingest), link the new reports into their stories without touching the others,
and check the alert rules on what came. `watch` repeats rounds until stopped.

A round is safe to kill anywhere: articles are stored a batch at a time, an item is marked
seen only after it is stored (a kill between the two reads it again next time, and the
store knows its text: it is not stored twice), and a source's state is written after
its poll."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import datetime

from accords.errors import AccordsError, Unreachable
from accords.ingest.decode import MAX_BYTES
from accords.ingest.fetch import HttpFetcher
from accords.jobs.ingest import ingest
from accords.lexicon import Lexicon
from accords.lexicon import load as load_lexicon
from accords.store import Store
from accords.watch import state
from accords.watch.config import Source, Watchlist
from accords.watch.polite import PoliteFetcher
from accords.watch.poll import Item, NewItem, poll

IDLE_SECONDS = 60.0  # the longest a waiting watch sleeps before it looks again


@dataclass(slots=True)
class RoundTally:
    polled: int = 0
    unchanged: int = 0  # answered 304 Not Modified
    failed: int = 0  # sources that could not be read
    new: int = 0  # articles stored
    items: int = 0  # new items read
    article_ids: list[int] = field(default_factory=list)

    def __str__(self) -> str:
        return (
            f"{self.polled} sources polled ({self.unchanged} unchanged, {self.failed} failed), "
            f"{self.items} new items, {self.new} new articles"
        )


@dataclass
class Watcher:
    """What rounds share: the store, the sources, one polite fetcher (so that the gap
    to a host is kept across sources and rounds), and where news goes."""

    store: Store
    watchlist: Watchlist
    fetch: PoliteFetcher | None = None
    lexicon: Lexicon | None = None
    max_bytes: int = MAX_BYTES
    on_error: Callable[[AccordsError], None] = lambda error: None
    on_notice: Callable[[str], None] = lambda line: None
    after_linking: Callable[[list[int]], object] = lambda article_ids: None

    def __post_init__(self) -> None:
        if self.fetch is None:
            http = HttpFetcher(max_bytes=self.max_bytes)
            self.fetch = PoliteFetcher(http, min_gap=self.watchlist.min_gap)
        self.lexicon = self.lexicon or load_lexicon()

    def round(self, *, now: datetime | None = None) -> RoundTally:
        """Poll the sources that are due and store what they have new."""
        assert self.fetch is not None
        moment = now or state.now()
        known = state.states(self.store)
        tally = RoundTally()
        self.fetch.forget_robots()
        # a stopped round may have stored articles it did not link: link the store first
        self.store.finish_linking(self.on_notice)
        for source in self.watchlist.sources:
            before = known.get(source.name, state.SourceState(source.name))
            if before.due(moment):
                self._poll(source, before, tally)
        if tally.article_ids:
            from accords.store.increment import link_new

            with self.store.writing() as connection:
                link_new(connection, tally.article_ids)
        self.after_linking(tally.article_ids)  # each round: a stopped one may have left some
        return tally

    def _poll(self, source: Source, before: state.SourceState, tally: RoundTally) -> None:
        assert self.fetch is not None
        tally.polled += 1
        try:
            answer = poll(source, before, self.fetch, self.max_bytes)
            if answer.items is None:
                tally.unchanged += 1
            else:
                self._store(source, answer.items, tally)
        except AccordsError as error:
            tally.failed += 1
            self.on_error(error)
            state.failed(self.store, source, str(error), before.failures + 1)
            return
        state.succeeded(self.store, source, etag=answer.etag, last_modified=answer.last_modified)

    def _store(self, source: Source, items: list[NewItem], tally: RoundTally) -> None:
        unseen = set(state.unseen(self.store, source, [item.id for item in items]))
        fresh = {item.id: item for item in items if item.id in unseen}
        if not fresh:
            return
        broken: set[str] = set()

        def read(unit: str) -> Iterator[Item]:
            for found in fresh[unit].read():
                if isinstance(found, Unreachable):
                    broken.add(unit)  # perhaps for a while: read again next round
                yield found

        done = ingest(
            self.store, list(fresh), lexicon=self.lexicon, max_bytes=self.max_bytes,
            on_error=self.on_error, on_notice=self.on_notice, read=read, link=False,
        )  # fmt: skip
        state.mark_seen(self.store, source, [unit for unit in fresh if unit not in broken])
        tally.items += len(fresh) - len(broken)
        tally.new += done.new
        tally.article_ids.extend(done.ids)

    def next_due(self) -> float:
        """Seconds until the next source is due (0 when one is due now)."""
        known = state.states(self.store)
        moment = state.now()
        waits = []
        for source in self.watchlist.sources:
            when = known.get(source.name, state.SourceState(source.name)).next_poll
            waits.append(0.0 if when is None else (when - moment).total_seconds())
        return max(0.0, min(waits, default=IDLE_SECONDS))


def watch(
    watcher: Watcher,
    *,
    stop: threading.Event,
    on_round: Callable[[RoundTally], None] = lambda tally: None,
) -> None:
    """Rounds until `stop` is set; between rounds, sleep until a source is due."""
    while not stop.is_set():
        on_round(watcher.round())
        stop.wait(min(watcher.next_due(), IDLE_SECONDS))
