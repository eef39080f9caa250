"""An Extraction as rows of the five datasets (articles, events, actors, commitments,
stories), with the fields of `accords extract --format jsonl` plus `doc` and `month`; and
those rows read back as Articles and Extractions, for the database loader.

Every row has a `month` ("2024-01", or "unknown"): the month the dataset is partitioned
by. An event's month is that of its date, completed from the publication date when the
text gives no year, else the publication's; an article's month (and so that of its
commitments and of its row in stories) is the publication's, else that of its first dated
event.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any

import pyarrow as pa

from accords.lexicon import load
from accords.link.actors import keys_for
from accords.link.days import full_date, month_day, nearest
from accords.link.stories import Report, known_people
from accords.model import Article, Commitment, Event, Extraction, Place, Quantity, from_dict

UNKNOWN = "unknown"
NAMES = ("articles", "events", "actors", "commitments", "stories")
_YEAR_MONTH = re.compile(r"^\d{4}-\d{2}$")

Row = dict[str, Any]

_TEXT = pa.string()
_CODES = pa.list_(pa.string())
EVIDENCE = pa.struct([("start", pa.int32()), ("end", pa.int32())])
_EVIDENCES = pa.list_(EVIDENCE)
_MARKS = pa.list_(pa.struct([("field", _TEXT), ("start", pa.int32()), ("end", pa.int32())]))
PLACE = pa.struct(
    [("id", _TEXT), ("name", _TEXT), ("name_latn", _TEXT), ("country", _TEXT),
     ("evidence", EVIDENCE)]
)  # fmt: skip
ACTOR = pa.struct(
    [("name", _TEXT), ("name_latn", _TEXT), ("country", _TEXT), ("role", _TEXT), ("org", _TEXT),
     ("id", _TEXT), ("evidence", _EVIDENCES)]
)  # fmt: skip
QUANTITY = pa.struct(
    [("value", pa.float64()), ("unit", _TEXT), ("what", _TEXT), ("evidence", EVIDENCE)]
)

SCHEMAS: dict[str, pa.Schema] = {
    "articles": pa.schema([
        ("doc", _TEXT), ("lang", _TEXT), ("title", _TEXT), ("published", pa.date32()),
        ("source_title", _TEXT), ("url", _TEXT), ("outlet", _TEXT), ("raw_hash", _TEXT),
        ("text", _TEXT), ("quantities", pa.list_(QUANTITY)), ("places", pa.list_(PLACE)),
        ("month", _TEXT),
    ]),
    "events": pa.schema([
        ("doc", _TEXT), ("event", pa.int32()), ("type", _TEXT), ("mode", _TEXT),
        ("countries", _CODES), ("orgs", _CODES), ("actors", pa.list_(ACTOR)),
        ("domains", _CODES), ("location", PLACE), ("date", _TEXT), ("story", _TEXT),
        ("gist", _TEXT), ("evidence", _EVIDENCES), ("marks", _MARKS), ("month", _TEXT),
    ]),
    "actors": pa.schema([
        ("doc", _TEXT), ("event", pa.int32()), ("actor", pa.int32()), ("name", _TEXT),
        ("name_latn", _TEXT), ("country", _TEXT), ("role", _TEXT), ("org", _TEXT),
        ("id", _TEXT), ("evidence", _EVIDENCES), ("month", _TEXT),
    ]),
    "commitments": pa.schema([
        ("doc", _TEXT), ("commitment", pa.int32()), ("kind", _TEXT), ("by", _CODES),
        ("to", _CODES), ("domains", _CODES), ("action", _TEXT), ("sentence", pa.int32()),
        ("evidence", _EVIDENCES), ("month", _TEXT),
    ]),
    # one row per report: the story it belongs to, and what linking saw of it
    "stories": pa.schema([
        ("story", _TEXT), ("doc", _TEXT), ("date", pa.date32()), ("sides", _CODES),
        ("types", _CODES), ("domains", _CODES), ("month", _TEXT),
    ]),
    # not a dataset of the output: what linking needs of each article, kept per chunk
    "reports": pa.schema([
        ("doc", _TEXT), ("sides", _CODES), ("people", _CODES), ("venue", _TEXT),
        ("days", pa.list_(pa.date32())), ("month_days", _CODES), ("types", _CODES),
        ("domains", _CODES), ("month", _TEXT),
    ]),
}  # fmt: skip


def month_of(value: str | None, published: date | None) -> str:
    """The partition of a date as extraction writes it ("2024-01-18", "2024-01",
    "--01-18"), completed from the publication date."""
    full = full_date(value)
    if full:
        return full.isoformat()[:7]
    if value and _YEAR_MONTH.match(value):
        return value
    partial = month_day(value)
    if partial and published:
        return nearest(partial, published).isoformat()[:7]
    return published.isoformat()[:7] if published else UNKNOWN


def rows_of(
    article: Article, extraction: Extraction, report: Report | None
) -> dict[str, list[Row]]:
    """The rows of one article in each table (stories excepted: they come after linking)."""
    doc = article.doc
    published = article.published
    event_months = [month_of(e.date, published) for e in extraction.events]
    dated = [m for m in event_months if m != UNKNOWN]
    month = published.isoformat()[:7] if published else (dated[0] if dated else UNKNOWN)
    record = extraction.to_dict()
    article_row: Row = {
        "doc": doc, "lang": extraction.lang, "title": extraction.title, "published": published,
        "source_title": article.title, "url": article.url, "outlet": article.outlet,
        "raw_hash": article.raw_hash, "text": article.text, "quantities": record["quantities"],
        "places": record["places"], "month": month,
    }  # fmt: skip
    events = [
        {"doc": doc, "event": index, **event, "month": event_months[index]}
        for index, event in enumerate(record["events"])
    ]
    actors = [
        {"doc": doc, "event": index, "actor": position, **actor, "month": event_months[index]}
        for index, event in enumerate(record["events"])
        for position, actor in enumerate(event["actors"])
    ]
    commitments = [
        {"doc": doc, "commitment": index, **promise, "sentence": commitment.sentence,
         "month": month}
        for index, (promise, commitment) in enumerate(
            zip(record["commitments"], extraction.commitments, strict=True)
        )
    ]  # fmt: skip
    reports = [] if report is None else [report_row(report, month)]
    return {
        "articles": [article_row],
        "events": events,
        "actors": actors,
        "commitments": commitments,
        "reports": reports,
    }


def report_row(report: Report, month: str) -> Row:
    return {
        "doc": report.key,
        "sides": sorted(report.sides),
        "people": sorted(report.people),
        "venue": report.venue,
        "days": sorted(report.days),
        "month_days": sorted(f"{m:02d}-{d:02d}" for m, d in report.month_days),
        "types": sorted(report.types),
        "domains": sorted(report.domains),
        "month": month,
    }


# what linking reads of a report row, in the order of Report's fields
REPORT_FIELDS = ("doc", "sides", "people", "venue", "days", "month_days", "types", "domains")
ReportValues = tuple[Any, ...]  # a report row as plain values: pickles small and fast


def report_from(row: Row) -> Report:
    """A report read back from its row."""
    return report_from_values(tuple(row[name] for name in REPORT_FIELDS))


def report_values(rows: pa.Table) -> list[ReportValues]:
    """The report rows of a table as tuples of REPORT_FIELDS, column by column: pyarrow
    makes Python values of a whole column at once, far faster than a dict per row."""
    columns = [rows.column(name).to_pylist() for name in REPORT_FIELDS]
    return list(zip(*columns, strict=True))


def report_from_values(values: ReportValues) -> Report:
    doc, sides, people, venue, days, month_days, types, domains = values
    return Report(
        doc,
        frozenset(sides or ()),
        frozenset(people or ()),
        venue,
        frozenset(days or ()),
        frozenset(_month_day(value) for value in month_days or ()),
        frozenset(types or ()),
        frozenset(domains or ()),
        known_people(people or (), keys_for(load())),  # from the keys: no column of its own
    )


def _month_day(value: str) -> tuple[int, int]:
    month, day = value.split("-")
    return int(month), int(day)


def table(name: str, rows: list[Row]) -> pa.Table:
    return pa.Table.from_pylist(rows, schema=SCHEMAS[name])


# Back from rows: the loader stores what the job found without extracting again.


def article_from(row: Row) -> Article:
    return Article(
        text=row["text"],
        doc=row["doc"],
        title=row["source_title"],
        url=row["url"],
        outlet=row["outlet"],
        lang=row["lang"],
        published=row["published"],
        raw_hash=row["raw_hash"],
    )


def extraction_from(article: Row, events: list[Row], commitments: list[Row]) -> Extraction:
    published: date | None = article["published"]
    return Extraction(
        article["doc"],
        article["lang"],
        article["title"],
        published.isoformat() if published else None,
        [from_dict(Event, row) for row in sorted(events, key=lambda r: int(r["event"]))],
        [
            from_dict(Commitment, row)
            for row in sorted(commitments, key=lambda r: int(r["commitment"]))
        ],
        [from_dict(Quantity, q) for q in article["quantities"] or ()],
        [from_dict(Place, p) for p in article["places"] or ()],
    )
