"""Cutting a text into plain stretches and evidence, and locating search words in it."""

from __future__ import annotations

import pytest

from accords.web.highlight import Piece, direction, matches, pieces, snippet


def test_highlight_overlapping_spans_cut_at_every_boundary() -> None:
    text = "Farahani met Al Rawahi in Muscat."
    spans = [
        {"start": 0, "end": 22, "kind": "event", "event_id": 7},
        {"start": 0, "end": 8, "kind": "actor", "event_id": 7},
        {"start": 26, "end": 32, "kind": "event", "event_id": 8},
    ]
    found = pieces(text, spans, current=[7])
    assert "".join(p.text for p in found) == text
    assert found == [
        Piece("Farahani", ("actor", "event"), True),
        Piece(" met Al Rawahi", ("event",), True),
        Piece(" in "),
        Piece("Muscat", ("event",), False),
        Piece("."),
    ]


def test_highlight_spans_outside_the_text_are_clipped_or_dropped() -> None:
    found = pieces("short", [{"start": 3, "end": 99, "kind": "event"},
                             {"start": 50, "end": 60, "kind": "event"},
                             {"start": 2, "end": 2, "kind": "event"}])  # fmt: skip
    assert found == [Piece("sho"), Piece("rt", ("event",))]


def test_highlight_text_without_evidence_is_one_piece() -> None:
    assert pieces("", []) == []
    assert pieces("<b>x</b>", []) == [Piece("<b>x</b>")]


@pytest.mark.parametrize(
    ("text", "query", "expected"),
    [
        ("گسترش همکاری‌ها میان دو کشور", "همکاری ها", ["همکاری‌ها"]),
        ("گسترش همکاری‌ها میان دو کشور", "همكاري‌ها", ["همکاری‌ها"]),  # Arabic kaf and yeh
        ("Maritime security and MARITIME law", "maritime", ["Maritime", "MARITIME"]),
        ("Police in Muscat", "muscat police", ["Police", "Muscat"]),
        ("Muscatel is not Muscat", "muscat", ["Muscat"]),  # whole words only
        ("nothing here", "absent", []),
    ],
)
def test_highlight_matches_fold_like_the_search(text: str, query: str, expected: list[str]) -> None:
    assert [text[s:e] for s, e in matches(text, query)] == expected


def test_highlight_snippet_is_cut_around_the_first_match() -> None:
    text = "a " * 200 + "maritime security" + " b" * 200
    found = snippet(text, "security", width=10)
    assert found[0] == Piece("…") and found[-1] == Piece("…")
    assert [p.text for p in found if p.marked] == ["security"]
    assert len("".join(p.text for p in found)) < 40


def test_highlight_snippet_without_a_match_is_the_start() -> None:
    assert snippet("x" * 500, "absent", width=10) == [Piece("x" * 20 + "…")]


@pytest.mark.parametrize(
    ("lang", "expected"),
    [("fa", "rtl"), ("ar", "rtl"), ("ur", "rtl"), ("FA", "rtl"), ("en", "ltr"), ("zh", "ltr"),
     (None, "ltr")],
)  # fmt: skip
def test_highlight_direction_of_a_language(lang: str | None, expected: str) -> None:
    assert direction(lang) == expected
