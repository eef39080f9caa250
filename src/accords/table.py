"""A readable summary of extractions for a person at a terminal."""

from __future__ import annotations

import sys

from rich.console import Console
from rich.table import Table

from accords.model import Extraction


def print_extractions(results: list[Extraction], console: Console | None = None) -> None:
    # piped output is not wrapped to 80 columns: a file or a pager reads it better wide
    console = console or Console(width=None if sys.stdout.isatty() else 200)
    events = Table(title="Events", show_lines=True)
    for column in ("doc", "lang", "type", "sides", "people", "where", "when", "domains", "story"):
        events.add_column(column, overflow="fold")
    for result in results:
        if not result.events:
            events.add_row(result.doc, result.lang, "–", "", "", "", "", "", "")
        for event in result.events:
            events.add_row(
                result.doc,
                result.lang,
                f"{event.type} ({event.mode})",
                " ".join(event.countries + event.orgs),
                "\n".join(
                    f"{a.name_latn} ({a.country or '?'}, {a.role or '?'})" for a in event.actors
                ),
                event.location.name_latn if event.location else "",
                event.date or "",
                ", ".join(event.domains),
                event.story or "",
            )
    console.print(events)
    commitments = Table(title="Commitments", show_lines=True)
    for column in ("doc", "kind", "by", "to", "domains", "action"):
        commitments.add_column(column, overflow="fold")
    for result in results:
        for c in result.commitments:
            commitments.add_row(
                result.doc,
                str(c.kind),
                " ".join(c.by),
                " ".join(c.to),
                ", ".join(c.domains),
                c.action,
            )
    if commitments.row_count:
        console.print(commitments)
