"""Names that are also common words: a country, city or person matched by the lexicon is
kept only where the text gives some sign that it is the name.

- In a script with capitals (Latin, Cyrillic) a name is written with one: «того» (that) is
  not Togo, «газа» (of gas) not Gaza, "la réunion" (the meeting) not Réunion, Turkish
  "mali" (financial) not Mali. A lower-case word stands for a country only as one of the
  lower-case forms the lexicon gives it (an adjective: «российский», "français").
- Persian and Urdu attach no Arabic clitics and no «ه» to a place name: «فرم» (form) is not
  ف + رم (Rome), «رشته» (field) not رشت (Rasht) + ه. Their place names match whole or with
  a Persian ending (ها، های، ی، ای، یی).
- Words listed as homographs in cues.tsv («مالی» financial, «شام» evening, «چلے» went)
  stand for the place only beside a word that introduces one («کشور»، «دولة») or where the
  text names the same place unambiguously too.
- A Chinese pair of sides («中越», China and Vietnam; «中老», also the «中老年» elderly; «中越»
  in «中越来越多») names the partner only where the text names it otherwise too.
- A region, a sea or a province named after a country (Central America, the South China
  Sea, «دریای عمان», East Azerbaijan: `region` in cues.tsv) is not that country.
- Chinese has no spaces: a place inside a longer name («内蒙古» Inner Mongolia holds
  «蒙古», «哈马斯» Hamas holds «哈马») is part of it.
"""

from __future__ import annotations

import bisect
import re
from functools import cache

from accords.lexicon import Lexicon
from accords.lexicon.matcher import forms
from accords.model import Doc, Mention
from accords.text.normalise import ZWNJ, fold_letters

_CHECKED = frozenset({"country", "city", "person"})
# an organisation's name is checked for its capital only: "ISI" is not Turkish «işi» (its
# work), "NCA" no lower-case word
_CAPITALISED = _CHECKED | {"organization"}
_PLACES = frozenset({"country", "city"})
_AND = "و"  # the conjunction written on the next word in the Arabic script
_CASED = frozenset({"latin", "cyrillic"})
_APOSTROPHES = re.compile("['\u2019]")
_NO_CLITICS = frozenset({"fa", "ur"})
_PERSIAN_ENDINGS = ("هایی", "های", "ها", "یی", "ای", "ی", "ے")


# the concepts `plausible` reads, whose mentions mentions.run hands it apart
READS = _CAPITALISED | {"cue", "given_name"}
_CUE_KINDS = frozenset({"homograph", "place_word", "region"})
_CHECKED_IN_ORDER = tuple(sorted(_CHECKED))  # the order of their mentions at one start


def plausible(
    doc: Doc, lexicon: Lexicon, mentions: list[Mention], groups: dict[str, list[Mention]]
) -> list[Mention]:
    """The mentions without those that fail a check; `groups` holds the same mentions of
    each concept of READS (in any order). The checks read those groups alone, not every
    mention: four in five mentions of a news text are cues and function words, and the
    six passes over all of them were a fifth of the mentions stage."""
    script = lexicon.script(doc.lang)
    homographs: set[tuple[int, int]] = set()
    introducers: set[int] = set()
    regions: list[tuple[int, int]] = []
    for m in groups.get("cue", ()):
        kind = m.kind
        if kind not in _CUE_KINDS:
            continue
        if kind == "homograph":
            if _as_written(doc, lexicon, m):
                homographs.add((m.start, m.end))
        elif kind == "place_word":
            introducers.add(m.last)
        else:
            regions.append((m.start, m.end))
    removed: set[int] = set()  # the ids of the mentions left out
    doubtful: list[Mention] = []
    cased = script in _CASED
    no_clitics = doc.lang in _NO_CLITICS
    for concept in _CAPITALISED:
        for mention in groups.get(concept, ()):
            if (cased and not _capitalised(doc, lexicon, mention)) or (
                no_clitics and concept in _PLACES and not _whole(doc, lexicon, mention)
            ):
                removed.add(id(mention))
            elif (
                concept in _CHECKED
                and (mention.start, mention.end) in homographs
                and mention.token - 1 not in introducers
            ):
                doubtful.append(mention)
    out = mentions
    if doubtful:
        # named unambiguously elsewhere, or in a list beside another country
        aside = {id(m) for m in doubtful}
        sure = [
            m
            for concept in _CHECKED
            for m in groups.get(concept, ())
            if id(m) not in removed and id(m) not in aside
        ]
        entries = {m.entry for m in sure}
        near = {
            t
            for m in sure
            if m.concept == "country"
            for t in (m.token - 2, m.token - 1, m.last + 1, m.last + 2)
        }
        kept = {id(m) for m in doubtful if m.entry in entries or m.token in near or m.last in near}
        removed |= aside - kept
        # as the check always read them: the sure ones in order, the doubtful kept after
        # them, sorted by start (stably: a kept name follows the cue at its start); the
        # kept ones of one start in the order of `mentions`: by concept, each as found
        out = [m for m in mentions if id(m) not in removed and id(m) not in aside]
        out.extend(
            m for concept in _CHECKED_IN_ORDER for m in groups.get(concept, ()) if id(m) in kept
        )
        out.sort(key=_start)
    elif removed:
        out = [m for m in mentions if id(m) not in removed]
    if script == "han":
        out = _outside_longer_names(out)
        left = {id(m) for m in out}
        removed = {id(m) for concept in _PLACES for m in groups.get(concept, ())} - left
    places = [m for concept in _PLACES for m in groups.get(concept, ()) if id(m) not in removed]
    gone = _in_regions(places, regions)
    if gone:
        places = [m for m in places if id(m) not in gone]
    gone |= _family_names(doc, lexicon, places, groups)
    if not gone:
        return out
    return [m for m in out if id(m) not in gone]


