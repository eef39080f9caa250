"""Tokens: the units lexicon terms are matched on.

A token is a run of letters (with the ZWNJs and apostrophes inside a word), a run of
digits, or a single Han character (Chinese has no spaces, so each character is a token and
terms match as character sequences).
"""

from __future__ import annotations

import re

from accords.model import Span

_HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
TOKEN = re.compile(
    rf"[{_HAN}]"
    rf"|\d+(?:[.,]\d+)*"
    rf"|[^\W\d_{_HAN}](?:[^\W\d_{_HAN}]|\u200c(?=[^\W\d_])|['](?=[^\W\d_]))*"
)


def tokenize(text: str) -> list[Span]:
    return [Span(m.start(), m.end()) for m in TOKEN.finditer(text)]


def is_han(char: str) -> bool:
    code = ord(char)
    return 0x3400 <= code <= 0x4DBF or 0x4E00 <= code <= 0x9FFF or 0xF900 <= code <= 0xFAFF
