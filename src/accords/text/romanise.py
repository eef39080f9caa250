"""Latin forms of names written in other scripts, so a reader can see who is meant and names
can be compared across scripts. Simple letter-by-letter rules: a readable form, not a
scholarly transliteration."""

from __future__ import annotations

import functools
import re

_ARABIC_SCRIPT = {
    "ا": "a", "آ": "a", "أ": "a", "إ": "e", "ء": "", "ب": "b", "پ": "p", "ت": "t", "ث": "s",
    "ج": "j", "چ": "ch", "ح": "h", "خ": "kh", "د": "d", "ذ": "z", "ر": "r", "ز": "z",
    "ژ": "zh", "س": "s", "ش": "sh", "ص": "s", "ض": "z", "ط": "t", "ظ": "z", "ع": "", "غ": "gh",
    "ف": "f", "ق": "q", "ک": "k", "ك": "k", "گ": "g", "ل": "l", "م": "m", "ن": "n", "و": "u",
    "ه": "h", "ة": "a", "ی": "i", "ي": "i", "ى": "a", "ئ": "i", "ؤ": "u", "ٹ": "t", "ڈ": "d",
    "ڑ": "r", "ں": "n", "ے": "e", "ہ": "h", "ھ": "h", "\u200c": "",
}  # fmt: skip
_CYRILLIC = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "yo", "ж": "zh", "з": "z",
    "и": "i", "й": "y", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r",
    "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh",
    "щ": "shch", "ъ": "", "ы": "y", "ь": "", "э": "e", "ю": "yu", "я": "ya",
}  # fmt: skip
_VOWELS = set("aeiou")


def romanise(name: str) -> str:
    """A Latin form of `name`; Latin text comes back as it is."""
    words = [_word(w) for w in name.split()]
    return " ".join(w for w in words if w)


@functools.cache
def _word(word: str) -> str:
    if all(ord(c) < 0x250 for c in word):
        return word
    if any("\u4e00" <= c <= "\u9fff" for c in word):
        return _pinyin(word)
    out: list[str] = []
    lower = word.lower()
    for i, char in enumerate(lower):
        if char in _CYRILLIC:
            out.append(_CYRILLIC[char])
        elif char in _ARABIC_SCRIPT:
            latin = _ARABIC_SCRIPT[char]
            # و and ی are consonants at the start of a word or after a vowel letter
            if char == "و" and (i == 0 or (out and out[-1][-1:] in _VOWELS)):
                latin = "v" if _is_persian(word) else "w"
            elif char in "یي" and i == 0:
                latin = "y"
            out.append(latin)
        elif char.isalpha() or char == "-":
            out.append(char)
    text = re.sub(r"(.)\1{2,}", r"\1\1", "".join(out))
    if text.startswith("al") and len(text) > 4 and word[:2] == "ال":
        return "al-" + text[2:3].upper() + text[3:]  # al-Shammari: the article stays small
    return text[:1].upper() + text[1:]


def _is_persian(word: str) -> bool:
    return any(c in "پچژگکی" for c in word)


def _pinyin(word: str) -> str:
    try:
        from pypinyin import lazy_pinyin
    except ImportError:
        return word
    syllables = lazy_pinyin(word)
    if len(syllables) >= 2:  # family name, then the given name written as one word
        return syllables[0].capitalize() + " " + "".join(syllables[1:]).capitalize()
    return "".join(syllables).capitalize()
