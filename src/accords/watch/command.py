"""`accords watch`: follow sources as they publish, and say what is new."""

from __future__ import annotations

import signal
import sys
import threading
from types import FrameType

import click

from accords.options import db_option


@click.command()
@click.argument("sources", metavar="SOURCES.toml", type=click.Path(dir_okay=False))
@db_option
@click.option("--once", is_flag=True, help="Poll the sources that are due once, then exit.")
def watch(sources: str, db: str | None, once: bool) -> None:
    """Follow feeds, sitemaps, pages that list articles and folders that receive files:
    store each new article once, link it into its story, and tell of what matches the
    alert rules.

    SOURCES.toml lists the sources and the alert rules (see samples/sources.toml). Each
    source is polled at its own interval, with conditional requests, at most one request
    at a time and a minimum gap per host, robots.txt honoured, and longer waits after
    errors. What each source said last is kept in the database, so that a watch stopped
    anyhow resumes where it was. Alerts come out as JSON lines on stdout, as Atom feeds
    that `accords serve` publishes at /alerts/RULE.atom, and by POST to a rule's webhook.
    Ctrl-C or SIGTERM stops it; what was stored stays, and a rerun goes on.

    \b
    Examples:
      accords watch samples/sources.toml
      accords watch sources.toml --db postgresql://me@localhost/accords --once   # from cron
    """
    from accords.cli.progress import Display
    from accords.store import Store
    from accords.watch.alerts import Alerter
    from accords.watch.config import load
    from accords.watch.rounds import Watcher
    from accords.watch.rounds import watch as watch_sources

    watchlist = load(sources)
    stop = threading.Event()

    def stopping(number: int, frame: FrameType | None) -> None:
        stop.set()

    with (
        Display("watch") as display,
        Store.open(db, on_notice=display.notice) as store,
        Alerter(store, watchlist.rules, out=sys.stdout) as alerter,
    ):
        watcher = Watcher(
            store,
            watchlist,
            on_error=display.error,
            on_notice=display.notice,
            after_linking=alerter.check,
        )

        def told(tally: object) -> None:
            display.notice(f"round: {tally}")

        try:
            if once:
                told(watcher.round())
                return
            signal.signal(signal.SIGTERM, stopping)
            watch_sources(watcher, stop=stop, on_round=told)
        except KeyboardInterrupt:
            pass
        click.echo("accords: watch stopped; run it again to go on", err=True)
