"""`accords serve`: its flags, and the message when there is no database."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from accords.cli import main


def test_command_serve_is_listed_with_its_flags() -> None:
    result = CliRunner().invoke(main, ["serve", "--help"])
    assert result.exit_code == 0
    flags = ("--db", "--host", "--port", "ACCORDS_TOKEN", "127.0.0.1", "8000",
             "--allow-private", "ACCORDS_ALLOW_PRIVATE_FETCH")  # fmt: skip
    for flag in flags:
        assert flag in result.output
    assert "serve" in CliRunner().invoke(main, ["--help"]).output


def test_command_serve_without_a_database_says_how_to_make_one(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["serve", "--db", str(tmp_path / "absent.db")])
    assert result.exit_code == 1
    assert "accords ingest" in str(result.exception)
    assert not (tmp_path / "absent.db").exists()


def test_command_serve_refuses_a_bad_port() -> None:
    result = CliRunner().invoke(main, ["serve", "--port", "70000"])
    assert result.exit_code == 2
