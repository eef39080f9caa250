"""The command line; thin: it only wires the library together and reports errors."""

from __future__ import annotations

import json
import sys

import click

from accords import __version__
from accords.errors import AccordsError

FORMATS = ("jsonl", "json", "table")


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="accords")
def main() -> None:
    """accords: news about international security and police cooperation in, a traceable
    event database out.

    \b
    Example:
      accords extract samples/*.txt --format table
    """


@main.command()
@click.argument("files", nargs=-1, required=True)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(FORMATS),
    default="jsonl",
    show_default=True,
    help="jsonl: one JSON object per file; json: one JSON array; table: for reading.",
)
def extract(files: tuple[str, ...], fmt: str) -> None:
    """Extract events, actors and commitments from news texts, with evidence.

    FILES are text files (UTF-8, UTF-16 or Windows-1256), or - for standard input.
    Reports of the same real event across the files share a story id.

    \b
    Examples:
      accords extract article.txt
      accords extract samples/*.txt --format table
      cat article.txt | accords extract - --format json
    """
    from accords.extract_files import extract_files

    failed = 0

    def on_error(error: AccordsError) -> None:
        nonlocal failed
        failed += 1
        click.echo(f"accords: {error}", err=True)

    results = extract_files(list(files), on_error=on_error)
    if fmt == "jsonl":
        for result in results:
            click.echo(json.dumps(result.to_dict(), ensure_ascii=False))
    elif fmt == "json":
        click.echo(json.dumps([r.to_dict() for r in results], ensure_ascii=False, indent=2))
    else:
        from accords.table import print_extractions

        print_extractions(results)
    if failed:
        sys.exit(1)


def run() -> None:
    """Entry point that never lets a traceback reach the user for a known error."""
    try:
        main(standalone_mode=True)
    except AccordsError as error:
        click.echo(f"accords: {error}", err=True)
        sys.exit(1)
