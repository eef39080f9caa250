from __future__ import annotations

import pytest

from accords.extract import events, mentions
from accords.lexicon import Lexicon
from accords.model import Article
from accords.pipeline import prepare


@pytest.mark.parametrize(
    ("text", "marker", "plans"),
    [
        # what a signed text provides for is what it holds, not a step the report plans
        ("وقع البلدان اتفاقا ينص على تبادل المعلومات", "ینص", False),
        ("The two ministers signed an agreement that provides for joint patrols", "provides", False),
        ("سيوقع البلدان اتفاقا لتبادل المعلومات", "سیوقع", True),
    ],
)
def test_events_a_provision_plans_nothing(
    lexicon: Lexicon, text: str, marker: str, plans: bool
) -> None:
    doc = prepare(Article(text=text))
    mentions.run(doc, lexicon)
    found = [
        m
        for m in doc.mentions
        if m.concept in ("cue", "commitment") and doc.text[m.start : m.end].startswith(marker)
    ]
    assert found
    assert any(events._plans(doc, m) for m in found) is plans
