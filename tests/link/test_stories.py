from __future__ import annotations

import itertools
from dataclasses import replace
from datetime import date

import pytest

from accords.lexicon import Lexicon, load
from accords.link.stories import WINDOW_DAYS, StoryLinker, assign_stories, link, report_of
from accords.model import Article, EventType, Extraction
from accords.pipeline import extract
from tests.link.builders import BAGHDAD, TEHRAN, event, extraction, person

# One meeting, as three outlets in three languages tell it.
MEETING = {
    "en": "Iran's police chief Ahmadreza Radan met Iraq's Interior Minister Abdul Amir "
    "al-Shammari in Baghdad on Monday. The two sides discussed cooperation against drug "
    "trafficking and border security.",
    "fa": "سردار احمدرضا رادان فرمانده کل انتظامی کشور روز دوشنبه در بغداد با عبدالامیر "
    "الشمری وزیر کشور عراق دیدار و گفتگو کرد. دو طرف درباره همکاری در مبارزه با قاچاق مواد "
    "مخدر و امنیت مرزها گفتگو کردند.",
    "ar": "التقى وزير الداخلية العراقي عبد الأمير الشمري يوم الاثنين في بغداد قائد الشرطة "
    "الإيرانية أحمد رضا رادان، وبحث الجانبان التعاون في مكافحة تهريب المخدرات وأمن الحدود.",
}


@pytest.fixture(scope="module")
def lexicon() -> Lexicon:
    return load()


def _read(lexicon: Lexicon, lang: str, published: date, doc: str) -> Extraction:
    article = Article(text=MEETING[lang], doc=doc, lang=lang, published=published)
    return extract(article, lexicon)


def _stories(extractions: list[Extraction]) -> list[set[str | None]]:
    return [{e.story for e in x.events} for x in extractions]


def test_stories_one_meeting_in_persian_arabic_english_is_one(lexicon: Lexicon) -> None:
    found = [
        _read(lexicon, "fa", date(2025, 3, 3), "fa.txt"),
        _read(lexicon, "ar", date(2025, 3, 4), "ar.txt"),
        _read(lexicon, "en", date(2025, 3, 3), "en.txt"),
    ]
    assign_stories(found, lexicon)
    stories = _stories(found)
    assert all(len(s) == 1 and None not in s for s in stories)
    assert stories[0] == stories[1] == stories[2]


def test_stories_same_ministers_a_month_apart_are_two(lexicon: Lexicon) -> None:
    found = [
        _read(lexicon, "en", date(2025, 3, 3), "march.txt"),
        _read(lexicon, "fa", date(2025, 4, 7), "april.txt"),
    ]
    assign_stories(found, lexicon)
    march, april = _stories(found)
    assert march and april and march != april


RADAN_FA = person("سردار رادان", "IRN")
RADAN_EN = person("Ahmadreza Radan", "IRN")
FARAHANI = (person("Kamran Farahani", "IRQ"), person("كامران فراهاني", "IRQ"))


def test_stories_people_written_in_other_scripts_link(lexicon: Lexicon) -> None:
    first = extraction(event(people=(RADAN_EN, FARAHANI[0])), doc="en")
    second = extraction(event(when="2025-03-04", people=(RADAN_FA, FARAHANI[1])), doc="ar")
    assign_stories([first, second], lexicon)
    assert first.events[0].story == second.events[0].story


def test_stories_two_known_officials_of_one_side_are_two_events(lexicon: Lexicon) -> None:
    """The police chief and the interior minister, each known to the gazetteer, the same
    day in the same city: two meetings, however much else agrees."""
    first = extraction(event(people=(RADAN_EN,)), doc="a")
    second = extraction(event(people=(person("Ahmad Vahidi", "IRN"),)), doc="b")
    assign_stories([first, second], lexicon)
    assert first.events[0].story != second.events[0].story


def test_stories_a_name_misread_in_one_script_does_not_part_a_story(lexicon: Lexicon) -> None:
    """An official the gazetteer does not know, written differently by two outlets (a
    transliteration cut short, a name matched to someone else): the day, the venue and the
    subjects still make one event."""
    first = extraction(event(people=(person("Shahid Ahmd", "PAK"),)), doc="a")
    second = extraction(event(people=(person("Sha Xi De Ai", "PAK"),)), doc="b")
    assign_stories([first, second], lexicon)
    assert first.events[0].story == second.events[0].story
    # with less in common (another venue, no subject shared), strangers stay apart
    third = extraction(
        event(when="2025-03-05", where=TEHRAN, domains=("cybercrime",),
              people=(person("Kamran Farahani", "IRQ"),)),
        doc="c",
    )  # fmt: skip
    assign_stories([first, third], lexicon)
    assert first.events[0].story != third.events[0].story


