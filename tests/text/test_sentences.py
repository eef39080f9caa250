from __future__ import annotations

import pytest

from accords.text.sentences import split


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
