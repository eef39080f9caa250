"""The lexicon: data files compiled into one immutable object passed to every stage.

The format of the files is in README.md beside this module. `load()` reads them once per
process (Spark workers call it once per executor) and rejects a bad row naming its file,
line and id.
"""

from __future__ import annotations

import csv
import functools
import gc
import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from accords.errors import LexiconError
from accords.lexicon.matcher import Matcher, Payload
from accords.model import COMMITMENT_KINDS, DOMAINS, EVENT_TYPES
from accords.text.language import LANGUAGES
from accords.text.normalise import fold_letters
from accords.text.tokens import token_strings

T = TypeVar("T")

DATA = Path(__file__).parent / "data"
LANGS = LANGUAGES  # a column of each lexicon file per language accords reads
SEPARATOR = " | "
_ID = re.compile(r"^[a-z0-9_]+$")
_ALPHA3 = re.compile(r"^[A-Z]{3}$")

# file name → (concept, attribute columns)
FILES: dict[str, tuple[str, tuple[str, ...]]] = {
    "countries.tsv": ("country", ()),
    "cities.tsv": ("city", ("country", "capital")),
    "organizations.tsv": ("organization", ("kind", "country", "members", "short", "general")),
    "memberships.tsv": ("membership", ("org", "country", "years")),
    "persons.tsv": ("person", ("country", "office", "years")),
    "titles.tsv": ("title", ("role", "org", "rank")),
    "triggers.tsv": ("trigger", ("type", "mode", "domain")),
    "commitments.tsv": ("commitment", ("kind",)),
    "domains.tsv": ("domain", ("domain",)),
    "months.tsv": ("month", ("calendar", "number")),
    "cues.tsv": ("cue", ("cue", "value")),
    "languages.tsv": (
        "language",
        ("home", "order", "script", "place_suffixes", "markers", "day_suffixes", "connectors"),
    ),
    "given_names.tsv": ("given_name", ()),
    "steps.tsv": ("step", ()),
    "topics.tsv": ("topic", ("topic",)),
    "family_first.tsv": ("family_first", ()),
    "treaties.tsv": ("treaty", ("domain",)),
    "particles.tsv": ("particle", ()),
    "roles.tsv": ("role", ("class",)),
    "verbs.tsv": ("verb", ()),
}
# The columns with a closed list of values: a misspelt one is an error at load, not a
# value the stages never match (a domain dropped, a trigger type unknown in every text).
KNOWN_VALUES: dict[tuple[str, str], tuple[str, ...]] = {
    ("trigger", "type"): tuple(EVENT_TYPES),
    ("trigger", "domain"): ("", *DOMAINS),
    ("commitment", "kind"): tuple(COMMITMENT_KINDS),
    ("domain", "domain"): DOMAINS,
    ("treaty", "domain"): DOMAINS,
    ("organization", "kind"): ("intl", "agency", "ministry"),
    ("month", "calendar"): ("gregorian", "solar_hijri", "lunar_hijri"),
    ("month", "number"): tuple(str(number) for number in range(1, 13)),
    ("city", "capital"): ("", "yes"),
    ("organization", "general"): ("", "yes"),
    ("title", "rank"): ("", "yes"),
    ("language", "id"): LANGS,
    ("language", "order"): ("SOV", "SVO", "VSO"),
    ("language", "script"): ("latin", "arabic", "cyrillic", "han"),
    ("topic", "topic"): ("sport", "war", "politics", "accusation", "opinion"),
    ("role", "class"): ("office", "security", "entourage", "reporter"),
    # the classes of cues the stages read (README.md says what each is for)
    ("cue", "cue"): (
        "accompanying", "and", "attribution", "background", "between", "body", "capital",
        "complementizer", "conjunction", "cooperation", "destination", "document", "end_of_article",
        "former", "function", "future", "headline_plan", "homograph", "invitation_of", "irrealis",
        "joint", "locative", "members", "negation", "no_subject", "out_of_scope", "place_word",
        "region", "relative_day", "roundup", "security_scope", "speech", "time", "together",
        "unit_mass", "unit_people", "weekday",
    ),
}  # fmt: skip
# Columns written in a fixed form: (pattern, the form said in the error).
FORMS: dict[tuple[str, str], tuple[re.Pattern[str], str]] = {
    ("cue", "value"): (re.compile(r"-?[0-9]*"), "an integer, or empty"),
    ("person", "years"): (re.compile(r"([0-9]{4}-([0-9]{4})?)?"), "YYYY-YYYY, YYYY- or empty"),
    ("membership", "years"): (
        re.compile(r"[0-9]{4}-([0-9]{4})?( [0-9]{4}-([0-9]{4})?)*"),
        "periods YYYY-YYYY or YYYY-, separated by spaces",
    ),
}
# Columns that name entries of another concept, by id (space-separated where several): a
# misspelt code would be a side, or a body, that no text names.
REFERENCES: dict[tuple[str, str], str] = {
    ("city", "country"): "country",
    ("organization", "country"): "country",
    ("organization", "members"): "country",
    ("membership", "org"): "organization",
    ("membership", "country"): "country",
    ("person", "country"): "country",
    ("title", "org"): "organization",
    ("language", "home"): "country",
    ("family_first", "id"): "country",
}
# Concepts whose ids are ISO 3166-1 alpha-3 codes, not slugs.
ALPHA3_IDS = frozenset({"country", "family_first"})
# Concepts whose names are not searched for in texts.
UNMATCHED = frozenset({"language", "membership", "particle", "role", "verb"})
# Concepts named the same way in every language (a country, a person); the others
# (triggers, cues, titles…) are matched only in the article's own language, since a
# Persian word can be a different Arabic word written with the same letters.
NAMED_ENTITIES = frozenset({"country", "city", "organization", "person", "surname"})
# Place names are the exception among those: Persian «مدینه» (Medina) is Arabic «مدينة»
# (a city), so within one script a place name counts only in its own language.
PLACES = frozenset({"country", "city"})
# An Arabic trigger (a verb or an event noun) or city takes no nominal ending
# (matcher.NOMINAL_ENDINGS): with one it is another word, the nisba an adjective
# («الاجتماعي» social, not «اجتماع» a meeting; «الرياضي» sporting, not Riyadh), «ـان» a name
# («سلمان», not «سلم» handed over), «ـين» a dual noun («عقدين» two decades, not «عقد» held),
# «ـات» another plural («رحلات» trips, not «رحل» deported; «تدريبات» drills, not training
# given): these terms find such a word only as they write it (the duals of verbs, «يبحثان»,
# and the plurals that are the same event, «اعتقالات», are written out). Names of states
# and bodies, domains, titles and commitment markers keep the stem («الإرهابي» is of
# terrorism, «وزيري» two ministers, «مستعدين» ready).
WITHOUT_NOMINAL_ENDINGS = frozenset({("trigger", "ar"), ("city", "ar")})


