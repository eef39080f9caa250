from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import settings

from accords.lexicon import Lexicon, load

# No test asserts time (benchmarks/ measures it): hypothesis's 200 ms deadline per example
# failed property tests, as "flaky", on a loaded machine
settings.register_profile("accords", deadline=None)
settings.load_profile("accords")

SHARED = Path(__file__).resolve().parents[1].parent / "shared"


@pytest.fixture(scope="session")
def lexicon() -> Lexicon:
    return load()
