from __future__ import annotations

from datetime import date

import pytest

from accords.lexicon import Lexicon
from accords.model import Article
from accords.pipeline import extract
from accords.text.calendars import LUNAR_HIJRI, SOLAR_HIJRI, to_gregorian

MEETING = (
    "Police chiefs meet\nThe police chiefs of Iran and Iraq met in Baghdad {when} "
    "to discuss drug trafficking.\n"
)


def test_calendars_convert_solar_and_lunar_hijri() -> None:
    assert to_gregorian(SOLAR_HIJRI, 1402, 10, 28) == date(2024, 1, 18)
    assert to_gregorian(SOLAR_HIJRI, 1390, 3, 10) == date(2011, 5, 31)
    assert to_gregorian(LUNAR_HIJRI, 1447, 1, 10) == date(2025, 7, 5)  # Umm al-Qura
    assert to_gregorian(SOLAR_HIJRI, 1402, 13, 1) is None


@pytest.mark.parametrize(
    ("when", "published", "expected"),
    [
        ("on 16 January 2024", None, "2024-01-16"),
        ("on Jan. 16, 2024", None, "2024-01-16"),
        ("on Tuesday", date(2024, 1, 18), "2024-01-16"),
        ("yesterday", date(2024, 1, 18), "2024-01-17"),
        ("on 3 February", date(2015, 2, 4), "2015-02-03"),
        ("on 3 February", None, "--02-03"),
        ("on Tuesday", None, None),
        # past the calendar's ends the publication date stands in, not an error
        ("on Tuesday", date(1, 1, 1), "0001-01-01"),
        ("tomorrow", date(9999, 12, 31), "9999-12-31"),
        ("yesterday", date(9999, 12, 31), "9999-12-30"),
    ],
)
def test_dates_event_date_from_text_and_publication(
    lexicon: Lexicon, when: str, published: date | None, expected: str | None
) -> None:
    result = extract(Article(text=MEETING.format(when=when), published=published), lexicon)
    assert result.events
    assert result.events[0].date == expected


def test_dates_read_arabic_levantine_months_and_persian_digits(lexicon: Lexicon) -> None:
    arabic = (
        "لقاء أمني\nبغداد / 18 كانون الثاني /يناير/ 2024 - التقى وزير الداخلية العراقي "
        "نظيره الإيراني في بغداد لبحث مكافحة المخدرات.\n"
    )
    assert extract(Article(text=arabic), lexicon).events[0].date == "2024-01-18"
    persian = (
        "دیدار پلیس ایران و عراق\nوزیر کشور ایران روز ۲۸ دی ۱۴۰۲ در بغداد با وزیر کشور "
        "عراق دیدار و درباره مبارزه با قاچاق مواد مخدر گفتگو کرد.\n"
    )
    assert extract(Article(text=persian), lexicon).events[0].date == "2024-01-18"


def test_dates_time_of_day_is_not_a_day(lexicon: Lexicon) -> None:
    text = (
        "Ministers meet\n09:22, January 17, 2024\nThe interior ministers of Iran and Iraq "
        "met in Baghdad on Tuesday to discuss drug trafficking.\n"
    )
    assert extract(Article(text=text), lexicon).events[0].date == "2024-01-16"
