from __future__ import annotations

import csv
import dataclasses
import io
import json
import os
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq
import pytest

from accords.errors import LexiconError
from accords.jobs.ingest import ingest
from accords.model import EventType
from accords.store import Store
from accords.store.export import CODES, codes, export, export_records
from accords.store.schema import TABLES
from tests.store.builders import article, event, extraction, person, pledge

SAMPLES = Path(__file__).parents[2] / "samples" / "ingest"
EXPECTED = Path(__file__).parent / "expected"


@pytest.mark.parametrize("fmt", ["parquet", "csv", "jsonl"])
def test_export_one_file_per_table(store: Store, tmp_path: Path, fmt: str) -> None:
    store.add(
        article("همکاری‌های امنیتی ایران و عمان", lang="fa"),
        extraction(event(people=(person("Kamran Farahani", "IRN"),)), commitments=(pledge(),)),
        version="1",
    )
    with store.reading() as connection:
        written = export(connection, tmp_path / "out", fmt)
    assert sorted(p.name for p in written) == sorted(f"{t.name}.{fmt}" for t in TABLES)
    rows = {path.stem: _read(path, fmt) for path in written}
    assert len(rows["articles"]) == 1 and len(rows["events"]) == 1
    assert len(rows["evidence"]) == 3  # the event, the actor's mention, the commitment
    assert rows["quantities"] == []
    assert rows["articles"][0]["text"] == "همکاری‌های امنیتی ایران و عمان"
    assert str(rows["articles"][0]["published"]).startswith("2024-01-16")


def _read(path: Path, fmt: str) -> list[dict[str, object]]:
    if fmt == "parquet":
        return pq.read_table(path).to_pylist()  # type: ignore[no-any-return]
    if fmt == "csv":
        with path.open(encoding="utf-8-sig", newline="") as stream:
            return list(csv.DictReader(stream))
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


# What the samples export to. The extractor's own changes change these files: after
# checking the difference, ACCORDS_UPDATE_EXPECTED=1 writes the new output over them.
@pytest.mark.parametrize("fmt", ["cameo", "plover"])
def test_export_records_of_the_samples_are_the_expected_rows(store: Store, fmt: str) -> None:
    tally = ingest(store, [str(SAMPLES)])
    assert tally.failed == 0
    out = io.StringIO()
    with store.reading() as connection:
        count = export_records(connection, fmt, out)
    lines = out.getvalue().splitlines()
    if fmt == "plover":  # the fields a PLOVER reader codes by; the rest is ours
        lines = [json.dumps(_coded(json.loads(line)), ensure_ascii=False) for line in lines]
    expected = EXPECTED / ("samples.cameo.tsv" if fmt == "cameo" else "samples.plover.jsonl")
    if os.environ.get("ACCORDS_UPDATE_EXPECTED"):
        expected.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert lines == expected.read_text(encoding="utf-8").splitlines()
    assert count == len(lines) if fmt == "plover" else count < len(lines)


def _coded(record: dict[str, Any]) -> dict[str, Any]:
    return {
        "id": record["id"],
        "date": record["date"],
        "event_type": record["event_type"],
        "mode": record["mode"],
        "context": record["context"],
        "actors": [a["country"] for a in record["actors"]],
        "recipients": [a["country"] for a in record["recipients"]],
        "location": record["location"],
        "url": record["source"]["url"],
        "accords": record["accords"].get("type") or record["accords"]["kind"],
    }


def test_export_records_keep_a_lone_side_and_people_of_no_side(store: Store) -> None:
    official = dataclasses.replace(person("Jürgen Stock", "", "secretary general"), country=None)
    store.add(
        article("Iran and INTERPOL", lang="en"),
        extraction(
            event(EventType.COOPERATE, ("IRN",), mode="extradite", people=(official,)),
            commitments=(pledge(to=""),),
        ),
        version="1",
    )
    with store.reading() as connection:
        plover, cameo = io.StringIO(), io.StringIO()
        export_records(connection, "plover", plover)
        export_records(connection, "cameo", cameo)
    operation, promise = (json.loads(line) for line in plover.getvalue().splitlines())
    assert (operation["event_type"], operation["mode"]) == ("COOPERATE", "judicial")
    assert operation["actors"] == [
        {"country": "IRN", "people": []},
        {"country": None, "people": [{"name": "Jürgen Stock", "name_latn": "Jürgen Stock",
                                      "country": None, "role": "secretary general",
                                      "org": None}]},
    ]  # fmt: skip
    assert (promise["event_type"], promise["recipients"]) == ("AGREE", [])
    rows = [line.split("\t") for line in cameo.getvalue().splitlines()[1:]]
    assert [row[:5] for row in rows] == [
        [f"e{operation['id'][1:]}-IRN", "2024-01-15", "IRN", "", "063"],
        [f"c{promise['id'][1:]}-IRN", "2024-01-16", "IRN", "", "030"],
    ]


@pytest.mark.parametrize(
    ("row", "says"),
    [
        ("typo\tCONSLT\t\tCONSULT\t\t040\t1\t1.0\t", "accords 'CONSLT' is not one of CONSULT"),
        ("typo\tCONSULT\tvisits\tCONSULT\t\t042\t1\t1.9\t", "'visits' is not one of"),
        ("typo\tAID\ttrain\tHELP\t\t070\t2\t7.0\t", "plover 'HELP' is not one of AGREE"),
        ("typo\tAID\ttrain\tAID\t\t07\t2\t7.0\t", "cameo '07' is not a CAMEO code"),
        ("typo\tAID\ttrain\tAID\t\t070\t2\t70\t", "goldstein '70' is not a number"),
        ("typo\tAID\t\tAID\t\t070\t2\t7.0\t", "AID (no when) has a row already"),
    ],
)
def test_export_codes_reject_a_bad_row_naming_file_and_line(
    tmp_path: Path, row: str, says: str
) -> None:
    path = tmp_path / CODES.name
    text = CODES.read_text(encoding="utf-8")
    path.write_text(text + row + "\n", encoding="utf-8")
    with pytest.raises(LexiconError) as error:
        codes(path)
    message = str(error.value)
    assert message.startswith(f"{path}: line {len(text.splitlines()) + 1}: ") and says in message


def test_export_codes_need_a_row_for_every_type_kind_and_domain(tmp_path: Path) -> None:
    path = tmp_path / CODES.name
    lines = CODES.read_text(encoding="utf-8").splitlines()
    path.write_text("\n".join(x for x in lines if "\trequest\t" not in x) + "\n")
    with pytest.raises(LexiconError, match="no row for request"):
        codes(path)


def test_export_codes_table_is_the_one_the_readme_shows() -> None:
    table = codes()
    lines = ["| accords | when | PLOVER | PLOVER mode | CAMEO | quad class | Goldstein |"]
    lines.append("| --- | --- | --- | --- | --- | --- | --- |")
    for (what, when), code in table.codes.items():
        cells = (what, when, code.plover, code.plover_mode or "", code.cameo, code.quad)
        lines.append("| " + " | ".join(map(str, (*cells, code.goldstein))) + " |")
    by_context: dict[str, list[str]] = {}
    for domain, context in table.contexts.items():
        by_context.setdefault(context or "(none)", []).append(domain)
    lines += ["", "| PLOVER context | our domains |", "| --- | --- |"]
    lines += [f"| {c} | {', '.join(d)} |" for c, d in by_context.items()]
    wanted = "\n".join(lines)
    readme = (Path(__file__).parents[2] / "README.md").read_text(encoding="utf-8")
    assert wanted in readme, f"README.md should show lexicon/data/event_codes.tsv as:\n{wanted}"
