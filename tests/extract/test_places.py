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
