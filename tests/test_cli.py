from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from accords.cli import main

ACCORDS = [sys.executable, "-m", "accords"]

ARTICLE = (
    "Iran and Pakistan step up border cooperation\n"
    "Iranian Interior Minister Eskandar Momeni met Pakistani Interior Minister Mohsin "
    "Naqvi in Islamabad on Monday to discuss drug trafficking and border security.\n"
)


def _run(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([*ACCORDS, *args], capture_output=True, input=stdin, timeout=120)


def test_cli_extract_prints_one_json_line_per_file(tmp_path: Path) -> None:
    a = tmp_path / "a.txt"
    a.write_text(ARTICLE, encoding="utf-8")
    b = tmp_path / "b.txt"
    b.write_text(ARTICLE.replace("Monday", "Tuesday"), encoding="utf-8")
    run = _run("extract", str(a), str(b), "--format", "jsonl")
    assert run.returncode == 0, run.stderr
    lines = [json.loads(line) for line in run.stdout.decode().splitlines()]
    assert [line["doc"] for line in lines] == ["a.txt", "b.txt"]
    assert {"IRN", "PAK"} <= set(lines[0]["events"][0]["countries"])


def test_cli_extract_reads_standard_input() -> None:
    run = _run("extract", "-", stdin=ARTICLE.encode("utf-8"))
    assert run.returncode == 0, run.stderr
    assert json.loads(run.stdout)["doc"] == "-"


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"", "empty"),
        (b"\x00\x01\x02\x03binary\x00\xff" * 50, "binary"),
    ],
)
def test_cli_extract_bad_file_gets_one_line_and_others_still_extracted(
    tmp_path: Path, content: bytes, reason: str
) -> None:
    bad = tmp_path / "bad.txt"
    bad.write_bytes(content)
    good = tmp_path / "good.txt"
    good.write_text(ARTICLE, encoding="utf-8")
    run = _run("extract", str(bad), str(good))
    assert run.returncode == 1
    errors = run.stderr.decode().strip().splitlines()
    assert len(errors) == 1 and "bad.txt" in errors[0] and reason in errors[0]
    assert "Traceback" not in run.stderr.decode()
    assert json.loads(run.stdout)["doc"] == "good.txt"


def test_cli_extract_says_in_one_line_that_a_text_too_long_was_cut(tmp_path: Path) -> None:
    from accords.pipeline import LONGEST_TEXT

    long = tmp_path / "long.txt"
    long.write_text(ARTICLE + " " * LONGEST_TEXT + "\nThe end.\n", encoding="utf-8")
    run = _run("extract", str(long))
    assert run.returncode == 0, run.stderr
    [line] = run.stderr.decode().splitlines()
    assert line.startswith("accords: long.txt: only the first ")
    assert json.loads(run.stdout)["notes"] == [line.removeprefix("accords: long.txt: ")]


def test_cli_extract_missing_file_is_named(tmp_path: Path) -> None:
    run = _run("extract", str(tmp_path / "nope.txt"))
    assert run.returncode == 1
    assert "nope.txt: no such file" in run.stderr.decode()


@pytest.mark.parametrize("encoding", ["cp1256", "utf-16"])
def test_cli_extract_decodes_legacy_encodings(tmp_path: Path, encoding: str) -> None:
    text = (
        "لقاء أمني بين العراق والأردن\n"
        "التقى وزير الداخلية العراقي نظيره الأردني في عمان لبحث مكافحة المخدرات.\n"
    )
    path = tmp_path / "legacy.txt"
    path.write_bytes(text.encode(encoding))
    run = _run("extract", str(path))
    assert run.returncode == 0, run.stderr
    out = json.loads(run.stdout)
    assert out["lang"] == "ar"
    assert {"IRQ", "JOR"} <= {c for e in out["events"] for c in e["countries"]}


def test_cli_help_shows_an_example() -> None:
    for args in (["--help"], ["extract", "--help"]):
        run = _run(*args)
        assert run.returncode == 0
        assert b"Example" in run.stdout


def test_cli_table_is_readable(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    run = _run("extract", str(path), "--format", "table")
    assert run.returncode == 0
    assert b"CONSULT" in run.stdout and b"Islamabad" in run.stdout


def test_cli_every_command_documents_itself_with_an_example() -> None:
    for name, command in main.commands.items():
        result = CliRunner().invoke(main, [name, "--help"])
        assert result.exit_code == 0, name
        assert "Example" in result.output, f"accords {name} --help shows no example"
        for parameter in command.params:
            if isinstance(parameter, click.Option) and not parameter.hidden:
                assert parameter.help, f"accords {name} {parameter.opts[0]} has no help"


_LOGGED_ON_INTERRUPT = """
import logging, sys
from accords.cli import run
sys.argv = ["accords", "--version"]
try:
    run()
except SystemExit:
    pass
try:
    raise KeyboardInterrupt
except KeyboardInterrupt:
    logging.getLogger("sqlalchemy.pool.impl.QueuePool").error(
        "Exception during reset or similar", exc_info=True
    )
"""


def test_cli_keeps_the_database_library_log_off_the_terminal() -> None:
    # SQLAlchemy logs a traceback when Ctrl-C lands while it hands a connection back; the
    # interrupt itself is reported ("Aborted!"), that log must not reach the user. In a
    # process of its own: pytest's log capture would take the record first.
    done = subprocess.run(
        [sys.executable, "-c", _LOGGED_ON_INTERRUPT], capture_output=True, text=True, check=True
    )
    assert "Traceback" not in done.stderr
