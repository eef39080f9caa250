"""The jobs that read, extract, store and link, each written once for every face (command
line, web API, watch, batch engines) to call: ingest.py, add.py (what the API is sent),
reextract.py, files.py (`accords extract`), chunk.py (one chunk of a batch job); and
`extracted`, the one way a fault of the extractor becomes an error."""

from __future__ import annotations

from accords.errors import ExtractionError
from accords.lexicon import Lexicon
from accords.model import Article, Extraction
from accords.pipeline import extract


def extracted(article: Article, lexicon: Lexicon) -> Extraction:
    """The article's extraction; a fault of the rules raises ExtractionError, which each
    job reports like a bad source while the other articles go on."""
    try:
        return extract(article, lexicon)
    except Exception as fault:
        raise ExtractionError(fault, source=article.doc) from fault
