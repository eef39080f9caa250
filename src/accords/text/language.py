"""Which of the languages accords serves a text is written in, or `und` when unsure.

The script decides most cases cheaply and surely (Han is Chinese, Cyrillic Russian; within
the Arabic script, letters only Persian or only Urdu uses tell the three apart); lingua,
restricted to the Latin-script languages we serve, decides among those.
"""

from __future__ import annotations

import functools
import unicodedata
from collections import Counter
from typing import Any

LANGUAGES = ("en", "fa", "ar", "ru", "zh", "tr", "fr", "ur")

_URDU = set("ٹڈڑںےہھ")
_PERSIAN = set("پچژگیک")
_ARABIC = set("ةيكى")
_MIN_LETTERS = 12


def detect(text: str, *, sample: int = 4000) -> str:
    """Return an ISO 639-1 code from LANGUAGES, or `und`."""
    head = text[:sample]
    scripts: Counter[str] = Counter()
    letters: Counter[str] = Counter()
    for char in head:
        if not char.isalpha():
            continue
        scripts[_script(char)] += 1
        letters[char] += 1
    total = sum(scripts.values())
    if total < _MIN_LETTERS:
        return "und"
    script, count = scripts.most_common(1)[0]
    if count < 0.5 * total:
        return "und"
    if script == "han":
        return "zh"
    if script == "cyrillic":
        return "ru"
    if script == "arabic":
        return _arabic_script_language(letters)
    if script == "latin":
        return _latin_language(head)
    return "und"


def _script(char: str) -> str:
    code = ord(char)
    if 0x0600 <= code <= 0x06FF or 0x0750 <= code <= 0x077F or 0xFB50 <= code <= 0xFEFF:
        return "arabic"
    if 0x4E00 <= code <= 0x9FFF or 0x3400 <= code <= 0x4DBF or 0xF900 <= code <= 0xFAFF:
        return "han"
    if 0x0400 <= code <= 0x04FF:
        return "cyrillic"
    if code < 0x0250 or 0x1E00 <= code <= 0x1EFF:
        return "latin"
    return unicodedata.name(char, "other").split(" ")[0].lower()


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


def _latin_language(text: str) -> str:
    found = _latin_detector().detect_language_of(text)
    if found is None:
        return "und"
    return str(found.iso_code_639_1.name).lower()
