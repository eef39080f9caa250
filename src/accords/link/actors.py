"""Actors across scripts: one stable id for one person, however the name is written.

A name, stripped of the titles written before it, is first looked up in the gazetteer of
leaders (persons.tsv): exactly after letter folding, then fuzzily on a consonant skeleton of
its Latin form, then by surname alone, always among the people of the same country and never
against an office of another kind. «رادان», «Радан», «拉丹» and "Radan" of Iran are all
`ahmadreza_radan`. A person the gazetteer does not list gets a key from the skeleton of the
surname and the country: "Kamran Farahani" and «کامران فراهانی» of Iran are `a-irn-flhn`,
and the same name of Iraq is `a-irq-flhn`, another person.

The skeleton drops vowels because Arabic and Persian script leave short vowels unwritten and
Latin spellings of one name disagree mostly on vowels (Ahmad, Ahmed; Hossein, Hussain); it
folds r into l because Chinese writes both as l.
"""

from __future__ import annotations

import functools
import importlib.metadata
import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from rapidfuzz import fuzz

import accords.text.romanise
from accords.lexicon import Entry, Lexicon, cache, cache_key
from accords.model import Actor
from accords.text.normalise import fold_letters
from accords.text.romanise import romanise
from accords.text.tokens import is_han

# A fuzzy gazetteer match needs this rapidfuzz ratio (0-100) on the skeletons, and the
# skeleton this many letters: three consonants match too many names by chance.
FUZZY_MIN_RATIO = 85.0
FUZZY_MIN_LENGTH = 5

# Letters NFKD does not take apart.
_LATIN_EXTRA = str.maketrans(
    {"ı": "i", "ə": "e", "ø": "o", "ß": "ss", "đ": "d", "ł": "l", "ç": "ch", "ş": "sh"}
)
# The Arabic article, assimilated or not, written before a name: al-, el-, ash-, ad-…
_ARTICLE = re.compile(r"^(?:a|e|u)(?:l|sh|[tdrzsn])-(?=\w)")
_STANDALONE_ARTICLES = frozenset({"al", "el", "ul"})
# Latin spellings of one sound, in order: a digraph before the letters it is made of.
_DIGRAPHS = (
    ("dzh", "j"),  # Russian ДЖ: Лариджани
    ("dj", "j"),  # French: Beldjoud
    ("zh", "j"),
    ("kh", "h"),  # Russian х is both h and kh
    ("gh", "k"),
    ("sh", "s"),
    ("ch", "C"),  # kept apart from c until c is read as k or s
    ("th", "s"),  # Arabic ث: Othman, Osman
    ("dh", "z"),  # Arabic ض, ذ: Fayyadh, «فياض» Fiaz
    ("ts", "s"),
    ("ph", "f"),
    ("ck", "k"),
    ("ce", "se"),
    ("ci", "si"),
    ("cy", "sy"),
    ("c", "k"),  # Cooper, «کوپر»
    ("C", "c"),
    ("q", "k"),  # Arabic writes Persian گ as ق; Naqvi is Nakvi in Russian
    ("g", "k"),
    ("x", "s"),  # pinyin x
    ("z", "s"),  # Arabic and Persian write a German or Italian s as ز
    ("p", "b"),  # Arabic has no p: Patel, «باتيل»
    ("r", "l"),  # Chinese has no r: 拉丹 is Radan
    ("v", "w"),  # Persian و is v, Arabic و is w
)
_CHINESE_FINAL_NG = re.compile(r"ngh?$")  # Arabic writes -ng as «نغ», Russian as -н
_SEMIVOWELS_INSIDE = re.compile(r"(?<=.)[wy]")  # و and ي inside a word are mostly vowels
_FINAL_F = re.compile(r"f$")  # Persian and Arabic write Russian -ov, -ev as «ف»
_VOWELS = re.compile(r"[aeiou]")
_FINAL_H = re.compile(r"(?<=.)h$")  # Persian final ه is silent: Zadeh, Zade
_DOUBLED = re.compile(r"(.)\1+")


def skeleton_words(name: str, family_first: bool = False) -> list[str]:
    """The name as Latin consonant skeletons, one per word, articles dropped."""
    latin = _latin(fold_letters(name), family_first).lower().translate(_LATIN_EXTRA)
    latin = "".join(c for c in unicodedata.normalize("NFKD", latin) if c.isascii())
    words = []
    for raw in re.split(r"[\s'’.]+", latin):
        word = _ARTICLE.sub("", raw)
        for part in word.split("-"):
            if part and part not in _STANDALONE_ARTICLES:
                words.append(_skeleton(part))
    return [w for w in words if w]


def _latin(name: str, family_first: bool) -> str:
    if not family_first and any(is_han(c) for c in name):
        # Chinese writes a foreign name by sound, one character a syllable: 拉丹 is Radan,
        # one word, not a family name La and a given name Dan
        from pypinyin import lazy_pinyin  # its dictionaries take 0.15 s to import

        return "".join(lazy_pinyin(name))
    return romanise(name)


