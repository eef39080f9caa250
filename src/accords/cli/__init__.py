"""The command line; thin: it only wires the library together and reports errors.

commands.py  the commands, each a call of a library function with keyword arguments
output.py    what they print: rows as a table, JSON Lines or CSV; extractions as tables
progress.py  the progress bar of a long command, and its error lines above the bar
"""

from accords.cli.commands import main, run

__all__ = ["main", "run"]