@dataclass(frozen=True, slots=True)
class Entry:
    concept: str
    id: str
    attrs: Mapping[str, str]
    names: Mapping[str, tuple[str, ...]]

    def name(self, lang: str = "en") -> str:
        for code in (lang, "en", *LANGS):
            if self.names.get(code):
                return self.names[code][0]
        return self.id

    def get(self, attr: str) -> str:
        """The value of one of the concept's columns ("" when the cell is empty); a column
        the concept does not have is a mistake in the code, said as such."""
        if attr not in self.attrs:
            known = ", ".join(self.attrs) or "none"
            raise LexiconError(f"{self.concept} entries have no column {attr!r} (only {known})")
        return self.attrs[attr]

    def __reduce__(self) -> tuple[type[Entry], tuple[Any, ...]]:
        # pickled by its fields, so that a build compiled by mypyc (setup.py) reads it too
        return (Entry, (self.concept, self.id, self.attrs, self.names))


# the attribute that classes an entry of each concept, copied onto its mentions
KIND_ATTRIBUTE = {
    "cue": "cue",
    "trigger": "type",
    "commitment": "kind",
    "domain": "domain",
    "title": "rank",
    "organization": "kind",
    "month": "calendar",
    "topic": "topic",
}


@dataclass(frozen=True)
class Lexicon:
    entries: Mapping[Payload, Entry]
    matcher: Matcher
    by_concept: Mapping[str, tuple[Entry, ...]] = field(default_factory=dict)
    # what stages derive from the lexicon once per process (tables per language, the
    # gazetteer's keys), owned here so it lives and dies with the lexicon it was read from;
    # not pickled: a worker derives its own
    derived: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)

    def memo(self, key: str, make: Callable[[], T]) -> T:
        """What `make` derives from this lexicon, made once under `key`."""
        if key not in self.derived:
            self.derived[key] = make()
        found: T = self.derived[key]
        return found

    def kind(self, concept: str, entry_id: str) -> str:
        """The class of an entry (a cue's kind, a trigger's type), or ""."""
        attribute = KIND_ATTRIBUTE.get(concept)
        return self.entries[(concept, entry_id)].get(attribute) if attribute else ""

    def entry(self, concept: str, entry_id: str) -> Entry:
        return self.entries[(concept, entry_id)]

    def find(self, concept: str, entry_id: str) -> Entry | None:
        return self.entries.get((concept, entry_id))

    def family_name_first(self) -> frozenset[str]:
        """The countries whose names put the family name first (family_first.tsv)."""
        return frozenset(entry.id for entry in self.by_concept.get("family_first", ()))

    def name_particles(self) -> frozenset[str]:
        """The small words inside a person's name (particles.tsv): al, bin, «آل»."""
        return self.memo("particles", lambda: _names(self.by_concept.get("particle", ())))

    def roles(self, role: str | None) -> dict[str, str]:
        """The entries of roles.tsv a role or an office is of, by id, with their class:
        those one of whose words begins a word of it."""
        known: dict[str | None, dict[str, str]] = self.memo("roles", dict)
        if role not in known:
            known[role] = {
                e.id: e.get("class")
                for e in self.by_concept.get("role", ())
                if role
                and re.search(rf"\b(?:{'|'.join(map(re.escape, _names([e])))})", role.lower())
            }
        return known[role]

    def script(self, lang: str) -> str:
        """The script `lang` is written in (languages.tsv), "" for a language not read."""
        found = self.find("language", lang)
        return found.get("script") if found else ""

    def country_name(self, code: str, lang: str = "en") -> str:
        found = self.find("country", code)
        return found.name(lang) if found else code

    def __reduce__(self) -> tuple[type[Lexicon], tuple[Any, ...]]:
        return (Lexicon, (self.entries, self.matcher, self.by_concept))