def test_stories_need_two_shared_sides(lexicon: Lexicon) -> None:
    first = extraction(event(countries=("IRN", "IRQ"), people=(RADAN_EN,)), doc="a")
    second = extraction(event(countries=("IRN", "TUR"), people=(RADAN_EN,)), doc="b")
    assign_stories([first, second], lexicon)
    assert first.events[0].story != second.events[0].story


def test_stories_date_without_year_meets_publication_year(lexicon: Lexicon) -> None:
    dated = extraction(event(when="2025-03-03", where=TEHRAN), doc="a")
    partial = extraction(event(when="--03-02", where=TEHRAN), doc="b", published="2025-03-04")
    assign_stories([dated, partial], lexicon)
    assert dated.events[0].story == partial.events[0].story


def test_stories_weak_evidence_starts_a_new_story(lexicon: Lexicon) -> None:
    # same sides and week, but another kind of event on other subjects, and no one named
    meeting = extraction(event(), doc="a")
    handover = extraction(
        event(
            EventType.COOPERATE, when="2025-03-05", where=None, domains=("fugitives_extradition",)
        ),
        doc="b",
    )
    assign_stories([meeting, handover], lexicon)
    assert meeting.events[0].story != handover.events[0].story


def test_stories_same_input_gives_same_ids(lexicon: Lexicon) -> None:
    def run() -> list[str]:
        reports = [
            report_of(
                extraction(event(when=f"2025-03-0{day}", people=(RADAN_EN,))), f"r{day}", lexicon
            )
            for day in range(1, 10)
        ]
        stories = link([r for r in reports if r])
        return [stories[f"r{day}"] for day in range(1, 10)]

    first = run()
    assert first == run()
    # nine days of meetings are more than one story: none spans more than the window
    days: dict[str, list[int]] = {}
    for day, story in enumerate(first, start=1):
        days.setdefault(story, []).append(day)
    assert len(days) >= 2
    assert all(max(found) - min(found) <= WINDOW_DAYS for found in days.values())


def test_stories_the_order_reports_come_in_changes_nothing(lexicon: Lexicon) -> None:
    """Ingest reads in the order of its sources, a batch in chunks: the stories must not
    depend on it, nor on the keys a route gives the reports."""
    found = [
        report_of(extraction(event(when=when, people=people, where=where)), key, lexicon)
        for key, when, people, where in [
            ("a", "2025-03-03", (RADAN_EN,), BAGHDAD),
            ("b", "2025-03-05", (RADAN_FA, FARAHANI[0]), None),
            ("c", "2025-03-07", (FARAHANI[1],), BAGHDAD),
            ("d", "2025-03-03", (), TEHRAN),
            ("e", None, (RADAN_EN,), BAGHDAD),
            ("f", "2025-03-20", (RADAN_EN,), BAGHDAD),
        ]
    ]
    reports = [r for r in found if r]

    def groups(stories: dict[str, str], rename: dict[str, str]) -> set[frozenset[str]]:
        members: dict[str, set[str]] = {}
        for key, story in stories.items():
            members.setdefault(story, set()).add(rename.get(key, key))
        return {frozenset(m) for m in members.values()}

    expected = groups(link(reports), {})
    assert len(expected) > 1
    for order in itertools.permutations(range(len(reports))):
        shuffled = [reports[i] for i in order]
        assert groups(link(shuffled), {}) == expected
    renamed = [replace(r, key=f"x{9 - i}") for i, r in enumerate(reports)]
    back = {f"x{9 - i}": r.key for i, r in enumerate(reports)}
    assert groups(link(renamed), back) == expected


def test_stories_incremental_keeps_the_first_reports_id(lexicon: Lexicon) -> None:
    linker = StoryLinker()
    first = report_of(extraction(event(people=(RADAN_EN,))), "first", lexicon)
    later = report_of(extraction(event(when="2025-03-04", people=(RADAN_FA,))), "later", lexicon)
    assert first and later
    story = linker.add(first)
    assert linker.add(later) == story
    assert [s.reports for s in linker.stories] == [["first", "later"]]


def test_stories_report_without_events_has_no_story(lexicon: Lexicon) -> None:
    empty = extraction()
    assign_stories([empty], lexicon)
    assert report_of(empty, "x", lexicon) is None


def test_stories_venue_alone_links_undated_reports(lexicon: Lexicon) -> None:
    first = extraction(event(when=None, where=BAGHDAD), doc="a")
    second = extraction(event(when=None, where=BAGHDAD), doc="b")
    third = extraction(event(when=None, where=TEHRAN), doc="c")
    assign_stories([first, second, third], lexicon)
    assert first.events[0].story == second.events[0].story != third.events[0].story
