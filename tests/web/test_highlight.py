"""Cutting a text into plain stretches and evidence, and locating search words in it."""

from __future__ import annotations

import pytest

from accords.web.highlight import Piece, direction, gist_places, matches, pieces, snippet


def test_highlight_overlapping_spans_cut_at_every_boundary() -> None:
    text = "Farahani met Al Rawahi in Muscat."
    spans = [
        {"start": 0, "end": 22, "kind": "event", "event_id": 7},
        {"start": 0, "end": 8, "kind": "person", "event_id": 7},
        {"start": 26, "end": 32, "kind": "place", "event_id": 8},
    ]
    found = pieces(text, spans, current=[7])
    assert "".join(p.text for p in found) == text
    assert [(p.text, p.kinds, p.current) for p in found] == [
        ("Farahani", ("event", "person"), True),
        (" met Al Rawahi", ("event",), True),
        (" in ", (), False),
        ("Muscat", ("place",), False),
        (".", (), False),
    ]


def test_highlight_each_piece_says_which_field_of_which_event() -> None:
    text = "Iran and Oman met in Muscat; Iraq and Kuwait signed a deal."
    spans = [
        {"start": 0, "end": 27, "kind": "event", "event_id": 1},
        {"start": 0, "end": 4, "kind": "sides", "event_id": 1},
        {"start": 14, "end": 17, "kind": "type", "event_id": 1},
        {"start": 29, "end": 59, "kind": "event", "event_id": 2},
        {"start": 29, "end": 33, "kind": "sides", "event_id": 2},
        {"start": 45, "end": 51, "kind": "type", "event_id": 2},
    ]
    said = {p.text: p.says for p in pieces(text, spans, current=[2]) if p.marked}
    # the page's own event first, the tight words before the sentence around them
    assert said["Iran"] == ((1, "sides"), (1, "event"))
    assert said["met"] == ((1, "type"), (1, "event"))
    assert said["Iraq"] == ((2, "sides"), (2, "event"))
    assert said["signed"] == ((2, "type"), (2, "event"))


def test_highlight_gist_goes_after_the_first_sentence_of_each_event() -> None:
    text = "First sentence. Second one. Third."
    spans = [
        {"start": 16, "end": 27, "kind": "event", "event_id": 2},
        {"start": 0, "end": 15, "kind": "event", "event_id": 1},
        {"start": 28, "end": 33, "kind": "event", "event_id": 1},
        {"start": 6, "end": 14, "kind": "type", "event_id": 3},  # no sentence stored
        {"start": 0, "end": 5, "kind": "commitment", "event_id": None},
    ]
    places = gist_places(spans)
    assert places == {15: [1], 27: [2], 14: [3]}
    found = pieces(text, spans, gists=places)
    assert [(p.text, p.gists) for p in found if p.gists] == [
        ("sentence", (3,)), (".", (1,)), ("Second one.", (2,)),
    ]  # fmt: skip


def test_highlight_spans_outside_the_text_are_clipped_or_dropped() -> None:
    found = pieces("short", [{"start": 3, "end": 99, "kind": "event"},
                             {"start": 50, "end": 60, "kind": "event"},
                             {"start": 2, "end": 2, "kind": "event"}])  # fmt: skip
    assert found == [Piece("sho"), Piece("rt", ("event",), says=((None, "event"),))]


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
