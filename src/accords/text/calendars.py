"""Solar Hijri and Lunar Hijri dates to Gregorian."""

from __future__ import annotations

from datetime import date

GREGORIAN = "gregorian"
SOLAR_HIJRI = "solar_hijri"
LUNAR_HIJRI = "lunar_hijri"

# Years plausible in news for each calendar; a four-digit number outside them is no year.
YEARS = {
    GREGORIAN: range(1900, 2101),
    SOLAR_HIJRI: range(1300, 1480),
    LUNAR_HIJRI: range(1350, 1520),
}


def to_gregorian(calendar: str, year: int, month: int, day: int) -> date | None:
    """The Gregorian date, or None when the date does not exist."""
    try:
        if calendar == GREGORIAN:
            return date(year, month, day)
        if calendar == SOLAR_HIJRI:
            import jdatetime

            found: date = jdatetime.date(year, month, day).togregorian()
            return found
        if calendar == LUNAR_HIJRI:
            from hijridate import Hijri

            return Hijri(year, month, day).to_gregorian()
    except (ValueError, OverflowError):
        return None
    raise ValueError(f"unknown calendar {calendar!r}")


def month_day_without_year(
    calendar: str, month: int, day: int, near: date | None
) -> tuple[int, int] | None:
    """Gregorian (month, day) of a Hijri day-month given without a year, using the year of
    `near` (the publication date) when known; Gregorian passes through."""
    if calendar == GREGORIAN:
        return (month, day) if 1 <= month <= 12 and 1 <= day <= 31 else None
    if near is None:
        return None
    guess = {SOLAR_HIJRI: near.year - 621, LUNAR_HIJRI: round((near.year - 622) * 1.0307)}[calendar]
    best: date | None = None
    for year in (guess - 1, guess, guess + 1):
        found = to_gregorian(calendar, year, month, day)
        if found and (best is None or abs((found - near).days) < abs((best - near).days)):
            best = found
    return (best.month, best.day) if best else None
