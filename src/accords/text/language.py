"""Which of the languages accords serves a text is written in, or `und` when unsure.

The script decides most cases cheaply and surely (Han is Chinese, Cyrillic Russian; within
the Arabic script, letters only Persian or only Urdu uses tell the three apart); lingua,
restricted to the Latin-script languages we serve, decides among those.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from typing import Any

LANGUAGES = ("en", "fa", "ar", "ru", "zh", "tr", "fr", "ur")
# a letter of the Arabic script: the block, its supplement and the presentation forms
# (which text copied from PDFs and old pages still holds)
ARABIC_SCRIPT = re.compile("[\u0600-\u06ff\u0750-\u077f\ufb50-\ufdff\ufe70-\ufefc]")

_URDU = frozenset("ٹڈڑںےہھ")
_PERSIAN = frozenset("پچژگیک")
_ARABIC = frozenset("ةيكى")
_PERSIAN_ONLY = "پچژگ"
_MIN_LETTERS = 12


def _only(leads: Iterable[int]) -> bytes:
    """A table for bytes.translate that deletes every byte but these."""
    keep = set(leads)
    return bytes(b for b in range(256) if b not in keep)


# Scripts are counted on the UTF-8 bytes, where each letter of a script starts with one of
# a few lead bytes: a count is then one pass in C, not a regex step per character.
_SCRIPT_BYTES = {
    "latin": _only([*b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz", *range(0xC3, 0xCA)]),
    "cyrillic": _only(range(0xD0, 0xD4)),  # U+0400-04FF
    "arabic": _only(range(0xD8, 0xDE)),  # U+0600-077F
    "han": _only(range(0xE4, 0xEA)),  # U+4000-9FFF
    # other scripts' letters: Greek, Hebrew, Indic, Hangul… (not symbols, not emoji)
    "other": _only([*range(0xCA, 0xD0), *range(0xD4, 0xD8), *range(0xDE, 0xE2), 0xEA, 0xEB, 0xEC]),
}


def hint(code: str | None) -> str | None:
    """A language a source names ("fa", "FA", "fa-IR", "zh_Hans") as one of LANGUAGES, or
    None for any other (the text's own script then decides): a hint is not trusted to be
    a code at all, and a language accords does not read is no better than none."""
    if not code:
        return None
    primary = code.strip().lower().replace("_", "-").split("-", 1)[0]
    return primary if primary in LANGUAGES else None


def detect(text: str, *, sample: int = 2000) -> str:
    """Return an ISO 639-1 code from LANGUAGES, or `und`."""
    head = text[:sample]
    raw = head.encode("utf-8", "replace")
    counts = {script: len(raw.translate(None, table)) for script, table in _SCRIPT_BYTES.items()}
    total = sum(counts.values())
    if total < _MIN_LETTERS:
        return "und"
    del counts["other"]
    script, count = max(counts.items(), key=lambda item: item[1])
    if count < 0.5 * total:
        return "und"
    if script == "han":
        return "zh"
    if script == "cyrillic":
        return "ru"
    if script == "arabic":
        return _arabic_script_language(head)
    return _latin_language(head[:1500])


def _arabic_script_language(text: str) -> str:
    # str.count per letter: a few fast scans, where a regex steps through every character
    urdu = sum(text.count(c) for c in _URDU)
    persian = sum(text.count(c) for c in _PERSIAN)
    arabic = sum(text.count(c) for c in _ARABIC)
    if urdu >= 3 and urdu >= 0.2 * persian:
        return "ur"
    # Persian written with Arabic ي and ك (older text, many sites) has more "Arabic" letters
    # than Persian ones: its words tell it apart
    by_words = _by_markers(text[:600].translate(_FOLD_YEH_KAF), ("fa", "ar"))
    if by_words:
        return by_words
    # then by letters only one of them writes: Persian پ چ ژ گ, Arabic ة
    if sum(text.count(c) for c in _PERSIAN_ONLY) > text.count("ة") or persian > arabic:
        return "fa"
    if arabic > 0:
        return "ar"
    return "und"


@functools.cache
def _latin_detector() -> Any:
    from lingua import Language, LanguageDetectorBuilder

    return (
        LanguageDetectorBuilder.from_languages(Language.ENGLISH, Language.FRENCH, Language.TURKISH)
        .with_minimum_relative_distance(0.1)
        .build()
    )


# the letters Persian and Arabic write differently, as one: markers compare folded
_FOLD_YEH_KAF = str.maketrans("يكى", "یکی")


@functools.cache
def _markers() -> dict[str, tuple[str, ...]]:
    """Each marker word and the languages it marks."""
    from accords.lexicon import DATA, FILES, read_tsv

    rows = read_tsv(DATA / "languages.tsv", FILES["languages.tsv"][1])
    marks: dict[str, tuple[str, ...]] = {}
    for _, row in rows:
        for word in row["markers"].translate(_FOLD_YEH_KAF).split():
            marks[word] = (*marks.get(word, ()), row["id"])
    return marks


_WORDS = re.compile(r"[^\W\d_]+")
_ASCII_WORDS = re.compile(r"[A-Za-z]+")  # the same words in ASCII text, found faster
_CLEAR = 3  # a language's markers must outnumber the next one's this many times


def _by_markers(head: str, among: tuple[str, ...]) -> str | None:
    """The language of `among` whose marker words clearly outnumber the others' in `head`,
    or None."""
    marks = _markers()
    tally = dict.fromkeys(among, 0)
    for word in (_ASCII_WORDS if head.isascii() else _WORDS).findall(head):
        for lang in marks.get(word, ()):
            if lang in tally:
                tally[lang] += 1
    counts = sorted(((count, lang) for lang, count in tally.items()), reverse=True)
    if counts[0][0] >= 5 and counts[0][0] >= _CLEAR * max(counts[1][0], 1):
        return counts[0][1]
    return None


def _latin_language(text: str) -> str:
    found_by_words = _by_markers(text[:600].lower(), ("en", "tr", "fr"))
    if found_by_words:
        return found_by_words
    found = _latin_detector().detect_language_of(text)
    if found is None:
        return "und"
    return str(found.iso_code_639_1.name).lower()
