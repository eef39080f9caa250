from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from accords.text.normalise import (
    ZWNJ,
    _fold,
    _fold_by_regex,
    _fold_char,
    normalise,
    persian_words,
    zwnj_places,
    zwnj_places_by_regex,
)


def test_normalise_unifies_arabic_and_persian_letters() -> None:
    assert normalise("كيف")[0] == normalise("کیف")[0]
    assert normalise("مدرسة")[0] == "مدرسه"
    assert normalise("أحمد")[0] == normalise("احمد")[0] == normalise("إحمد")[0]
    assert normalise("مسؤول")[0] == "مسوول"


def test_normalise_drops_diacritics_and_tatweel() -> None:
    assert normalise("عَمّـــان")[0] == "عمان"


def test_normalise_makes_digits_ascii() -> None:
    assert normalise("۱۴۰۲ و ٢٠٢٤")[0] == "1402 و 2024"


def test_normalise_lowercases_latin_and_drops_accents() -> None:
    assert normalise("Bédoui İRAN")[0] == "bedoui iran"


def test_normalise_reads_windows_1252_quotes_decoded_as_latin_1() -> None:
    # a page in Windows-1252 read as Latin-1 carries its quotation marks as C1 controls
    assert normalise("Sofya\x92da \x93polis\x94", lang="tr")[0] == 'sofya\'da "polis"'


def test_normalise_restores_zwnj_in_persian() -> None:
    spaced = normalise("همکاری های دو کشور", lang="fa")[0]
    joined = normalise("همکاری" + ZWNJ + "های دو کشور", lang="fa")[0]
    assert spaced == joined
    assert normalise("می کنند", lang="fa")[0] == "می" + ZWNJ + "کنند"


def test_normalise_inserts_lost_zwnj_with_the_word_list() -> None:
    if not persian_words():
        import pytest

        pytest.skip("hazm's word list is not installed")
    text, offsets = normalise("پیشرفتهای بزرگ", lang="fa")
    assert text.startswith("پیشرفت" + ZWNJ + "های")
    assert len(offsets) == len(text)
    # the inserted ZWNJ points at the letter after it
    assert offsets[text.index(ZWNJ)] == len("پیشرفت")


_ALPHABET = st.sampled_from([*list("abcAİé ْكيةأإآؤئۀـ۱٢ \n.«»همکاری \u200cهای"), "می ", " ها"])


@given(st.lists(_ALPHABET, max_size=60).map("".join), st.sampled_from(["fa", "ar", "en", None]))
def test_normalise_every_span_maps_back_to_its_original_text(text: str, lang: str | None) -> None:
    out, offsets = normalise(text, lang=lang)
    assert len(out) == len(offsets)
    assert offsets == sorted(offsets)
    for i, char in enumerate(out):
        original = text[offsets[i]]
        if char == ZWNJ:
            continue  # restored or kept ZWNJs stand where the original had a space or none
        assert normalise(original)[0] != "" and char in normalise(original)[0]


def test_ascii_text_folds_as_each_of_its_characters_does() -> None:
    # ASCII takes a shortcut past the per-character folding: the two must agree
    every = "".join(map(chr, range(128)))
    out, offsets = normalise(every)
    assert out == "".join(_fold_char(char) for char in every)
    assert offsets == list(range(128))


@given(st.text(alphabet=st.characters(exclude_categories=["Cs"]), max_size=40))
def test_any_text_folds_as_each_of_its_characters_does(text: str) -> None:
    # the memo learns whole blocks of code points and tests them with patterns of ranges:
    # the folding must stay that of each character, whatever blocks were learnt before
    assert normalise(text)[0] == "".join(_fold_char(char) for char in text)


# words of hazm's list and the suffixes and prefixes whose ZWNJ gets lost, run together
_PERSIAN = st.lists(
    st.sampled_from([*"همکاریهامیتر اآدو\u200c_1۲.", "همکاری", "ها", "های", "ترین", "می", "公"]),
    max_size=20,
).map("".join)


@given(st.one_of(_PERSIAN, st.text(max_size=40)))
def test_the_c_pass_finds_the_lost_zwnjs_the_regex_finds(text: str) -> None:
    assert zwnj_places(text) == zwnj_places_by_regex(text)


@given(st.one_of(_PERSIAN, st.text(max_size=40), st.text(st.characters(), max_size=10)))
def test_the_c_pass_folds_as_the_regex_scans_do(text: str) -> None:
    # marks dropped, ligatures expanded, letters of every script met in any order
    assert _fold(text) == _fold_by_regex(text)