def _names(entries: Iterable[Entry]) -> frozenset[str]:
    return frozenset(n for entry in entries for names in entry.names.values() for n in names)


def read_tsv(path: Path, attributes: tuple[str, ...]) -> Iterator[tuple[int, dict[str, str]]]:
    """Rows of a lexicon file as dicts, checked against the expected columns."""
    with path.open(encoding="utf-8", newline="") as handle:
        lines = [
            (n, line)
            for n, line in enumerate(handle, 1)
            if line.strip() and not line.startswith("#")
        ]
    if not lines:
        return
    header = lines[0][1].rstrip("\r\n").split("\t")
    expected = ["id", *attributes]
    if header[: len(expected)] != expected or not set(header[len(expected) :]) <= set(LANGS):
        raise LexiconError(
            f"header should be {expected} then language codes ({', '.join(LANGS)}), not {header}",
            source=str(path),
        )
    rows = csv.reader((line for _, line in lines[1:]), delimiter="\t", quoting=csv.QUOTE_NONE)
    for (number, _), cells in zip(lines[1:], rows, strict=True):
        if len(cells) > len(header):
            raise LexiconError(
                f"line {number}: {len(cells)} fields, header has {len(header)}", source=str(path)
            )
        cells += [""] * (len(header) - len(cells))
        yield number, dict(zip(header, (c.strip() for c in cells), strict=True))


