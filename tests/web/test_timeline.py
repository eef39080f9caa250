"""The timeline's periods suit its range, every domain keeps one colour, and each period
carries the filter that lists its events."""

from __future__ import annotations

from datetime import date

import pytest
from fastapi.testclient import TestClient

from accords.model import DOMAINS
from accords.web.timeline import DOMAIN_COLOURS, bucket_for, chart, period
from tests.web.conftest import Filled


@pytest.mark.parametrize(
    ("first", "last", "bucket"),
    [("2024-01-01", "2024-01-01", "day"), ("2024-01-01", "2024-03-31", "day"),
     ("2024-01-01", "2024-06-30", "week"), ("2023-01-01", "2024-12-31", "week"),
     ("2020-01-01", "2024-12-31", "month"), ("1990-01-01", "2024-12-31", "year")],
)  # fmt: skip
def test_timeline_bucket_suits_the_range(first: str, last: str, bucket: str) -> None:
    assert bucket_for(date.fromisoformat(first), date.fromisoformat(last)) == bucket


def test_timeline_periods_and_their_filters() -> None:
    day = date(2024, 1, 17)  # a Wednesday
    assert period(day, "day") == ("2024-01-17", "2024-01-17", "2024-01-17")
    assert period(day, "week") == ("2024-W03", "2024-01-15", "2024-01-21")
    assert period(day, "month") == ("2024-01", "2024-01", "2024-01")
    assert period(day, "year") == ("2024", "2024", "2024")
    drawn = chart({"2024-01-01": {"cybercrime": 2}, "2024-03-10": {"terrorism": 1}})
    assert drawn["bucket"] == "day"
    assert len(drawn["labels"]) == 70  # every day of the range, the empty ones too
    drawn = chart({"2020-01-05": {"cybercrime": 2}, "2024-12-30": {"none": 1}})
    assert drawn["bucket"] == "month" and drawn["labels"][0] == "2020-01"
    assert drawn["labels"][-1] == "2024-12" and len(drawn["labels"]) == 60


def test_timeline_a_domain_keeps_its_colour(client: TestClient, filled: Filled) -> None:
    assert len(set(DOMAIN_COLOURS.values())) == len(DOMAINS) + 1
    seen: dict[str, str] = {}
    for params in ({}, {"country": "IRN"}, {"country": "IRQ"}, {"domain": "cybercrime"}):
        page = client.get("/timeline", params=params).text
        for domain, colour in _series(page):
            assert seen.setdefault(domain, colour) == colour == DOMAIN_COLOURS[domain]
    assert len(seen) == 3


def _series(page: str) -> list[tuple[str, str]]:
    import json
    import re

    found = re.search(r'id="timeline-data">(.*?)</script>', page, re.S)
    assert found
    return [(s["domain"], s["colour"]) for s in json.loads(found.group(1))["series"]]


def test_timeline_api_periods_list_their_events(client: TestClient, filled: Filled) -> None:
    answer = client.get("/api/timeline").json()
    assert answer["bucket"] == "week"  # 2023-03 to 2024-04
    busy = [p for p in answer["periods"] if p["events"]]
    assert sum(sum(p["events"].values()) for p in busy) == 4  # four stories, a domain each
    for found in busy:
        listed = client.get(
            "/api/events", params={"since": found["since"], "until": found["until"]}
        ).json()
        assert listed["total"] == sum(found["events"].values())
