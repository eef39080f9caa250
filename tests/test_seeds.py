"""The two articles that started the project, read from ../shared/seeds when it is there."""

from __future__ import annotations

from pathlib import Path

import pytest

from accords.ingest.files import read_text
from accords.lexicon import Lexicon
from accords.model import CommitmentKind, Extraction
from accords.pipeline import extract
from tests.conftest import SHARED

SEEDS = SHARED / "seeds"
pytestmark = pytest.mark.skipif(not SEEDS.is_dir(), reason="../shared/seeds is absent")


def _seed(lang_letter: str, lexicon: Lexicon) -> Extraction:
    for path in sorted(SEEDS.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        arabic = "ة" in text or "ي" in text
        if (lang_letter == "ar") == arabic:
            return extract(read_text(str(path)), lexicon)
    raise AssertionError("seed not found")


def test_seeds_arabic_meeting_in_beijing_not_the_tehran_dateline(lexicon: Lexicon) -> None:
    result = _seed("ar", lexicon)
    assert result.lang == "ar"
    assert {c for e in result.events for c in e.countries} == {"IRN", "CHN"}
    assert {str(e.type) for e in result.events} == {"CONSULT"}
    event = result.events[0]
    assert event.location is not None and event.location.name_latn == "Beijing"
    assert event.date == "--01-18"
    people = {a.country: a for a in event.actors}
    assert "Radan" in people["IRN"].name_latn
    # «وانغ شياو يوهانغ» (misspelt) and the later «هونغ» are one person: Wang Xiaohong
    assert [a.name_latn for a in event.actors if a.country == "CHN"] == ["Wang Xiaohong"]
    text = Path(sorted(SEEDS.glob("*.txt"))[1]).read_text(encoding="utf-8")
    for evidence in event.evidence:
        assert text[evidence.start : evidence.end].strip()


def test_seeds_persian_sides_actor_and_commitments(lexicon: Lexicon) -> None:
    result = _seed("fa", lexicon)
    assert result.lang == "fa"
    assert {c for e in result.events for c in e.countries} == {"IRN", "RUS"}  # not Brazil
    assert any(
        "Ashtari" in a.name_latn and a.country == "IRN" for e in result.events for a in e.actors
    )
    kinds = [(c.kind, tuple(c.by), tuple(c.domains)) for c in result.commitments]
    offers = [k for k in kinds if k[0] == CommitmentKind.OFFER and k[1] == ("IRN",)]
    assert len(offers) >= 3  # training, equipment, World Cup security staff
    assert any("event_security" in k[2] for k in offers)
    assert any(k[0] == CommitmentKind.PROPOSAL for k in kinds)  # the joint committee
    assert any(k[0] == CommitmentKind.REQUEST for k in kinds)  # the invitation to IPAS
    # the site's related links after the article are not read as news
    assert all("جام جم" not in c.action for c in result.commitments)
