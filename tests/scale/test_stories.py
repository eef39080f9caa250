from __future__ import annotations

from datetime import date

from accords.link.stories import Report, link
from accords.scale.stories import blocks, home, link_all


def report(
    key: str,
    day: date | None,
    sides: tuple[str, ...] = ("IRN", "OMN"),
    people: tuple[str, ...] = ("farahani",),
) -> Report:
    return Report(
        key,
        frozenset(sides),
        frozenset(people),
        "muscat",
        frozenset({day}) if day else frozenset(),
        frozenset(),
        frozenset({"CONSULT"}),
        frozenset({"drug_trafficking"}),
    )


def test_stories_reports_a_day_apart_across_a_week_boundary_join() -> None:
    saturday, sunday = date(2024, 3, 2), date(2024, 3, 3)
    assert saturday.toordinal() // 7 != sunday.toordinal() // 7
    first, second = report("a", saturday), report("b", sunday)
    assert set(blocks(first)) & set(blocks(second))
    stories = link_all([second, first])
    assert stories["a"] == stories["b"]


def test_stories_far_apart_or_other_sides_do_not_join() -> None:
    stories = link_all(
        [
            report("a", date(2024, 3, 4)),
            report("b", date(2024, 3, 20)),
            report("c", date(2024, 3, 4), sides=("IRQ", "KWT"), people=()),
        ]
    )
    assert len(set(stories.values())) == 3


def test_stories_every_report_decided_once_in_its_home_block() -> None:
    three_sides = report("a", date(2024, 3, 4), sides=("IRN", "IRQ", "OMN"))
    assert home(three_sides) in blocks(three_sides)
    assert len(blocks(three_sides)) > 3
    assert list(link_all([three_sides])) == ["a"]


def test_stories_agree_with_the_incremental_linker_on_a_small_set() -> None:
    reports = [
        report("a", date(2024, 3, 4)),
        report("b", date(2024, 3, 5)),
        report("c", date(2024, 3, 5), people=("al_rawahi", "farahani")),
        report("d", date(2024, 4, 1)),
        report("e", date(2024, 4, 2), sides=("IRN", "PAK"), people=("naqvi",)),
        report("h", date(2024, 4, 2), sides=("IRN",)),
    ]
    assert link_all(reports) == link(reports)


def test_stories_undated_reports_join_each_other_only() -> None:
    stories = link_all([report("a", date(2024, 3, 4)), report("f", None), report("g", None)])
    assert stories["f"] == stories["g"] != stories["a"]
