from __future__ import annotations

from datetime import date, timedelta

from accords.link.stories import Report, link
from accords.scale.stories import blocks, groups_of, home, link_all, link_group, shards_of


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
    assert len(blocks(three_sides)) == 3  # one per pair of its sides
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


def test_stories_undated_reports_join_a_dated_story_through_who_took_part() -> None:
    stories = link_all([report("a", date(2024, 3, 4)), report("f", None), report("g", None)])
    assert stories["f"] == stories["g"] == stories["a"]
    alone = link_all([report("a", date(2024, 3, 4)), report("f", None, people=("naqvi",))])
    assert alone["a"] != alone["f"]


def _many() -> list[Report]:
    """Reports over two months, three side pairs and a three-sided one, some undated."""
    sides = (("IRN", "OMN"), ("IRN", "IRQ"), ("OMN", "PAK"), ("IRN", "IRQ", "OMN"))
    found = []
    for index in range(60):
        day = date(2024, 3, 1) + timedelta(days=index % 40) if index % 11 else None
        people = ("farahani",) if index % 3 else ("naqvi",)
        found.append(report(f"r{index:02d}", day, sides=sides[index % 4], people=people))
    return found


def test_stories_shards_together_give_what_one_process_gives() -> None:
    reports = _many()
    whole = link_all(reports)
    for shards in (2, 3, 7):
        parts: dict[str, str] = {}
        for shard in range(shards):
            members = [r for r in reports if shard in shards_of(_values(r), shards)]
            found = link_all(members, shard=shard, shards=shards)
            assert not set(found) & set(parts)  # each report decided in one shard only
            parts.update(found)
        assert parts == whole


def test_stories_groups_together_give_what_one_process_gives() -> None:
    reports = _many()
    by_group: dict[str, list[Report]] = {}
    for item in reports:
        for group in groups_of(item):
            by_group.setdefault(group, []).append(item)
    linked = [pair for group, members in by_group.items() for pair in link_group(group, members)]
    assert len(linked) == len(reports)
    assert dict(linked) == link_all(reports)


def _values(item: Report) -> tuple[object, ...]:
    return (item.key, sorted(item.sides), sorted(item.people), item.venue, sorted(item.days),
            [], sorted(item.types), sorted(item.domains))  # fmt: skip
