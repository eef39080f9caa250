"""Domains: which subjects a sentence is about, from texts written for these tests."""

from __future__ import annotations

from datetime import date

import pytest

from accords.extract.domains import of_sentences
from accords.lexicon import Lexicon
from accords.model import Article
from accords.pipeline import read


def _domains(lexicon: Lexicon, lang: str, text: str) -> list[str]:
    article = Article(text=text, doc="t.txt", lang=lang, published=date(2025, 3, 3))
    doc, _ = read(article, lexicon)
    return of_sentences(doc, list(range(len(doc.sentences))))


@pytest.mark.parametrize(
    ("lang", "text", "domains"),
    [
        # a drone or vehicles named are not equipment given
        ("en", "The army used a drone and vehicles.", []),
        ("en", "Italy handed over police equipment to Tunisia.", ["equipment_technology"]),
        # a deportation is not migrant smuggling; smuggling of migrants is
        ("en", "The suspect was deported to his home country.", []),
        ("en", "They discussed the deportation of illegal migrants.", ["migrant_smuggling"]),
        # unrest is not public order cooperation
        ("en", "The minister spoke of the unrest in the capital.", []),
    ],
)
def test_domains_a_word_of_force_or_unrest_is_no_subject_of_cooperation(
    lexicon: Lexicon, lang: str, text: str, domains: list[str]
) -> None:
    assert _domains(lexicon, lang, text) == domains
