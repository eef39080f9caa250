from __future__ import annotations

from pathlib import Path

import pytest

from accords.lexicon import Lexicon, load

SHARED = Path(__file__).resolve().parents[1].parent / "shared"


@pytest.fixture(scope="session")
def lexicon() -> Lexicon:
    return load()
