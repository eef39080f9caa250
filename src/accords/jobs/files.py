"""Extract many files: read each, extract it, link the stories across them."""

from __future__ import annotations

from collections.abc import Callable

from accords.errors import AccordsError
from accords.ingest.files import read_text
from accords.jobs import extracted
from accords.lexicon import load
from accords.link.stories import assign_stories
from accords.model import Extraction


def extract_files(
    paths: list[str], *, on_error: Callable[[AccordsError], None]
) -> list[Extraction]:
    """Extractions of the files that could be read and extracted, in input order; each
    other file's error is passed to `on_error`, and the file skipped."""
    lexicon = load()
    results: list[Extraction] = []
    for path in paths:
        try:
            results.append(extracted(read_text(path), lexicon))
        except AccordsError as error:
            on_error(error)
    assign_stories(results)
    return results
