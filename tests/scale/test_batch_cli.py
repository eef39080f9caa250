from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from accords.cli import main


def test_batch_cli_reports_bad_records_and_goes_on(corpus: Path, tmp_path: Path) -> None:
    result = CliRunner().invoke(
        main, ["batch", str(corpus), "--out", str(tmp_path / "out"), "--workers", "1"]
    )
    assert result.exit_code == 0, result.output
    errors = [line for line in result.stderr.splitlines() if line.startswith("accords: ")]
    assert len(errors) == 2
    assert f"{corpus}/news.jsonl: 1 record: not a JSON object" in errors[0] + errors[1]
    assert "8 articles" in result.stdout
    assert "2 bad records" in result.stdout


def test_batch_cli_master_needs_the_spark_engine(corpus: Path, tmp_path: Path) -> None:
    result = CliRunner().invoke(
        main, ["batch", str(corpus), "--out", str(tmp_path / "out"), "--master", "local[1]"]
    )
    assert result.exit_code == 2
    assert "--engine spark" in result.stderr


def test_batch_cli_an_input_not_there_is_one_line_and_exit_1(corpus: Path, tmp_path: Path) -> None:
    mistyped = tmp_path / "nwes.jsonl"
    result = CliRunner().invoke(
        main,
        ["batch", str(mistyped), str(corpus), "--out", str(tmp_path / "out"), "--workers", "1"],
    )
    assert result.exit_code == 1, result.output
    assert f"accords: {mistyped}: no such file or folder" in result.stderr.splitlines()
    assert "8 articles" in result.stdout  # the others are read all the same
    assert "1 input not read" in result.stdout


def test_batch_cli_an_empty_folder_gets_a_note(tmp_path: Path) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    result = CliRunner().invoke(main, ["batch", str(empty), "--out", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    assert result.stderr.splitlines() == [
        f"accords: note: {empty}: the folder holds no file batch reads (JSON Lines, Parquet, "
        "WARC, text, HTML, feeds)"
    ]
