"""Whole lists as files: every row a list page shows, all its pages, as CSV or as a JSON
array, streamed a batch of rows at a time while the store is read, so that a list of a
million rows takes the memory of a batch."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from fastapi.responses import StreamingResponse
from pydantic import BaseModel
from sqlalchemy import Connection

from accords.listing import ARTICLE_FIELDS, COMMITMENT_FIELDS, EVENT_FIELDS, Field, csv_cells
from accords.store import Store

CHUNK = 64 * 1024  # characters sent at once
MEDIA_TYPES = {"csv": "text/csv; charset=utf-8", "json": "application/json"}


def _get(key: str) -> Callable[[dict[str, Any]], Any]:
    return lambda row: row.get(key)


def _joined(key: str) -> Callable[[dict[str, Any]], str]:
    return lambda row: " ".join(str(v) for v in row.get(key) or [])


LISTED_EVENT_FIELDS = (
    *EVENT_FIELDS,
    Field("title", _get("title")),
    Field("outlet", _get("outlet")),
    Field("published", _get("published")),
)
LISTED_STORY_FIELDS = (
    Field("id", _get("id")),
    Field("first_day", _get("first_day")),
    Field("last_day", _get("last_day")),
    Field("reports", _get("reports")),
    Field("events", _get("events")),
    Field("languages", _joined("languages")),
    Field("countries", _joined("countries")),
    Field("types", _joined("types")),
    Field("outlets", lambda row: "; ".join(row.get("outlets") or [])),
    Field("gist", _get("gist")),
    Field("event_ids", _joined("event_ids")),
)
LISTED_COMMITMENT_FIELDS = (
    *COMMITMENT_FIELDS,
    Field("first_day", _get("first_day")),
    Field("last_day", _get("last_day")),
    Field("article_ids", lambda row: " ".join(str(r["id"]) for r in row.get("reports") or [])),
)
HIT_FIELDS = (*ARTICLE_FIELDS, Field("event_ids", _joined("event_ids")))
PAIR_FIELDS = (Field("countries", _joined("countries")), Field("events", _get("events")))
PLACE_FIELDS = (
    Field("id", _get("id")),
    Field("name", _get("name")),
    Field("country", _get("country")),
    Field("latitude", _get("latitude")),
    Field("longitude", _get("longitude")),
    Field("geonameid", _get("geonameid")),
    Field("events", _get("events")),
)
PERIOD_FIELDS = (
    Field("label", _get("label")),
    Field("since", _get("since")),
    Field("until", _get("until")),
    Field("domain", _get("domain")),
    Field("events", _get("events")),
)


def streamed(
    store: Store,
    rows_of: Callable[[Connection], Iterable[dict[str, Any]]],
    fields: tuple[Field, ...],
    fmt: str,
    name: str,
    model: type[BaseModel] | None = None,
) -> StreamingResponse:
    """The rows `rows_of` reads from the store, as a download `name`.csv or `name`.json,
    each row in the shape of `model`, the API's, when given. The store is read while the
    answer is sent, in one transaction: the file is one state of the store however long
    it takes."""

    def chunks() -> Iterator[str]:
        with store.reading() as connection:
            rows = rows_of(connection)
            if model is not None:
                rows = (model.model_validate(row).model_dump(mode="json") for row in rows)
            yield from _csv(rows, fields) if fmt == "csv" else _json(rows)

    return StreamingResponse(
        chunks(),
        media_type=MEDIA_TYPES[fmt],
        headers={"Content-Disposition": f'attachment; filename="{name}.{fmt}"'},
    )


def _csv(rows: Iterable[dict[str, Any]], fields: tuple[Field, ...]) -> Iterator[str]:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    for cells in csv_cells(rows, fields):
        writer.writerow(cells)
        if buffer.tell() >= CHUNK:
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue()


def _json(rows: Iterable[dict[str, Any]]) -> Iterator[str]:
    parts: list[str] = ["["]
    size = 0
    for number, row in enumerate(rows):
        text = ("," if number else "") + "\n" + json.dumps(row, ensure_ascii=False, default=str)
        parts.append(text)
        size += len(text)
        if size >= CHUNK:
            yield "".join(parts)
            parts, size = [], 0
    parts.append("\n]\n")
    yield "".join(parts)
