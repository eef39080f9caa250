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
    assert _first_date(lexicon, MEETING.format(when=when), published) == expected


def _first_date(lexicon: Lexicon, text: str, published: date | None) -> str | None:
    result = extract(Article(text=text, published=published), lexicon)
    assert result.events
    return result.events[0].date


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


PERSIAN_MEETING = (
    "سردار رادان فرمانده پلیس ایران در دیدار با وزیر کشور عراق در بغداد بر همکاری در "
    "مبارزه با قاچاق مواد مخدر تاکید کرد."
)
RUSSIAN_SIGNING = (
    "МВД России и МВД Ирана подписали в Москве меморандум о сотрудничестве в борьбе с "
    "незаконным оборотом наркотиков."
)
FRENCH_SIGNING = (
    "L'Iran et l'Irak ont signé à Bagdad un protocole d'accord de coopération sécuritaire "
    "contre le trafic de drogue."
)


@pytest.mark.parametrize(
    ("header", "body", "expected"),
    [
        # a page header: weekday, ordinal day, month, year, with commas
        ("یکشنبه, 11ام تیر, 1402", PERSIAN_MEETING, "2023-07-02"),
        ("۱۱ تیرماه ۱۴۰۲", PERSIAN_MEETING, "2023-07-02"),
        ("16th January 2024", MEETING.format(when="").split("\n")[1], "2024-01-16"),
        ("January 16th, 2024", MEETING.format(when="").split("\n")[1], "2024-01-16"),
        ("1er mars 2024", FRENCH_SIGNING, "2024-03-01"),
        ("18-го сентября 2023 года", RUSSIAN_SIGNING, "2023-09-18"),
    ],
)
def test_dates_read_ordinal_days_and_month_words_of_headers(
    lexicon: Lexicon, header: str, body: str, expected: str
) -> None:
    result = extract(Article(text=f"{header}\n{body}\n"), lexicon)
    assert result.events
    assert {e.date for e in result.events} == {expected}


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        ("9日", "2024-11-09"),
        ("19日", "2024-10-19"),
        ("10月9日", "2024-10-09"),  # a month written: its 9th, not the latest 9th
        ("11月6日至9日", "2024-11-06"),  # a visit from the 6th to the 9th began on the 6th
    ],
)
def test_dates_chinese_day_without_month_is_the_latest_such_day(
    lexicon: Lexicon, day: str, expected: str
) -> None:
    text = f"当地时间{day}，中国公安部部长与伊朗警察总长在北京签署了打击毒品犯罪合作谅解备忘录。\n"
    assert _first_date(lexicon, text, date(2024, 11, 10)) == expected


def test_dates_first_event_sentence_with_a_day_dates_the_event(lexicon: Lexicon) -> None:
    # the lead's weekday dates the meeting; the talks of May in a later sentence are background
    text = (
        "Police chiefs meet\nThe police chiefs of Iran and Iraq met in Baghdad on Tuesday to "
        "discuss drug trafficking.\nThe police chiefs of Iran and Iraq also met in Tehran on "
        "5 May 2023 to discuss drug trafficking.\n"
    )
    result = extract(Article(text=text, published=date(2024, 1, 18)), lexicon)
    assert {e.date for e in result.events} == {"2024-01-16"}
    # with nothing to count «Tuesday» from, the event has no date, not the background's
    assert {e.date for e in extract(Article(text=text), lexicon).events} == {None}


def test_dates_a_day_after_publication_is_no_event_date(lexicon: Lexicon) -> None:
    # a deadline or a plan written in the event sentence: the publication date stands in
    text = MEETING.format(when="and set a deadline of 21 January 2024")
    result = extract(Article(text=text, published=date(2024, 1, 18)), lexicon)
    assert result.events[0].date == "2024-01-18"


@pytest.mark.parametrize(
    "text",
    [
        "Iran and Iraq end a border exercise\nOfficials in Baghdad said on Monday that the "
        "exercise had ended.\nThe border guards of Iran and Iraq held a joint exercise against "
        "drug trafficking near the border, the Iraqi ministry of interior said.\n",
        "ختام مناورات\nأعلن مسؤول عراقي عن ختام المناورات، أمس الاثنين.\nوأجرت قوات حرس "
        "الحدود العراقية والإيرانية مناورات مشتركة لمكافحة تهريب المخدرات على الحدود.\n",
    ],
)
def test_dates_the_leads_day_dates_an_event_told_further_down(lexicon: Lexicon, text: str) -> None:
    # the event's sentence says no day; the lead's Monday moves the publication date
    assert _first_date(lexicon, text, date(2024, 1, 18)) == "2024-01-15"


