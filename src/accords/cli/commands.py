"""The commands: each one calls a library function with keyword arguments and prints
what it returns."""

from __future__ import annotations

import contextlib
import functools
import json
import logging
import sys
from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING, Any

import click

from accords import __version__, listing
from accords.errors import AccordsError
from accords.link.followup import Status
from accords.model import DOMAINS, EventType
from accords.options import db_option, stale_after_option

if TYPE_CHECKING:
    from sqlalchemy import Connection

FORMATS = ("jsonl", "json", "table")


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="accords")
def main() -> None:
    """accords: news about international security and police cooperation in, a traceable
    event database out.

    \b
    Examples:
      accords extract samples/*.txt --format table
      accords ingest samples/ingest && accords events --country IRN
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
    from accords.jobs.files import extract_files

    failed = 0

    def on_error(error: AccordsError) -> None:
        nonlocal failed
        failed += 1
        click.echo(f"accords: {error}", err=True)

    results = extract_files(list(files), on_error=on_error)
    for result in results:
        for note in result.notes:  # a text cut at the longest that is read, say
            click.echo(f"accords: {result.doc}: {note}", err=True)
    if fmt == "jsonl":
        for result in results:
            click.echo(json.dumps(result.to_dict(), ensure_ascii=False))
    elif fmt == "json":
        click.echo(json.dumps([r.to_dict() for r in results], ensure_ascii=False, indent=2))
    else:
        from accords.cli.output import print_extractions

        print_extractions(results)
    if failed:
        sys.exit(1)


@main.command()
def schema() -> None:
    """Print the JSON Schema of a record of `accords extract --format jsonl`: the output
    contract, generated from the data model (accords.model).

    \b
    Example:
      accords schema > accords.schema.json
    """
    from accords.contract import json_schema

    click.echo(json.dumps(json_schema(), ensure_ascii=False, indent=2))


@contextlib.contextmanager
def interrupted(rest: str) -> Iterator[None]:
    """Ctrl-C ends a long command with one line that says what a rerun does, and the
    shell's status for it (130), not click's "Aborted!" and 1."""
    try:
        yield
    except KeyboardInterrupt:
        click.echo(f"accords: interrupted; run the same command again to {rest}", err=True)
        sys.exit(130)


def _format_option(function: Callable[..., None]) -> Callable[..., None]:
    return click.option(
        "--format",
        "fmt",
        type=click.Choice(listing.FORMATS),
        default="table",
        show_default=True,
        help="table: for reading; jsonl: one JSON object per line; csv: for spreadsheets.",
    )(function)


Rows = Callable[["Connection"], Iterable[dict[str, Any]]]


def _lists(title: str, fields: tuple[listing.Field, ...]) -> Callable[..., Callable[..., None]]:
    """The one body of the list commands: the decorated function checks the command's own
    options and says how to read the rows; the body opens the store, reads them and writes
    them in --format."""

    def body_of(rows_of: Callable[..., Rows]) -> Callable[..., None]:
        @functools.wraps(rows_of)
        def body(db: str | None, fmt: str, **options: Any) -> None:
            from accords.cli.output import write
            from accords.store import Store

            rows = rows_of(**options)  # a bad option is a usage error before the store opens
            with Store.open(db, create=False) as store, store.reading() as connection:
                write(rows(connection), fmt, fields, out=sys.stdout, title=title)

        return body

    return body_of


@main.command()
@click.argument("sources", nargs=-1, required=True)
@db_option
@click.option("--follow", is_flag=True, help="For feeds: fetch each item's page and read it whole.")
def ingest(sources: tuple[str, ...], db: str | None, follow: bool) -> None:
    """Read articles into the database, extract them, and link their stories.

    SOURCES are files (.txt, .html, .rss/.atom/.xml, .warc/.warc.gz, .jsonl), folders
    (searched for those), http(s):// addresses of pages or feeds, or - for standard input.
    An article already stored, from any source, is not stored again. Each source that
    cannot be read gets one line on stderr; the exit status is then 1.

    \b
    Examples:
      accords ingest samples/ingest
      accords ingest news.jsonl crawl.warc.gz --db postgresql://me@localhost/accords
      accords ingest https://example.org/feed.rss --follow
    """
    from accords.cli.progress import Display
    from accords.jobs.ingest import ingest as ingest_sources
    from accords.store import Store

    with (
        interrupted("store the rest"),
        Display("ingest") as display,
        Store.open(db, on_notice=display.notice) as store,
    ):
        tally = ingest_sources(
            store,
            list(sources),
            follow=follow,
            on_error=display.error,
            on_start=display.start,
            on_source=lambda source, tally: display.advance(tally),
            on_notice=display.notice,
        )
    click.echo(str(tally))
    if tally.failed:
        sys.exit(1)


@main.command()
@db_option
@click.option("--country", metavar="ISO3", help="Events with this country as a side.")
@click.option("--with", "partner", metavar="ISO3", help="Events with this country as a side too.")
@click.option("--domain", type=click.Choice(DOMAINS), metavar="DOMAIN", help="e.g. cybercrime.")
@click.option(
    "--type",
    "event_type",
    type=click.Choice([str(t) for t in EventType], case_sensitive=False),
    help="The event type.",
)
@click.option("--since", metavar="DATE", help="From this day, month or year on: 2023-01.")
@click.option("--until", metavar="DATE", help="Up to this day, month or year, inclusive.")
@click.option("--lang", metavar="CODE", help="Events reported in this language: fa, ar, en.")
@click.option("--limit", type=click.IntRange(min=1), help="At most this many events.")
@click.option(
    "--reports",
    "every_report",
    is_flag=True,
    help="One row per report of an event, not one per story (real event).",
)
@_format_option
@_lists("Events", listing.EVENT_FIELDS)
def events(
    country: str | None,
    partner: str | None,
    domain: str | None,
    event_type: str | None,
    since: str | None,
    until: str | None,
    lang: str | None,
    limit: int | None,
    every_report: bool,
) -> Rows:
    """List the stored events, oldest first, with filters: one row per story (one real
    event, however many outlets reported it), or per report with --reports.

    An event's day is its date, completed from the report's publication date where the
    text gives no year or no date.

    \b
    Examples:
      accords events --country IRN --with RUS --since 2023-01
      accords events --domain drug_trafficking --type AGREE --format jsonl
      accords events --lang fa --until 2024-06 --format csv > events.csv
    """
    from accords.store.queries import EventFilter, iter_events

    try:
        where = EventFilter.given(
            country=country, partners=(partner or "",), domain=domain, type=event_type,
            since=since, until=until, lang=lang,
        )  # fmt: skip
    except ValueError as error:
        raise click.UsageError(str(error)) from None
    if every_report:
        return lambda connection: iter_events(connection, where, limit=limit)
    from itertools import islice

    from accords.store.stories import one_per_story, story_sizes

    return lambda connection: islice(
        one_per_story(iter_events(connection, where), story_sizes(connection)), limit
    )


@main.command()
@db_option
@_format_option
@_lists("Stories", listing.STORY_FIELDS)
def stories() -> Rows:
    """List the stories: each real event once, with every report of it and their languages.

    \b
    Examples:
      accords stories
      accords stories --format jsonl > stories.jsonl
    """
    from accords.store.stories import iter_stories

    return iter_stories


@main.command()
@db_option
@click.option(
    "--status",
    type=click.Choice([str(s) for s in Status]),
    help="Only commitments in this state.",
)
@stale_after_option
@_format_option
@_lists("Commitments", listing.COMMITMENT_FIELDS)
def commitments(status: str | None, stale_after: int) -> Rows:
    """List the commitments (offers, pledges, proposals, requests) and what became of
    them: kept by a later event between the same sides that does what was promised (the
    event, its date and its report in kept_by), stale when no report within --stale-after
    days of its last mention shows it kept and the newest report is later than that (with
    the days since it was made), else open. The same offer in three reports is one row.

    \b
    Examples:
      accords commitments --status open
      accords commitments --status kept --format csv > kept.csv
    """
    from accords.store.followups import follow_ups

    return lambda connection: follow_ups(connection, status=status, stale_after=stale_after)


@main.command()
@db_option
@click.option("--search", metavar="TEXT", help="Full-text search of titles and texts.")
@click.option("--limit", type=click.IntRange(min=1), help="At most this many articles.")
@_format_option
@_lists("Articles", listing.ARTICLE_FIELDS)
def articles(search: str | None, limit: int | None) -> Rows:
    """List the stored articles, or those a full-text search finds (best first).

    The search folds letter variants, digits and case, and finds Persian words whatever
    their zero-width non-joiners: «همکاری‌ها», «همکاری ها» and «همکاریها» are one word.

    \b
    Examples:
      accords articles --search "maritime security"
      accords articles --search همکاری‌ها --format jsonl
    """
    from accords.store.queries import iter_articles

    return lambda connection: iter_articles(connection, query=search, limit=limit)


@main.command()
@db_option
@_format_option
@_lists("Actors", listing.ACTOR_FIELDS)
def actors() -> Rows:
    """List the people who take part in stored events, the busiest first.

    \b
    Examples:
      accords actors
      accords actors --format csv > actors.csv
    """
    from accords.store.queries import iter_actors

    return iter_actors


@main.command()
@db_option
@click.option(
    "--format",
    "fmt",
    type=click.Choice(("parquet", "csv", "jsonl", "plover", "cameo")),
    default="parquet",
    show_default=True,
    help="parquet, csv, jsonl: every table, one file each; plover: PLOVER JSON Lines; "
    "cameo: CAMEO rows, tab-separated, as ICEWS and POLECAT users load them.",
)
@click.option(
    "--out",
    type=click.Path(dir_okay=True, writable=True),
    help="The folder for the tables (made if missing); for plover and cameo, the file "
    "(default: standard output).",
)
def export(db: str | None, fmt: str, out: str | None) -> None:
    """Write the database out: every table to a folder, one file per table; or the events
    and commitments as PLOVER records or CAMEO rows, coded by the table in the README.

    \b
    Examples:
      accords export --format parquet --out export/
      accords export --format csv --out export/ --db postgresql://me@localhost/accords
      accords export --format plover > events.plover.jsonl
      accords export --format cameo --out events.tsv
    """
    from pathlib import Path

    from accords.store import Store
    from accords.store.export import RECORD_FORMATS, export_records
    from accords.store.export import export as export_tables

    if fmt in RECORD_FORMATS:
        with (
            Store.open(db, create=False) as store,
            store.reading() as connection,
            click.open_file(out or "-", "w", encoding="utf-8") as stream,
        ):
            count = export_records(connection, fmt, stream)
        if out and out != "-":
            click.echo(f"{count} events and commitments written to {out}", err=True)
        return
    if not out:
        raise click.UsageError(f"--out names the folder to write the {fmt} files to")
    with Store.open(db, create=False) as store, store.reading() as connection:
        written = export_tables(connection, Path(out), fmt)
    for path in written:
        click.echo(str(path))


@main.command()
@db_option
def reextract(db: str | None) -> None:
    """Run the current extractor again on articles an older version read.

    Each article's old events, actors, commitments and evidence are replaced in one
    transaction, so an interrupted run can simply be started again.

    \b
    Example:
      accords reextract --db accords.db
    """
    from accords.cli.progress import Display
    from accords.jobs.reextract import reextract as reextract_articles
    from accords.pipeline import VERSION
    from accords.store import Store

    with (
        interrupted("re-extract the rest"),
        Store.open(db, create=False) as store,
        Display("re-extract") as display,
    ):
        count = reextract_articles(
            store, on_start=display.start, on_article=lambda article_id: display.advance()
        )
    click.echo(f"{count} articles re-extracted with extractor {VERSION}")


@main.command()
@click.argument("inputs", nargs=-1, required=True)
@click.option(
    "--out",
    type=click.Path(file_okay=False),
    required=True,
    help="The folder of the datasets (made if missing); the same folder resumes a job.",
)
@click.option(
    "--engine",
    type=click.Choice(("local", "spark")),
    default="local",
    show_default=True,
    help="local: a process per core; spark: Apache Spark (needs Java and PySpark).",
)
@click.option("--master", metavar="URL", help="The Spark master. Default: local[*].")
@click.option(
    "--to-db",
    metavar="URL",
    help="Then load the result into a SQLite file or a postgresql:// URL (PostgreSQL by COPY); "
    "articles stored already are skipped.",
)
@click.option(
    "--workers",
    type=click.IntRange(min=1),
    help="Processes (local), or cores of local Spark. Default: every core.",
)
def batch(
    inputs: tuple[str, ...],
    out: str,
    engine: str,
    master: str | None,
    to_db: str | None,
    workers: int | None,
) -> None:
    """Extract many articles into Parquet datasets, on every core or on Apache Spark.

    INPUTS are folders, JSON Lines, Parquet (a `text` column; `title`, `url`, `outlet`,
    `published`, `lang` optional), WARC, text, HTML or feed files. Under --out come
    articles/, events/, actors/, commitments/ and stories/, one Parquet file per month
    (month=YYYY-MM/), with the fields of `accords extract --format jsonl` and a `doc`
    column naming the input. Each bad record is counted, and each file and reason gets one
    line on stderr; the job goes on (exit status 0). An input that is not there or cannot
    be read gets one line too, and the job reads the others (exit status 1); a folder with
    nothing to read, a note. A job stopped half-way and started again with the same --out
    skips the chunks it finished; a changed input is read again. One job at a time writes
    to an --out: a second one is refused.

    \b
    Examples:
      accords batch news.jsonl crawl.warc.gz --out out/
      accords batch archive/ --out out/ --engine spark
      accords batch /shared/archive --out /shared/out --engine spark --master spark://head:7077
      accords batch news.parquet --out out/ --to-db postgresql://me@localhost/accords
    """
    from accords.scale.batch import batch as run_batch

    if master and engine != "spark":
        raise click.UsageError("--master names a Spark master; add --engine spark")
    with interrupted("go on from the chunks done"):
        summary = run_batch(
            list(inputs), out=out, engine=engine, master=master, to_db=to_db, workers=workers
        )
    for error in summary.unread:
        click.echo(f"accords: {error}", err=True)
    for folder in summary.empty:
        kinds = "JSON Lines, Parquet, WARC, text, HTML, feeds"
        click.echo(
            f"accords: note: {folder}: the folder holds no file batch reads ({kinds})", err=True
        )
    for problem in summary.problems:
        click.echo(f"accords: {problem.line()}", err=True)
    click.echo(str(summary))
    if summary.unread:
        sys.exit(1)


def run() -> None:
    """Entry point that never lets a traceback reach the user for a known error."""
    # SQLAlchemy logs, traceback and all, what goes wrong while it hands a connection back
    # (Ctrl-C in the middle of a commit printed one), and with no handler of ours Python
    # prints its log on stderr. What SQLAlchemy meets reaches us as exceptions anyway.
    logging.getLogger("sqlalchemy").addHandler(logging.NullHandler())
    from accords import limits

    problems = limits.problems()
    for problem in problems:
        click.echo(f"accords: {problem}", err=True)
    if problems:
        sys.exit(2)
    try:
        main(standalone_mode=True)
    except AccordsError as error:
        click.echo(f"accords: {error}", err=True)
        sys.exit(1)


from accords.watch.command import watch  # noqa: E402
from accords.web.command import serve  # noqa: E402  (the web module imports FastAPI lazily)

main.add_command(serve)
main.add_command(watch)
