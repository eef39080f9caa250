"""Extract many files: read each, extract it, link the stories across them."""

from __future__ import annotations

from collections.abc import Callable

from accords.errors import AccordsError
from accords.ingest.files import read_text
from accords.lexicon import load
from accords.link.stories import assign_stories
from accords.model import Extraction
from accords.pipeline import extract


def extract_files(
    paths: list[str], *, on_error: Callable[[AccordsError], None]
) -> list[Extraction]:
    """Extractions of the files that could be read, in input order; each unreadable file
    is passed to `on_error` and skipped."""
    lexicon = load()
    results: list[Extraction] = []
    for path in paths:
        try:
            article = read_text(path)
        except AccordsError as error:
            on_error(error)
            continue
        results.append(extract(article, lexicon))
    assign_stories(results)
    return results
