"""Relevance: does the report read as security cooperation between states, or does it
only hold the words of one (a summit with one security phrase, a sports page with "event
security", one country's police at home)?

The rules of events.py find triggers and sides; this decides, from what the stages found
in the whole report, whether they are its news. A logistic model over a few dozen counts
(in the headline and lead, in the sentences that report the event, in the whole text):
security words against economy and politics, people of the security gazetteer and their
titles, agencies, commitments, how many countries stand together in one sentence. The
features are the lexicon's, so one model serves the eight languages. Its weights are
trained from the labels in `labels/` (`make relevance`, benchmarks/relevance.py) and
shipped as relevance.json beside this module; the loader checks that the model's features
are the ones computed here.
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from accords.errors import LexiconError
from accords.extract.context import lead, reported
from accords.lexicon import Lexicon
from accords.model import Doc, Mention

MODEL = Path(__file__).with_name("relevance.json")

# words of a title's role that make it a security office (the titles file holds heads of
# state and foreign ministers too)
_SECURITY_ROLES = (
    "interior", "police", "security", "home", "justice", "intelligence", "narcotic", "drug",
    "border", "prosecutor", "gendarmerie", "interpol", "europol", "unodc", "fbi", "fsb",
    "crime", "immigration", "rosgvardia", "dea", "attorney", "investigative", "legal",
)  # fmt: skip
_TYPES = ("CONSULT", "AGREE", "COOPERATE", "AID")

FEATURES = (
    "core_domains", "core_security", "core_out", "body_domains", "body_security", "body_out",
    "consult", "agree", "cooperate", "aid", "headline_trigger", "headline_security",
    "countries", "core_countries", "pair_in_trigger_sentence", "sides", "agencies",
    "intl_bodies", "gazetteer_people", "security_titles", "other_titles", "commitments",
    "joint", "background", "future", "speech", "sentences", "cooperation_sentences",
    "trigger_security", "security_share", "out_share", "core_security_titles",
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class Model:
    features: tuple[str, ...]
    weights: tuple[float, ...]
    bias: float
    threshold: float

    def score(self, values: list[float]) -> float:
        z = self.bias + sum(w * v for w, v in zip(self.weights, values, strict=True))
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


@cache
def load(path: Path = MODEL) -> Model | None:
    """The shipped model, or None when there is none (then every candidate passes)."""
    if not path.exists():
        return None
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        model = Model(
            tuple(data["features"]),
            tuple(float(w) for w in data["weights"]),
            float(data["bias"]),
            float(data["threshold"]),
        )
    except (ValueError, KeyError, TypeError) as error:
        raise LexiconError(f"not a relevance model: {error}", source=str(path)) from None
    if model.features != FEATURES or len(model.weights) != len(FEATURES):
        raise LexiconError(
            "the model's features are not those accords computes; run `make relevance`",
            source=str(path),
        )
    return model


def features(doc: Doc, lexicon: Lexicon, triggers: list[Mention], sides: list[str]) -> list[float]:
    """The counts the model reads, log-scaled, in the order of FEATURES."""
    headline = set(range(doc.title_sentences))
    trigger_sentences = {m.sentence for m in triggers}
    core = headline | set(lead(doc)) | trigger_sentences
    body = range(doc.title_sentences, doc.body_end)

    def count(sentences: set[int] | range, test: Callable[[Mention], bool]) -> int:
        return sum(1 for s in sentences for m in doc.within(s) if test(m))

    def domain(m: Mention) -> bool:
        return m.concept == "domain"

    def security(m: Mention) -> bool:
        return m.concept == "cue" and m.kind == "security_scope"

    def out(m: Mention) -> bool:
        return m.concept == "cue" and m.kind == "out_of_scope"

    def cue(kind: str) -> int:
        return sum(1 for m in doc.of("cue") if m.kind == kind)

    types = {t: 0 for t in _TYPES}
    for m in triggers:
        types[m.kind] = types.get(m.kind, 0) + 1
    countries = {m.entry for m in doc.of("country")}
    core_countries = {m.entry for m in doc.of("country") if m.sentence in core}
    pair = any(
        len({m.entry for m in doc.within(s) if m.concept == "country"}) >= 2
        for s in trigger_sentences
    )
    organizations = [
        lexicon.entry("organization", m.entry).get("kind") for m in doc.of("organization")
    ]
    security_titles = other_titles = core_titles = 0
    for m in doc.of("title"):
        role = lexicon.entry("title", m.entry).get("role")
        if any(word in role for word in _SECURITY_ROLES):
            security_titles += 1
            core_titles += m.sentence in core
        elif m.kind != "yes":
            other_titles += 1

    def secure(sentence: int) -> bool:
        return any(domain(m) or security(m) for m in doc.within(sentence))

    def two_parties(sentence: int) -> bool:
        within = doc.within(sentence)
        named = {m.entry for m in within if m.concept == "country"}
        return len(named) >= 2 or any(
            m.concept in ("title", "person", "organization") for m in within
        )

    news = reported(doc, lexicon)
    secure_sentences = {s for s in news if secure(s)}
    cooperation = [s for s in trigger_sentences if s in secure_sentences and two_parties(s)]
    out_sentences = [s for s in news if any(out(m) for m in doc.within(s))]
    values = [
        count(core, domain), count(core, security), count(core, out),
        count(body, domain), count(body, security), count(body, out),
        *(types[t] for t in _TYPES),
        int(bool(headline & trigger_sentences)), count(headline, security),
        len(countries), len(core_countries), int(pair), len(sides),
        organizations.count("agency") + organizations.count("ministry"),
        organizations.count("intl"), len(doc.of("person")), security_titles, other_titles,
        len(doc.of("commitment")), cue("joint"), cue("background"), cue("future"),
        cue("speech"), doc.body_end - doc.title_sentences, len(cooperation),
        sum(1 for s in trigger_sentences if s in secure_sentences),
    ]  # fmt: skip
    shares = [len(secure_sentences) / max(1, len(news)), len(out_sentences) / max(1, len(news))]
    return [*(math.log1p(v) for v in values), *shares, math.log1p(core_titles)]


def relevant(doc: Doc, lexicon: Lexicon, triggers: list[Mention], sides: list[str]) -> bool:
    model = load()
    if model is None:
        return True
    return model.score(features(doc, lexicon, triggers, sides)) >= model.threshold
