"""Tokens: the units lexicon terms are matched on.

A token is a run of letters (with the ZWNJs and apostrophes inside a word), a run of
digits, or a single Han character (Chinese has no spaces, so each character is a token and
terms match as character sequences).
"""

from __future__ import annotations

import re

from accords.model import Span
from accords.text.native import c_tokens

_HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_LETTER = rf"[^\W\d_{_HAN}]"
# runs of letters joined by ZWNJs or apostrophes first: most tokens are words, and a
# run is matched faster than a letter at a time
TOKEN = re.compile(rf"{_LETTER}+(?:[\u200c']{_LETTER}+)*|\d+(?:[.,]\d+)*|[{_HAN}]")
# The same tokens in an ASCII text, where a letter is A-Z and a digit 0-9: byte ranges are
# tested several times faster than the Unicode categories of TOKEN (English news is ASCII
# once the normaliser has straightened its quotation marks).
_ASCII_TOKEN = re.compile(r"[A-Za-z]+(?:'[A-Za-z]+)*|[0-9]+(?:[.,][0-9]+)*")


def token_strings(text: str) -> list[str]:
    """The text of each token of `text`."""
    found: list[str] = (_ASCII_TOKEN if text.isascii() else TOKEN).findall(text)
    return found


def split_words(text: str) -> tuple[list[Span], list[str]]:
    """The tokens of `text` and the text of each: in one pass in C where it was built (the
    regex and the Span of each token cost about four regex word passes, the C pass one)."""
    if c_tokens is not None:
        return c_tokens(text)
    return split_words_by_regex(text)


def split_words_by_regex(text: str) -> tuple[list[Span], list[str]]:
    """`split_words` where the C tokeniser was not built: the reference it is held to."""
    words = token_strings(text)
    spans: list[Span] = []
    end = 0
    for word in words:
        # found where the match began: what the regex skipped can open no token
        start = text.find(word, end)
        end = start + len(word)
        spans.append(Span(start, end))
    return spans, words


def is_han(char: str) -> bool:
    code = ord(char)
    return 0x3400 <= code <= 0x4DBF or 0x4E00 <= code <= 0x9FFF or 0xF900 <= code <= 0xFAFF
