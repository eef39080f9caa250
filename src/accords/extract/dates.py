"""Dates: the day each event happened, in the Gregorian calendar.

Dates are read in three calendars («۲۸ دی ۱۴۰۲», «18 كانون الثاني /يناير», "Jan. 16,
2024", «2024年1月16日», 15-09-2025). An event takes a date written in a sentence that reports
it; otherwise the publication date, or the date in the page's header or dateline, stands in,
moved by what the event sentence says ("yesterday", «روز سه شنبه», «اليوم الأحد»). A year the
text does not give is left out ("--01-18").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from accords.extract.context import cues, has_cue, headline, lead
from accords.lexicon import Lexicon
from accords.model import Doc, Field, Mark, Mention
from accords.text.calendars import (
    GREGORIAN,
    LUNAR_HIJRI,
    SOLAR_HIJRI,
    YEARS,
    month_day_without_year,
    to_gregorian,
)
from accords.text.language import ARABIC_SCRIPT
from accords.text.normalise import fold_letters

REQUIRES = (
    "by_concept", "by_sentence", "tokens", "words", "sentences", "sentence_words",
    "title_sentences", "body_end", "events",
)  # fmt: skip
ASSIGNS = ("date", "events.date", "events.marks")

# 2024-01-18, 18/01/2024, 1402/10/28; not inside a longer number, a version or a time. It
# opens with a bare digit so that the regex engine skips to the digits of a text quickly.
_NUMERIC = re.compile(
    r"\d(?<![\d.:]\d)(?:\d{3}[-/.]\d{1,2}[-/.]\d{1,2}|\d?[-/.]\d{1,2}[-/.]\d{4})(?![\d:])"
)
_SEPARATOR = re.compile(r"[-/.]")
_HAN = re.compile(r"(?:(\d{4})\s*年\s*)?(\d{1,2})\s*月\s*(\d{1,2})\s*[日号]")
# «当地时间9日»: a day of the month alone, in the month of the reference date or the one
# before; not the end of a range («9月16日至18日»), which began on the day before it
_HAN_DAY = re.compile(r"(?<![\d月至到~～\-—])(?<!月\s)(\d{1,2})\s*日")
_HEADER_SENTENCES = 2
_HEADER_WORDS = 12  # a header line: a date, a time, an outlet, a byline
_DATELINE_CHARS = 40  # a dateline's city and marks before its date
_YEAR_BORROW_DAYS = 200
_LATE_DAYS = 1  # a report dated a day before the event it tells: time zones
_RECALLED_DAYS = 45  # a date further back than this is of an event the report recalls
# tokens from a word of speech to the day it was said: «قال الوزير … ، الخميس»
_STATEMENT_REACH = 20
_EVENT_SENTENCES_DAYED = 2  # an event's first sentences, whose weekday or relative day dates it


@dataclass(frozen=True, slots=True)
class Found:
    sentence: int
    start: int
    end: int  # where the words of the date end: a mark of the event's date
    year: int | None
    month: int
    day: int | None

    def iso(self) -> str:
        if self.day is None:
            return f"{self.year:04d}-{self.month:02d}" if self.year else f"--{self.month:02d}"
        if self.year is None:
            return f"--{self.month:02d}-{self.day:02d}"
        return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"

    def as_date(self) -> date | None:
        if self.year and self.day:
            return date(self.year, self.month, self.day)
        return None


def run(doc: Doc, lexicon: Lexicon) -> None:
    found = find_dates(doc, lexicon)
    reference = _reference(doc, found)
    if reference is not None and "日" in doc.text:
        found = sorted([*found, *_days_of_month(doc, reference)], key=lambda f: f.start)
    for event in doc.events:
        event.date, said = _event_date(doc, lexicon, event.sentences, found, reference)
        if said is not None:
            event.marks.append(Mark(Field.DATE, *doc.evidence(*said)))
    doc.date = next((e.date for e in doc.events if e.date), None) or (
        reference.iso() if reference else None
    )


def find_dates(doc: Doc, lexicon: Lexicon) -> list[Found]:
    published = doc.article.published
    out: list[Found] = []
    months_at = {m.token for m in doc.of("month")}
    language = lexicon.find("language", doc.lang)
    suffixes = frozenset(language.get("day_suffixes").split()) if language else frozenset()
    for mention in doc.of("month"):
        entry = lexicon.entry("month", mention.entry)
        calendar, month = entry.get("calendar"), int(entry.get("number"))
        if not 1 <= month <= 12:
            continue
        after = mention.last + 1
        before = mention.token - 1
        if _suffix(doc, before, suffixes):  # «11ام تیر», "16th January"
            before -= 1
        day = _day(doc, before)
        day_before = day is not None
        if day is None:  # "Jan. 16": the day follows the month
            day = _day(doc, after)
            if day is not None:
                after += 2 if _suffix(doc, after + 1, suffixes) else 1
        if day is None:
            continue
        year = _year(doc, months_at, after, calendar)
        result = _convert(calendar, year, month, day, published)
        if result:
            said_from = doc.tokens[before].start if day_before else mention.start
            said_to = mention.end if day_before else doc.tokens[after - 1].end
            out.append(Found(mention.sentence, said_from, said_to, *result))
    for match in _NUMERIC.finditer(doc.text):
        first, second, third = _SEPARATOR.split(match.group(0))
        if len(first) == 4:
            y, m, d = int(first), int(second), int(third)
        else:
            d, m, y = int(first), int(second), int(third)
        year_calendar = _calendar_of_year(y, doc.lang)
        if year_calendar and 1 <= m <= 12:
            result = _convert(year_calendar, y, m, d, published)
            if result:
                out.append(
                    Found(doc.sentence_of(match.start()), match.start(), match.end(), *result)
                )
    for match in _HAN.finditer(doc.text) if "月" in doc.text else ():
        han_year = int(match.group(1)) if match.group(1) else None
        result = _convert(GREGORIAN, han_year, int(match.group(2)), int(match.group(3)), published)
        if result:
            out.append(Found(doc.sentence_of(match.start()), match.start(), match.end(), *result))
    out.sort(key=lambda f: f.start)
    return out


def recalled_dates(doc: Doc, lexicon: Lexicon) -> list[Found]:
    """The dates written in the text that lie more than six weeks before the report's own
    date: what the report recalls («the agreement signed on 19 March 2023»), not its news."""
    found = find_dates(doc, lexicon)
    reference = _reference(doc, found)
    latest = reference.as_date() if reference else None
    if latest is None:
        return []
    out: list[Found] = []
    for item in found:
        on = _with_year(item, reference).as_date()
        if on and (latest - on).days > _RECALLED_DAYS:
            out.append(item)
    return out


def _days_of_month(doc: Doc, reference: Found) -> list[Found]:
    """Days written without their month («9日»): the latest such day on or before the
    reference date."""
    near = reference.as_date()
    if near is None:
        return []
    out: list[Found] = []
    for match in _HAN_DAY.finditer(doc.text):
        day = int(match.group(1))
        month_start = near.replace(day=1)
        for first in (month_start, (month_start - timedelta(days=1)).replace(day=1)):
            try:
                candidate = first.replace(day=day)
            except ValueError:
                continue
            if candidate <= near:
                start = match.start()
                day_of = candidate.timetuple()[:3]
                out.append(Found(doc.sentence_of(start), start, match.end(), *day_of))
                break
    return out


def _day(doc: Doc, index: int) -> int | None:
    strings = doc.words
    if not (0 <= index < len(strings) and strings[index].isdigit()):
        return None
    token = doc.tokens[index]
    if doc.text[token.start - 1 : token.start] == ":" or doc.text[token.end : token.end + 1] == ":":
        return None  # a time of day, 09:22
    value = int(strings[index])
    return value if 1 <= value <= 31 else None


def _suffix(doc: Doc, index: int, suffixes: frozenset[str]) -> bool:
    """The token at `index` is an ordinal ending written on the number before it, or
    joined to it by a hyphen («18-го сентября»)."""
    if not (0 < index < len(doc.words) and doc.words[index] in suffixes):
        return False
    between = doc.text[doc.tokens[index - 1].end : doc.tokens[index].start]
    return between in ("", "-")


def _year(doc: Doc, months_at: set[int], index: int, calendar: str) -> int | None:
    """A year within a few tokens after the month, past a repeated month name
    («كانون الثاني /يناير/ 2024»)."""
    for offset in range(4):
        position = index + offset
        if position >= len(doc.words):
            return None
        text = doc.words[position]
        if text.isdigit():
            value = int(text)
            return value if value in YEARS[calendar] else None
        if position not in months_at and text not in ("م", "ه", "هـ", "ش", "г", "года"):
            return None
    return None


def _calendar_of_year(year: int, lang: str) -> str | None:
    if year in YEARS[GREGORIAN]:
        return GREGORIAN
    if lang == "fa" and year in YEARS[SOLAR_HIJRI]:
        return SOLAR_HIJRI
    if year in YEARS[LUNAR_HIJRI]:
        return LUNAR_HIJRI
    return None


def _convert(
    calendar: str, year: int | None, month: int, day: int, published: date | None
) -> tuple[int | None, int, int] | None:
    if year is not None:
        found = to_gregorian(calendar, year, month, day)
        return (found.year, found.month, found.day) if found else None
    pair = month_day_without_year(calendar, month, day, published)
    return (None, *pair) if pair else None


def _reference(doc: Doc, found: list[Found]) -> Found | None:
    """The publication date, or the date in the header lines or the dateline."""
    if doc.article.published:
        p = doc.article.published
        return Found(-1, -1, -1, p.year, p.month, p.day)
    header = doc.title_sentences + _HEADER_SENTENCES
    for item in found:
        if item.sentence < header and item.day is not None and _heads(doc, item):
            return item
    return None


def _heads(doc: Doc, item: Found) -> bool:
    """The date is a page's header line («۱۰ خرداد ۱۳۹۰، ۱۲:۴۸») or opens its sentence, as a
    dateline does («طهران / 18 كانون الثاني»), not a date told inside the story."""
    if doc.sentence_words[item.sentence] <= _HEADER_WORDS:
        return True
    return item.start - doc.sentences[item.sentence].start <= _DATELINE_CHARS


def _event_date(
    doc: Doc, lexicon: Lexicon, sentences: list[int], found: list[Found], reference: Found | None
) -> tuple[str | None, tuple[int, int] | None]:
    """The date the first event sentence that carries one gives: a date written in it, or
    the reference date moved by its weekday or relative day. A later sentence's date is
    most often background («signed in 2015», «the talks of 22 and 23 February»). With it,
    where the text says it (start, end, normalised): the date, the weekday or relative day,
    or the header's date; none for the publication date."""
    latest = reference.as_date() if reference else None
    by_sentence: dict[int, list[Found]] = {}
    for item in found:
        if item.day is None:
            continue
        dated = _with_year(item, reference)
        on = dated.as_date()
        if latest and on and (on - latest).days > _LATE_DAYS:
            continue  # a deadline or a plan: what a report tells as done is not dated after it
        if latest and on and (latest - on).days > _RECALLED_DAYS:
            continue  # news is of days ago: a date months back is of what the report recalls
        if has_cue(doc, "future", item.sentence):
            continue  # "the summit will be held on 15 September": a plan's date
        by_sentence.setdefault(item.sentence, []).append(dated)
    for rank, sentence in enumerate(sentences):
        explicit = by_sentence.get(sentence)
        if explicit:
            chosen = max(explicit, key=lambda f: f.year is not None)
            return chosen.iso(), (chosen.start, chosen.end)
        # "yesterday" or "on Tuesday" far down an event's sentences most often tells of
        # another day's doings (a meeting the day before, a council's session)
        found_cue = (
            _day_cue(doc, lexicon, sentence, latest) if rank < _EVENT_SENTENCES_DAYED else None
        )
        if found_cue is not None:
            return _moved_reference(found_cue, reference)
    # no event sentence says when: the headline and the lead tell the news and its day
    # («أعلن … عن انطلاق المناورات، أمس الاثنين», "announced on Thursday"), where the
    # sentence that names the event's word further down does not repeat it
    for sentence in [*headline(doc), *lead(doc)]:
        found_cue = _day_cue(doc, lexicon, sentence, latest)
        if found_cue is not None:
            return _moved_reference(found_cue, reference)
    if reference is None:
        return None, None
    return reference.iso(), ((reference.start, reference.end) if reference.start >= 0 else None)


