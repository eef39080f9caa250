"""One way a fault of the extractor becomes an error: each job reports the text that
tripped the rules with the error's own code, and goes on with the others."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import update

from accords import pipeline
from accords.errors import AccordsError, ExtractionError
from accords.jobs.add import add_text
from accords.jobs.files import extract_files
from accords.jobs.ingest import ingest
from accords.jobs.reextract import reextract
from accords.lexicon import Lexicon
from accords.model import Article
from accords.store import Store
from accords.store.schema import articles
from tests.jobs.test_ingest import write_corpus
from tests.store_fixtures import db_url, store

__all__ = ["db_url", "store"]  # the fixtures, for pytest


@pytest.fixture
def tripping(monkeypatch: pytest.MonkeyPatch) -> list[bool]:
    """The extractor fails on the texts of files named 000.txt, and on every text while
    the list it returns holds True."""
    always: list[bool] = []

    def extract(article: Article, lexicon: Lexicon) -> object:
        if always or article.doc.endswith("000.txt"):
            raise IndexError("rule bug")
        return pipeline.extract(article, lexicon)

    monkeypatch.setattr("accords.jobs.extract", extract)
    return always


def test_extraction_error_has_its_code_and_a_reason_without_the_fault_words() -> None:
    error = ExtractionError(KeyError("Xyz"), source="a.txt")
    assert error.code == "E500" and error.code != AccordsError.code
    assert str(error) == "a.txt: extraction failed (KeyError: 'Xyz'); please report this text"
    assert error.reason == "extraction failed (KeyError); please report this text"


def test_extract_files_reports_a_fault_and_extracts_the_others(
    tmp_path: Path, tripping: list[bool]
) -> None:
    paths = write_corpus(tmp_path, 2)
    errors: list[AccordsError] = []
    results = extract_files(paths, on_error=errors.append)
    assert [r.doc for r in results] == ["001.txt"]
    assert [(type(e), e.source) for e in errors] == [(ExtractionError, "000.txt")]


def test_add_text_reports_a_fault_and_stores_nothing(
    store: Store, lexicon: Lexicon, tripping: list[bool]
) -> None:
    submitted = add_text(store, Article(text="Iran and Oman met.", doc="000.txt"), lexicon)
    assert submitted.articles == []
    assert submitted.errors == ["000.txt: extraction failed (IndexError: rule bug); "
                                "please report this text"]  # fmt: skip


def test_reextract_stops_at_a_fault_with_the_error(
    store: Store, tmp_path: Path, lexicon: Lexicon, tripping: list[bool]
) -> None:
    ingest(store, write_corpus(tmp_path, 2)[1:], lexicon=lexicon)
    with store.writing() as connection:
        connection.execute(update(articles).values(extractor_version="0"))
    tripping.append(True)
    with pytest.raises(ExtractionError, match=r"001\.txt: extraction failed"):
        reextract(store, lexicon=lexicon)
