"""Which of the languages accords serves a text is written in, or `und` when unsure.

The script decides most cases cheaply and surely (Han is Chinese, Cyrillic Russian; within
the Arabic script, letters only Persian or only Urdu uses tell the three apart); lingua,
restricted to the Latin-script languages we serve, decides among those.
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from typing import Any

LANGUAGES = ("en", "fa", "ar", "ru", "zh", "tr", "fr", "ur")

_URDU = frozenset("ٹڈڑںےہھ")
_PERSIAN = frozenset("پچژگیک")
_ARABIC = frozenset("ةيكى")
_DISTINCT = re.compile("[" + "".join(sorted(_URDU | _PERSIAN | _ARABIC)) + "]")
_MIN_LETTERS = 12
# runs, not single letters: counting the letters of a few runs is cheaper than listing each
_LETTERS = re.compile(r"[^\W\d_]+")
_SCRIPTS = {
    "arabic": re.compile(r"[\u0600-\u06ff\u0750-\u077f\ufb50-\ufeff]+"),
    "han": re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+"),
    "cyrillic": re.compile(r"[\u0400-\u04ff]+"),
    "latin": re.compile(r"[a-zA-Z\u00c0-\u024f\u1e00-\u1eff]+"),
}


def detect(text: str, *, sample: int = 2000) -> str:
    """Return an ISO 639-1 code from LANGUAGES, or `und`."""
    head = text[:sample]
    total = _letters(_LETTERS, head)
    if total < _MIN_LETTERS:
        return "und"
    counts = {script: _letters(pattern, head) for script, pattern in _SCRIPTS.items()}
    script, count = max(counts.items(), key=lambda item: item[1])
    if count < 0.5 * total:
        return "und"
    if script == "han":
        return "zh"
    if script == "cyrillic":
        return "ru"
    if script == "arabic":
        return _arabic_script_language(Counter(_DISTINCT.findall(head)))
    return _latin_language(head[:1500])


def _letters(pattern: re.Pattern[str], text: str) -> int:
    return sum(map(len, pattern.findall(text)))


def _arabic_script_language(letters: Counter[str]) -> str:
    urdu = sum(letters[c] for c in _URDU)
    persian = sum(letters[c] for c in _PERSIAN)
    arabic = sum(letters[c] for c in _ARABIC)
    if urdu >= 3 and urdu >= 0.2 * persian:
        return "ur"
    if persian > arabic:
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


@functools.cache
def _markers() -> dict[str, frozenset[str]]:
    from accords.lexicon import DATA, read_tsv

    rows = read_tsv(DATA / "languages.tsv", ("home", "order", "place_suffixes", "markers"))
    return {row["id"]: frozenset(row["markers"].split()) for _, row in rows if row["markers"]}


_WORDS = re.compile(r"[^\W\d_]+")
_CLEAR = 3  # a language's markers must outnumber the next one's this many times


def _latin_language(text: str) -> str:
    words = [w.lower() for w in _WORDS.findall(text[:600])]
    counts = sorted(
        ((sum(w in m for w in words), lang) for lang, m in _markers().items()), reverse=True
    )
    if len(counts) > 1 and counts[0][0] >= 5 and counts[0][0] >= _CLEAR * max(counts[1][0], 1):
        return counts[0][1]
    found = _latin_detector().detect_language_of(text)
    if found is None:
        return "und"
    return str(found.iso_code_639_1.name).lower()
