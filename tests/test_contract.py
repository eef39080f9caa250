from __future__ import annotations

import dataclasses
import enum
import json
import re
import typing
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from pydantic import BaseModel

from accords import listing, model
from accords.cli import main
from accords.contract import declared, json_schema
from accords.errors import AccordsError
from accords.jobs.files import extract_files
from accords.model import from_dict, output_fields, to_dict
from accords.scale import tables
from accords.store.schema import metadata
from accords.web import schemas

SAMPLES = sorted((Path(__file__).parents[1] / "samples").glob("*.txt"))


def test_contract_schema_describes_what_extract_prints() -> None:
    """Also in the compiled build (`make test-fast`), whose classes keep no docstrings and
    only the outer class of each type hint."""
    schema = json_schema()
    event = schema["$defs"]["Event"]
    assert event["description"].startswith("One cooperation event")
    assert event["properties"]["actors"] == {"type": "array", "items": {"$ref": "#/$defs/Actor"}}
    assert event["properties"]["date"]["anyOf"][1] == {"type": "null"}
    errors: list[AccordsError] = []
    results = extract_files([str(path) for path in SAMPLES], on_error=errors.append)
    assert not errors
    assert any(r.events for r in results) and any(r.commitments for r in results)
    for result in results:
        _conforms(result.to_dict(), schema, schema["$defs"], result.doc)


def test_contract_from_dict_reads_back_what_to_dict_writes() -> None:
    results = extract_files([str(path) for path in SAMPLES], on_error=print)
    for result in results:
        record = result.to_dict()
        back = from_dict(model.Extraction, record)
        assert to_dict(back) == record, result.doc
        assert back.events == [
            dataclasses.replace(
                event, sentences=[], treaty=(),
                actors=[dataclasses.replace(a, sentences=(), positions=()) for a in event.actors],
            )
            for event in result.events
        ]  # fmt: skip


def test_contract_from_dict_knows_every_record_and_vocabulary_by_its_field() -> None:
    """model.RECORDS, by which from_dict reads a field, says what each field's hint says."""
    for record in (model.Extraction, *model.RECORDS.values()):
        if isinstance(record, type) and issubclass(record, enum.Enum):
            continue
        hints = declared()[record.__name__][1]
        for name in output_fields(record):
            held = {
                a for a in _inner(hints[name]) if getattr(a, "__module__", "") == model.__name__
            }
            assert held == ({model.RECORDS[name]} if name in model.RECORDS else set()), name


def _inner(hint: Any) -> set[Any]:
    arguments = typing.get_args(hint)
    return set().union(*map(_inner, arguments)) if arguments else {hint}


def test_contract_schema_is_what_the_cli_prints() -> None:
    run = CliRunner().invoke(main, ["schema"])
    assert run.exit_code == 0 and json.loads(run.output) == json_schema()


def _conforms(value: Any, schema: dict[str, Any], defs: dict[str, Any], where: str) -> None:
    """A JSON value checked against the few keywords the generated schema uses."""
    if "$ref" in schema:
        return _conforms(value, defs[schema["$ref"].rsplit("/", 1)[1]], defs, where)
    if "anyOf" in schema:
        return None if value is None else _conforms(value, schema["anyOf"][0], defs, where)
    kind = schema["type"]
    if kind == "object":
        assert set(schema["required"]) <= set(value) <= set(schema["properties"]), where
        for key, item in value.items():
            _conforms(item, schema["properties"][key], defs, f"{where}.{key}")
    elif kind == "array":
        for index, item in enumerate(value):
            _conforms(item, schema["items"], defs, f"{where}[{index}]")
    else:
        types = {"string": str, "integer": int, "number": (int, float)}[kind]
        assert isinstance(value, types), f"{where}: {value!r} is not {kind}"
        assert value in schema.get("enum", [value]), f"{where}: {value!r}"
        assert re.match(schema.get("pattern", ""), value if kind == "string" else ""), where
    return None


