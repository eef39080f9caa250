"""The limits that keep one input from taking a whole run's memory or time, in one place.

Each has a default that no news article comes near, and an environment variable that
changes it for a run (README, "What happens when things go wrong"):

    ACCORDS_MAX_MB=50 accords ingest big-pages/

A value that is not a positive number is reported by the command line in one line, before
any work starts (`problems`); the modules read the values when they are imported, so a
process and the workers it starts (the batch engines') all hold the same ones.
"""

from __future__ import annotations

import os
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Limit:
    variable: str
    default: float
    unit: str
    meaning: str

    def read(self) -> float:
        """The value the environment sets, else the default (a bad value too: see
        `problems`)."""
        value = _number(os.environ.get(self.variable))
        return self.default if value is None else value


def _number(text: str | None) -> float | None:
    if text is None or not text.strip():
        return None
    try:
        value = float(text)
    except ValueError:
        return None
    return value if 0 < value < float("inf") else None


SIZE = Limit(
    "ACCORDS_MAX_MB", 20, "MB", "a file, a page, a feed, or one line or record of JSON Lines, "
    "WARC or Parquet, as read and as decompressed",
)  # fmt: skip
HEADER = Limit("ACCORDS_MAX_HEADER_KB", 1024, "KB", "one header line of a WARC record")
READ_TIMEOUT = Limit("ACCORDS_FETCH_TIMEOUT", 20, "s", "a server silent while fetching")
DEADLINE = Limit("ACCORDS_FETCH_DEADLINE", 120, "s", "a whole fetch of one address")
TEXT = Limit(
    "ACCORDS_MAX_CHARACTERS", 1_000_000, "characters",
    "the text extracted from one article; the rest is cut, and the output says where",
)  # fmt: skip
ALL = (SIZE, HEADER, READ_TIMEOUT, DEADLINE, TEXT)

MAX_BYTES = int(SIZE.read() * 1024 * 1024)
MAX_HEADER_BYTES = int(HEADER.read() * 1024)
FETCH_TIMEOUT = READ_TIMEOUT.read()
FETCH_DEADLINE = DEADLINE.read()
LONGEST_TEXT = int(TEXT.read())


def problems() -> list[str]:
    """One line for each limit the environment sets to something that is not a positive
    number (the default holds for it)."""
    out = []
    for limit in ALL:
        text = os.environ.get(limit.variable, "")
        if text.strip() and _number(text) is None:
            meaning = limit.meaning.split(";")[0]
            out.append(
                f"{limit.variable}={text!r} is not a positive number of {limit.unit} (the "
                f"limit on {meaning}; by default {limit.default:g})"
            )
    return out
