"""Where the article ends: what follows is the page around it (related links, share
buttons, the site's foot), which the later stages must not read as news."""

from __future__ import annotations

from accords.lexicon import Lexicon
from accords.model import Doc
from accords.text.sentences import SENTENCE_END, is_line

REQUIRES = ("by_concept", "sentences", "sentence_words", "title_sentences")
ASSIGNS = ("body_end",)

_JUNK_MAX_WORDS = 16  # a line of the page's foot is short: a link, a button, a caption


def run(doc: Doc, lexicon: Lexicon) -> None:
    doc.body_end = body_end(doc)


def body_end(doc: Doc) -> int:
    """An end mark («انتهى», «پایان پیام») opening its line, then site junk: short lines that
    do not end like a sentence, at the bottom of the page."""
    end = len(doc.sentences)
    for mention in doc.of("cue"):
        if mention.kind == "end_of_article" and mention.sentence > doc.title_sentences:
            span = doc.sentences[mention.sentence]
            if mention.start - span.start <= 2:  # the mark opens its line
                end = min(end, mention.sentence)
    while end > doc.title_sentences + 1:
        index = end - 1
        span = doc.sentences[index]
        if not is_line(doc.text, span) or doc.text[span.start : span.end].endswith(SENTENCE_END):
            break
        if doc.sentence_words[index] > _JUNK_MAX_WORDS:
            break
        end = index
    return end
