"""Places: the dateline city, the venue of the reported event, and the places merely named.

A dateline city opens the article («طهران / 18 كانون الثاني», "BEIJING, Jan. 16") or its
attribution («به گزارش ایرنا از مسکو،») and says where the report was filed, not where the
event was; it becomes the venue only when the text also puts the event there. The venue is
a city, or a country's capital named as such («العاصمة الجزائرية»), after a locative or a
destination («في بكين», «در شهر راولپندی», "in Beijing", "arrived in"), preferred in
sentences that report an event and in the headline and lead. Two cities named together
(«Tehran and Kabul») stand for their governments, and a city in a body's name is no place.
"""

from __future__ import annotations

import bisect
import itertools

from accords.extract import dates
from accords.extract.context import (
    POSTED_AT,
    RECALL_REACH,
    original_token,
    recalled,
    reported,
    starting_in,
)
from accords.lexicon import Lexicon
from accords.model import Doc, Mention, Place

REQUIRES = (
    "by_concept", "by_sentence", "mentions", "tokens", "words", "sentences", "token_sentence",
    "sentence_words", "title_sentences", "body_end",
)  # fmt: skip
ASSIGNS = ("cities", "dateline", "dateline_start", "places", "location")

_DATELINE_MARKS = "/,-–—(:|"
_ACT_REACH = 80  # characters from an event word to the place it happened
_PLACE_CUES = frozenset({"locative", "destination"})
_CAPITAL_GAP = 2  # tokens between «capital» and its country: "capital of Algeria", "Iraq's capital"
_PAIR_MARKS = frozenset({"", "-", "–", "—", "/", ",", "،", "、"})
_APPOSITION = frozenset({",", "،", "("})
_ASIDE_END = frozenset(",،)(.:-–—\n")


def run(doc: Doc, lexicon: Lexicon) -> None:
    doc.cities = cities = city_readings(doc, lexicon)
    first_of_each: dict[str, Mention] = {}
    for city in cities:
        first_of_each.setdefault(city.entry, city)
    doc.places = [place(doc, lexicon, m) for m in first_of_each.values()]
    attributions = [m for m in doc.of("cue") if m.kind == "attribution"]
    dateline = next((m for m in cities if _is_dateline(doc, m, attributions)), None)
    doc.dateline = place(doc, lexicon, dateline) if dateline else None
    doc.dateline_start = dateline.start if dateline else -1
    named = [m for m in cities if m is not dateline]
    doc.location = venue(doc, lexicon, named + capital_phrases(doc, lexicon))


def city_readings(doc: Doc, lexicon: Lexicon) -> list[Mention]:
    """The city names that read as the city, not as part of a body's name. A name that is
    both a city and another country («عمان»: Amman and Oman) reads as the city only when
    the city's own country is named in the text too."""
    countries = doc.of("country")
    named: dict[str, set[int]] = {}  # where each country is named
    for mention in countries:
        named.setdefault(mention.entry, set()).add(mention.start)
    out: list[Mention] = []
    # «Shanghai Cooperation Organisation», «شرطة دبي»: a city in a body's name is no place
    bodies = [(m.start, m.end) for m in doc.of("organization")]
    # the tokens under a mention, made the first time a city runs on into a capitalised word:
    # made for every text, they were 2 % of the extraction's time, and no script without
    # capitals needs them
    tagged: set[int] | None = None
    for city in doc.of("city"):
        if any(start <= city.start and city.end <= end for start, end in bodies):
            continue
        if _runs_on(doc, city):
            if tagged is None:
                tagged = {index for m in doc.mentions for index in range(m.token, m.last + 1)}
            if city.last + 1 not in tagged:  # a word the lexicon does not know: a longer name
                continue
        country = lexicon.entry("city", city.entry).get("country")
        at = starting_in(countries, city.token, city.token + 1)
        if any(m.start == city.start and m.entry != country for m in at):
            starts = named.get(country, set())
            if not (len(starts) > 1 or (starts and city.start not in starts)):
                continue
        out.append(city)
    return out


def _runs_on(doc: Doc, city: Mention) -> bool:
    """ "the New York Times", "Tehran Times", "Kabul University": in a script with capitals,
    a city's name run on into a capitalised word is a longer name's (a paper's, a school's),
    not the city, where the lexicon does not know the word (the caller asks). Not in a
    headline, which capitalises every word."""
    after = city.last + 1
    if city.sentence < doc.title_sentences or after >= len(doc.tokens):
        return False
    if (
        doc.token_sentence[after] != city.sentence
        or doc.text[city.end : doc.tokens[after].start] != " "
    ):
        return False
    first = original_token(doc, after)[:1]
    return first.isupper()


