"""The words that say each field of an event: tight, each field's own, each event's own."""

from __future__ import annotations

from accords.lexicon import Lexicon
from accords.model import Article, EventType, Extraction, Field
from accords.pipeline import extract


def _said(text: str, result: Extraction, kind: EventType) -> dict[str, list[str]]:
    event = next(e for e in result.events if e.type == kind)
    found: dict[str, list[str]] = {}
    for mark in event.marks:
        found.setdefault(str(mark.field), []).append(text[mark.start : mark.end])
    return found


ENGLISH = (
    "Iran and Oman sign security pact\n"
    "Iranian Interior Minister Ahmad Vahidi met his Omani counterpart in Muscat on "
    "January 15, 2024 to discuss drug trafficking.\n"
    "The two ministers signed a memorandum on maritime security.\n"
)


def test_marks_are_the_words_of_each_field_not_the_sentence(lexicon: Lexicon) -> None:
    result = extract(Article(text=ENGLISH, published=None), lexicon)
    said = _said(ENGLISH, result, EventType.CONSULT)
    assert said["type"] == ["met"]
    assert "Iranian" in said["sides"] and "Omani" in said["sides"]
    assert said["place"] == ["Muscat"]
    assert said["date"] == ["January 15"]
    assert "drug trafficking" in said["domain"]
    sentence = ENGLISH.splitlines()[1]
    assert all(len(words) < len(sentence) / 3 for found in said.values() for words in found)


def test_marks_of_two_events_in_one_report_are_each_their_own(lexicon: Lexicon) -> None:
    result = extract(Article(text=ENGLISH), lexicon)
    meeting = _said(ENGLISH, result, EventType.CONSULT)
    signing = _said(ENGLISH, result, EventType.AGREE)
    assert meeting["type"] == ["met"]
    assert signing["type"] != meeting["type"] and "met" not in signing["type"]
    assert any("sign" in words for words in signing["type"])


def test_marks_persian_weekday_is_the_date_said(lexicon: Lexicon) -> None:
    text = (
        "دیدار وزیران کشور ایران و عمان\n"
        "وزیر کشور ایران روز دوشنبه در مسقط با همتای عمانی خود درباره مبارزه با قاچاق "
        "مواد مخدر دیدار و گفتگو کرد.\n"
    )
    from datetime import date

    result = extract(Article(text=text, lang="fa", published=date(2024, 1, 17)), lexicon)
    said = _said(text, result, EventType.CONSULT)
    assert said["date"] == ["روز دوشنبه"]
    assert result.events[0].date == "2024-01-15"
    assert said["place"] == ["مسقط"]
    assert {str(m.field) for m in result.events[0].marks} >= {
        str(Field.SIDES),
        str(Field.TYPE),
        str(Field.DOMAIN),
    }
