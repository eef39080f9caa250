"""Dates as extraction writes them ("2024-01-18", "--01-18", "2024-01") read for linking."""

from __future__ import annotations

from datetime import date

MonthDay = tuple[int, int]


def full_date(value: str | None) -> date | None:
    """The date when `value` gives year, month and day; None otherwise."""
    if not value or len(value) != 10 or value.startswith("--"):
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        return None


def month_day(value: str | None) -> MonthDay | None:
    """Month and day of a date written without its year ("--01-18")."""
    if not value or not value.startswith("--"):
        return None
    try:
        month, day = (int(part) for part in value[2:].split("-"))
        date(2000, month, day)  # a leap year, so that --02-29 is valid
    except ValueError:
        return None
    return month, day


def nearest(found: MonthDay, reference: date) -> date:
    """The date with this month and day nearest to `reference` (a report of early January
    may tell of late December)."""
    options = []
    for year in (reference.year - 1, reference.year, reference.year + 1):
        try:
            options.append(date(year, *found))
        except ValueError:  # 29 February in a common year
            continue
    return min(options, key=lambda d: (abs((d - reference).days), d))
