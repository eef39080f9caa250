"""Bulletins: a roundup of unrelated items («国内联播快讯», "news in brief") is read as the
reports it gathers, one item at a time.

Read whole, a bulletin fuses its items: the countries of a trade item and of a police item
become the sides of one event, and an item far down the page has none of the weight a
report gives its headline and lead, so its sides fall under the bar. A bulletin says what
it is in its headline (a `roundup` cue), in the text or in the title a feed gives beside
it, and each item opens with a headline of its own: a line that does not end like a
sentence, followed by one that does.
"""

from __future__ import annotations

from accords.extract.context import body, reads_as_headline, sentence_text
from accords.lexicon import Lexicon
from accords.model import Doc
from accords.text.normalise import normalise
from accords.text.sentences import SENTENCE_END
from accords.text.tokens import token_strings

_ROUNDUP = "roundup"
_FEWEST_ITEMS = 2


def items(doc: Doc, lexicon: Lexicon) -> list[tuple[int, int]]:
    """The stretches of the original text, [start, end), that are the bulletin's items, the
    part before the first item's headline first; no stretch for a text that is no bulletin.
    Needs the mentions (for the cue) and the body's end."""
    if not _says_roundup(doc, lexicon):
        return []
    heads = [
        index
        for index in body(doc)
        if index + 1 < doc.body_end
        and reads_as_headline(doc, index)
        and sentence_text(doc, index + 1).endswith(SENTENCE_END)
    ]
    if len(heads) < _FEWEST_ITEMS:
        return []
    starts = [0, *(doc.evidence(doc.sentences[i].start, doc.sentences[i].end).start for i in heads)]
    ends = [*starts[1:], len(doc.article.text)]
    return list(zip(starts, ends, strict=True))


def _says_roundup(doc: Doc, lexicon: Lexicon) -> bool:
    """A roundup cue in the headline of the text, or in the title given beside it."""
    for m in doc.of("cue"):  # in the text's order: the headline's come first
        if m.sentence >= doc.title_sentences:
            break
        if m.kind == _ROUNDUP:
            return True
    title = doc.article.title
    if not title:
        return False
    words = token_strings(normalise(title, lang=doc.lang)[0])
    return any(
        concept == "cue" and doc.lang in langs and lexicon.kind(concept, entry) == _ROUNDUP
        for _, _, payloads in lexicon.matcher.find(words)
        for (concept, entry), langs in payloads
    )
