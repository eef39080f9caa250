"""The only place that knows about letter variants, digits, diacritics, tatweel and ZWNJ.

`normalise(text)` returns the text every stage matches against and, for each of its
characters, the index of the original character it came from, so that any span found on
the normalised text maps back to the original (for evidence and for the web page).
"""

from __future__ import annotations

import functools
import importlib.metadata
import itertools
import re
import unicodedata
from collections.abc import Iterable
from pathlib import Path
from typing import cast

from accords.text.native import c_fold, c_fold_learn, c_zwnj_places

ZWNJ = "\u200c"

# Letter variants that NFKD leaves apart; the hamza forms (أ إ آ ؤ ئ ۀ) decompose to a base
# letter and a combining mark, which is dropped with the other marks.
_LETTERS = {
    "ي": "ی", "ى": "ی", "ك": "ک", "ة": "ه", "ٱ": "ا", "ە": "ه", "ۍ": "ی", "ې": "ی",
    # Urdu writes the same names with its own he and ye: «نقوی» and «نقوی», «اللہ» and «الله»
    "ہ": "ه", "ۃ": "ه", "ے": "ی", "ۓ": "ی",
    "\u0640": "",  # tatweel
    "\u200d": "", "\u200e": "", "\u200f": "", "\ufeff": "", "\u00ad": "",
    "\u202a": "", "\u202b": "", "\u202c": "", "\u202d": "", "\u202e": "",
    "«": '"', "»": '"', "“": '"', "”": '"', "„": '"', "‘": "'", "’": "'", "`": "'",
    # Windows-1252 quotation marks read as Latin-1 are C1 controls no text means as such:
    # «Bulgaristan\x92a» is Bulgaristan'a
    "\x91": "'", "\x92": "'", "\x93": '"', "\x94": '"',
    "،": ",", "؛": ";", "٪": "%", "۔": ".",
}  # fmt: skip

# Suffixes that Persian writes after a ZWNJ; scraped text often has a space or nothing.
_FA_SUFFIXES = ("هایی", "هایم", "هایت", "هایش", "هایمان", "هایشان", "ها", "های", "ترین", "تر")
_FA_PREFIXES = ("نمی", "می")
# Each opens with a character, not a lookbehind, so the regex engine can skip ahead to it.
_SPACE_BEFORE_SUFFIX = re.compile(r" (?<=[^\W\d_] )(?=(?:ها|های|هایی|هایش|هایشان|ترین)\b)")
_SPACE_AFTER_PREFIX = re.compile(r"(?:ن(?<![^\W\d_]ن)می|م(?<![^\W\d_]م)ی) (?=[^\W\d_]{2})")
_WORD = re.compile(r"([^\W\d_]+)")  # in a group: the text split by it keeps its words


@functools.cache
def persian_words() -> frozenset[str]:
    """hazm's Persian word list, read from the installed distribution without importing
    hazm (whose own dependencies accords does not need). Empty when hazm is absent."""
    try:
        dist = importlib.metadata.distribution("hazm")
    except importlib.metadata.PackageNotFoundError:
        return frozenset()
    path = Path(str(dist.locate_file("hazm/data/words.dat")))
    if not path.exists():
        return frozenset()
    from accords.lexicon.cache import cached, fingerprint

    return cached("fawords-" + fingerprint([path, Path(__file__)]), lambda: _read_words(path))


@functools.cache
def common_persian_words() -> frozenset[str]:
    """The Persian words so frequent in hazm's counts that, alone, they are a word before
    they are anyone's surname («مقدم», «شاه»)."""
    try:
        path = Path(str(importlib.metadata.distribution("hazm").locate_file("hazm/data/words.dat")))
    except importlib.metadata.PackageNotFoundError:
        return frozenset()
    if not path.exists():
        return frozenset()
    from accords.lexicon.cache import cached, fingerprint

    key = "facommon-" + fingerprint([path, Path(__file__)])
    return cached(key, lambda: _read_words(path, least=_COMMON))


_COMMON = 200_000  # occurrences in hazm's counts


def _read_words(path: Path, least: int = 0) -> frozenset[str]:
    folded, _ = _fold(path.read_text(encoding="utf-8"))  # one pass, not one per word
    words = (line.split("\t") for line in folded.splitlines() if line)
    return frozenset(
        w[0] for w in words if not least or (len(w) > 1 and w[1].isdigit() and int(w[1]) >= least)
    )


def fold_letters(text: str) -> str:
    """Normalise a short string (a lexicon term, a query) the same way as `normalise`."""
    return normalise(text)[0]


