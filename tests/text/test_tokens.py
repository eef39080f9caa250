from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from accords.text.tokens import (
    TOKEN,
    split_words,
    split_words_by_regex,
    token_strings,
)


def test_tokens_are_words_numbers_and_han_characters() -> None:
    assert token_strings("Iran's police, 2.5 tonnes") == ["Iran's", "police", "2.5", "tonnes"]
    assert token_strings("همکاری\u200cهای ۱۴۰۲") == ["همکاری\u200cهای", "۱۴۰۲"]
    assert token_strings("公安部长") == ["公", "安", "部", "长"]
    assert token_strings("snake_case x2") == ["snake", "case", "x", "2"]


def test_split_words_gives_each_token_its_span() -> None:
    text = "met  in Beijing, 18 Jan."
    spans, words = split_words(text)
    assert words == ["met", "in", "Beijing", "18", "Jan"]
    assert [text[span.start : span.end] for span in spans] == words


_ASCII = st.text(st.sampled_from(list("aZ09'._, -\n\t!q")), max_size=40)


@given(_ASCII)
def test_ascii_text_gets_the_tokens_of_the_unicode_pattern(text: str) -> None:
    # an ASCII text takes a faster pattern: it must find exactly what TOKEN finds
    assert token_strings(text) == TOKEN.findall(text)


# letters of several scripts, digits of three, Han, the joiners, marks, «_», numerals that
# are letters to \w (Ⅷ, ²) and what lies between tokens
_MIXED = st.text(
    st.sampled_from([*"aZé09٣۴²Ⅷ〇_'.,-\u200c\u0301 \n!", "ا", "ی", "ж", "公", "\uf900"]),
    max_size=40,
)


@given(st.one_of(_MIXED, st.text(max_size=40)))
def test_the_c_tokeniser_finds_the_tokens_and_spans_of_the_pattern(text: str) -> None:
    spans, words = split_words(text)
    by_regex, regex_words = split_words_by_regex(text)
    assert words == regex_words == TOKEN.findall(text)
    assert [(s.start, s.end) for s in spans] == [(s.start, s.end) for s in by_regex]
