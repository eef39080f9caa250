from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from accords.text.tokens import TOKEN, split_words, token_strings


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