@functools.cache
def _fold_char(char: str) -> str:
    if char in _LETTERS:
        return _LETTERS[char]
    if char.isdigit() and not char.isascii():
        value = unicodedata.digit(char, None)
        return str(value) if value is not None else char
    out = []
    for part in unicodedata.normalize("NFKD", char):
        category = unicodedata.category(part)
        if category == "Mn" or (category == "Cf" and part != ZWNJ):
            continue
        part = _LETTERS.get(part, part)
        out.append(part.lower() if part.isascii() or category.startswith("L") else part)
    return "".join(out)


def normalise(text: str, *, lang: str | None = None) -> tuple[str, list[int]]:
    """Return (normalised text, offsets) where offsets[i] is the index in `text` of the
    character that normalised character i came from."""
    out, offsets = _fold(text)
    if lang == "fa":
        out, offsets = restore_zwnj(out, offsets)
    return out, offsets


class _FoldCache:
    """A memo of `_fold_char` for the characters met so far. Folding a text then costs a
    few regex scans in C: one for characters never met, one for those that fold to another
    character (upper case, Arabic letter variants, digits), one for those that fold to
    none or to several (diacritics, tatweel, ligatures), around which the offsets move.

    A character never met is learnt with the rest of its block of 256 code points, and the
    patterns are compiled again only then, and only those whose characters changed: the
    letters of a script come a few at a time (start-up folds the thousands of names of the
    actor gazetteer), and compiled again at each new letter the patterns took 0.25 s of a
    0.8 s start-up. A run meets a hundred blocks at most (Chinese has 82)."""

    def __init__(self) -> None:
        self.folded: dict[str, str] = {}
        self.blocks: set[int] = set()  # code point >> 8 of the blocks learnt
        self.changes: set[str] = set()  # the characters that fold to another
        self.irregulars: set[str] = set()  # those that fold to none or to several
        self.unknown = re.compile(_class([], negated=True))
        # a character that folds to another, in a group: the text split by it has those
        # characters at its odd places, replaced there without a Python call per match
        self.changing = re.compile(f"({_class([])})")
        self.irregular = re.compile(_class([]))

    def learn(self, text: str) -> None:
        """Fold the characters of `text` never met, with the rest of their blocks."""
        blocks = {ord(char) >> 8 for char in set(text).difference(self.folded)}
        changes, irregulars = len(self.changes), len(self.irregulars)
        for block in blocks:
            for code in range(block << 8, (block + 1) << 8):
                char = chr(code)
                folded = self.folded[char] = _fold_char(char)
                if folded != char:
                    self.changes.add(char)
                if len(folded) != 1:
                    self.irregulars.add(char)
            if c_fold_learn is not None:
                c_fold_learn(
                    block,
                    tuple(self.folded[chr(code)] for code in range(block << 8, (block + 1) << 8)),
                )
        self.blocks |= blocks
        known = [(block << 8, (block << 8) + 255) for block in sorted(self.blocks)]
        self.unknown = re.compile(_class(known, negated=True))
        if len(self.changes) != changes:
            self.changing = re.compile(f"({_class(_ranges(self.changes))})")
        if len(self.irregulars) != irregulars:
            self.irregular = re.compile(_class(_ranges(self.irregulars)))

    def replace(self, text: str) -> str:
        """The text with each character that folds to another replaced."""
        parts = self.changing.split(text)
        parts[1::2] = map(self.folded.__getitem__, parts[1::2])
        return "".join(parts)


def _ranges(chars: set[str]) -> list[tuple[int, int]]:
    """The code points of `chars` as ranges of consecutive ones, in order."""
    ranges: list[tuple[int, int]] = []
    for code in sorted(map(ord, chars)):
        if ranges and ranges[-1][1] == code - 1:
            ranges[-1] = (ranges[-1][0], code)
        else:
            ranges.append((code, code))
    return ranges


def _class(ranges: list[tuple[int, int]], *, negated: bool = False) -> str:
    """A regex class of the code points of the ranges (of any other, when negated), each
    range written as one: a class of thousands of characters compiles in a millisecond."""
    if not ranges:
        return r"[\s\S]" if negated else r"(?!)"
    written = "".join(
        re.escape(chr(low)) if low == high else f"{re.escape(chr(low))}-{re.escape(chr(high))}"
        for low, high in ranges
    )
    return ("[^" if negated else "[") + written + "]"


_CACHE = _FoldCache()


def _fold(text: str) -> tuple[str, list[int]]:
    if text.isascii():
        # all ASCII folds to lower case, ` to ': no character drops or expands
        return text.lower().replace("`", "'"), list(range(len(text)))
    if c_fold is not None:  # the same in one pass in C, with the tables _CACHE learns
        folded = c_fold(text)
        if folded is None:  # a character of a block never met
            _CACHE.learn(text)
            folded = c_fold(text)
        if folded is not None:
            return folded
    return _fold_by_regex(text)