# Where each place keeps a field of the contract under another name, or does not keep it
# (and why). A field of model.py that is in none of these and not in a place fails below:
# adding a field to Event is a change in each place, or a line here that says why not.
STORED_AS = {
    "Event.location": "events.location_id",  # and the other location_ columns, below
    "Event.actors": "event_actors.event_id",
    "Event.evidence": "evidence.event_id",
    "Event.marks": "evidence.field",
    "Commitment.by": "commitments.by_countries",
    "Commitment.to": "commitments.to_countries",
    "Commitment.evidence": "evidence.commitment_id",
    "Actor.id": "actors.gazetteer_id",
    "Actor.evidence": "evidence.event_actor_id",
    "Quantity.evidence": "evidence.quantity_id",
    "Place.evidence": None,  # the venue's words are within the event's evidence
}
STORE_TABLES = {
    model.Event: ("events",),
    model.Commitment: ("commitments",),
    model.Actor: ("actors", "event_actors"),
    model.Quantity: ("quantities",),
}
API_MODELS: dict[type, type[BaseModel]] = {
    model.Event: schemas.EventOut,
    model.Commitment: schemas.CommitmentOut,
    model.Actor: schemas.EventActor,
    model.Place: schemas.Location,
    model.Quantity: schemas.QuantityOut,
}
API_AS = {
    "Actor.id": "gazetteer_id",  # its id in the API is the person's row: /api/actors/{id}
    "Actor.evidence": None,  # among the article's highlights, with every other span
    "Place.evidence": None,  # as in the store
}
PARQUET = {
    model.Event: tables.SCHEMAS["events"],
    model.Commitment: tables.SCHEMAS["commitments"],
    model.Actor: tables.SCHEMAS["actors"],
    model.Place: tables.PLACE,
    model.Quantity: tables.QUANTITY,
}
CLI_COLUMNS = {model.Event: listing.EVENT_FIELDS, model.Commitment: listing.COMMITMENT_FIELDS}
CLI_AS = {"Commitment.evidence": None}  # a row is the same commitment in many reports


def _missing(record: type, kept: set[str], renamed: dict[str, str | None]) -> list[str]:
    found = []
    for name in output_fields(record):
        key = f"{record.__name__}.{name}"
        if key in renamed:
            if renamed[key] is not None:
                assert renamed[key] in kept, f"{key}: {renamed[key]} is not there"
        elif name not in kept:
            found.append(key)
    return found


@pytest.mark.parametrize("record", list(STORE_TABLES), ids=lambda r: r.__name__)
def test_contract_the_store_has_a_column_for_every_field(record: type) -> None:
    columns = {f"{t.name}.{c.name}" for t in metadata.tables.values() for c in t.columns}
    kept = {c.split(".")[1] for c in columns if c.split(".")[0] in STORE_TABLES[record]}
    missing = _missing(record, kept | columns, STORED_AS)
    assert not missing, f"{missing}: add a column to store/schema.py (and a migration)"


def test_contract_the_store_keeps_the_venue_in_the_event_row() -> None:
    columns = set(metadata.tables["events"].columns.keys())
    kept = {name for name in output_fields(model.Place) if f"location_{name}" in columns}
    assert not _missing(model.Place, kept, STORED_AS)


@pytest.mark.parametrize("record", list(API_MODELS), ids=lambda r: r.__name__)
def test_contract_the_api_models_have_every_field(record: type) -> None:
    missing = _missing(record, set(API_MODELS[record].model_fields), API_AS)
    assert not missing, f"{missing}: add them to web/schemas.py"


@pytest.mark.parametrize("record", list(PARQUET), ids=lambda r: r.__name__)
def test_contract_the_parquet_schemas_have_every_field(record: type) -> None:
    schema = PARQUET[record]
    names = set(schema.names) if hasattr(schema, "names") else {f.name for f in schema}
    missing = _missing(record, names, {})
    assert not missing, f"{missing}: add them to scale/tables.py"


@pytest.mark.parametrize("record", list(CLI_COLUMNS), ids=lambda r: r.__name__)
def test_contract_the_cli_listings_have_every_field(record: type) -> None:
    missing = _missing(record, {f.name for f in CLI_COLUMNS[record]}, CLI_AS)
    assert not missing, f"{missing}: add them to listing.py"