def _moved_reference(
    found_cue: _DayCue, reference: Found | None
) -> tuple[str | None, tuple[int, int] | None]:
    """The reference date moved by a weekday or a relative day, and where the text says it."""
    if reference is None:
        return None, None  # «on Monday» with nothing to count from: no date, not another
    base = reference.as_date()
    moved = _moved(base, found_cue.moves(base)) if base else None
    said = (found_cue.cue.start, found_cue.cue.end)
    return (moved.isoformat() if moved else reference.iso()), said


def _with_year(found: Found, reference: Found | None) -> Found:
    """«3 февраля» in an article published on 4 February 2015 is 3 February 2015: a day
    and month without a year take the year that puts them nearest the reference date."""
    if found.year is not None or reference is None or reference.year is None:
        return found
    near = reference.as_date()
    if near is None or found.day is None:
        return found
    best: date | None = None
    for year in (reference.year - 1, reference.year, reference.year + 1):
        try:
            candidate = date(year, found.month, found.day)
        except ValueError:
            continue
        if best is None or abs((candidate - near).days) < abs((best - near).days):
            best = candidate
    if best is None or abs((best - near).days) > _YEAR_BORROW_DAYS:
        return found
    return Found(found.sentence, found.start, found.end, best.year, found.month, found.day)


