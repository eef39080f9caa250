"""Relevance: does the report read as security cooperation between states, or does it
only hold the words of one (a summit with one security phrase, a sports page with "event
security", one country's police at home)?

The rules of events.py find triggers and sides; this decides, from what the stages found
in the whole report, whether they are its news. A logistic model over a few dozen counts
(in the headline and lead, in the sentences that report the event, in the whole text):
security words against economy and politics, people of the security gazetteer and their
titles, agencies, commitments, how many countries stand together in one sentence, how
many sides act through a person or a body of their own rather than being only named (the
«Afghan border» an Iranian police chief visits is no side). And the triggers themselves:
how often each one opened a report in scope in the labels («signed a memorandum» far more
than «coordination»), a table of log-odds learned with the weights; and, the same way, the
words of the whole report, whatever the lexicon knows of them ("counterpart", "extradition"
weigh for; «المنتخب» the national team, «انتخابات» elections against), each tagged with its
language and weighed against the reports of its language. The subjects that compete with
security cooperation for what a report is about (sport, war, elections and the nuclear file,
accusations, opinion: topics.tsv) are counted in the headline, the lead and the event
sentences. And what the lexicon read, in no language (`concepts`: a domain in the headline,
an interior minister in the event's sentence), a third table of log-odds learnt from all the
languages' labels together. Most features are the lexicon's, so one model serves the eight
languages; the words add what each language's labels have shown. Its weights are trained
from the labels in `labels/` (`make relevance`, benchmarks/relevance.py) and shipped as
relevance.json beside this module; the loader checks that the model's features are the
ones computed here.
"""

from __future__ import annotations

import bisect
import json
import math
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from accords.errors import LexiconError
from accords.extract import context
from accords.extract.context import COUNTRY_READINGS, country_of, home_of, lead, opening
from accords.lexicon import KNOWN_VALUES, Lexicon
from accords.model import Doc, Mention

if TYPE_CHECKING:
    from accords.extract.events import Candidate

MODEL = Path(__file__).with_name("relevance.json")

_TYPES = ("CONSULT", "AGREE", "COOPERATE", "AID")
# the subjects of topics.tsv that compete with security cooperation for what a report is
# about: one feature each, so what the labels of one language teach serves the others
TOPICS = KNOWN_VALUES[("topic", "topic")]

FEATURES = (
    "core_domains", "core_security", "core_out", "body_domains", "body_security", "body_out",
    "consult", "agree", "cooperate", "aid", "headline_trigger", "headline_security",
    "countries", "core_countries", "pair_in_trigger_sentence", "sides", "agencies",
    "intl_bodies", "gazetteer_people", "security_titles", "other_titles", "commitments",
    "joint", "background", "future", "speech", "sentences", "cooperation_sentences",
    "trigger_security", "security_share", "out_share", "core_security_titles",
    "acting_sides", "core_acting_sides", "foreign_acting", "headline_sides",
    "trigger_sentence_sides", "weakest_side", "opening_sides", "trigger_phrase",
    *(f"core_{topic}" for topic in TOPICS),
    "trigger_odds_max", "trigger_odds_mean", "word_odds_sum", "word_odds_top", "word_odds_bottom",
    "concept_odds_sum", "concept_odds_top", "concept_odds_bottom",
)  # fmt: skip
# the last eight are read from the model's own tables of log-odds (Model.score): two of the
# triggers', three of the words', three of the concepts'
TABLE_FEATURES = 8
_EXTREMES = 5  # the items of strongest log-odds either way that the top and bottom average