def check_value(path: Path, number: int, what: str, value: str, known: Iterable[str]) -> None:
    """A cell of a closed column: one of `known`, or an error naming file, line and them."""
    known = tuple(known)
    if value not in known:
        values = ", ".join(v or "(empty)" for v in known)
        raise LexiconError(
            f"line {number}: {what} {value!r} is not one of {values}", source=str(path)
        )


def _entries(
    path: Path, concept: str, attributes: tuple[str, ...], known: set[Payload]
) -> Iterator[Entry]:
    """The entries of a file, each checked: its id, its closed and fixed-form columns, and
    the ids it refers to (among `known`, the entries of the files read before)."""
    seen: set[str] = set()
    repeatable = concept == "domain"
    for number, row in read_tsv(path, attributes):
        entry_id = row["id"]
        valid = (_ALPHA3 if concept in ALPHA3_IDS else _ID).match(entry_id)
        if not valid:
            raise LexiconError(f"line {number}: bad id {entry_id!r}", source=str(path))
        if entry_id in seen and not repeatable:
            raise LexiconError(f"line {number}: id {entry_id!r} repeats", source=str(path))
        seen.add(entry_id)
        for attribute in ("id", *attributes):
            what, value = f"{attribute} of {entry_id!r}", row[attribute]
            if closed := KNOWN_VALUES.get((concept, attribute)):
                check_value(path, number, what, value, closed)
            if (form := FORMS.get((concept, attribute))) and not form[0].fullmatch(value):
                raise LexiconError(
                    f"line {number}: {what} {value!r} is not {form[1]}", source=str(path)
                )
            target = REFERENCES.get((concept, attribute))
            for code in value.split() if target else ():
                if (target, code) not in known:
                    raise LexiconError(
                        f"line {number}: {what}: {code!r} is no {target}'s id", source=str(path)
                    )
        names = {
            lang: tuple(n.strip() for n in row[lang].split(SEPARATOR.strip()) if n.strip())
            for lang in LANGS
            if row.get(lang)
        }
        yield Entry(concept, entry_id, {a: row[a] for a in attributes}, names)


def _verbs(entries: Mapping[Payload, Entry], data: Path) -> frozenset[str]:
    """The Arabic trigger words that are verbs (verbs.tsv), folded as the matcher keys them;
    each must begin an Arabic trigger, so that a misspelt one is an error, not a verb that
    never meets its trigger."""
    firsts = {
        token_strings(fold_letters(name))[0]
        for entry in entries.values()
        if entry.concept == "trigger"
        for name in entry.names.get("ar", ())
    }
    verbs: set[str] = set()
    for entry in entries.values():
        if entry.concept != "verb":
            continue
        for name in entry.names.get("ar", ()):
            folded = fold_letters(name)
            if folded not in firsts:
                raise LexiconError(
                    f"verb {name!r} of {entry.id!r} begins no Arabic trigger",
                    source=str(data / "verbs.tsv"),
                )
            verbs.add(folded)
    return frozenset(verbs)


def _cldr_countries() -> dict[str, dict[str, list[str]]]:
    """Country names in every language we serve, from Babel's CLDR data."""
    from babel import Locale

    alpha3 = {
        row["alpha2"]: row["id"]
        for _, row in read_tsv(DATA / "territories.tsv", ("alpha2", "name"))
    }
    names: dict[str, dict[str, list[str]]] = {}
    for lang in LANGS:
        territories = Locale.parse(lang).territories
        for alpha2, name in territories.items():
            if alpha2 in alpha3:
                names.setdefault(alpha3[alpha2], {}).setdefault(lang, []).append(name)
    return names


def _merge(
    first: Mapping[str, list[str]], extra: Mapping[str, tuple[str, ...]]
) -> dict[str, tuple[str, ...]]:
    merged: dict[str, tuple[str, ...]] = {}
    for lang in LANGS:
        names = list(first.get(lang, ()))
        names += [n for n in extra.get(lang, ()) if n not in names]
        if names:
            merged[lang] = tuple(names)
    return merged


