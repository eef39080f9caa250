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


CLITICS = ("التعاون", "بالتعاون", "للتعاون", "والتعاون", "تعاون")


def test_search_arabic_clitics_are_folded_in_the_index_and_the_query(store: Store) -> None:
    ids = [
        store.add(article(f"أكد الوزيران على {word} الأمني بين البلدين رقم {n}.", lang="ar"),
                  extraction(), version="1")
        for n, word in enumerate(CLITICS)
    ]  # fmt: skip
    other = store.add(article("بحث الوزيران الوضع في المنطقة.", lang="ar"), extraction(),
                      version="1")  # fmt: skip
    for query in CLITICS:
        assert sorted(found(store, query)) == sorted(ids), query
    # a word that only starts like a clitic keeps its letters: «بحث» is no «ب» + «حث»
    assert found(store, "بحث") == [other]
    assert found(store, "حث") == []
    assert search.stem("وبالتعاون") == search.stem(search.fold("للتعاون")) == "تعاون"


def test_search_chinese_is_found_inside_a_run_of_characters(store: Store) -> None:
    chinese = store.add(
        article("中国和阿曼警方在马斯喀特举行会谈，双方同意加强合作。", lang="zh"),
        extraction(),
        version="1",
    )
    store.add(article("中方表示作合是错误的写法。", lang="zh"), extraction(), version="1")
    assert found(store, "合作") == [chinese]
    assert found(store, "加强合作") == [chinese]
    assert found(store, "阿曼 合作") == [chinese]
    assert found(store, "马斯喀特") == [chinese]
    assert chinese in found(store, "曼")  # one character alone
    assert found(store, "合作警方") == []  # the pairs must follow each other


def test_search_alternatives_find_other_spellings(store: Store) -> None:
    persian = store.add(article("سردار رادان در مسقط گفت", lang="fa"), extraction(), version="1")
    english = store.add(article("Radan said in Muscat"), extraction(), version="1")
    with store.reading() as connection:
        statement = search.matching(
            select(articles.c.id), "Радан", store.dialect, ["Radan", "رادان"]
        )
        assert sorted(row.id for row in connection.execute(statement)) == sorted([persian, english])
    assert found(store, "Радан") == []
