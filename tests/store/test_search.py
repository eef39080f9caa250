from __future__ import annotations

import pytest
from sqlalchemy import select

from accords.store import Store, search
from accords.store.schema import articles
from tests.store.builders import article, extraction

ZWNJ = "\u200c"
FORMS = ("همکاری\u200cها", "همکاری ها", "همکاریها")


def found(store: Store, query: str) -> list[int]:
    with store.reading() as connection:
        statement = search.matching(select(articles.c.id), query, store.dialect)
        return [row.id for row in connection.execute(statement)]


@pytest.mark.parametrize("written", FORMS)
def test_search_persian_finds_the_word_whatever_its_zwnj(store: Store, written: str) -> None:
    text = f"وزیران کشور ایران و عمان بر گسترش {written} امنیتی در دریای عمان تاکید کردند."
    article_id = store.add(article(text, lang="fa"), extraction(), version="1")
    store.add(article("A text about something else entirely."), extraction(), version="1")
    for query in FORMS:
        assert found(store, query) == [article_id], query


def test_search_folds_arabic_letter_variants_digits_and_case(store: Store) -> None:
    arabic = store.add(
        article("وقعت إيران وعمان مذكرة تفاهم أمنية في 17 أبريل", lang="ar"),
        extraction(),
        version="1",
    )
    english = store.add(
        article("Oman and IRAN signed a Memorandum in Tehran"), extraction(), version="1"
    )
    assert found(store, "ايران") == [arabic]  # without the hamza
    assert found(store, "مذكره") == [arabic]  # ta marbuta written as ha
    assert found(store, "مذکره") == [arabic]  # Persian keheh for Arabic kaf
    assert found(store, "١٧") == [arabic]  # Arabic-Indic digits
    assert found(store, "memorandum iran") == [english]
    assert found(store, "memorandum venezuela") == []


def test_search_title_counts(store: Store) -> None:
    article_id = store.add(
        article("The ministers met on Monday.", title="Coastguard pact"), extraction(), version="1"
    )
    assert found(store, "coastguard") == [article_id]


@pytest.mark.parametrize("query", ['"', "AND OR NOT", "*", "(", "NEAR(", "-", "a:b", "   ", "'"])
def test_search_user_text_is_never_query_syntax(store: Store, query: str) -> None:
    store.add(article("Iran and Oman AND OR NOT near"), extraction(), version="1")
    found(store, query)  # no error; what it finds does not matter


def test_search_index_fields_hold_joined_forms() -> None:
    title, body, joined = search.index_fields("تفاهم‌نامه", "همکاری‌ها")
    assert ZWNJ not in title + body
    assert set(joined.split()) == {"تفاهمنامه", "همکاریها"}