@dataclass(frozen=True, slots=True)
class Model:
    features: tuple[str, ...]
    weights: tuple[float, ...]
    bias: float
    threshold: float
    # log-odds that a report whose trigger is this lexicon entry is in scope, against the
    # share in scope of all candidates; an entry the labels never showed weighs 0
    trigger_odds: Mapping[str, float] = field(default_factory=dict)
    # the same of each word (`words` gives their form), for the words seen often enough
    word_odds: Mapping[str, float] = field(default_factory=dict)
    # the same of each reading of the lexicon where it stands (`concepts` gives their form)
    concept_odds: Mapping[str, float] = field(default_factory=dict)

    def score(
        self,
        values: list[float],
        triggers: Iterable[str],
        words: Iterable[str],
        concepts: Iterable[str] = (),
    ) -> float:
        """The probability that the candidate is security cooperation: `values` as
        `features` gives them, `triggers` the lexicon entries of its triggers, `words` the
        words of the report (`words`), `concepts` what the lexicon read in it (`concepts`)."""
        full = [
            *values,
            *odds(self.trigger_odds, self.word_odds, triggers, words),
            *spread(self.concept_odds, concepts),
        ]
        z = self.bias + sum(w * v for w, v in zip(self.weights, full, strict=True))
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


def odds(
    trigger_table: Mapping[str, float],
    word_table: Mapping[str, float],
    triggers: Iterable[str],
    words: Iterable[str],
) -> list[float]:
    """The features read from the tables: the strongest and the mean log-odds of the
    triggers' entries; of the words known to the table, their sum over the root of their
    number (many weak words count, but not by the length of the text), and the mean of the
    strongest few for and against."""
    found = [trigger_table.get(entry, 0.0) for entry in set(triggers)]
    out = [max(found), sum(found) / len(found)] if found else [0.0, 0.0]
    return [*out, *spread(word_table, words)]


def spread(table: Mapping[str, float], items: Iterable[str]) -> list[float]:
    """Of the items known to the table (words, concepts), their log-odds summed over the
    root of their number (many weak ones count, but not by the length of the text), and
    the mean of the strongest few for and against."""
    weights = sorted(table[item] for item in set(items) if item in table)
    if not weights:
        return [0.0, 0.0, 0.0]
    top, bottom = weights[-_EXTREMES:], weights[:_EXTREMES]
    return [
        sum(weights) / math.sqrt(len(weights)),
        sum(top) / len(top),
        sum(bottom) / len(bottom),
    ]


def words(doc: Doc) -> set[str]:
    """The words the word table is read for: of the whole report (headline and body, not
    the site's junk after it), lower-cased and tagged with the language («fa:نظیر»,
    "en:clashes"). What the whole text is about tells more than the few sentences around
    the triggers: cross-validated precision at the recall floor 0.30 -> 0.33."""
    prefix = f"{doc.lang}:"
    # the report's tokens come first (a token's sentence never goes down), each distinct
    # word read once: a pass over every token was 6 % of the events stage
    report = bisect.bisect_left(doc.token_sentence, doc.body_end)
    return {prefix + word.lower() for word in set(doc.words[:report]) if not word.isdigit()}


# the cues whose reading says what a report is about (not "and", a weekday, a unit)
_TOPICAL_CUES = frozenset(
    ("security_scope", "out_of_scope", "joint", "together", "members", "background", "future",
     "speech", "irrealis", "negation")
)  # fmt: skip
_CONCEPTS = frozenset(("trigger", "step", "topic", "organization", "title", "domain"))


def concepts(doc: Doc, found: Candidate) -> set[str]:
    """What the lexicon read in the report, in no language: its entries (a trigger's
    «consult_met», a domain's «terrorism_core», a title's «minister_of_interior», a
    competing subject's «sport_words»), the kinds of its commitments and of the cues that
    tell what a report is about, each tagged with where it stands (h: the headline, t: a
    sentence of the event, l: the lead, b: the rest of the body), once more as in the core
    of the report (k: any of the first three) and once as anywhere (a). The table of their
    log-odds is learnt from the labels of all eight languages together: a language with a
    dozen reports in scope reads what the others' labels taught of «a police chief in the
    headline». Cross-validated precision at the recall floor 0.30 -> 0.32 (0.30 -> 0.34 as
    the mean of three draws of the folds)."""
    headline = set(range(doc.title_sentences))
    trigger_sentences = {m.sentence for m in found.triggers}
    lead_sentences = set(lead(doc))
    out: set[str] = set()
    for m in doc.mentions:
        if m.sentence >= doc.body_end:
            continue
        if m.concept == "cue" and m.kind in _TOPICAL_CUES:
            reading = f"cue:{m.entry}"
        elif m.concept == "commitment":
            reading = f"commitment:{m.kind}"
        elif m.concept in _CONCEPTS:
            reading = f"{m.concept}:{m.entry}"
        else:
            continue
        if m.sentence in headline:
            where = "h"
        elif m.sentence in trigger_sentences:
            where = "t"
        elif m.sentence in lead_sentences:
            where = "l"
        else:
            where = "b"
        out.add(f"{where}|{reading}")
        if where != "b":
            out.add(f"k|{reading}")
        out.add(f"a|{reading}")
    return out


