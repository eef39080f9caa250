"""The passes written in C (text/_scan.c) against the Python they replace: the same tokens,
ZWNJs, matches and mentions, hence the same extraction, on our samples and the dev texts
of ../shared. Each use of a C pass falls back to Python where it was not built, so both
ways are tested here, in one build."""

from __future__ import annotations

from pathlib import Path

import pytest

from accords import pipeline
from accords.extract import actors, mentions
from accords.ingest.files import read_text
from accords.lexicon import Lexicon, matcher
from accords.pipeline import extract, prepare
from accords.text import normalise, tokens
from tests.conftest import SHARED

ROOT = Path(__file__).resolve().parents[2]
TEXTS = sorted((ROOT / "samples").rglob("*.txt")) + sorted((SHARED / "eval" / "dev").glob("*.txt"))


def _without_c(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(tokens, "c_tokens", None)
    monkeypatch.setattr(normalise, "c_zwnj_places", None)
    monkeypatch.setattr(normalise, "c_fold", None)
    monkeypatch.setattr(matcher, "c_find", None)
    monkeypatch.setattr(mentions, "c_mentions", None)
    monkeypatch.setattr(mentions, "c_group", None)
    monkeypatch.setattr(mentions, "c_index", None)
    monkeypatch.setattr(mentions, "c_longest", None)
    monkeypatch.setattr(actors, "c_token_tags", None)
    monkeypatch.setattr(pipeline, "c_token_sentences", None)


def test_the_c_passes_are_built() -> None:
    # make venv and pip install build them (a compiler is on every machine we run on)
    assert None not in (tokens.c_tokens, normalise.c_zwnj_places, matcher.c_find)
    assert None not in (
        mentions.c_mentions,
        mentions.c_index,
        mentions.c_longest,
        actors.c_token_tags,
    ), (
        "the C passes (src/accords/text/_scan.c) are not built in this environment, or were "
        "built from an older _scan.c: "
        "`make venv` builds them (pip printed why where it could not)"
    )


def test_the_extraction_is_the_same_with_and_without_the_c_passes(
    lexicon: Lexicon, monkeypatch: pytest.MonkeyPatch
) -> None:
    articles = [read_text(str(path)) for path in TEXTS]
    assert len(articles) >= 4
    with_c = [extract(article, lexicon).to_dict() for article in articles]
    docs = [prepare(article) for article in articles]
    found = [lexicon.matcher.find(doc.words) for doc in docs]
    for doc in docs:
        mentions.run(doc, lexicon)
    tags = [actors._token_tags(doc) for doc in docs]
    _without_c(monkeypatch)
    assert [extract(article, lexicon).to_dict() for article in articles] == with_c
    python_docs = [prepare(article) for article in articles]
    for doc, python_doc, matches, doc_tags in zip(docs, python_docs, found, tags, strict=True):
        assert (doc.text, doc.offsets, doc.words) == (
            python_doc.text,
            python_doc.offsets,
            python_doc.words,
        )
        assert [(s.start, s.end) for s in doc.tokens] == [
            (s.start, s.end) for s in python_doc.tokens
        ]
        assert lexicon.matcher.find(doc.words) == matches
        mentions.run(python_doc, lexicon)
        assert actors._token_tags(python_doc) == doc_tags
        # a dataclass's repr shows every field, in both builds
        assert list(map(repr, doc.mentions)) == list(map(repr, python_doc.mentions))
        for index, python_index in (
            (doc.by_concept, python_doc.by_concept),
            (doc.by_sentence, python_doc.by_sentence),
        ):
            assert {key: list(map(repr, found)) for key, found in index.items()} == {
                key: list(map(repr, found)) for key, found in python_index.items()
            }
