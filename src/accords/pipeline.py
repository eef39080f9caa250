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
    commitments,
    dates,
    domains,
    events,
    gist,
    mentions,
    places,
    quantities,
)
from accords.lexicon import Lexicon
from accords.lexicon import load as load_lexicon
from accords.model import Article, Doc, Extraction
from accords.text import language, normalise, sentences, tokens

VERSION = "0.1.0"  # of the extractor: stored with each article; `make digests` refuses a
# changed output until it is raised (benchmarks/same_output.py), so stores learn to reextract

STAGES: tuple[ModuleType, ...] = (
    mentions,
    body,
    places,
    actors,
    domains,
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

_TITLE_MAX_TOKENS = 30


def prepare(article: Article) -> Doc:
    """Normalise, identify the language, tokenise and split into sentences."""
    lang = article.lang or language.detect(article.text)
    text, offsets = normalise.normalise(article.text, lang=lang)
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
    doc = prepare(article)
    for stage in STAGES:
        stage.run(doc, lexicon)
    extraction = to_extraction(doc)
    extraction.notes = notes
    return extraction


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


def to_extraction(doc: Doc) -> Extraction:
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
        doc.events,
        doc.commitments,
        doc.quantities,
        doc.places,
    )


def _token_sentences(doc: Doc) -> tuple[list[int], list[int]]:
    """The sentence of each token, and how many words (not numbers) each sentence has."""
    if not doc.sentences:
        return [0] * len(doc.tokens), []
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
        span = doc.sentences[index]
        line = doc.text[span.start : span.end]
        if not sentences.is_line(doc.text, span):
            return 0
        words = doc.sentence_words[index]
        if words >= 3 and words <= _TITLE_MAX_TOKENS and not line.endswith(sentences.SENTENCE_END):
            return index + 1
        if words >= 3:
            return 0
    return 0
