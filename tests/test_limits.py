"""The limits on one input: their defaults, and a run's own values by environment."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from accords import limits

MEETING = "Iran and Oman police chiefs met in Muscat on Friday to discuss drug trafficking. "


def accords(*args: str, **environment: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "accords", *args],
        capture_output=True,
        text=True,
        env={**os.environ, **environment},
        timeout=120,
    )


def test_limits_defaults_are_far_above_any_article() -> None:
    assert limits.MAX_BYTES == 20 << 20
    assert limits.LONGEST_TEXT == 1_000_000
    assert limits.FETCH_DEADLINE > limits.FETCH_TIMEOUT


def test_limits_a_run_sets_its_own_size_and_text_limits(tmp_path: Path) -> None:
    article = tmp_path / "long.txt"
    article.write_text(MEETING * 400, encoding="utf-8")  # 32 KB
    smaller = accords("extract", str(article), ACCORDS_MAX_MB="0.01")
    assert smaller.returncode == 1
    assert "over the limit of 10.2 KB (ACCORDS_MAX_MB)" in smaller.stderr
    cut = accords("extract", str(article), ACCORDS_MAX_CHARACTERS="2000")
    assert cut.returncode == 0, cut.stderr
    assert "only the first 1,943 of 32,400 characters were read" in cut.stderr
    assert "ACCORDS_MAX_CHARACTERS" in cut.stderr


@pytest.mark.parametrize("value", ["abc", "-1", "0", "inf"])
def test_limits_a_value_that_is_no_positive_number_stops_the_run(
    tmp_path: Path, value: str
) -> None:
    article = tmp_path / "a.txt"
    article.write_text(MEETING, encoding="utf-8")
    run = accords("extract", str(article), ACCORDS_FETCH_DEADLINE=value)
    assert run.returncode == 2
    assert run.stdout == ""
    assert run.stderr.splitlines() == [
        f"accords: ACCORDS_FETCH_DEADLINE={value!r} is not a positive number of s (the limit "
        "on a whole fetch of one address; by default 120)"
    ]


def test_limits_every_one_is_in_the_readme_with_its_default() -> None:
    readme = (Path(__file__).parents[1] / "README.md").read_text(encoding="utf-8")
    for limit in limits.ALL:
        assert f"| `{limit.variable}` | {limit.default:,.0f} |" in readme, limit.variable
