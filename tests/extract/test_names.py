"""Names that are also common words need a sign that they are the name."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from accords.extract import mentions
from accords.extract.names import _outside_longer_names
from accords.lexicon import Lexicon
from accords.model import Article, Mention
from accords.pipeline import prepare


def _places(text: str, lang: str, lexicon: Lexicon) -> set[str]:
    doc = prepare(Article(text=text, lang=lang))
    mentions.run(doc, lexicon)
    return {m.entry for m in doc.mentions if m.concept in ("country", "city")}


@pytest.mark.parametrize(
    ("text", "lang", "word"),
    [
        ("Это того стоит, сказал министр.", "ru", "TGO"),  # «того»: that
        ("Цены газа растут.", "ru", "gaza"),  # «газа»: of gas
        ("Le ministre a présidé la réunion du conseil.", "fr", "REU"),  # the meeting
        ("Şirketin mali tablosu açıklandı.", "tr", "MLI"),  # financial
        ("گزارش مالی وزارت اقتصاد منتشر شد.", "fa", "MLI"),  # financial
        ("او به فرم درخواست نگاه کرد.", "fa", "rome"),  # ف + رم is no Roman clitic in Persian
        ("او در رشته حقوق درس خواند.", "fa", "rasht"),  # a field of study, not Rasht + ه
        ("کل شام کو اجلاس ہوا۔", "ur", "SYR"),  # evening
    ],
)
def test_names_a_common_word_is_no_place(text: str, lang: str, word: str, lexicon: Lexicon) -> None:
    assert word not in _places(text, lang, lexicon)


@pytest.mark.parametrize(
    ("text", "lang", "place"),
    [
        ("Министр посетил Того.", "ru", "TGO"),
        ("Министр прибыл в сектор Газа.", "ru", "gaza"),
        ("Le ministre français est arrivé à La Réunion.", "fr", "REU"),
        ("Bakan Mali'yi ziyaret etti.", "tr", "MLI"),
        ("وزیر کشور به کشور مالی سفر کرد.", "fa", "MLI"),  # after «کشور»
        ("نیجر، مالی و چاد نشست امنیتی برگزار کردند.", "fa", "MLI"),  # in a list of countries
        ("وزیر به رم سفر کرد.", "fa", "rome"),
        ("او در شهر اسلامآباد بود.", "fa", "islamabad"),  # two words written as one
        ("شام کے شہر دمشق میں شامی حکام سے ملاقات ہوئی۔", "ur", "SYR"),
        ("他访问了蒙古国。", "zh", "MNG"),
    ],
)
def test_names_the_name_is_still_found(text: str, lang: str, place: str, lexicon: Lexicon) -> None:
    assert place in _places(text, lang, lexicon)


def test_names_a_chinese_place_inside_a_longer_name_is_part_of_it(lexicon: Lexicon) -> None:
    # 内蒙古 (Inner Mongolia, a Chinese region) holds 蒙古 (Mongolia)
    assert "MNG" not in _places("内蒙古自治区公安厅召开会议。", "zh", lexicon)


def test_names_a_surname_that_is_a_word_needs_its_full_name_first(lexicon: Lexicon) -> None:
    from accords.pipeline import extract

    # «برای» (for) is also how Persian writes the surname of Christopher Wray
    text = (
        "دیدار پلیس ایران و آمریکا\nرئیس پلیس ایران برای مبارزه با مواد مخدر با هیئتی از "
        "آمریکا در تهران دیدار کرد.\n"
    )
    result = extract(Article(text=text, lang="fa"), lexicon)
    names = {a.name_latn for e in result.events for a in e.actors}
    assert not any("Wray" in name for name in names)


@st.composite
def _han_mentions(draw: st.DrawFn) -> list[Mention]:
    spans = draw(
        st.lists(
            st.tuples(
                st.integers(0, 12),
                st.integers(1, 5),
                st.sampled_from(("country", "city", "organization", "person", "domain")),
            ),
            max_size=10,
        )
    )
    found = [
        Mention(start, concept, "x", start + size, 0, start, start)
        for start, size, concept in spans
    ]
    return sorted(found, key=lambda m: m.start)


@given(_han_mentions())
def test_names_a_place_inside_a_longer_name_is_dropped_as_the_plain_rule_says(
    found: list[Mention],
) -> None:
    named = [m for m in found if m.concept in ("country", "city", "organization", "person")]
    plain = [
        m
        for m in found
        if m.concept not in ("country", "city")
        or not any(
            n.start <= m.start and m.end <= n.end and n.end - n.start > m.end - m.start
            for n in named
        )
    ]
    assert _outside_longer_names(found) == plain
