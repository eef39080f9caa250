"""One meeting reported in several languages is one story, whichever two are compared."""

from __future__ import annotations

import itertools
from datetime import date

import pytest

from accords.lexicon import Lexicon
from accords.link.stories import assign_stories
from accords.model import Article
from accords.pipeline import extract

# the same meeting: Turkey's and Russia's interior ministers in Moscow, 16 January 2024
REPORTS = {
    "ru": "Главы МВД России и Турции встретились в Москве\nМинистр внутренних дел России "
    "Владимир Колокольцев 16 января провел встречу с министром внутренних дел Турции Али "
    "Ерликая в Москве. Стороны обсудили борьбу с наркотрафиком и терроризмом.\n",
    "tr": "Yerlikaya Moskova'da Kolokoltsev ile görüştü\nİçişleri Bakanı Ali Yerlikaya, 16 Ocak "
    "günü Moskova'da Rusya İçişleri Bakanı Vladimir Kolokoltsev ile bir araya geldi. "
    "Görüşmede uyuşturucu kaçakçılığı ve terörle mücadele ele alındı.\n",
    "en": "Turkish and Russian interior ministers meet\nTurkish Interior Minister Ali "
    "Yerlikaya met Russian Interior Minister Vladimir Kolokoltsev in Moscow on 16 January "
    "to discuss drug trafficking and terrorism.\n",
    "fr": "Rencontre des ministres de l'Intérieur turc et russe\nLe ministre turc de "
    "l'Intérieur Ali Yerlikaya a rencontré le 16 janvier à Moscou son homologue russe "
    "Vladimir Kolokoltsev pour discuter de la lutte contre le terrorisme et le trafic de "
    "drogue.\n",
}


@pytest.mark.parametrize("pair", list(itertools.combinations(sorted(REPORTS), 2)))
def test_stories_join_one_meeting_across_languages(lexicon: Lexicon, pair: tuple[str, str]) -> None:
    results = [
        extract(Article(text=REPORTS[lang], doc=lang, published=date(2024, 1, 17)), lexicon)
        for lang in pair
    ]
    for result in results:
        assert {"RUS", "TUR"} <= {c for e in result.events for c in e.countries}, result.doc
    assign_stories(results)
    stories = [{e.story for e in r.events} for r in results]
    assert stories[0] & stories[1]