def city_countries(doc: Doc, lexicon: Lexicon, cities: list[Mention]) -> frozenset[int]:
    """Starts of the country names set after a city of theirs as an aside, by a comma or a
    bracket («دبي، الإمارات العربية المتحدة (CNN)», "Sydney, Australia,", «تبریز (ایران)»):
    they say where the city is, as a dateline does, and name no side."""
    out: set[int] = set()
    for city in cities:
        country = lexicon.entry("city", city.entry).get("country")
        for after in starting_in(doc.of("country"), city.last + 1, city.last + 2):
            between = doc.text[city.end : after.start]
            # and closed as an aside is: «دبي، الإمارات (CNN)», "Sydney, Australia, on"; not
            # "in Tehran, Iran and Iraq signed"
            closing = doc.text[after.end : after.end + 2].strip()[:1]
            if (
                after.entry == country
                and between.strip() in _APPOSITION
                and (not closing or closing in _ASIDE_END)
            ):
                out.add(after.start)
    return frozenset(out)


def capital_phrases(doc: Doc, lexicon: Lexicon) -> list[Mention]:
    """«العاصمة الجزائرية», "the Algerian capital", «پایتخت عراق», «столицу Алжира»: the
    capital of the country named beside the word, as a city mention over the phrase."""
    words = [m for m in doc.of("cue") if m.kind == "capital"]
    if not words:
        return []
    capitals = {
        city.get("country"): city.id
        for city in lexicon.by_concept.get("city", ())
        if city.get("capital") == "yes"
    }
    out: list[Mention] = []
    for word in words:
        beside = [
            c
            for c in doc.of("country")
            if c.sentence == word.sentence
            and c.entry in capitals
            and (0 < c.token - word.last <= _CAPITAL_GAP or 0 < word.token - c.last <= _CAPITAL_GAP)
        ]
        if not beside:
            continue
        # the country after the word first («العاصمة الجزائرية»), else the one before it
        country = min(beside, key=lambda c: (c.token < word.token, abs(c.token - word.token)))
        # it stands at the country's token, so that a locative before the word places it
        out.append(
            Mention(
                min(word.start, country.start), "city", capitals[country.entry],
                max(word.end, country.end), word.sentence, country.token,
                max(word.last, country.last), "",
            )
        )  # fmt: skip
    return out


def place(doc: Doc, lexicon: Lexicon, mention: Mention) -> Place:
    entry = lexicon.entry(mention.concept, mention.entry)
    country = entry.id if mention.concept == "country" else (entry.get("country") or None)
    end = _without_ending(doc, lexicon, mention)
    name = doc.original(mention.start, end)
    evidence = doc.evidence(mention.start, end)
    # positional: keywords cost a dictionary per call in the compiled build
    return Place(entry.id, name, entry.name("en"), country, evidence)


def _without_ending(doc: Doc, lexicon: Lexicon, mention: Mention) -> int:
    """Where a place's name ends without the case ending a language writes on it after an
    apostrophe (Turkish «Roma'da» is Roma)."""
    language = lexicon.find("language", doc.lang)
    if not language or not language.get("place_suffixes"):
        return mention.end
    apostrophe = doc.text.rfind("'", doc.tokens[mention.last].start + 1, mention.end)
    return apostrophe if apostrophe > 0 else mention.end


