"""Places: the venue of the reported event (texts written for these tests)."""

from __future__ import annotations

from datetime import date

import pytest

from accords.lexicon import Lexicon
from accords.model import Article
from accords.pipeline import extract


@pytest.mark.parametrize(
    ("where", "venue"),
    [
        ("as reported in the New York Times", None),  # a paper's name, not the city
        ("in Baghdad, the New York Times reported", "Baghdad"),
    ],
)
def test_places_a_city_run_on_into_a_longer_name_is_no_venue(
    lexicon: Lexicon, where: str, venue: str | None
) -> None:
    text = (
        "Iran and Iraq police chiefs meet\nThe police chiefs of Iran and Iraq met to discuss "
        f"drug trafficking, {where}.\n"
    )
    (event,) = extract(Article(text=text, published=date(2024, 1, 18)), lexicon).events
    assert (event.location.name_latn if event.location else None) == venue


@pytest.mark.parametrize(
    ("aside", "venue"),
    [
        # a city told of where no event is, past the lead, is where something else happened;
        # one where the event is told is its venue
        ("Last week a bomb went off in a market in Basra.", None),
        ("The talks of the police chiefs were held in Basra.", "Basra"),
        # a visit the report recalls, and a date months back, put the city in the past
        ("The minister of interior of Iran held talks in Basra last year.", None),
        ("The police chiefs of Iran and Iraq held talks in Basra on 2 March 2023.", None),
    ],
)
def test_places_a_city_of_other_doings_is_no_venue(
    lexicon: Lexicon, aside: str, venue: str | None
) -> None:
    text = (
        "Iran and Iraq police chiefs meet\nThe police chiefs of Iran and Iraq met to discuss "
        "drug trafficking and border security.\nThe two sides agreed to share information on "
        "smuggling networks.\nThey also spoke of training for officers of the border guard.\n"
        f"{aside}\n"
    )
    events = extract(Article(text=text, published=date(2024, 1, 18)), lexicon).events
    (place,) = {event.location for event in events}
    assert (place.name_latn if place else None) == venue
