"""The stage order: an Article in, an Extraction out; nothing else."""

from __future__ import annotations

import bisect
import dataclasses
from collections.abc import Callable
from types import ModuleType

from accords import limits
from accords.extract import (
    actors,
    body,
    bulletin,
    commitments,
    dates,
    domains,
    events,
    gist,
    mentions,
    places,
    quantities,
    treaties,
)
from accords.extract.context import reads_as_headline
from accords.lexicon import Lexicon
from accords.lexicon import load as load_lexicon
from accords.model import Article, Doc, Extraction
from accords.text import language, normalise, sentences, tokens
from accords.text.native import c_token_sentences

VERSION = "0.4.27"  # of the extractor: stored with each article; `make digests` refuses a
# changed output until it is raised (benchmarks/same_output.py), so stores learn to reextract

STAGES: tuple[ModuleType, ...] = (
    mentions,
    body,
    places,
    actors,
    domains,
    treaties,
    events,
    commitments,
    dates,
    quantities,
    gist,
)
PREPARED = (
    "article", "text", "offsets", "lang", "tokens", "words", "sentences", "token_sentence",
    "sentence_words", "title_sentences",
)  # fmt: skip

# characters of one text that are read: twenty times the longest of 50,000 news articles
# (47,000). A text beyond it is cut at a paragraph or sentence, and its Extraction says so.
LONGEST_TEXT = limits.LONGEST_TEXT
_SENTENCE_STOPS = (". ", "! ", "? ", "؟ ", "。", "！", "？")
# the stages that tell a bulletin from a report: the mentions (a roundup cue in the
# headline) and the end of the article
_BEFORE_ITEMS = 2


def prepare(article: Article, part: tuple[int, int] | None = None, lang: str | None = None) -> Doc:
    """Normalise, identify the language, tokenise and split into sentences: the whole text,
    or a part of it (an item of a bulletin) whose offsets still point into the whole."""
    lang = lang or article.lang or language.detect(article.text)
    if part is None:
        text, offsets = normalise.normalise(article.text, lang=lang)
    else:
        start, end = part
        text, offsets = normalise.normalise(article.text[start:end], lang=lang)
        offsets = [offset + start for offset in offsets]
    doc = Doc(article=article, text=text, offsets=offsets, lang=lang)
    doc.tokens, doc.words = tokens.split_words(text)
    doc.sentences = sentences.split(text)
    doc.token_sentence, doc.sentence_words = _token_sentences(doc)
    doc.title_sentences = _headline_length(doc)
    return doc


def extract(article: Article, lexicon: Lexicon | None = None) -> Extraction:
    lexicon = lexicon or load_lexicon()
    notes: list[str] = []
    if len(article.text) > LONGEST_TEXT:
        end = cut(article.text)
        notes.append(
            f"only the first {end:,} of {len(article.text):,} characters were read "
            f"(accords reads at most {LONGEST_TEXT:,} characters of a text; the limit is "
            f"set by {limits.TEXT.variable})"
        )
        article = dataclasses.replace(article, text=article.text[:end])
    doc, items = read(article, lexicon)
    extraction = to_extraction(doc, items)
    extraction.notes = notes
    return extraction


def read(
    article: Article, lexicon: Lexicon, until: Callable[[ModuleType], bool] | None = None
) -> tuple[Doc, list[Doc]]:
    """The text run through the stages up to the first for which `until` is true (all of
    them by default), and, for a bulletin, its items, each read alone as the report it is:
    the Docs the stages (and the relevance model) see."""
    until = until or _never
    doc = prepare(article)
    for stage in STAGES[:_BEFORE_ITEMS]:
        stage.run(doc, lexicon)
    items = [prepare(article, item, doc.lang) for item in bulletin.items(doc, lexicon)]
    for item in items:
        run_stages(item, lexicon, until=until)
    if not items:
        for stage in STAGES[_BEFORE_ITEMS:]:
            if until(stage):
                break
            stage.run(doc, lexicon)
    return doc, items


def cut(text: str, longest: int = LONGEST_TEXT) -> int:
    """Where a text longer than `longest` characters is cut: after its last paragraph within the
    limit, else its last sentence, else its last word; a text with none of them, at the
    limit. The evidence of what is read stays valid: the text is only shortened."""
    if len(text) <= longest:
        return len(text)
    head = text[:longest]
    floor = longest // 2  # how far back to look for an end: the first half is always read
    paragraph = head.rfind("\n", floor)
    if paragraph >= 0:
        return paragraph
    sentence = max(head.rfind(stop, floor) for stop in _SENTENCE_STOPS)
    if sentence >= 0:
        return sentence + 1
    word = head.rfind(" ", floor)
    return word if word >= 0 else longest


def run_stages(doc: Doc, lexicon: Lexicon, until: Callable[[ModuleType], bool]) -> Doc:
    """Run the stages in order up to the first for which `until` is true (for tests)."""
    for stage in STAGES:
        if until(stage):
            break
        stage.run(doc, lexicon)
    return doc


def _never(stage: ModuleType) -> bool:
    return False


def to_extraction(doc: Doc, items: list[Doc] | None = None) -> Extraction:
    """The Extraction of a text, from its Doc and, for a bulletin, the Docs of its items."""
    parts = items or [doc]
    title = None
    if doc.title_sentences:
        span = doc.sentences[doc.title_sentences - 1]
        title = doc.original(span.start, span.end)
    published = doc.article.published.isoformat() if doc.article.published else None
    return Extraction(
        doc.article.doc,
        doc.lang,
        title,
        published,
        [event for part in parts for event in part.events],
        [commitment for part in parts for commitment in part.commitments],
        [quantity for part in parts for quantity in part.quantities],
        [place for part in parts for place in part.places],
    )


def _token_sentences(doc: Doc) -> tuple[list[int], list[int]]:
    """The sentence of each token, and how many words (not numbers) each sentence has."""
    if not doc.sentences:
        return [0] * len(doc.tokens), []
    if c_token_sentences is not None:  # the same in one pass in C: a regex word pass less
        return c_token_sentences(doc.tokens, doc.words, doc.sentences)
    starts = [token.start for token in doc.tokens]
    of_token: list[int] = []
    words: list[int] = []
    first = 0
    last = len(doc.sentences) - 1
    for index, span in enumerate(doc.sentences):
        # a token belongs to the first sentence that ends after it starts; the last
        # sentence takes the rest
        end = bisect.bisect_left(starts, span.end, first) if index < last else len(starts)
        of_token.extend([index] * (end - first))
        words.append(sum(1 for word in doc.words[first:end] if not word[0].isdigit()))
        first = end
    return of_token, words


def _headline_length(doc: Doc) -> int:
    """How many leading sentences are headline and stamps: up to the first line of three or
    more words that does not end like a sentence, within the first three lines."""
    for index in range(min(3, len(doc.sentences))):
        if not sentences.is_line(doc.text, doc.sentences[index]):
            return 0
        if reads_as_headline(doc, index):
            return index + 1
        if doc.sentence_words[index] >= 3:
            return 0
    return 0