def _in_regions(places: list[Mention], regions: list[tuple[int, int]]) -> set[int]:
    """The places inside the name of a region, a sea or a province («دریای عمان»)."""
    if not regions:
        return set()
    return {
        id(m) for m in places if any(start <= m.start and m.end <= end for start, end in regions)
    }


def _family_names(
    doc: Doc, lexicon: Lexicon, places: list[Mention], groups: dict[str, list[Mention]]
) -> set[int]:
    """The place names written right after a given name, which are family names
    («دیوید کامرون», «منصور الترکی», "Michael Jordan"), and in that text the same word is
    the person everywhere, in the headline too («اولاند و کامرون»): one name keeps one
    sense in one report. The given name must be written as listed (with its capital where
    the script has them), and only a space may stand between the two: «علیه» (against) is
    no «علی», and "St Thomas, Jamaica" or «شکری والجزایری» (Shoukry and the Algerian) are
    two things."""
    cased = lexicon.script(doc.lang) in _CASED
    given_end = {
        m.last: m.end
        for m in groups.get("given_name", ())
        if _as_written(doc, lexicon, m)
        and (not cased or doc.original(m.start, m.start + 1).isupper())
    }
    if not given_end:
        return set()
    family = {
        doc.words[m.token]
        for m in places
        if m.token == m.last
        and m.token - 1 in given_end
        and not doc.text[given_end[m.token - 1] : m.start].strip()
        and not doc.words[m.token].startswith(_AND)
    }
    if not family:
        return set()
    return {id(m) for m in places if m.token == m.last and doc.words[m.token] in family}


def _as_written(doc: Doc, lexicon: Lexicon, mention: Mention) -> bool:
    """The homograph as listed, not an inflected form of it («شامی» Syrian is no «شام»)."""
    # a Chinese pair of sides («中越») is two tokens
    word = doc.text[mention.start : mention.end].replace(ZWNJ, "")
    names = lexicon.entry(mention.concept, mention.entry).names.get(doc.lang, ())
    return word in _folded(names)


@cache  # by the names: given names and homographs come up in every article, and folding
# them again was a tenth of the names' checks
def _folded(names: tuple[str, ...]) -> frozenset[str]:
    return frozenset(fold_letters(name) for name in names)


def _start(mention: Mention) -> int:
    return mention.start


def _capitalised(doc: Doc, lexicon: Lexicon, mention: Mention) -> bool:
    """A name in a cased script: some word of it has a capital, or its first word is one of
    the entry's lower-case forms."""
    for index in range(mention.token, mention.last + 1):
        token = doc.tokens[index]
        # the name after an elision or before a suffix: «l'Italie», «d'Interpol», "İran'ın"
        written = doc.original(token.start, token.end)
        if written[:1].isupper():  # the first part, as the split below would read it first
            return True
        if ("'" in written or "\u2019" in written) and any(
            part[:1].isupper() for part in _APOSTROPHES.split(written)
        ):
            return True
    found = lexicon.find(mention.concept, mention.entry)
    if found is None:
        return False
    lower = _lower_case_forms(found.names.get(doc.lang, ()))
    return any(form in lower for form in forms(doc.words[mention.token]))


@cache  # by the names themselves: the same few entries come up in every article
def _lower_case_forms(names: tuple[str, ...]) -> frozenset[str]:
    out: set[str] = set()
    for name in names:
        if name[:1].islower():
            out.update(forms(fold_letters(name.split()[0].lower())))
    return frozenset(out)


def _whole(doc: Doc, lexicon: Lexicon, mention: Mention) -> bool:
    """A Persian or Urdu place name as written, or with a Persian ending."""
    if mention.token != mention.last:
        return True
    found = lexicon.find(mention.concept, mention.entry)
    if found is None:
        return False
    word = doc.words[mention.token].replace(ZWNJ, "")
    names = found.names
    for name in _folded_names(names.get("fa", ()), names.get("ar", ()), names.get("ur", ())):
        if word == name:
            return True
        if word.startswith(name) and word[len(name) :] in _PERSIAN_ENDINGS:
            return True
    return False


@cache
def _folded_names(*columns: tuple[str, ...]) -> tuple[str, ...]:
    # Persian drops the space of a name of two words: «اسلامآباد»
    return tuple(
        fold_letters(name).replace(ZWNJ, "").replace(" ", "") for names in columns for name in names
    )


def _outside_longer_names(mentions: list[Mention]) -> list[Mention]:
    """Drop a Chinese place name that lies inside a longer named entity."""
    # a longer name holds the place when it starts before it and ends at or after it, or
    # starts with it and ends after it: the furthest end of the names started before each
    # place, and of those starting where it does, tell, without a pass over every name
    spans = sorted(
        (m.start, m.end)
        for m in mentions
        if m.concept in ("country", "city", "organization", "person")
    )
    starts = [start for start, _ in spans]
    furthest: list[int] = []
    for _, end in spans:
        furthest.append(max(end, furthest[-1]) if furthest else end)
    out: list[Mention] = []
    for m in mentions:
        if m.concept in ("country", "city"):
            before = bisect.bisect_left(starts, m.start)
            if before and furthest[before - 1] >= m.end:
                continue
            at = bisect.bisect_right(starts, m.start)
            if at > before and spans[at - 1][1] > m.end:  # the longest of those at its start
                continue
        out.append(m)
    return out
