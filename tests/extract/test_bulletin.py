"""Bulletins: the items of a roundup read one by one, told by the title a feed gives too."""

from __future__ import annotations

import datetime
from pathlib import Path

import yaml

from accords.extract import events
from accords.lexicon import Lexicon
from accords.model import Article
from accords.pipeline import extract, read

_CASE = Path(__file__).parent / "cases" / "zh-bulletin-items.yaml"


def test_a_bulletin_is_told_by_the_title_beside_its_text(lexicon: Lexicon) -> None:
    case = yaml.safe_load(_CASE.read_text(encoding="utf-8"))
    title, text = case["text"].split("\n", 1)  # as a feed gives it: the title apart
    result = extract(
        Article(text=text, title=title, lang="zh", published=datetime.date(2024, 5, 20)), lexicon
    )
    # read whole, the fair that opened in another item made a meeting of the police item
    assert [(str(e.type), e.countries) for e in result.events] == [("COOPERATE", ["CHN", "LAO"])]


def test_items_keep_their_offsets_in_the_whole_text(lexicon: Lexicon) -> None:
    case = yaml.safe_load(_CASE.read_text(encoding="utf-8"))
    result = extract(Article(text=case["text"], lang="zh"), lexicon)
    (event,) = result.events
    quoted = [case["text"][e.start : e.end] for e in event.evidence]
    assert any("老挝警方" in sentence for sentence in quoted), quoted


def test_read_gives_the_items_as_the_relevance_model_sees_them(lexicon: Lexicon) -> None:
    # the trainer of the relevance model (benchmarks/relevance.py) reads what accords reads:
    # a bulletin's items, each a report of its own, stopped before the events are made
    case = yaml.safe_load(_CASE.read_text(encoding="utf-8"))
    doc, items = read(Article(text=case["text"], lang="zh"), lexicon, until=lambda s: s is events)
    assert len(items) >= 2 and not doc.events
    found = [events.candidate(item, lexicon) for item in items]
    assert [sorted(f.sides) for f in found if f] == [["CHN", "LAO"]]
    assert not any(item.events for item in items)  # stopped before the events stage
