"""Questions the stages ask of a Doc after mentions are found: which sentences are the
article's body, which report background, which cues a sentence carries."""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Iterator

from accords.lexicon import Lexicon
from accords.model import Doc, Mention
from accords.text.sentences import SENTENCE_END, is_line


def cues(doc: Doc, kind: str, sentence: int | None = None) -> list[Mention]:
    pool = doc.of("cue") if sentence is None else doc.within(sentence)
    return [m for m in pool if m.concept == "cue" and m.kind == kind]


def has_cue(doc: Doc, kind: str, sentence: int) -> bool:
    return bool(cues(doc, kind, sentence))


def body(doc: Doc) -> range:
    """Sentence indices of the article proper: after the headline, before site junk."""
    return range(doc.title_sentences, doc.body_end)


def headline(doc: Doc) -> range:
    return range(0, doc.title_sentences)


_LEAD_WORDS = 5


def lead(doc: Doc, count: int = 2) -> list[int]:
    """The first body sentences that say something: a dateline cut off by its full stop
    («МОСКВА, 18 сентября.») is not the lead."""
    out: list[int] = []
    for sentence in body(doc):
        if doc.sentence_words[sentence] >= _LEAD_WORDS:
            out.append(sentence)
            if len(out) == count:
                break
    return out


def opening(doc: Doc, count: int = 2) -> set[int]:
    """The headline's sentences and the lead's first `count`: where a report tells its news."""
    return {*headline(doc), *lead(doc, count)}


HEADLINE_MAX_WORDS = 30


def reads_as_headline(doc: Doc, index: int) -> bool:
    """A whole line of three words or more, not too long, that does not end like a
    sentence: a headline, or an item's headline in a bulletin."""
    words = doc.sentence_words[index]
    if not 3 <= words <= HEADLINE_MAX_WORDS or not is_line(doc.text, doc.sentences[index]):
        return False
    return not sentence_text(doc, index).endswith(SENTENCE_END)


def reported(doc: Doc) -> list[int]:
    """Headline and body sentences: what the article says, without the site's junk."""
    return [*headline(doc), *body(doc)]


# characters between a background cue and what it puts in the past (characters, not
# tokens: a Chinese token is one character)
RECALL_REACH = 60


def recalled(doc: Doc, mention: Mention) -> bool:
    """True when a background cue («last year», «سال گذشته», «في وقت سابق») stands near the
    mention: an event the article only recalls, not the news it reports."""
    return any(
        abs(cue.start - mention.start) <= RECALL_REACH
        for cue in cues(doc, "background", mention.sentence)
    )


def in_sentences(mentions: Iterable[Mention], sentences: Iterable[int]) -> Iterator[Mention]:
    wanted = set(sentences)
    return (m for m in mentions if m.sentence in wanted)


def sentence_text(doc: Doc, sentence: int) -> str:
    span = doc.sentences[sentence]
    return doc.text[span.start : span.end]


def starting_in(mentions: list[Mention], first: int, end: int) -> list[Mention]:
    """The mentions whose first token lies in [first, end), in their order. `mentions` is
    `doc.mentions` or one concept's: sorted by start, so by first token. A bisection, not a
    pass over the text's mentions: a stage asks this once per name or title, and a text
    many times an article's length would make that pass quadratic."""
    low = bisect.bisect_left(mentions, first, key=_first_token)
    high = bisect.bisect_left(mentions, end, lo=low, key=_first_token)
    return mentions[low:high]


def _first_token(mention: Mention) -> int:
    return mention.token


def token_text(doc: Doc, index: int) -> str:
    return doc.words[index]


def original_token(doc: Doc, index: int) -> str:
    token = doc.tokens[index]
    return doc.original(token.start, token.end)


COUNTRY_READINGS = ("country", "organization", "city")  # what country_of reads
# the word between an official's title and the city where they serve: "Ambassador to
# Tehran"; not "in", which is as often where the official met («his counterpart in Muscat»)
POSTED_AT = frozenset({"to"})


def body_name(lexicon: Lexicon, mention: Mention) -> str:
    """How an event names an organisation it counts among its sides: its short name."""
    entry = lexicon.entry("organization", mention.entry)
    return entry.get("short") or entry.name("en")


def country_of(lexicon: Lexicon, mention: Mention) -> str | None:
    """The country a mention stands for: a country, a national body, or a capital named as
    its government («Moscow and Beijing agreed»)."""
    if mention.concept == "country":
        return mention.entry
    if mention.concept == "organization":
        return lexicon.entry("organization", mention.entry).get("country") or None
    if mention.concept == "city":
        city = lexicon.entry("city", mention.entry)
        return (city.get("country") or None) if city.get("capital") == "yes" else None
    return None


def home_of(doc: Doc, lexicon: Lexicon) -> str | None:
    """The country whose outlets write in the text's language, when one does (Persian: Iran)."""
    entry = lexicon.find("language", doc.lang)
    return (entry.get("home") or None) if entry else None


def acting(doc: Doc, lexicon: Lexicon, news: set[int], sides: set[str]) -> dict[str, set[int]]:
    """The sides that act in the news sentences, and where: through a person of theirs (one
    of no country is the home country's, when it is a side) or a national body of theirs
    («Iran's police», «the MVD»), not only as a name («talks on Syria»)."""
    home = home_of(doc, lexicon)
    out: dict[str, set[int]] = {}
    for actor in doc.actors:
        country = actor.country or (home if home in sides else None)
        if country in sides:
            out.setdefault(country, set()).update(s for s in actor.sentences if s in news)
    for mention in doc.of("organization"):
        country = country_of(lexicon, mention)
        if mention.sentence in news and country in sides:
            out.setdefault(country, set()).add(mention.sentence)
    return {country: sentences for country, sentences in out.items() if sentences}
