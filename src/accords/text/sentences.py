"""Sentence splitting over the normalised text.

A line break always ends a sentence (news pages put headline, dateline and paragraphs on
lines of their own). Within a line, . ! ? ؟ end one when a space or the end follows, taking
a closing quotation mark with them (the normaliser has turned « » “ ” into "); the Chinese
。！？ end one with no space after. An abbreviation (Jan., Gen., U.S.) or a single letter
before the full stop does not end the sentence.

A "sentence" of more than LONGEST characters (a text with no stops and no line breaks) is
cut at the last space before that length: the stages look at the words of one sentence
together, which costs the square of its length.
"""

from __future__ import annotations

import re

from accords.model import Span

# Each branch opens with the one character it can start with, checked once up front: a
# pattern that starts with a character class lets the regex engine skip ahead fast.
# A run of stops is read from its first: tried from each stop in it, a run not followed by
# a space («.......x») would be read to its end again and again.
_END = re.compile(
    r"""[.!?؟。！？\n](?:"""
    r"""(?<=[.!?؟])(?<![.!?؟][.!?؟])[.!?؟]*+["')\]]*+(?=\s|$)"""
    r"""|(?<=[。！？])[。！？]*["')\]」』]*"""
    r"""|(?<=\n)\n*)"""
)
# the word before a full stop (U.S. too), read backwards from the stop: a pattern anchored
# at the end ("…\.$") is tried at every position before it
_LAST_WORD_REVERSED = re.compile(r"\.((?:[^\W\d_]+\.)*[^\W\d_]+)")
_ABBREVIATIONS = frozenset(
    [
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
        "mr",
        "mrs",
        "ms",
        "dr",
        "gen",
        "col",
        "lt",
        "maj",
        "brig",
        "capt",
        "sgt",
        "cmdr",
        "adm",
        "no",
        "nos",
        "st",
        "u.s",
        "u.k",
        "u.n",
        "vs",
        "etc",
        "inc",
        "ltd",
        "co",
        "jr",
        "sr",
        "prof",
        "gov",
        "sen",
        "rep",
        "dept",
        "est",
        "approx",
        "fig",
        "vol",
        "art",
        "para",
        "pp",
        "ph.d",
        "e.g",
        "i.e",
        "cf",
    ]
)


# how a sentence ends, read at the end of a line: a line that does not is a headline, a
# stamp or a link of the page, not a sentence of the article
SENTENCE_END = tuple('.!?؟。！？"')


def is_line(text: str, span: Span) -> bool:
    """True when the sentence is a whole line of its own."""
    # read outwards from the sentence, not by copying the text before and after it: the
    # foot of a page may have thousands of lines to walk up
    before = span.start - 1
    while before >= 0 and text[before] in " \t":
        before -= 1
    after = span.end
    while after < len(text) and text[after] in " \t":
        after += 1
    return (before < 0 or text[before] == "\n") and (after == len(text) or text[after] == "\n")


def split(text: str) -> list[Span]:
    """Return the sentences of `text` as spans with surrounding blanks trimmed."""
    spans: list[Span] = []
    start = 0
    for match in _END.finditer(text):
        end = match.end()
        if match.group(0)[0] == "." and _after_abbreviation(text, match.start() + 1):
            continue
        _add(text, start, end, spans)
        start = end
    _add(text, start, len(text), spans)
    return spans


def _after_abbreviation(text: str, dot_end: int) -> bool:
    found = _LAST_WORD_REVERSED.match(text[max(0, dot_end - 12) : dot_end][::-1])
    if not found:
        return False
    word = found.group(1)[::-1].lower()
    return word in _ABBREVIATIONS or (len(word) == 1 and word.isascii())


LONGEST = 20_000  # characters; the longest sentence of 50,000 news articles has 10,000


def _add(text: str, start: int, end: int, spans: list[Span]) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    while end - start > LONGEST:
        cut = text.rfind(" ", start + LONGEST // 2, start + LONGEST)
        if cut < 0:
            cut = start + LONGEST
        _add(text, start, cut, spans)
        start = cut
        while start < end and text[start].isspace():
            start += 1
    if end > start:
        spans.append(Span(start, end))
