"""The questions stages ask of a Doc give what a plain pass over the text would."""

from __future__ import annotations

from accords.extract import mentions
from accords.extract.context import starting_in
from accords.lexicon import Lexicon
from accords.model import Article, Doc
from accords.pipeline import prepare

_TEXT = (
    "Iran and Oman sign police pact\n"
    "MUSCAT - Iranian police chief Ahmadreza Radan met the Omani Minister of Interior in "
    "Muscat on Tuesday. They signed a memorandum on drug trafficking and border security.\n"
    "Radan said Iran was ready to train Omani coastguards.\n"
)


def _mentioned(lexicon: Lexicon) -> Doc:
    doc = prepare(Article(text=_TEXT))
    mentions.run(doc, lexicon)
    return doc


def test_context_starting_in_is_the_plain_filter(lexicon: Lexicon) -> None:
    doc = _mentioned(lexicon)
    assert len(doc.mentions) > 10
    count = len(doc.tokens)
    for pool in (doc.mentions, doc.of("country"), doc.of("title")):
        for first in range(count + 1):
            for end in range(first, count + 2):
                plain = [m for m in pool if first <= m.token < end]
                assert starting_in(pool, first, end) == plain


def test_context_sentence_of_is_the_sentence_that_holds_the_position(lexicon: Lexicon) -> None:
    doc = _mentioned(lexicon)
    for position in range(len(doc.text) + 1):
        holding = [i for i, s in enumerate(doc.sentences) if s.start <= position < s.end]
        assert doc.sentence_of(position) == (holding[0] if holding else len(doc.sentences) - 1)