@dataclass(frozen=True, slots=True)
class _DayCue:
    """A weekday (0 Monday … 6 Sunday) or a number of days from the reference date."""

    cue: Mention
    weekday: int | None
    days: int | None

    def moves(self, base: date) -> int:
        if self.weekday is not None:
            return -((base.weekday() - self.weekday) % 7)
        return self.days or 0


def _day_cue(doc: Doc, lexicon: Lexicon, sentence: int, base: date | None) -> _DayCue | None:
    """The weekday or the relative day of the sentence that moves a date. Where the sentence
    tells two days, one of them the day a statement was made («فرماندار روز پنج‌شنبه گفت:
    هیئت روز چهارشنبه وارد شد», "said on Friday that the ministers met on Thursday"), the
    other is the event's."""
    found = [
        _DayCue(cue, int(lexicon.entry("cue", cue.entry).get("value") or 0), None)
        for cue in cues(doc, "weekday", sentence)
        if _as_written(doc, lexicon, cue)
    ] + [
        _DayCue(cue, None, int(lexicon.entry("cue", cue.entry).get("value") or 0))
        for cue in cues(doc, "relative_day", sentence)
        if _as_written(doc, lexicon, cue)
    ]
    # «أمس الجمعة», "yesterday, Friday": one day named twice
    if base is None or len({f.moves(base) for f in found}) < 2:
        return found[0] if found else None
    said = {f.moves(base) for f in found if _of_statement(doc, lexicon, f.cue)}
    told = sorted((f for f in found if f.moves(base) not in said), key=lambda f: f.cue.token)
    return told[0] if said and told else found[0]


