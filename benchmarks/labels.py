"""The labels kept in labels/: scope by source id, split into what tuning may read and
what is held back (one source in five, by a hash of its id, so the split never moves)."""

from __future__ import annotations

import csv
import hashlib
from pathlib import Path

LABELS = Path(__file__).resolve().parents[1] / "labels"
SCOPE = LABELS / "scope.tsv"


def split_of(source: str) -> str:
    """"held" for one source in five, "tune" for the rest."""
    digest = hashlib.sha256(source.encode("utf-8")).digest()
    return "held" if digest[0] % 5 == 0 else "tune"


def read_scope(path: Path = SCOPE, split: str = "all") -> dict[str, bool]:
    """In scope or not, by source id (empty when no labels exist yet)."""
    if not path.exists():
        return {}
    out: dict[str, bool] = {}
    with path.open(encoding="utf-8", newline="") as rows:
        for row in csv.DictReader((line for line in rows if not line.startswith("#")),
                                  delimiter="\t"):
            if split != "all" and split_of(row["source"]) != split:
                continue
            out[row["source"]] = row["scope"] == "in"
    return out
