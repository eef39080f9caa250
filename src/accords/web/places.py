"""The map's data: the venues of the real events the filters select, counted in stories,
each with its coordinates (see accords.coordinates) and its point on the drawn world."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection

from accords.coordinates import located
from accords.store import views
from accords.store.queries import EventFilter
from accords.web import world


def prepare() -> None:
    """Read what the map needs from its packages (each is kept for the process), ahead
    of the first visit."""
    located()
    world.outline()


def places_of(connection: Connection, where: EventFilter) -> dict[str, Any]:
    """How many real events the filters select and how many have a venue, and the venues,
    the busiest first, with latitude and longitude (None where the gazetteer has no such
    city)."""
    gazetteer = located()
    places = []
    for venue in views.venues(connection, where):
        found = gazetteer.of(venue["id"], venue["name"], venue["country"])
        places.append(
            {
                **venue,
                "latitude": found.latitude if found else None,
                "longitude": found.longitude if found else None,
                "geonameid": found.geonameid if found else None,
            }
        )
    return {
        "events": views.count_stories_of_events(connection, where),
        "placed": views.count_stories_placed(connection, where),
        "places": places,
    }


def drawing(places: list[dict[str, Any]]) -> dict[str, Any]:
    """What the page draws: the part of the world around the places that have coordinates
    (the whole world for none), and a dot for each, its area growing with the number of
    events and its size with the part drawn, the largest first so that a small dot stays
    on top of a large one (places without coordinates are listed, not drawn)."""
    shown = sorted((p for p in places if p["latitude"] is not None), key=lambda p: -p["events"])
    points = [world.point(p["latitude"], p["longitude"]) for p in shown]
    left, top, width, height = world.frame(points)
    most = max((p["events"] for p in shown), default=1)
    smallest, largest = width * world.SMALLEST_DOT, width * world.LARGEST_DOT
    dots = [
        {
            **place,
            "x": x,
            "y": y,
            "r": round(smallest + (largest - smallest) * (place["events"] / most) ** 0.5, 1),
        }
        for place, (x, y) in zip(shown, points, strict=True)
    ]
    # a touch needs more than a small dot: each has a target at least this wide around it
    return {
        "view": f"{left} {top} {width} {height}",
        "dots": dots,
        "hit": round(width / 60, 1),
        "most": most if shown else 0,
    }
