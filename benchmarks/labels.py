"""The labels kept in labels/: scope by source id, split into what tuning may read and
what is held back (one source in five, by a hash of its id, so the split never moves)."""

from __future__ import annotations

import csv
import hashlib
from pathlib import Path

LABELS = Path(__file__).resolve().parents[1] / "labels"
SCOPE = LABELS / "scope"
# the two groups of languages the figures are asked for
GROUPS = ("fa,ar,en", "ru,zh,tr,fr,ur")


def group_of(lang: str) -> str:
    """The group of GROUPS a language is in; one outside them goes with the last."""
    return next((group for group in GROUPS if lang in group.split(",")), GROUPS[-1])


def split_of(source: str) -> str:
    """ "held" for one source in five, "tune" for the rest."""
    digest = hashlib.sha256(source.encode("utf-8")).digest()
    return "held" if digest[0] % 5 == 0 else "tune"


def scope_rows(folder: Path = SCOPE) -> list[dict[str, str]]:
    """Every scope label (labels/scope/<lang>.tsv), with its `lang` and `split`."""
    out: list[dict[str, str]] = []
    for path in sorted(folder.glob("*.tsv")):
        with path.open(encoding="utf-8", newline="") as rows:
            reader = csv.DictReader(rows, delimiter="\t", quoting=csv.QUOTE_NONE)
            for row in reader:
                if row["scope"] not in ("in", "out"):
                    raise ValueError(f"{path}:{reader.line_num}: scope {row['scope']!r}")
                row["lang"] = path.stem
                row["split"] = split_of(row["source"])
                out.append(row)
    return out


def read_scope(folder: Path = SCOPE, split: str = "all") -> dict[str, bool]:
    """In scope or not, by source id (empty when no labels exist yet)."""
    return {
        row["source"]: row["scope"] == "in"
        for row in scope_rows(folder)
        if split in ("all", row["split"])
    }
