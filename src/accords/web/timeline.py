"""The timeline's chart: real events counted in periods whose length suits the range (a
day, a week, a month or a year), a series per domain, each domain in the same colour on
every page, and for each period the filter that lists its events."""

from __future__ import annotations

from collections import Counter
from datetime import date, timedelta
from typing import Any

from accords.model import DOMAINS

# One colour per domain, whatever the filter shows: a domain keeps its colour between
# /timeline and /timeline?country=IRN. Distinct hues first, the rarer domains after.
DOMAIN_COLOURS: dict[str, str] = dict(
    zip(
        (*DOMAINS, "none"),
        (
            "#2b6cb0", "#c05621", "#2f855a", "#b83280", "#6b46c1", "#d69e2e", "#319795",
            "#e53e3e", "#4a5568", "#805ad5", "#dd6b20", "#38a169", "#3182ce", "#d53f8c",
            "#975a16", "#285e61", "#9b2c2c", "#44337a", "#a0aec0",
        ),
        strict=True,
    )
)  # fmt: skip
BUCKETS = ("day", "week", "month", "year")
# the longest range, in days, drawn in each bucket: about 30 to 120 bars
LONGEST = {"day": 92, "week": 731, "month": 366 * 12}


def bucket_for(first: date, last: date) -> str:
    """The period a bar stands for over the range from `first` to `last`."""
    span = (last - first).days
    return next((b for b, longest in LONGEST.items() if span <= longest), "year")


def period(day: date, bucket: str) -> tuple[str, str, str]:
    """(label, since, until) of the period of `bucket` that holds `day`; since and until
    are the filter values that list its events."""
    if bucket == "day":
        text = day.isoformat()
        return text, text, text
    if bucket == "week":
        monday = day - timedelta(days=day.weekday())
        year, week, _ = monday.isocalendar()
        return f"{year}-W{week:02d}", monday.isoformat(), (monday + timedelta(6)).isoformat()
    text = day.isoformat()[:7] if bucket == "month" else str(day.year)
    return text, text, text


def _next(day: date, bucket: str) -> date:
    if bucket == "day":
        return day + timedelta(1)
    if bucket == "week":
        return day - timedelta(days=day.weekday()) + timedelta(7)
    if bucket == "month":
        return date(day.year + day.month // 12, day.month % 12 + 1, 1)
    return date(day.year + 1, 1, 1)


def chart(days: dict[str, dict[str, int]]) -> dict[str, Any]:
    """Every period from the first day to the last (the empty ones too), its filter, and
    a series per domain with its colour, the busiest domain first."""
    if not days:
        return {"bucket": "month", "labels": [], "periods": [], "series": []}
    first, last = date.fromisoformat(min(days)), date.fromisoformat(max(days))
    bucket = bucket_for(first, last)
    counted: dict[str, Counter[str]] = {}
    for day, counts in days.items():
        counted.setdefault(period(date.fromisoformat(day), bucket)[0], Counter()).update(counts)
    periods: list[dict[str, str]] = []
    current = first
    while current <= last:
        label, since, until = period(current, bucket)
        periods.append({"label": label, "since": since, "until": until})
        current = _next(current, bucket)
    totals: Counter[str] = Counter()
    for counts in counted.values():
        totals.update(counts)
    series = [
        {
            "domain": domain,
            "colour": DOMAIN_COLOURS.get(domain, DOMAIN_COLOURS["none"]),
            "counts": [counted.get(p["label"], Counter())[domain] for p in periods],
        }
        for domain in sorted(totals, key=lambda d: (-totals[d], d))
    ]
    return {
        "bucket": bucket,
        "labels": [p["label"] for p in periods],
        "periods": periods,
        "series": series,
    }
