"""The wild corpus of ../shared/eval/wild, read by language or by source id."""

from __future__ import annotations

import json
import random
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from accords.model import Article

ROOT = Path(__file__).resolve().parents[1]
WILD = ROOT.parent / "shared" / "eval" / "wild"
LANGS = ("fa", "ar", "en", "ru", "zh", "tr", "fr", "ur")


def read_wild(lang: str, *, security: bool = False) -> Iterator[dict[str, str]]:
    """The articles of one language (`security`: the keyword-ranked subset only)."""
    name = f"{lang}-security.jsonl" if security else f"{lang}.jsonl"
    with (WILD / name).open(encoding="utf-8") as lines:
        for line in lines:
            yield json.loads(line)


def article(record: dict[str, str]) -> Article:
    """A corpus record as accords reads it from a JSONL line."""
    from accords.ingest.jsonl import parse_line

    line = json.dumps(record, ensure_ascii=False)
    return parse_line(line, source=record.get("source", "wild"))


@cache
def by_source() -> dict[str, dict[str, str]]:
    """Every article of the corpus by its `source` id."""
    return {r["source"]: r for lang in LANGS for r in read_wild(lang)}


def sample(lang: str, count: int | None) -> list[dict[str, str]]:
    """A fixed random sample of `count` articles of one language (all of them when None or
    more than there are), the same in every run and every benchmark: drawn with a seed
    named for the language."""
    with (WILD / f"{lang}.jsonl").open(encoding="utf-8") as lines:
        chosen = lines.readlines()
    if count is not None and count < len(chosen):  # drawn from the lines, parsed once chosen
        chosen = random.Random(f"wild-{lang}").sample(chosen, count)
    return [json.loads(line) for line in chosen]
