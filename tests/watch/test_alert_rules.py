from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest

from accords.model import Actor, Commitment, CommitmentKind, Event, EventType, Extraction
from accords.store import Store
from accords.watch.alerts import find, matches
from accords.watch.config import Rule
from tests import builders
from tests.watch.synthetic import add

MINISTER = Actor("Eskandar Momeni", "Eskandar Momeni", "IRN", "minister of interior", None, ())


def event(sides: list[str], day: date, kind: EventType = EventType.CONSULT) -> Event:
    return builders.event(kind, sides, when=day.isoformat(), people=[MINISTER])


@pytest.mark.parametrize(
    ("rule", "lang", "expected"),
    [
        (Rule("a"), "en", True),
        (Rule("a", countries=frozenset({"RUS", "CHN"})), "en", True),
        (Rule("a", countries=frozenset({"CHN"})), "en", False),
        (Rule("a", pair=frozenset({"IRN", "RUS"})), "en", True),
        (Rule("a", pair=frozenset({"IRN", "CHN"})), "en", False),
        (Rule("a", domains=frozenset({"terrorism"})), "en", False),
        (Rule("a", types=frozenset({"CONSULT"})), "en", True),
        (Rule("a", types=frozenset({"AGREE"})), "en", False),
        (Rule("a", languages=frozenset({"fa", "ar"})), "en", False),
        (Rule("a", languages=frozenset({"fa", "ar"})), "fa", True),
        (Rule("a", people=frozenset({"momeni"})), "en", True),
        (Rule("a", people=frozenset({"naqvi"})), "en", False),
    ],
)
def test_a_rule_holds_when_every_condition_does(rule: Rule, lang: str, expected: bool) -> None:
    assert matches(rule, event(["IRN", "RUS"], date(2025, 3, 3)), lang) is expected


def test_a_commitment_turns_stale_once_as_the_newest_day_moves_on(tmp_path: Path) -> None:
    start = date(2024, 1, 1)
    pledge = Commitment(CommitmentKind.PLEDGE, ["IRN"], ["RUS"], ["drug_trafficking"],
                        "will train border guards", 0, [])  # fmt: skip
    first = Extraction("pledge", "en", None, start.isoformat(),
                       [event(["IRN", "RUS"], start)], [pledge], [], [])  # fmt: skip

    def later(doc: str, days: int) -> Extraction:
        day = start + timedelta(days=days)
        return Extraction(doc, "en", None, day.isoformat(), [event(["TUR", "IRQ"], day)],
                          [], [], [])  # fmt: skip

    rules = [Rule("stale", when="stale", countries=frozenset({"IRN"}))]
    with Store.open(str(tmp_path / "a.db")) as store:
        add(store, [first], link=True)
        for doc, days, fires in (("b", 100, 0), ("c", 181, 1), ("d", 200, 0)):
            ids = add(store, [later(doc, days)], link=True)
            with store.reading() as connection:
                found = find(connection, rules, ids)
            assert len(found) == fires, doc