def _core(doc: Doc, found: Candidate) -> set[int]:
    """The sentences that say what a report is about: its headline, its lead and those
    that report the event."""
    return opening(doc) | {m.sentence for m in found.triggers}


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
            {str(entry): float(value) for entry, value in data["trigger_odds"].items()},
            {str(word): float(value) for word, value in data["word_odds"].items()},
            {str(item): float(value) for item, value in data["concept_odds"].items()},
        )
    except (ValueError, KeyError, TypeError, AttributeError) as error:
        raise LexiconError(f"not a relevance model: {error}", source=str(path)) from None
    if model.features != FEATURES or len(model.weights) != len(FEATURES):
        raise LexiconError(
            "the model's features are not those accords computes; run `make relevance`",
            source=str(path),
        )
    return model


def features(doc: Doc, lexicon: Lexicon, found: Candidate) -> list[float]:
    """The counts the model reads, log-scaled, in the order of FEATURES (but those the
    model reads from its own tables)."""
    triggers, sides = found.triggers, found.sides
    headline = set(range(doc.title_sentences))
    trigger_sentences = {m.sentence for m in triggers}
    core = _core(doc, found)
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
        if "security" in lexicon.roles(role).values():  # not heads of state, say
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

    news = found.news
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
    topics = {topic: 0 for topic in TOPICS}
    for m in doc.of("topic"):
        if m.sentence in core:
            topics[m.kind] += 1
    return [
        *(math.log1p(v) for v in values),
        *shares,
        math.log1p(core_titles),
        *_sides(doc, lexicon, found, headline, core),
        *(math.log1p(topics[topic]) for topic in TOPICS),
    ]


def _sides(
    doc: Doc, lexicon: Lexicon, found: Candidate, headline: set[int], core: set[int]
) -> list[float]:
    """How the sides take part: how many act through a person or a national body of their
    own (in the news, in the core sentences; a side other than the home country's), how
    many the headline, a trigger sentence and the opening name, how often the least named
    side is named, and whether a trigger is a phrase rather than one word."""
    sides = set(found.sides)
    home = home_of(doc, lexicon)
    news = set(found.news)
    acting = context.acting(doc, lexicon, news, sides)
    named: dict[int, set[str]] = {}
    for country, sentences in acting.items():
        for sentence in sentences:
            named.setdefault(sentence, set()).add(country)
    for mention in doc.mentions:
        if mention.concept not in COUNTRY_READINGS or mention.sentence not in news:
            continue
        named_country = country_of(lexicon, mention)
        if named_country in sides:
            named.setdefault(mention.sentence, set()).add(named_country)
    told = opening(doc)

    def sides_in(sentences: Iterable[int]) -> int:
        return len(set().union(*(named.get(s, set()) for s in sentences)))

    per_side = {side: sum(side in n for n in named.values()) for side in sides}
    values = [
        len(acting),
        sum(1 for sentences in acting.values() if sentences & core),
        int(any(side != home for side in acting)),
        sides_in(headline),
        max((len(named.get(s, ())) for s in found.trigger_sentences), default=0),
        min(per_side.values(), default=0),
        sides_in(told),
        int(any(any(c.isspace() for c in doc.text[m.start : m.end]) for m in found.triggers)),
    ]
    return [math.log1p(v) for v in values]


def relevant(doc: Doc, lexicon: Lexicon, found: Candidate) -> bool:
    model = load()
    if model is None:
        return True
    triggers = (m.entry for m in found.triggers)
    score = model.score(features(doc, lexicon, found), triggers, words(doc), concepts(doc, found))
    return score >= model.threshold
