"""The dev set of ../shared/eval, scored with its own scorer, held to the floors in
benchmarks/eval_floors.json. Skips when ../shared is not beside the project."""

from __future__ import annotations

import json
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import SHARED

FLOORS = Path(__file__).resolve().parents[1] / "benchmarks" / "eval_floors.json"


@pytest.mark.skipif(not (SHARED / "eval" / "score.py").exists(), reason="../shared is absent")
@pytest.mark.parametrize("langs", sorted(json.loads(FLOORS.read_text())))
def test_eval_dev_set_meets_the_floors(langs: str) -> None:
    floors: dict[str, float] = json.loads(FLOORS.read_text())[langs]
    command = f"{shlex.quote(sys.executable)} -m accords extract {{files}} --format jsonl"
    run = subprocess.run(
        [
            sys.executable,
            str(SHARED / "eval" / "score.py"),
            str(SHARED / "eval" / "dev"),
            "--cmd",
            command,
            "--lang",
            langs,
            "--json",
        ],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert run.stdout, run.stderr
    figures = json.loads(run.stdout.splitlines()[0])
    assert not figures["missing"]
    short = {
        field: figures["fields"][field]["f1"]
        for field, floor in floors.items()
        if figures["fields"][field]["f1"] < floor
    }
    assert not short, f"below the floors {floors}: {short}"
