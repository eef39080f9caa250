"""What the commands print: rows read from the store for a person (a table) or a program
(JSON Lines, CSV), and a readable summary of extractions for a person at a terminal."""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Iterable
from typing import Any, TextIO

from rich.console import Console
from rich.table import Table

from accords.listing import Field, cell, csv_cells
from accords.model import Extraction

TABLE_WIDTH = 150
TABLE_ROWS = 1000  # a table past this is unreadable; say so and point to the other formats


def write(
    rows: Iterable[dict[str, Any]],
    fmt: str,
    fields: tuple[Field, ...],
    *,
    out: TextIO,
    title: str,
    console: Console | None = None,
) -> int:
    """Write the rows in `fmt`; returns how many were written."""
    if fmt == "jsonl":
        count = 0
        for row in rows:
            out.write(json.dumps(row, ensure_ascii=False) + "\n")
            count += 1
        return count
    if fmt == "csv":
        writer = csv.writer(out)
        count = -1  # the header is no row
        for cells in csv_cells(rows, fields):
            writer.writerow(cells)
            count += 1
        return count
    if console is None:
        console = Console(file=out)
        if not console.is_terminal:
            # a table sent to a file or a pipe is read later, in a window of any width:
            # wider than rich's 80 columns, so that names and domains are not cut to bits
            console = Console(file=out, width=TABLE_WIDTH)
    return _table(rows, fields, title, console)


def _table(
    rows: Iterable[dict[str, Any]], fields: tuple[Field, ...], title: str, console: Console
) -> int:
    shown = [f for f in fields if f.in_table]
    table = Table(title=title, show_lines=True)
    for field in shown:
        table.add_column(field.name, overflow="fold")
    count = 0
    for row in rows:
        count += 1
        if count > TABLE_ROWS:
            break
        table.add_row(*(cell(f.value(row)) for f in shown))
    if count == 0:
        console.print(f"no {title.lower()}")
        return 0
    console.print(table)
    if count > TABLE_ROWS:
        console.print(f"(the first {TABLE_ROWS}; use --format jsonl or csv for all of them)")
        return TABLE_ROWS
    return count


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
