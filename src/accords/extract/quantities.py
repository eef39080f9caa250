"""Quantities: amounts seized and people arrested, with their units («142 كغم», "20 kg of
heroin", «771 کیلوگرم شیشه», "two suspects" is left out: only figures are read)."""

from __future__ import annotations

from accords.extract.context import reported
from accords.lexicon import Lexicon
from accords.model import Doc, Quantity

REQUIRES = ("by_concept", "tokens", "words", "title_sentences", "body_end", "sentence_domains")
ASSIGNS = ("quantities",)

_UNIT_CUES = {"unit_mass": "kg", "unit_people": "people"}


def run(doc: Doc, lexicon: Lexicon) -> None:
    news = set(reported(doc))
    units = {m.token: m for m in doc.of("cue") if m.kind in _UNIT_CUES and m.sentence in news}
    for after, unit in sorted(units.items()):
        if after == 0 or not doc.words[after - 1][:1].isdigit():
            continue
        token, text = doc.tokens[after - 1], doc.words[after - 1]
        try:
            value = float(text.replace(",", ""))
        except ValueError:
            continue
        entry = lexicon.entry("cue", unit.entry)
        kind = _UNIT_CUES[entry.get("cue")]
        if kind == "kg":
            value = value * int(entry.get("value") or 1000) / 1000
        domains = doc.sentence_domains.get(unit.sentence, [])
        what = domains[0] if domains else ("arrested" if kind == "people" else "seized")
        doc.quantities.append(Quantity(value, kind, what, doc.evidence(token.start, unit.end)))
