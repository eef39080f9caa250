"""Venues' coordinates come from the GeoNames gazetteer by the lexicon's names and country:
the known capitals where they are, names in other scripts found too, the most populous
place of a name taken, and every city of the lexicon placed but the few GeoNames lacks."""

from __future__ import annotations

import pytest

from accords.coordinates import located, resolve
from accords.lexicon import DATA, read_tsv


@pytest.mark.parametrize(
    ("city", "latitude", "longitude"),
    [("tehran", 35.69, 51.42), ("baghdad", 33.34, 44.40), ("muscat", 23.58, 58.41)],
)
def test_coordinates_of_known_venues(city: str, latitude: float, longitude: float) -> None:
    found = located().by_id[city]
    assert found.latitude == pytest.approx(latitude, abs=0.05)
    assert found.longitude == pytest.approx(longitude, abs=0.05)


def test_coordinates_of_a_venue_by_name_when_its_id_is_unknown() -> None:
    gazetteer = located()
    by_name = gazetteer.of("no-such-id", "Baghdad", "IRQ")
    assert by_name == gazetteer.by_id["baghdad"]
    assert gazetteer.of("no-such-id", "Baghdad", "IRN") is None  # not Iran's
    assert gazetteer.of(None, None, None) is None


def test_coordinates_every_lexicon_city_but_those_geonames_lacks() -> None:
    cities = {row["id"] for _, row in read_tsv(DATA / "cities.tsv", ("country", "capital"))}
    missing = cities - set(located().by_id)
    # border crossings and a port under 5,000 people, a new city, a region, and
    # «Djibouti City», which GeoNames names Djibouti: a city added to the lexicon must be
    # one the gazetteer knows, or be named here
    assert missing == {"torkham", "spin_boldak", "hairatan", "neom", "duqm", "djibouti_city",
                       "inner_mongolia"}  # fmt: skip


def _place(name: str, population: int, latitude: float, *others: str) -> dict[str, object]:
    return {"geonameid": population, "name": name, "alternatenames": list(others),
            "countrycode": "IR", "latitude": latitude, "longitude": 51.0,
            "population": population}  # fmt: skip


def test_coordinates_take_any_script_and_the_likeliest_place() -> None:
    cities = [
        {"id": "tehran", "country": "IRN", "en": "Tehran", "fa": "تهران"},
        {"id": "qom", "country": "IRN", "en": "", "fa": "قم"},
    ]
    gazetteer = [
        _place("Tehran", 200, 1.0),  # a village after the capital
        _place("Tehran", 9_000_000, 35.7, "تهران"),
        _place("Tehranak", 9_000_001, 2.0, "Tehran"),  # bears the name, but not as its own
        _place("Qom", 1_000_000, 34.6, "قم"),  # found by its Persian name alone
    ]
    found = resolve(cities, gazetteer, {"IRN": "IR"})
    assert found["tehran"].latitude == 35.7
    assert found["qom"].latitude == 34.6
    assert resolve(cities, gazetteer, {"IRN": "IQ"}) == {}  # another country's places
