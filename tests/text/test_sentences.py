from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from accords.text.sentences import _END, LONGEST, split


def _texts(text: str) -> list[str]:
    return [text[s.start : s.end] for s in split(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("They met. They signed.", ["They met.", "They signed."]),
        ("آیا توافق شد؟ بله.", ["آیا توافق شد؟", "بله."]),
        ('قال: "سنوقع المذكرة." ثم غادر.', ['قال: "سنوقع المذكرة."', "ثم غادر."]),
        (
            "Talks on Jan. 16 went well. Gen. Smith spoke.",
            ["Talks on Jan. 16 went well.", "Gen. Smith spoke."],
        ),
        ("双方会谈。签署了协议。", ["双方会谈。", "签署了协议。"]),
        ("Headline\nBody line one.", ["Headline", "Body line one."]),
        ("It cost 1.5 million.", ["It cost 1.5 million."]),
    ],
)
def test_sentences_split_where_a_reader_would(text: str, expected: list[str]) -> None:
    assert _texts(text) == expected


def test_sentences_a_text_without_stops_is_cut_between_words() -> None:
    text = "the ministers talked about border security " * 2_000  # 86,000 characters, no stop
    pieces = _texts(text)
    assert len(pieces) > 1
    assert all(len(piece) <= LONGEST for piece in pieces)
    assert " ".join(pieces).split() == text.split()  # every word whole, in one piece


# the pattern before a run of stops was read from its first stop only (the same sentences)
_PLAIN_END = re.compile(
    r"""[.!?؟。！？\n](?:"""
    r"""(?<=[.!?؟])[.!?؟]*["')\]]*(?=\s|$)"""
    r"""|(?<=[。！？])[。！？]*["')\]」』]*"""
    r"""|(?<=\n)\n*)"""
)


@given(st.text(alphabet=".!?؟。\"') \nab", max_size=40))
def test_sentences_a_run_of_stops_ends_where_the_plain_pattern_says(text: str) -> None:
    found = [m.span() for m in _END.finditer(text)]
    assert found == [m.span() for m in _PLAIN_END.finditer(text)]
