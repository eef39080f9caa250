"""Text that every store and encoder accepts, and source names that print on one line.

`text` is applied to every string of an Article when it is made (model.py), whatever made
it: a reader, the batch engine or the web API. JSON allows "\\ud800", and a file name that
is not UTF-8 comes to Python with the same lone surrogates; UTF-8 cannot encode them, and
PostgreSQL refuses NUL in text. Each is replaced by U+FFFD, one code point for one, so that
evidence offsets into the text still hold.
"""

from __future__ import annotations

import re

REPLACEMENT = "\ufffd"

_UNSTORABLE = re.compile("[\x00\ud800-\udfff]")
# what would break an error line or disguise it: controls (newline, escape), line and
# paragraph separators, lone surrogates, and the bidirectional overrides and isolates
_UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


def text(value: str) -> str:
    """`value` with each lone surrogate and NUL replaced by U+FFFD; the same length."""
    # every Article passes here: a pass of C over the text, not of the regex engine,
    # which is ten times slower on Persian and Arabic text
    if value.isascii():
        clean = "\x00" not in value
    else:
        try:
            clean = b"\x00" not in value.encode("utf-8")
        except UnicodeEncodeError:
            clean = False
    return value if clean else _UNSTORABLE.sub(REPLACEMENT, value)


def name(source: str) -> str:
    """A file name or address as one printable line: a newline, a tab or another control
    character is written as Python writes it in a string (`\\n`, `\\x1b`, `\\udcff`)."""
    if _UNPRINTABLE.search(source) is None:
        return source
    return _UNPRINTABLE.sub(lambda found: repr(found.group())[1:-1], source)
