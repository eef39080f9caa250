"""Extraction cases from YAML files: what must be found and what must not."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from accords.lexicon import Lexicon
from accords.model import Article
from accords.pipeline import extract

CASES = sorted((Path(__file__).parent / "cases").glob("*.yaml"))


def _found(result: Any) -> dict[str, set[str]]:
    events = result.events
    return {
        "countries": {c for e in events for c in e.countries},
        "types": {str(e.type) for e in events},
        "domains": {d for e in events for d in e.domains}
        | {d for c in result.commitments for d in c.domains},
        "persons": {f"{a.name_latn}|{a.name}|{a.country}" for e in events for a in e.actors},
        "location": {e.location.name_latn for e in events if e.location},
        "date": {e.date for e in events if e.date},
        "commitments": {f"{c.kind}:{'+'.join(c.by)}" for c in result.commitments},
    }


@pytest.mark.parametrize("path", CASES, ids=[p.stem for p in CASES])
def test_cases(path: Path, lexicon: Lexicon) -> None:
    case = yaml.safe_load(path.read_text(encoding="utf-8"))
    published = case.get("published")
    result = extract(
        Article(text=case["text"], doc=path.name, lang=case.get("lang"), published=published),
        lexicon,
    )
    found = _found(result)
    for field, wanted in (case.get("must_have") or {}).items():
        for value in wanted if isinstance(wanted, list) else [wanted]:
            assert any(str(value) in item for item in found[field]), (
                f"{field}: {value!r} not in {found[field]}"
            )
    for field, unwanted in (case.get("must_not_have") or {}).items():
        for value in unwanted if isinstance(unwanted, list) else [unwanted]:
            assert not any(str(value) in item for item in found[field]), (
                f"{field}: {value!r} should not be in {found[field]}"
            )
    if case.get("no_events"):
        assert not result.events, result.events
