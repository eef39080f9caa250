"""The relevance model: shipped, checked when loaded, and deciding as its labels say."""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest

from accords.errors import LexiconError
from accords.extract import body, events, mentions, relevance
from accords.lexicon import Lexicon
from accords.model import Article
from accords.pipeline import extract, prepare, run_stages


def test_relevance_the_shipped_model_reads_the_features_accords_computes() -> None:
    model = relevance.load()
    assert model is not None
    assert model.features == relevance.FEATURES
    assert 0.0 < model.threshold < 1.0


def test_relevance_a_model_of_other_features_is_refused_naming_the_file(tmp_path: Path) -> None:
    path = tmp_path / "relevance.json"
    path.write_text(
        json.dumps(
            {
                "features": ["a"],
                "weights": [1.0],
                "bias": 0.0,
                "threshold": 0.5,
                "trigger_odds": {},
                "word_odds": {},
                "concept_odds": {},
            }
        ),
        encoding="utf-8",
    )
    with pytest.raises(LexiconError, match="make relevance") as error:
        relevance.load(path)
    assert str(path) in str(error.value)


@pytest.mark.parametrize(
    "change",
    [
        {"trigger_odds": None},
        {"trigger_odds": {"agree_mou_signed": "high"}},
        {"word_odds": {"en:extradition": "high"}},
        {"concept_odds": {"h|trigger:agree_signed": "high"}},
        {},
    ],
)
def test_relevance_a_file_that_is_no_model_is_refused(
    tmp_path: Path, change: dict[str, object]
) -> None:
    shipped = json.loads(relevance.MODEL.read_text(encoding="utf-8"))
    path = tmp_path / "relevance.json"
    path.write_text(json.dumps({**shipped, **change} if change else {}), encoding="utf-8")
    with pytest.raises(LexiconError, match="not a relevance model"):
        relevance.load(path)


def test_relevance_a_trigger_the_labels_favour_raises_the_score() -> None:
    model = relevance.load()
    assert model is not None
    values = [0.0] * (len(model.features) - relevance.TABLE_FEATURES)
    best = max(model.trigger_odds, key=model.trigger_odds.__getitem__)
    worst = min(model.trigger_odds, key=model.trigger_odds.__getitem__)
    assert model.score(values, [best], []) > model.score(values, [], [])
    assert model.score(values, [], []) > model.score(values, [worst], [])


def test_relevance_words_the_labels_favour_raise_the_score() -> None:
    model = relevance.load()
    assert model is not None
    values = [0.0] * (len(model.features) - relevance.TABLE_FEATURES)
    ranked = sorted(model.word_odds, key=model.word_odds.__getitem__)
    best, worst = ranked[-10:], ranked[:10]
    assert model.score(values, [], best) > model.score(values, [], [])
    assert model.score(values, [], []) > model.score(values, [], worst)


def test_relevance_police_chiefs_on_drugs_pass_an_energy_meeting_does_not(
    lexicon: Lexicon,
) -> None:
    police = (
        "Iran and Pakistan police chiefs meet\nIranian police chief Ahmadreza Radan met "
        "Pakistan's Interior Minister Mohsin Naqvi in Islamabad on Monday to discuss joint "
        "operations against drug trafficking and border security.\nThe two sides agreed to "
        "exchange information on smuggling networks.\n"
    )
    energy = (
        "Iran and Russia discuss oil\nIranian Oil Minister Javad Owji met Russian Energy "
        "Minister Sergei Tsivilev in Tehran on Monday to discuss gas exports, oil investment "
        "and energy trade; security of supply was also raised.\nThe two sides agreed to "
        "expand economic cooperation.\n"
    )
    assert extract(Article(text=police), lexicon).events
    assert not extract(Article(text=energy), lexicon).events


@pytest.mark.parametrize(
    ("text", "lang", "topic"),
    [
        ("Police of both countries met before the World Cup match.", "en", "sport"),
        ("Les frappes ont visé la frontière.", "fr", "war"),
        ("گفتگو درباره برجام و انتخابات", "fa", "politics"),
    ],
)
def test_relevance_the_words_of_a_competing_subject_are_found_in_their_language(
    lexicon: Lexicon, text: str, lang: str, topic: str
) -> None:
    doc = prepare(Article(text=text, lang=lang))
    mentions.run(doc, lexicon)
    assert topic in {m.kind for m in doc.of("topic")}


@pytest.mark.parametrize("topic", ["sport", "war", "accusation"])
def test_relevance_a_competing_subject_in_the_core_sentences_lowers_the_score(
    topic: str,
) -> None:
    model = relevance.load()
    assert model is not None
    values = [0.0] * (len(model.features) - relevance.TABLE_FEATURES)
    with_topic = list(values)
    with_topic[model.features.index(f"core_{topic}")] = math.log1p(2)
    assert model.score(with_topic, [], []) < model.score(values, [], [])


def test_relevance_reads_the_words_of_the_whole_report_not_the_junk_after_it(
    lexicon: Lexicon,
) -> None:
    text = (
        "Iran and Iraq sign a security pact\nThe interior ministers of Iran and Iraq signed "
        "a memorandum on border security in Baghdad on Monday.\nLater paragraphs speak of "
        "smugglers crossing the frontier at night.\n"
    )
    doc = prepare(Article(text=text, lang="en"))
    mentions.run(doc, lexicon)
    body.run(doc, lexicon)
    words = relevance.words(doc)
    assert {"en:smugglers", "en:memorandum", "en:pact"} <= words
    doc.body_end = 2
    assert "en:smugglers" not in relevance.words(doc)


def test_relevance_concepts_the_labels_favour_raise_the_score() -> None:
    model = relevance.load()
    assert model is not None
    values = [0.0] * (len(model.features) - relevance.TABLE_FEATURES)
    ranked = sorted(model.concept_odds, key=model.concept_odds.__getitem__)
    best, worst = ranked[-10:], ranked[:10]
    assert model.score(values, [], [], best) > model.score(values, [], [], [])
    assert model.score(values, [], [], []) > model.score(values, [], [], worst)


def _concepts(lexicon: Lexicon, text: str, lang: str) -> set[str]:
    doc = run_stages(prepare(Article(text=text, lang=lang)), lexicon, lambda s: s is events)
    found = events.candidate(doc, lexicon)
    assert found is not None
    return relevance.concepts(doc, found)


def test_relevance_concepts_read_the_same_report_alike_in_two_languages(
    lexicon: Lexicon,
) -> None:
    english = _concepts(
        lexicon,
        "Iran and Iraq sign an agreement against drug trafficking\nThe interior ministers of "
        "Iran and Iraq signed an agreement on cooperation against drug trafficking in Baghdad "
        "on Monday.\n",
        "en",
    )
    french = _concepts(
        lexicon,
        "L'Iran et l'Irak signent un accord contre le trafic de drogue\nLes ministres de "
        "l'Intérieur de l'Iran et de l'Irak ont signé lundi à Bagdad un accord de coopération "
        "contre le trafic de drogue.\n",
        "fr",
    )
    shared = english & french
    # the drug trade in the headline, a signing in the event's sentence, read from either
    # language's words
    assert {
        "h|domain:drug_trafficking_core",
        "t|domain:drug_trafficking_core",
        "t|step:sign",
    } <= shared
    # tagged by where they stand, in no language's words
    assert all(c.split("|", 1)[0] in "htlbka" for c in english | french)
