"""The store written out: every table, one file each, as Parquet (through pyarrow), CSV or
JSON Lines; or the events and commitments as records that event-data users read: PLOVER
JSON Lines, or CAMEO rows (tab-separated, one per directed pair of sides, as ICEWS and
POLECAT give them), coded by the table lexicon/data/event_codes.tsv. Rows stream through
in batches, so a store of any size fits."""

from __future__ import annotations

import csv
import functools
import json
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import IO, Any

from sqlalchemy import Column, Connection, select, types

from accords.errors import LexiconError
from accords.lexicon import DATA, FILES, check_value, read_tsv
from accords.model import COMMITMENT_KINDS, DOMAINS, EVENT_TYPES
from accords.store.queries import actors_of, event_row, evidence_of, in_batches
from accords.store.schema import TABLES, articles, commitments, events, evidence

FORMATS = ("parquet", "csv", "jsonl")
RECORD_FORMATS = ("plover", "cameo")
CODES = DATA / "event_codes.tsv"
# PLOVER's sixteen event types, the values its `event_type` takes
PLOVER_TYPES = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
)  # fmt: skip
# the columns ICEWS and POLECAT users load, in ICEWS's names where the meaning is the same
CAMEO_COLUMNS = (
    "Event ID", "Event Date", "Source Country", "Target Country", "CAMEO Code", "Quad Class",
    "Intensity", "Place", "Story", "Evidence URL",
)  # fmt: skip
_CAMEO_CODE = re.compile(r"^\d{3,4}$")
_SLUG = re.compile(r"^[a-z_]*$")


