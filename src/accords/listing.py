"""The columns of each listing (events, stories, commitments, articles, actors): the CLI's
tables and CSV (accords.cli.output) and the web's CSV downloads show the same ones.

JSON Lines keeps each row whole; CSV and the table flatten lists and nested objects into
text, since neither has a place for them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any

FORMATS = ("table", "jsonl", "csv")


@dataclass(frozen=True, slots=True)
class Field:
    name: str
    value: Callable[[dict[str, Any]], Any]
    in_table: bool = True
    in_csv: bool = True


def _get(key: str) -> Callable[[dict[str, Any]], Any]:
    return lambda row: row.get(key)


def _codes(key: str) -> Callable[[dict[str, Any]], str]:
    return lambda row: " ".join(row.get(key) or [])


def _people(row: dict[str, Any]) -> str:
    return "; ".join(
        f"{a['name_latn'] or a['name']} ({a['country'] or '?'}, {a['role'] or '?'})"
        for a in row.get("actors") or []
    )


def _names(row: dict[str, Any]) -> str:
    """People for a narrow table column: name and country, one a line."""
    return "\n".join(
        f"{a['name_latn'] or a['name']} ({a['country'] or '?'})" for a in row.get("actors") or []
    )


def _place(row: dict[str, Any]) -> str:
    place = row.get("location")
    return (place.get("name_latn") or place.get("name") or "") if place else ""


def _spans(row: dict[str, Any]) -> str:
    return " ".join(f"{e['start']}-{e['end']}" for e in row.get("evidence") or [])


def _marks(row: dict[str, Any]) -> str:
    return " ".join(f"{m['field']}:{m['start']}-{m['end']}" for m in row.get("marks") or [])


EVENT_FIELDS = (
    Field("id", _get("id")),
    Field("article_id", _get("article_id"), in_table=False),
    Field("doc", _get("doc"), in_table=False),
    Field("lang", _get("lang")),
    Field("day", _get("day")),
    Field("date", _get("date"), in_table=False),
    Field("type", lambda row: f"{row['type']} ({row['mode']})" if row.get("mode") else row["type"]),
    Field("mode", _get("mode"), in_table=False),
    Field("countries", _codes("countries")),
    Field("orgs", _codes("orgs"), in_table=False),
    Field("actors", _people, in_table=False),
    Field("people", _names, in_csv=False),
    Field("location", _place),
    Field("domains", lambda row: ", ".join(row.get("domains") or [])),
    Field("story", _get("story")),
    Field("reports", _get("reports")),
    Field("gist", _get("gist"), in_table=False),
    Field("evidence", _spans, in_table=False),
    Field("marks", _marks, in_table=False),
)
STORY_FIELDS = (
    Field("story", _get("story")),
    Field("first_date", _get("first_date")),
    Field("types", _codes("types")),
    Field("countries", _codes("countries")),
    Field("people", lambda row: ", ".join(row.get("people") or [])),
    Field("domains", lambda row: ", ".join(row.get("domains") or [])),
    Field("languages", _codes("languages")),
    Field("reports", lambda row: "\n".join(row.get("reports") or [])),
)


def _report(article: dict[str, Any] | None) -> str:
    return (article.get("source") or article.get("url") or str(article["id"])) if article else ""


def _kept(key: str) -> Callable[[dict[str, Any]], Any]:
    return lambda row: (row.get("kept_by") or {}).get(key)


def _kept_by(row: dict[str, Any]) -> str:
    """The keeping event for a table: its type, id and date, and its report."""
    kept = row.get("kept_by")
    if not kept:
        return ""
    return f"{kept['type']} #{kept['event_id']} on {kept['date']}\n{_report(kept['article'])}"


COMMITMENT_FIELDS = (
    Field("by", _codes("by")),
    Field("to", _codes("to")),
    Field("kind", _get("kind")),
    Field("domains", lambda row: ", ".join(row.get("domains") or [])),
    Field("action", _get("action")),
    Field("status", _get("status")),
    Field("first_day", _get("first_day"), in_table=False),
    Field("days_since_made", _get("days_since_made")),
    Field("kept_by", _kept_by, in_csv=False),
    Field("kept_by_event", _kept("event_id"), in_table=False),
    Field("kept_on", _kept("date"), in_table=False),
    Field("kept_by_report", lambda row: _report(_kept("article")(row)), in_table=False),
    Field("reports", lambda row: "\n".join(_report(a) for a in row.get("reports") or [])),
)
ARTICLE_FIELDS = (
    Field("id", _get("id")),
    Field("published", _get("published")),
    Field("lang", _get("lang")),
    Field("outlet", _get("outlet")),
    Field("title", _get("title")),
    Field("url", _get("url"), in_table=False),
    Field("text", _get("text"), in_table=False),
)
ACTOR_FIELDS = (
    Field("id", _get("id")),
    Field("name", _get("name")),
    Field("name_latn", _get("name_latn")),
    Field("country", _get("country")),
    Field("gazetteer_id", _get("gazetteer_id"), in_table=False),
    Field("events", _get("events")),
)


def csv_cells(rows: Iterable[dict[str, Any]], fields: tuple[Field, ...]) -> Iterator[list[str]]:
    """The header, then each row, as the cells of CSV."""
    columns = [f for f in fields if f.in_csv]
    yield [f.name for f in columns]
    for row in rows:
        yield [cell(f.value(row)) for f in columns]


def cell(value: Any) -> str:
    return "" if value is None else str(value)