def _of_statement(doc: Doc, lexicon: Lexicon, cue: Mention) -> bool:
    """The day cue tells when a statement was made: it stands by a word of speech, on the
    side where the language puts the time of the saying (after «قال», "said", «a déclaré»,
    before a verb-final «گفت»), with no «that», «أن», «که» or colon between them, past
    which the day is of what was said."""
    language = lexicon.find("language", doc.lang)
    verb_last = language is not None and language.get("order") == "SOV"
    within = doc.within(cue.sentence)
    stops = [m.token for m in within if m.concept == "cue" and m.kind == "complementizer"]
    for speech in (m for m in within if m.concept == "cue" and m.kind == "speech"):
        first, last = (cue.last, speech.token) if verb_last else (speech.last, cue.token)
        if not 0 < last - first <= _STATEMENT_REACH:
            continue
        between = doc.text[doc.tokens[first].end : doc.tokens[last].start]
        if ":" not in between and not any(first < stop < last for stop in stops):
            return True
    return False


def _as_written(doc: Doc, lexicon: Lexicon, cue: Mention) -> bool:
    """A day's word is written as the lexicon writes it, after a clitic at most: the Arabic
    script's words are matched through the article and the endings a noun takes, and
    «واحدة», «واحد» (one) read as «الأحد» (Sunday); a weekday is written with its article
    («الأحد», «والأحد») and takes no ending, nor does «أمس»."""
    word = fold_letters(doc.text[cue.start : cue.end])
    if not ARABIC_SCRIPT.match(word):
        return True
    terms = lexicon.entry("cue", cue.entry).names.get(doc.lang, ())
    return any(word.endswith(fold_letters(term)) for term in terms)


def _moved(base: date, days: int) -> date | None:
    """`base` moved by `days`, or None past the calendar's ends: a feed dated 0001-01-01
    reporting a meeting «on Friday» dates it by the feed, with no error."""
    try:
        return base + timedelta(days=days)
    except OverflowError:
        return None