@functools.lru_cache(maxsize=100_000)
def _skeleton(word: str) -> str:
    word = _DOUBLED.sub(r"\1", re.sub(r"[^a-z]", "", word))
    word = _CHINESE_FINAL_NG.sub("n", word)
    for written, sound in _DIGRAPHS:
        word = word.replace(written, sound)
    word = _SEMIVOWELS_INSIDE.sub("", word)
    word = _FINAL_F.sub("", word)
    word = _VOWELS.sub("", word)
    word = _FINAL_H.sub("", word)
    if word.startswith("bdl"):  # Abdul, Abdel, Abdol and «عبد ال» are one name part
        word = "bd" + word[3:]
    return _DOUBLED.sub(r"\1", word)


def skeleton(name: str, family_first: bool = False) -> str:
    """The whole name as one skeleton: word breaks differ across scripts (Xiaohong,
    «شياو هونغ»), so they do not count."""
    return "".join(skeleton_words(name, family_first))


def surname(name: str, family_first: bool) -> str:
    words = skeleton_words(name, family_first)
    if not words:
        return ""
    return words[0] if family_first else words[-1]


@dataclass(frozen=True, slots=True)
class Person:
    """A gazetteer entry as the matcher needs it."""

    id: str
    country: str  # empty for officials of international bodies
    office: str
    skeletons: frozenset[str]
    surnames: frozenset[str]


class ActorKeys:
    """Stable actor keys against one lexicon's gazetteer; remembers the names it has seen."""

    def __init__(
        self,
        people: Iterable[Entry],
        titles: Iterable[Entry] = (),
        family_name_first: frozenset[str] = frozenset(),
        offices: Mapping[str, frozenset[str]] | None = None,
    ) -> None:
        self._family_name_first = family_name_first  # countries, by the lexicon
        # the families of office (roles.tsv) of each title's role and person's office, which
        # are every role an actor has: a foreign minister named Wang is not the minister of
        # public security Wang
        self._offices = offices or {}
        self._exact: dict[str, set[str]] = {}
        self._by_country: dict[str, list[Person]] = {}
        self._people: dict[str, Person] = {}
        self._names: dict[str, list[str]] = {}  # a person's names in every script
        for entry in people:
            self._add(entry)
        self._titles = frozenset(
            tuple(fold_letters(name).split())
            for t in titles
            for ns in t.names.values()
            for name in ns
        )
        self._longest_title = max(map(len, self._titles), default=0)
        self.key = functools.lru_cache(maxsize=100_000)(self._key)

    def __getstate__(self) -> dict[str, Any]:
        return {name: value for name, value in vars(self).items() if name != "key"}

    def __setstate__(self, state: dict[str, Any]) -> None:
        vars(self).update(state)
        self.key = functools.lru_cache(maxsize=100_000)(self._key)

    def _add(self, entry: Entry) -> None:
        country = entry.get("country")
        first = self._family_first(country)
        names = [n for written in entry.names.values() for n in written]
        self._names[entry.id] = names
        for name in names:
            self._exact.setdefault(fold_letters(name), set()).add(entry.id)
        person = Person(
            entry.id,
            country,
            entry.get("office"),
            frozenset(s for s in (skeleton(n, first) for n in names) if s),
            frozenset(s for s in (surname(n, first) for n in names) if s),
        )
        self._people[entry.id] = person
        self._by_country.setdefault(country, []).append(person)

    def _family_first(self, country: str | None) -> bool:
        return country in self._family_name_first

    def known(self, key: str) -> str | None:
        """The country of the gazetteer's person a key names ("" for an official of an
        international body), or None for a name the gazetteer does not know."""
        person = self._people.get(key)
        return None if person is None else person.country

    def of(self, actor: Actor) -> str:
        """The actor's key: its gazetteer id, or `a-<country>-<surname skeleton>`."""
        if actor.id:
            return actor.id
        return self.key(actor.name, actor.name_latn, actor.country, actor.role, actor.org)

    def _key(
        self, name: str, name_latn: str, country: str | None, role: str | None, org: str | None
    ) -> str:
        written = [n for n in (name, name_latn) if n.strip()]
        forms = [n for n in dict.fromkeys(map(self._untitled, written)) if n]
        found = (
            self._exact_match(written + forms, country)
            or self._fuzzy_match(forms, country, role)
            or self._surname_match(forms, country, role)
        )
        if found:
            return found
        first = self._family_first(country)
        family = next((s for s in (surname(n, first) for n in forms) if s), "")
        owner = (country or org or "xx").lower()
        return f"a-{owner}-{family or 'unnamed'}"

    def names_of(self, written: str) -> list[str]:
        """The names in every script of the people of the gazetteer `written` names:
        their full names for a full name, their surnames for a surname alone («Радан»
        is «رادان», Radan…); none for a name the gazetteer does not know."""
        ids = self._exact.get(fold_letters(written), set())
        if ids:
            return [name for i in sorted(ids) for name in self._names[i]]
        words = skeleton_words(self._untitled(written))
        if len(words) != 1:
            return []
        found: list[str] = []
        for person in self._people.values():
            if words[0] in person.surnames:
                first = self._family_first(person.country)
                found += [_surname_as_written(n, first) for n in self._names[person.id]]
        return list(dict.fromkeys(found))

    def _untitled(self, name: str) -> str:
        """The name without the titles and ranks written before it: «سردار رادان» is Radan."""
        words = fold_letters(name).split()
        cut = True
        while cut:
            cut = False
            for size in range(min(self._longest_title, len(words) - 1), 0, -1):
                if tuple(words[:size]) in self._titles:
                    words, cut = words[size:], True
                    break
        return " ".join(words)

    def _candidates(self, country: str | None) -> list[Person]:
        # an official of an international body has no country; a person with a country is
        # never matched to someone of another: the same surname in two countries is two
        return self._by_country.get(country or "", [])

    def _exact_match(self, forms: list[str], country: str | None) -> str | None:
        for form in forms:
            # an exact full name is strong enough to stand without a country
            ids = {
                i for i in self._exact.get(fold_letters(form), ())
                if country is None or self._people[i].country in (country, "")
            }  # fmt: skip
            if len(ids) == 1:
                return ids.pop()
        return None

    def _conflict(self, role: str | None, office: str) -> bool:
        ours, theirs = self._offices.get(role or "", frozenset()), self._offices.get(office, ())
        return bool(ours and theirs and not ours & theirs)

    def _fuzzy_match(self, forms: list[str], country: str | None, role: str | None) -> str | None:
        first = self._family_first(country)
        shapes = [s for f in forms if len(s := skeleton(f, first)) >= FUZZY_MIN_LENGTH]
        if not shapes:
            return None
        scored: dict[str, float] = {}
        for person in self._candidates(country):
            if self._conflict(role, person.office):
                continue
            scored[person.id] = max(fuzz.ratio(a, b) for a in shapes for b in person.skeletons)
        return _best(scored, FUZZY_MIN_RATIO)

    def _surname_match(self, forms: list[str], country: str | None, role: str | None) -> str | None:
        # only a name written as the surname alone: "Radan", «وزير الداخلية الشمري»
        first = self._family_first(country)
        family = {s for f in forms if len(words := skeleton_words(f, first)) == 1 for s in words}
        if not family:
            return None
        ids = [
            p.id for p in self._candidates(country)
            if p.surnames & family and not self._conflict(role, p.office)
        ]  # fmt: skip
        return ids[0] if len(ids) == 1 else None