def venue(
    doc: Doc, lexicon: Lexicon, cities: list[Mention], sides: frozenset[str] = frozenset()
) -> Place | None:
    """The best-supported venue among `cities`, preferring one in a side's country."""
    news = set(reported(doc))
    trigger_sentences = {m.sentence for m in doc.of("trigger")}
    lead = set(sorted(s for s in news if s >= doc.title_sentences)[:3])
    # a city told of where no event word stands, past the headline and the lead, is where
    # something else happened (an attack, a trial, a message «to Washington»)
    told = trigger_sentences | lead | set(range(doc.title_sentences))
    back = dates.recalled_dates(doc, lexicon) if cities else []
    cues = place_cues(doc)
    paired = _paired(doc, cities)
    posts = _posts(doc)
    best: tuple[float, int] | None = None
    chosen: Mention | None = None
    for city in cities:
        if city.sentence not in news or city.start in paired or city.token in posts:
            continue
        if city.sentence not in told or recalled(doc, city) or _dated_back(city, back):
            continue  # recalled: "his visit to Vienna last year", "in Berlin on 19 December 2016"
        if not placed(doc, lexicon, city, cues):
            continue
        score = 1.0
        score += 3 if city.sentence in trigger_sentences else 0
        # the place of the act itself: "arrested … in Medina", «دیدار … در تهران»
        score += (
            1
            if any(
                m.concept == "trigger" and 0 < city.start - m.end <= _ACT_REACH
                for m in doc.within(city.sentence)
            )
            else 0
        )
        score += 2 if city.sentence < doc.title_sentences else 0
        score += 1 if city.sentence in lead else 0
        country = lexicon.entry("city", city.entry).get("country")
        score += 2 if sides and country in sides else 0
        key = (score, -city.start)
        if best is None or key > best:
            best, chosen = key, city
    return place(doc, lexicon, chosen) if chosen else None


def _dated_back(city: Mention, back: list[dates.Found]) -> bool:
    """One of the dates months before the report's (`back`) stands beside the city: what
    happened there is recalled."""
    return any(
        item.sentence == city.sentence and abs(item.start - city.start) <= RECALL_REACH
        for item in back
    )


def _posts(doc: Doc) -> set[int]:
    """Tokens of the cities where an official serves: a title, "to", the city ("Ambassador
    to Tehran"). Where an official is posted is no venue."""
    title_ends = {m.last for m in doc.of("title")}
    return {
        city.token
        for city in doc.of("city")
        if city.token >= 2
        and doc.words[city.token - 1] in POSTED_AT
        and city.token - 2 in title_ends
    }


def _paired(doc: Doc, cities: list[Mention]) -> set[int]:
    """Starts of the cities named with another one («Tehran and Tashkent», «تهران- مسکو»,
    «بين طهران وطشقند»): capitals standing for their governments, or places alternated,
    not the one place an event happened."""
    joins = {doc.text[m.start : m.end] for m in doc.of("cue") if m.kind == "conjunction"}
    out: set[int] = set()
    ordered = sorted(cities, key=lambda m: m.start)
    for first, second in itertools.pairwise(ordered):
        if first.sentence != second.sentence or first.entry == second.entry:
            continue
        between = doc.text[first.end : second.start].strip()
        if between in _PAIR_MARKS or between in joins:
            out.update((first.start, second.start))
    return out


def place_cues(doc: Doc) -> list[Mention]:
    return [m for m in doc.of("cue") if m.kind in _PLACE_CUES]


def placed(doc: Doc, lexicon: Lexicon, city: Mention, cues: list[Mention]) -> bool:
    """The city stands where a place does: after «in», «در», «في» (or «to» for a visit),
    before a postposition (Urdu «میں»), or with a locative ending (Turkish Tahran'da)."""
    last = city.token
    while last + 1 < len(doc.tokens) and doc.tokens[last + 1].start < city.end:
        last += 1
    # the cues of the few tokens around the city: found by bisection, not by a pass over
    # every cue of the text for every city
    low = bisect.bisect_left(cues, city.token - 3, key=_first_token)
    for index in range(low, len(cues)):
        cue = cues[index]
        if cue.token > last + 1:
            break
        if cue.sentence == city.sentence and (
            0 < city.token - cue.token <= 3 or cue.token == last + 1
        ):
            return True
    language = lexicon.find("language", doc.lang)
    suffixes = language.get("place_suffixes").split() if language else []
    word = doc.text[doc.tokens[last].start : doc.tokens[last].end]
    return "'" in word and word.rsplit("'", 1)[1] in suffixes


def _first_token(mention: Mention) -> int:
    return mention.token


def _is_dateline(doc: Doc, mention: Mention, attributions: list[Mention]) -> bool:
    if mention.sentence > doc.title_sentences + 2:
        return False
    sentence = doc.sentences[mention.sentence]
    before = doc.text[sentence.start : mention.start].strip(" -*\"'")
    if before:
        # «به گزارش ایرنا از مسکو، …»: the city of the report's opening attribution, before
        # its first comma, is where the report was filed
        return not any(mark in before for mark in ",،") and any(
            a.sentence == mention.sentence and a.start - sentence.start <= 1 for a in attributions
        )
    after = doc.text[mention.end : mention.end + 4].lstrip()
    return bool(after) and after[0] in _DATELINE_MARKS
