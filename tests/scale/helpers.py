"""Reading a batch job's datasets back, for comparisons."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pyarrow.dataset as ds


def rows(out: Path, name: str) -> list[dict[str, Any]]:
    table = ds.dataset(out / name, format="parquet", partitioning="hive").to_table()
    found: list[dict[str, Any]] = table.to_pylist()
    return found


def events(out: Path) -> list[tuple[str, int, str, tuple[str, ...], tuple[str, ...]]]:
    """What the engines must agree on: doc, position, type, sides, domains."""
    return sorted(
        (r["doc"], r["event"], r["type"], tuple(r["countries"]), tuple(r["domains"]))
        for r in rows(out, "events")
    )


def stories(out: Path) -> list[tuple[str, str]]:
    return sorted((r["doc"], r["story"]) for r in rows(out, "events"))


def docs(out: Path) -> list[str]:
    return sorted(r["doc"] for r in rows(out, "articles"))


def files(out: Path) -> list[str]:
    """The files of the five datasets, relative to the output folder."""
    names = ("articles", "events", "actors", "commitments", "stories")
    return sorted(str(f.relative_to(out)) for name in names for f in (out / name).rglob("*"))