def _surname_as_written(name: str, family_first: bool) -> str:
    """The family name of a name as it is written: its last word, its first for a family
    name written first, the whole of a name in Han characters."""
    words = name.split()
    if not words or any(is_han(c) for c in name):
        return name
    return words[0] if family_first else words[-1]


def _best(scored: dict[str, float], floor: float) -> str | None:
    """The id with the highest score at or above `floor`, unless another ties with it."""
    ranked = sorted(scored.items(), key=lambda item: (-item[1], item[0]))
    if not ranked or ranked[0][1] < floor:
        return None
    if len(ranked) > 1 and ranked[1][1] == ranked[0][1]:
        return None
    return ranked[0][0]


def keys_for(lexicon: Lexicon) -> ActorKeys:
    """The gazetteer's keys, made once per lexicon object."""
    return lexicon.memo("link.actor_keys", lambda: _gazetteer(lexicon))


def _gazetteer(lexicon: Lexicon) -> ActorKeys:
    """The lexicon's people and titles, read from the on-disk cache beside the lexicon when
    it came from there: built, they are a quarter of a second of every `accords extract`
    (folding and romanising thousands of names, importing pypinyin for the Chinese ones)."""
    concepts = lexicon.by_concept
    people, titles = concepts.get("person", ()), concepts.get("title", ())
    lexicon_key = cache_key(lexicon)
    family_first = lexicon.family_name_first()
    roles = {t.get("role") for t in titles} | {p.get("office") for p in people}
    offices = {
        r: frozenset(i for i, kind in lexicon.roles(r).items() if kind == "office") for r in roles
    }
    if lexicon_key is None:
        return ActorKeys(people, titles, family_first, offices)
    code = [Path(__file__), Path(accords.text.romanise.__file__)]
    extra = lexicon_key + importlib.metadata.version("pypinyin")
    key = "actors-" + cache.fingerprint(code, extra=extra)
    return cache.cached(key, lambda: ActorKeys(people, titles, family_first, offices))


def actor_key(actor: Actor, lexicon: Lexicon) -> str:
    """One stable id for one person however the name is written (see the module doc)."""
    return keys_for(lexicon).of(actor)