def _surnames(
    entry: Entry, family_first: bool, particles: frozenset[str]
) -> dict[str, tuple[str, ...]]:
    """The family name alone, under which a person is named after the first mention."""
    out: dict[str, tuple[str, ...]] = {}
    for lang, names in entry.names.items():
        if lang == "zh":
            continue  # a one-character family name alone is too ambiguous
        short: list[str] = []
        for name in names:
            words = name.split()
            if len(words) < 2:
                continue
            if family_first:
                surname = words[0]
            elif len(words) > 2 and words[-2].lower() in particles:
                surname = " ".join(words[-2:])  # Al Thani, آل خليفة, bin Naif
            else:
                surname = words[-1]
            if len(surname.strip(".")) >= 3:
                short.append(surname)
        out[lang] = tuple(dict.fromkeys(short))
    return out


# the on-disk cache key of each lexicon `load` gave (kept alive with it: its id stays its own)
_CACHE_KEYS: dict[int, tuple[Lexicon, str]] = {}


def cache_key(lexicon: Lexicon) -> str | None:
    """The key `load` stored this lexicon under in the on-disk cache (None for one built
    otherwise): what is built from the lexicon alone may be cached under it too."""
    found = _CACHE_KEYS.get(id(lexicon))
    return found[1] if found and found[0] is lexicon else None


@functools.cache
def load(data: Path = DATA) -> Lexicon:
    """The lexicon compiled from the files in `data`, from the on-disk cache when the files
    and the compiling code are unchanged."""
    from babel import __version__ as babel_version

    from accords.lexicon import cache, matcher
    from accords.text import normalise, tokens

    code = [Path(__file__), Path(matcher.__file__), Path(normalise.__file__), Path(tokens.__file__)]
    key = cache.fingerprint([*sorted(data.glob("*.tsv")), *code], extra=babel_version)
    lexicon = cache.cached("lexicon-" + key, lambda: build(data))
    _CACHE_KEYS[id(lexicon)] = (lexicon, key)
    # The lexicon is millions of objects that live as long as the process: left to the
    # cyclic garbage collector, every full collection would walk them all again. Frozen,
    # the collector passes them by.
    gc.freeze()
    return lexicon


def build(data: Path = DATA, languages: tuple[str, ...] = LANGS) -> Lexicon:
    """Compile the lexicon from its data files (and Babel's CLDR names); `languages`
    restricts the terms matched to those columns (the benchmark measures what each
    language costs)."""
    entries: dict[Payload, Entry] = {}
    cldr = _cldr_countries()
    for filename, (concept, attributes) in FILES.items():
        path = data / filename
        if not path.exists():
            raise LexiconError("lexicon file is missing; reinstall accords", source=str(path))
        known = {*entries, *(("country", code) for code in cldr)}
        for entry in _entries(path, concept, attributes, known):
            key = (concept, entry.id)
            if concept == "domain" and key in entries:
                entry = Entry(
                    concept,
                    entry.id,
                    entry.attrs,
                    _merge({k: list(v) for k, v in entries[key].names.items()}, entry.names),
                )
            entries[key] = entry
    for code, names in cldr.items():
        extra = entries.get(("country", code))
        merged = _merge(names, extra.names if extra else {})
        entries[("country", code)] = Entry("country", code, {}, merged)

    family_first = {entry_id for concept, entry_id in entries if concept == "family_first"}
    particles = _names(e for e in entries.values() if e.concept == "particle")

    def terms() -> Iterator[tuple[str, Payload, str]]:
        for key, entry in entries.items():
            if entry.concept in UNMATCHED:
                continue
            for lang, names in entry.names.items():
                if lang in languages:
                    for name in names:
                        yield name, key, lang
            if entry.concept == "person":
                surnames = _surnames(entry, entry.get("country") in family_first, particles)
                for lang, names in surnames.items():
                    if lang in languages:
                        for name in names:
                            yield name, ("surname", entry.id), lang

    by_concept: dict[str, list[Entry]] = {}
    for entry in entries.values():
        by_concept.setdefault(entry.concept, []).append(entry)
    matcher = Matcher(terms(), bare=WITHOUT_NOMINAL_ENDINGS, verbs=_verbs(entries, data))
    return Lexicon(entries, matcher, {k: tuple(v) for k, v in by_concept.items()})