def export(connection: Connection, out: Path, fmt: str) -> list[Path]:
    """Write each table to `out/<table>.<fmt>`; returns the files written."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for table in TABLES:
        path = out / f"{table.name}.{fmt}"
        # what the store keeps of its own to serve pages faster is not data: left out
        columns = [column for column in table.columns if not column.info.get("summary")]
        statement = select(*columns).order_by(*table.primary_key.columns)
        batches = in_batches(connection, statement)
        if fmt == "parquet":
            _write_parquet(path, columns, batches)
        elif fmt == "csv":
            _write_csv(path, columns, batches)
        else:
            _write_jsonl(path, batches)
        written.append(path)
    return written


def _write_jsonl(path: Path, batches: Iterator[Sequence[Any]]) -> None:
    with path.open("w", encoding="utf-8") as out:
        for rows in batches:
            for row in rows:
                out.write(json.dumps(_plain(row._mapping), ensure_ascii=False) + "\n")


def _write_csv(path: Path, columns: list[Column[Any]], batches: Iterator[Sequence[Any]]) -> None:
    # utf-8-sig: spreadsheet programs read Persian and Arabic right only with the BOM
    with path.open("w", encoding="utf-8-sig", newline="") as out:
        writer = csv.writer(out)
        writer.writerow([column.name for column in columns])
        for rows in batches:
            writer.writerows([_plain(row._mapping).values() for row in rows])


def _write_parquet(
    path: Path, columns: list[Column[Any]], batches: Iterator[Sequence[Any]]
) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    schema = pa.schema(
        [pa.field(c.name, _arrow_type(c.type), nullable=bool(c.nullable)) for c in columns]
    )
    with pq.ParquetWriter(str(path), schema) as writer:
        for rows in batches:
            values = {name: [row._mapping[name] for row in rows] for name in schema.names}
            writer.write_table(pa.table(values, schema=schema))
        # an empty table still gets a file with its columns, so readers find every table


def _arrow_type(kind: types.TypeEngine[Any]) -> Any:
    import pyarrow as pa

    if isinstance(kind, types.Integer):
        return pa.int64()
    if isinstance(kind, types.Float):
        return pa.float64()
    if isinstance(kind, types.DateTime):
        return pa.timestamp("us", tz="UTC")
    if isinstance(kind, types.Date):
        return pa.date32()
    return pa.string()


def _plain(mapping: Any) -> dict[str, Any]:
    return {
        key: value.isoformat() if isinstance(value, date | datetime) else value
        for key, value in mapping.items()
    }


@dataclass(frozen=True, slots=True)
class Code:
    """How one kind of record is written: PLOVER's type and mode, CAMEO's code and scores."""

    plover: str
    plover_mode: str | None
    cameo: str
    quad: int
    goldstein: float


@dataclass(frozen=True, slots=True)
class Codes:
    """The table of event_codes.tsv: a Code by (our type or kind, mode or domain or "")."""

    codes: dict[tuple[str, str], Code]
    contexts: dict[str, str]  # domain → PLOVER context

    def of(self, what: str, mode: str, domains: list[str]) -> Code:
        for when in (mode, *domains):
            if (what, when) in self.codes:
                return self.codes[(what, when)]
        return self.codes[(what, "")]

    def context(self, domains: list[str]) -> list[str]:
        return list(dict.fromkeys(c for d in domains if (c := self.contexts.get(d))))


@functools.cache
def codes(path: Path = CODES) -> Codes:
    """event_codes.tsv, every cell checked: an error names the file, the line and the
    values it knows; every event type, commitment kind and domain must have its row."""
    modes: dict[str, set[str]] = {}  # the modes of each event type, as triggers.tsv has them
    for _, trigger in read_tsv(DATA / "triggers.tsv", FILES["triggers.tsv"][1]):
        modes.setdefault(trigger["type"], set()).add(trigger["mode"])
    columns = ("accords", "when", "plover", "plover_mode", "cameo", "quad", "goldstein", "context")
    found: dict[tuple[str, str], Code] = {}
    contexts: dict[str, str] = {}
    for number, row in read_tsv(path, columns):
        what, when = row["accords"], row["when"]
        check_value(path, number, "accords", what, [*EVENT_TYPES, *COMMITMENT_KINDS, *DOMAINS])
        if what in DOMAINS:
            if what in contexts or not _SLUG.match(row["context"]):
                message = f"line {number}: a domain has one row, its context a lower-case word"
                raise LexiconError(message, source=str(path))
            contexts[what] = row["context"]
            continue
        narrower = sorted(modes.get(what, ())) + sorted(DOMAINS)
        check_value(path, number, f"when of {what}", when, ["", *narrower])
        check_value(path, number, "plover", row["plover"], PLOVER_TYPES)
        check_value(path, number, "quad", row["quad"], ("1", "2", "3", "4"))
        problem = _problem(row, (what, when) in found)
        if problem:
            raise LexiconError(f"line {number}: {problem}", source=str(path))
        found[(what, when)] = Code(
            row["plover"], row["plover_mode"] or None, row["cameo"], int(row["quad"]),
            float(row["goldstein"]),
        )  # fmt: skip
    missing = [k for k in (*EVENT_TYPES, *COMMITMENT_KINDS) if (k, "") not in found]
    missing += [d for d in DOMAINS if d not in contexts]
    if missing:
        raise LexiconError(f"no row for {', '.join(missing)}", source=str(path))
    return Codes(found, contexts)


def _problem(row: dict[str, str], repeated: bool) -> str | None:
    """What is wrong with the free-form cells of a row of event_codes.tsv, if anything."""
    if repeated:
        return f"{row['accords']} {row['when'] or '(no when)'} has a row already"
    if not _CAMEO_CODE.match(row["cameo"]):
        return f"cameo {row['cameo']!r} is not a CAMEO code of 3 or 4 digits"
    if not _SLUG.match(row["plover_mode"]):
        return f"plover_mode {row['plover_mode']!r} is not a lower-case word"
    if not re.match(r"^-?\d{1,2}(\.\d)?$", row["goldstein"]) or abs(float(row["goldstein"])) > 10:
        return f"goldstein {row['goldstein']!r} is not a number from -10 to 10"
    return None


def export_records(connection: Connection, fmt: str, out: IO[str]) -> int:
    """Write every event, then every commitment, to `out` as PLOVER JSON Lines or CAMEO
    rows; returns how many records (events and commitments) were written."""
    if fmt not in RECORD_FORMATS:
        raise ValueError(f"unknown format {fmt!r}; choose one of {', '.join(RECORD_FORMATS)}")
    table = codes()
    count = 0
    writer = csv.writer(out, delimiter="\t", lineterminator="\n")
    if fmt == "cameo":
        writer.writerow(CAMEO_COLUMNS)
    for record, code in _records(connection, table):
        count += 1
        if fmt == "plover":
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
            continue
        place = record["location"]["name"] if record["location"] else ""
        url = record["source"]["url"] or ""
        for source, target in _directed(record):
            pair = "-".join(c for c in (source, target) if c)
            writer.writerow([
                f"{record['id']}-{pair}" if pair else record["id"], record["date"] or "",
                source, target, code.cameo, code.quad, code.goldstein, place,
                record["story"] or "", url,
            ])  # fmt: skip
    return count


def _directed(record: dict[str, Any]) -> list[tuple[str, str]]:
    """Each side towards each other side (a commitment's sides towards those it is made
    to): the directed pairs CAMEO data is made of. A side alone has no target."""
    sides = [a["country"] for a in record["actors"] if a["country"]]
    targets = [a["country"] for a in record["recipients"]] or sides
    pairs = [(s, t) for s in sides for t in targets if s != t]
    return pairs or [(s, "") for s in sides] or [("", "")]


_ARTICLE = (articles.c.source, articles.c.lang, articles.c.title, articles.c.published,
            articles.c.url, articles.c.outlet)  # fmt: skip


def _records(connection: Connection, table: Codes) -> Iterator[tuple[dict[str, Any], Code]]:
    """Every event, then every commitment, as a PLOVER record with its Code."""
    statement = select(events, *_ARTICLE).join(articles, articles.c.id == events.c.article_id)
    for rows in in_batches(connection, statement.order_by(events.c.id)):
        ids = [row.id for row in rows]
        people, proofs = actors_of(connection, ids), evidence_of(connection, ids)
        for row in rows:
            event = event_row(row, people, proofs)
            code = table.of(event["type"], event["mode"], event["domains"])
            place = event["location"]
            yield {
                **_head(f"e{row.id}", event["day"], code, table.context(event["domains"])),
                "actors": _sides(event["countries"], event["actors"]),
                "recipients": [],
                "orgs": event["orgs"],
                "location": place and {
                    "name": place["name_latn"] or place["name"], "country": place["country"]
                },
                "source": _source(row),
                "story": event["story"],
                "evidence": event["evidence"],
                "accords": {"record": "event", "type": event["type"], "mode": event["mode"],
                            "domains": event["domains"], "gist": event["gist"]},
            }, code  # fmt: skip
    statement = select(commitments, *_ARTICLE).join(
        articles, articles.c.id == commitments.c.article_id
    )
    for rows in in_batches(connection, statement.order_by(commitments.c.id)):
        proofs = evidence_of(connection, [row.id for row in rows], evidence.c.commitment_id)
        for row in rows:
            domains = row.domains.split()
            code = table.of(row.kind, "", domains)
            # a commitment is dated by its report: what it promises has no day yet
            day = row.published and row.published.isoformat()
            yield {
                **_head(f"c{row.id}", day, code, table.context(domains)),
                "actors": _sides(row.by_countries.split(), []),
                "recipients": _sides(row.to_countries.split(), []),
                "orgs": [],
                "location": None,
                "source": _source(row),
                "story": None,
                "evidence": proofs.get(row.id, []),
                "accords": {"record": "commitment", "kind": row.kind, "domains": domains,
                            "action": row.action},
            }, code  # fmt: skip


def _head(record_id: str, day: str | None, code: Code, context: list[str]) -> dict[str, Any]:
    return {"id": record_id, "date": day, "event_type": code.plover, "mode": code.plover_mode,
            "context": context}  # fmt: skip


def _sides(countries: list[str], people: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Each side with its people who take part; people of no side (an INTERPOL official,
    say) last, under no country, each with their own."""
    persons = [
        {key: person[key] for key in ("name", "name_latn", "country", "role", "org")}
        for person in people
    ]
    sides = [{"country": c, "people": [p for p in persons if p["country"] == c]} for c in countries]
    stray = [p for p in persons if p["country"] not in countries]
    return sides + ([{"country": None, "people": stray}] if stray else [])


def _source(row: Any) -> dict[str, Any]:
    """The report: where it was read, its address, outlet, title, language and day."""
    return {"doc": row.source, "url": row.url, "outlet": row.outlet, "title": row.title,
            "lang": row.lang, "published": row.published and row.published.isoformat()}  # fmt: skip
