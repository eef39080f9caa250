"""Command-line options that more than one command takes, defined once."""

from __future__ import annotations

import click

from accords.link.followup import STALE_AFTER_DAYS

db_option = click.option(
    "--db",
    metavar="URL",
    default=None,
    help="A SQLite file or a postgresql:// URL. Default: $ACCORDS_DB, else ./accords.db.",
)

stale_after_option = click.option(
    "--stale-after",
    type=click.IntRange(min=1),
    default=STALE_AFTER_DAYS,
    show_default=True,
    metavar="DAYS",
    help="A commitment no report shows kept within this many days of its last mention is "
    "stale (accords commitments, and the board and API of accords serve).",
)