def _fold_by_regex(text: str) -> tuple[str, list[int]]:
    """`_fold` of a text that is not ASCII where the C pass was not built: the reference it
    is held to (regex scans of the characters that change, learnt by _CACHE)."""
    if _CACHE.unknown.search(text):
        _CACHE.learn(text)
    out = _CACHE.replace(text)
    if not _CACHE.irregular.search(text):
        return out, list(range(len(text)))
    offsets: list[int] = []
    last = 0
    for match in _CACHE.irregular.finditer(text):
        index = match.start()
        offsets.extend(range(last, index))
        offsets.extend([index] * len(_CACHE.folded[text[index]]))
        last = index + 1
    offsets.extend(range(last, len(text)))
    return out, offsets


def restore_zwnj(text: str, offsets: list[int]) -> tuple[str, list[int]]:
    """Put back the ZWNJs that scraped Persian text lost, so that «همکاری‌های»,
    «همکاری های» and «همکاریهای» all read «همکاری‌های»."""
    # A space where a ZWNJ belongs is replaced in place: the offsets do not move.
    text = _SPACE_BEFORE_SUFFIX.sub(ZWNJ, text)
    text = _SPACE_AFTER_PREFIX.sub(lambda m: m.group(0)[:-1] + ZWNJ, text)
    if not persian_words():
        return text, offsets
    inserts = zwnj_places(text)  # positions before which a ZWNJ goes
    if not inserts:
        return text, offsets
    chars: list[str] = []
    new_offsets: list[int] = []
    last = 0
    for cut in inserts:
        chars.append(text[last:cut])
        new_offsets.extend(offsets[last:cut])
        chars.append(ZWNJ)
        new_offsets.append(offsets[cut])
        last = cut
    chars.append(text[last:])
    new_offsets.extend(offsets[last:])
    return "".join(chars), new_offsets


_CUTS: dict[str, tuple[int, ...]] = {}
_CUTS_KEPT = 200_000


def zwnj_places(text: str) -> list[int]:
    """The places in `text` before which a ZWNJ was lost: each word's (memoised), in one
    pass in C where it was built (the regex split below and its lists cost 2 to 3 regex
    word passes over a Persian article, the C pass under one)."""
    if c_zwnj_places is not None:
        return c_zwnj_places(text, _CUTS, _zwnj_cuts)
    return zwnj_places_by_regex(text)


def zwnj_places_by_regex(text: str) -> list[int]:
    """`zwnj_places` where the C pass was not built: the reference it is held to."""
    # The text split by its words: words at the odd places, what lies between them at the
    # even ones, so that each word's cuts (memoised) and its place come from calls in C for
    # all the words at once, not from Python code for each (most words need none).
    parts = _WORD.split(text)
    words = parts[1::2]
    known = list(map(_CUTS.get, words))
    all_cuts = (
        [_zwnj_cuts(w) if c is None else c for w, c in zip(words, known, strict=True)]
        if None in known
        else cast(list[tuple[int, ...]], known)
    )
    if not any(all_cuts):
        return []
    ends = list(itertools.accumulate(map(len, parts)))  # a word's start: the end before it
    return [
        ends[2 * index] + cut
        for index in itertools.compress(range(len(all_cuts)), all_cuts)
        for cut in all_cuts[index]
    ]


def _zwnj_cuts(word: str) -> tuple[int, ...]:
    """Where a word lacks its ZWNJs; memoised in _CUTS, since news repeats its words."""
    cuts = tuple(_missing_zwnj(word, persian_words()))
    if len(_CUTS) < _CUTS_KEPT:
        _CUTS[word] = cuts
    return cuts


def _missing_zwnj(word: str, words: frozenset[str]) -> Iterable[int]:
    if len(word) < 4 or word in words:
        return ()
    for suffix in _FA_SUFFIXES:
        stem = word[: -len(suffix)]
        if word.endswith(suffix) and len(stem) >= 2 and stem in words and _joins(stem[-1]):
            return (len(stem),)
    for prefix in _FA_PREFIXES:
        rest = word[len(prefix) :]
        if word.startswith(prefix) and len(rest) >= 2 and not word.startswith(prefix + ZWNJ):
            return (len(prefix),)
    return ()


# Letters after which Persian needs a ZWNJ to keep the next letter apart; after the others
# (ا د ذ ر ز ژ و) words stay apart on their own and no ZWNJ was lost.
_NON_JOINING = set("اآدذرزژو")


def _joins(letter: str) -> bool:
    return letter not in _NON_JOINING