def test_dates_an_arabic_word_that_ends_like_a_weekday_is_none(lexicon: Lexicon) -> None:
    # «واحدة», «واحد» (one) are و + احد (+ ة), not «الأحد» (Sunday): the publication date
    # stands in
    text = (
        "تعاون أمني\nقال وزير الداخلية العراقي في واحدة من كلماته وواحد من بياناته إن قوات "
        "حرس الحدود العراقية والإيرانية أجرت مناورات مشتركة لمكافحة تهريب المخدرات على الحدود.\n"
    )
    assert _first_date(lexicon, text, date(2024, 1, 18)) == "2024-01-18"


def test_dates_a_plans_date_is_no_event_date(lexicon: Lexicon) -> None:
    # with no publication date to tell a plan by its day, «will» tells it
    text = (
        "Iran and Iraq sign a security memorandum\nThe interior ministers of Iran and Iraq "
        "signed a memorandum on drug trafficking in Baghdad, and a joint committee will meet "
        "on 15 September to carry it out.\n"
    )
    assert _first_date(lexicon, text, None) is None


def test_dates_a_day_far_down_an_events_sentences_dates_nothing(lexicon: Lexicon) -> None:
    # «yesterday» in the third sentence of the meeting tells of another day's doings
    text = (
        "Iran and Iraq police chiefs meet\nThe police chiefs of Iran and Iraq met in Baghdad "
        "to discuss drug trafficking.\nThe police chiefs of Iran and Iraq also discussed border "
        "security and drug trafficking.\nYesterday the police chiefs of Iran and Iraq visited a "
        "border crossing used for drug trafficking.\n"
    )
    assert _first_date(lexicon, text, date(2024, 1, 18)) == "2024-01-18"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the day of the statement stands by «said», the day of the meeting after it
        (
            "Iran and Iraq police chiefs meet\nThe Iraqi ministry of interior said on Thursday "
            "that the police chiefs of Iran and Iraq met in Baghdad on Tuesday to discuss drug "
            "trafficking.\n",
            "2024-01-16",
        ),
        (
            "دیدار پلیس ایران و عراق\nسخنگوی پلیس روز پنج‌شنبه در گفت‌وگو با خبرنگاران گفت: "
            "رئیس پلیس عراق روز سه‌شنبه در تهران با رئیس پلیس ایران درباره مبارزه با قاچاق "
            "مواد مخدر دیدار کرد.\n",
            "2024-01-16",
        ),
        # a day past «that» is of what was said, whatever day the report names after it
        (
            "Iran and Iraq police chiefs meet\nAn official said that the police chiefs of Iran "
            "and Iraq met in Baghdad on Tuesday to discuss drug trafficking, the agency of the "
            "ministry reported on Thursday.\n",
            "2024-01-16",
        ),
        # one day named twice («أمس الأربعاء») is one day
        (
            "لقاء أمني\nالتقى وزير الداخلية العراقي أمس الأربعاء نظيره الإيراني في بغداد لبحث "
            "مكافحة المخدرات، وقال الوزير إن التعاون مستمر.\n",
            "2024-01-17",
        ),
    ],
)
def test_dates_a_statements_day_gives_way_to_the_events(
    lexicon: Lexicon, text: str, expected: str
) -> None:
    assert _first_date(lexicon, text, date(2024, 1, 18)) == expected


def test_dates_last_night_in_arabic_is_yesterday(lexicon: Lexicon) -> None:
    text = (
        "تسليم مطلوب\nتسلمت السلطات العراقية الليلة الماضية من السلطات الإيرانية مطلوبا "
        "بتهمة تهريب المخدرات في إطار التعاون الأمني بين البلدين.\n"
    )
    assert _first_date(lexicon, text, date(2024, 1, 18)) == "2024-01-17"
