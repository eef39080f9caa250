"""What a long command shows while it works: a progress bar on stderr (on a terminal
only, so that logs and pipes get just the error lines), and one line per bad source
printed above the bar without breaking it."""

from __future__ import annotations

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from accords.closing import Closing
from accords.errors import AccordsError


class Display(Closing):
    def __init__(self, what: str, console: Console | None = None) -> None:
        self.console = console or Console(stderr=True, highlight=False, emoji=False)
        self.progress = Progress(
            TextColumn("{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn("{task.fields[status]}"),
            TimeElapsedColumn(),
            console=self.console,
            transient=True,
            disable=not self.console.is_terminal,
        )
        self.task = self.progress.add_task(what, total=None, status="")
        self.progress.start()  # built in a `with` line, which stops it at the end

    def start(self, total: int) -> None:
        self.progress.update(self.task, total=total)

    def advance(self, status: object = "") -> None:
        self.progress.update(self.task, advance=1, status=str(status))

    def error(self, error: AccordsError) -> None:
        # soft_wrap: one error is one line, however narrow the terminal, for grep's sake
        self.console.print(f"accords: {error}", markup=False, soft_wrap=True)

    def notice(self, line: str) -> None:
        """What the user should know that is not an error: one line, like an error's."""
        self.console.print(f"accords: {line}", markup=False, soft_wrap=True)

    def close(self) -> None:
        self.progress.stop()
