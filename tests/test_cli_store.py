"""The store's commands through click's test runner: flags, formats, messages."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from accords.cli import main

SAMPLES = Path(__file__).resolve().parents[1] / "samples"
COMMANDS = ("ingest", "events", "articles", "actors", "export", "reextract")


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> str:
    """The demo's database: every sample, in every format, ingested."""
    db = str(tmp_path_factory.mktemp("demo") / "accords.db")
    result = CliRunner().invoke(main, ["ingest", str(SAMPLES), "--db", db])
    assert result.exit_code == 0, result.output
    new, known, failed = (int(n) for n in re.findall(r"\d+", result.stdout))
    assert new >= 16 and (known, failed) == (0, 0), result.output  # 12 in samples/ingest
    return db


def run(*args: str) -> str:
    result = CliRunner().invoke(main, list(args))
    assert result.exit_code == 0, result.output
    return result.stdout


@pytest.mark.parametrize("command", COMMANDS)
def test_cli_every_store_command_shows_an_example(command: str) -> None:
    text = run(command, "--help")
    assert "Example" in text and f"accords {command}" in text


def test_cli_ingest_samples_read_every_format_and_language(demo_db: str) -> None:
    found = [
        json.loads(line)
        for line in run("articles", "--db", demo_db, "--format", "jsonl").splitlines()
    ]
    assert {a["lang"] for a in found} >= {"fa", "ar", "en"}
    sources = " ".join(str(a["url"]) for a in found)
    assert "darya-news.example" in sources and "gulfwire.example" in sources
    assert set(found[0]) == {"id", "title", "url", "outlet", "lang", "published", "text"}


def test_cli_ingest_again_changes_nothing(demo_db: str) -> None:
    result = CliRunner().invoke(main, ["ingest", str(SAMPLES), "--db", demo_db])
    assert result.exit_code == 0
    assert result.stdout.startswith("0 new, ") and result.stdout.strip().endswith(", 0 failed")


def test_cli_events_jsonl_carries_schema_fields_and_ids(demo_db: str) -> None:
    lines = run("events", "--db", demo_db, "--format", "jsonl", "--country", "irn").splitlines()
    assert lines
    for line in lines:
        event = json.loads(line)
        assert {
            "id",
            "article_id",
            "type",
            "mode",
            "countries",
            "orgs",
            "actors",
            "domains",
            "location",
            "date",
            "story",
            "evidence",
        } <= set(event)
        assert "IRN" in event["countries"]


def test_cli_events_csv_and_table(demo_db: str) -> None:
    rows = list(csv.DictReader(io.StringIO(run("events", "--db", demo_db, "--format", "csv"))))
    assert rows and {"id", "type", "countries", "day", "story", "evidence"} <= set(rows[0])
    assert "Events" in run("events", "--db", demo_db, "--since", "2024-01", "--until", "2024-12")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--country", "Iran"], "country code like IRN"),
        (["--since", "January"], "date like 2023"),
        (["--type", "TALK"], "TALK"),
        (["--format", "xml"], "xml"),
    ],
)
def test_cli_events_bad_filters_are_usage_errors(
    demo_db: str, args: list[str], message: str
) -> None:
    result = CliRunner().invoke(main, ["events", "--db", demo_db, *args])
    assert result.exit_code == 2 and message in result.output


@pytest.mark.parametrize("query", ["همکاری‌ها", "همکاری ها", "همکاریها"])
def test_cli_articles_search_persian_whatever_its_zwnj(demo_db: str, query: str) -> None:
    found = [
        json.loads(line)
        for line in run(
            "articles", "--db", demo_db, "--search", query, "--format", "jsonl"
        ).splitlines()
    ]
    assert found and all(a["lang"] == "fa" for a in found)


def test_cli_actors(demo_db: str) -> None:
    rows = list(csv.DictReader(io.StringIO(run("actors", "--db", demo_db, "--format", "csv"))))
    assert rows and {"name", "name_latn", "country", "events"} <= set(rows[0])


@pytest.mark.parametrize("fmt", ["parquet", "csv", "jsonl"])
def test_cli_export(demo_db: str, tmp_path: Path, fmt: str) -> None:
    out = tmp_path / "out"
    written = run("export", "--db", demo_db, "--format", fmt, "--out", str(out)).split()
    assert sorted(Path(p).name for p in written) == sorted(
        f"{t}.{fmt}"
        for t in (
            "articles",
            "events",
            "actors",
            "event_actors",
            "commitments",
            "quantities",
            "evidence",
        )
    )


def test_cli_export_records_to_standard_output_or_a_file(demo_db: str, tmp_path: Path) -> None:
    lines = run("export", "--db", demo_db, "--format", "plover").splitlines()
    plover = [json.loads(line) for line in lines]
    assert {r["event_type"] for r in plover} >= {"CONSULT", "SUPPORT", "COOPERATE", "AGREE"}
    out = tmp_path / "events.tsv"
    result = CliRunner().invoke(main, ["export", "--db", demo_db, "--format", "cameo",
                                       "--out", str(out)])  # fmt: skip
    assert result.exit_code == 0 and result.stdout == ""
    assert result.stderr == f"{len(plover)} events and commitments written to {out}\n"
    rows = list(csv.DictReader(out.open(encoding="utf-8"), delimiter="\t"))
    assert {r["Event ID"].split("-")[0] for r in rows} == {r["id"] for r in plover}


def test_cli_export_of_tables_needs_a_folder(demo_db: str) -> None:
    result = CliRunner().invoke(main, ["export", "--db", demo_db, "--format", "csv"])
    assert result.exit_code == 2 and "--out names the folder" in result.output


def test_cli_reextract_when_nothing_is_stale(demo_db: str) -> None:
    assert run("reextract", "--db", demo_db).startswith("0 articles re-extracted")
