"""Stories and commitments over the demo's database, through the command line."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from accords.cli import main
from tests.followup_texts import PAIRS, write_jsonl

SAMPLES = Path(__file__).resolve().parents[1] / "samples"


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> str:
    db = str(tmp_path_factory.mktemp("link") / "accords.db")
    result = CliRunner().invoke(main, ["ingest", str(SAMPLES), "--db", db])
    assert result.exit_code == 0, result.output
    return db


def _jsonl(*args: str) -> list[dict[str, object]]:
    result = CliRunner().invoke(main, [*args, "--format", "jsonl"])
    assert result.exit_code == 0, result.output
    return [json.loads(line) for line in result.stdout.splitlines() if line.strip()]


def test_cli_events_counts_real_events_not_reports(demo_db: str) -> None:
    per_story = _jsonl("events", "--db", demo_db)
    per_report = _jsonl("events", "--db", demo_db, "--reports")
    assert len(per_story) < len(per_report)
    stories = [row["story"] for row in per_story]
    assert len(stories) == len(set(stories))
    # the joint operation of June was reported in three sources, in three languages
    operation = next(r for r in per_story if str(r["date"]).startswith("2024-06"))
    assert operation["reports"] == 3


def test_cli_stories_list_reports_and_languages(demo_db: str) -> None:
    stories = _jsonl("stories", "--db", demo_db)
    widest = max(stories, key=lambda s: len(s["reports"]))  # type: ignore[arg-type]
    assert set(widest["languages"]) >= {"en", "fa"}  # type: ignore[arg-type]
    assert {"IRN", "OMN"} <= set(widest["countries"])  # type: ignore[arg-type]


def test_cli_commitments_status_and_filter(demo_db: str) -> None:
    rows = _jsonl("commitments", "--db", demo_db)
    assert {row["status"] for row in rows} >= {"kept", "open"}
    kept = _jsonl("commitments", "--db", demo_db, "--status", "kept")
    assert kept and all(row["status"] == "kept" and row["kept_by"] for row in kept)
    # counted to the newest article: with a short window, the open ones go stale
    stale = _jsonl("commitments", "--db", demo_db, "--status", "stale", "--stale-after", "1")
    assert len(stale) > len(_jsonl("commitments", "--db", demo_db, "--status", "stale"))


@pytest.mark.parametrize("command", ["stories", "commitments"])
def test_cli_link_commands_show_an_example(command: str) -> None:
    result = CliRunner().invoke(main, [command, "--help"])
    assert result.exit_code == 0 and re.search(rf"accords {command}", result.stdout)


def test_cli_commitments_name_the_event_that_kept_it_and_its_report(tmp_path: Path) -> None:
    source = write_jsonl(tmp_path / "news.jsonl", *PAIRS["fa"])
    db = str(tmp_path / "accords.db")
    assert CliRunner().invoke(main, ["ingest", str(source), "--db", db]).exit_code == 0
    (kept,) = _jsonl("commitments", "--db", db, "--status", "kept")
    assert kept["steps"] == ["sign"] and kept["reports"][0]["source"].endswith("news.jsonl:1")
    by = kept["kept_by"]
    assert (by["date"], by["type"], by["article"]["source"]) == (
        "2024-03-05",
        "AGREE",
        f"{source}:2",
    )
    table = CliRunner().invoke(main, ["commitments", "--db", db, "--status", "kept"]).stdout
    assert f"AGREE #{by['event_id']}" in table
    written = CliRunner().invoke(main, ["commitments", "--db", db, "--format", "csv"]).stdout
    rows = list(csv.DictReader(io.StringIO(written)))
    assert [
        (r["kept_by_event"], r["kept_on"], r["kept_by_report"]) for r in rows if r["kept_on"]
    ] == [(str(by["event_id"]), "2024-03-05", f"{source}:2")]
