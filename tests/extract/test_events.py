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
        ("The ministers signed an agreement that provides for joint patrols", "provides", False),
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


@pytest.mark.parametrize(
    ("text", "signed"),
    [
        # «وقع» is as often "took place": a lone verb of signing names the text signed
        ("أدانت تونس التفجيرات التي وقعت أمس في جدة", False),
        ("وقع وزيرا داخلية البلدين أمس اتفاقية أمنية", True),
    ],
)
def test_events_a_lone_signing_names_its_text(lexicon: Lexicon, text: str, signed: bool) -> None:
    doc = prepare(Article(text=text))
    mentions.run(doc, lexicon)
    (trigger,) = [m for m in doc.of("trigger") if m.entry == "agree_signed"]
    assert events._names_a_document(doc, trigger) is signed
