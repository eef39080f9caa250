"""The data model every stage shares: an Article goes in, a Doc carries it through the
stages, an Extraction comes out. Plain dataclasses, no behaviour beyond small helpers.

The classes made for every article (Doc, Place, Actor, Event, ...) write their __init__
out (`init=False`): in the compiled build (setup.py) the __init__ that dataclass generates
runs as interpreted Python, twenty times slower than one mypyc compiles, and a text makes
dozens of them. dataclass still gives them eq, repr and `replace` (and the frozen ones a
hash); a frozen one sets its fields through object.__setattr__, as dataclass's own
__init__ does (mypyc makes that a plain store).
"""

from __future__ import annotations

import bisect
import copy
import dataclasses
import enum
import functools
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any, NamedTuple, TypeVar

from accords.ingest.clean import text as clean_text
from accords.text.language import hint as language_hint

R = TypeVar("R")


class EventType(enum.StrEnum):
    CONSULT = "CONSULT"
    AGREE = "AGREE"
    COOPERATE = "COOPERATE"
    AID = "AID"


class Field(enum.StrEnum):
    """What a piece of evidence proves of an event: the words that name one of its fields."""

    SIDES = "sides"
    TYPE = "type"
    DOMAIN = "domain"
    PERSON = "person"
    PLACE = "place"
    DATE = "date"
    COMMITMENT = "commitment"


class CommitmentKind(enum.StrEnum):
    OFFER = "offer"
    PLEDGE = "pledge"
    PROPOSAL = "proposal"
    REQUEST = "request"


# by value, without Enum's own lookup: a Python-level call each time, even when compiled
EVENT_TYPES: dict[str, EventType] = {t.value: t for t in EventType}
COMMITMENT_KINDS: dict[str, CommitmentKind] = {k.value: k for k in CommitmentKind}

DOMAINS = (
    "drug_trafficking", "organized_crime", "human_trafficking", "migrant_smuggling",
    "cybercrime", "terrorism", "money_laundering", "arms_trafficking", "smuggling",
    "border_security", "maritime_security", "fugitives_extradition", "information_sharing",
    "training_education", "equipment_technology", "event_security", "corruption",
    "public_order",
)  # fmt: skip

# The output contract is these classes' fields, in their order, less the ones the stages
# use and to_dict leaves out; `accords schema` generates its JSON Schema from them
# (accords.contract), and from_dict reads them back.
INTERNAL: dict[str, tuple[str, ...]] = {
    "Actor": ("sentences", "positions"),
    "Event": ("sentences", "treaty"),  # a treaty's subjects: its gist says them
    "Commitment": ("sentence",),
}
OPTIONAL = frozenset({"notes"})  # written only when there is one


@dataclass(frozen=True, slots=True, init=False)
class Article:
    """One news text as read from a source, before any analysis. Its strings are made
    storable as it is made, whoever makes it (a reader, the batch engine, the web API): a
    lone surrogate or NUL becomes U+FFFD (`accords.ingest.clean.text`)."""

    text: str
    doc: str
    title: str | None
    url: str | None
    outlet: str | None
    lang: str | None
    published: date | None
    raw_hash: str | None

    def __init__(
        self,
        text: str,
        doc: str = "-",
        title: str | None = None,
        url: str | None = None,
        outlet: str | None = None,
        lang: str | None = None,
        published: date | None = None,
        raw_hash: str | None = None,
    ) -> None:
        object.__setattr__(self, "text", clean_text(text))
        object.__setattr__(self, "doc", clean_text(doc))
        object.__setattr__(self, "title", None if title is None else clean_text(title))
        object.__setattr__(self, "url", None if url is None else clean_text(url))
        object.__setattr__(self, "outlet", None if outlet is None else clean_text(outlet))
        object.__setattr__(self, "lang", language_hint(lang))
        object.__setattr__(self, "published", published)
        object.__setattr__(self, "raw_hash", raw_hash)


@dataclass(slots=True, init=False)
class Span:
    """A stretch of the normalised text, [start, end): a token or a sentence. A text has
    thousands of tokens, so this is the cheapest class to make in both builds: compiled,
    three times faster than a named tuple (built as a tuple, then copied); pure, as fast.
    Not frozen, since a frozen class sets each field by object.__setattr__, twice the cost
    in pure Python; nothing changes a Span once made."""

    start: int
    end: int

    def __init__(self, start: int, end: int) -> None:
        self.start = start
        self.end = end


def _span_start(span: Span) -> int:
    return span.start


class Evidence(NamedTuple):
    """Character offsets into the original text (code points), [start, end). A named tuple:
    every mention that becomes a field carries one, and it travels as a pair in JSON."""

    start: int
    end: int


# built straight from a pair, without the Python-level constructor of a named tuple
_evidence = functools.partial(tuple.__new__, Evidence)


class Mark(NamedTuple):
    """The words that say one field of an event (its sides, type, domain, place or date),
    as offsets into the original text, [start, end): tighter than the event's sentences,
    so that a reader sees which words made which field."""

    field: Field
    start: int
    end: int


class Treaty(NamedTuple):
    """A justice treaty a sentence names by its title (extract/treaties.py), as tokens."""

    sentence: int
    first: int  # the title's first token
    last: int  # its last token
    parties: tuple[str, ...]  # in the order the title names them
    subjects: tuple[str, ...]  # treaties.tsv ids
    domains: tuple[str, ...]  # of its subjects and of the domain words within it


@dataclass(slots=True, init=False)
class Mention:
    """A lexicon entry found in the normalised text.

    `concept` names the lexicon file (country, city, organization, person, title, trigger,
    commitment, domain, month, cue); `entry` is the entry's id there. A text has about as
    many mentions as words: made like Span, for the same reasons.
    """

    start: int
    concept: str
    entry: str
    end: int
    sentence: int
    token: int  # index of the first token, for adjacency tests
    last: int  # index of the last token
    kind: str  # the entry's class: a cue's kind, a trigger's type, a domain's name

    def __init__(
        self,
        start: int,
        concept: str,
        entry: str,
        end: int,
        sentence: int,
        token: int,
        last: int,
        kind: str = "",
    ) -> None:
        self.start = start
        self.concept = concept
        self.entry = entry
        self.end = end
        self.sentence = sentence
        self.token = token
        self.last = last
        self.kind = kind


@dataclass(frozen=True, slots=True, init=False)
class Place:
    """A place the text names: its gazetteer id, the name as written, and its country."""

    id: str
    name: str
    name_latn: str
    country: str | None
    evidence: Evidence | None = None

    def __init__(
        self,
        id: str,
        name: str,
        name_latn: str,
        country: str | None,
        evidence: Evidence | None = None,
    ) -> None:
        object.__setattr__(self, "id", id)
        object.__setattr__(self, "name", name)
        object.__setattr__(self, "name_latn", name_latn)
        object.__setattr__(self, "country", country)
        object.__setattr__(self, "evidence", evidence)


@dataclass(frozen=True, slots=True, init=False)
class Actor:
    """A person who takes part, with what the text says of them."""

    name: str
    name_latn: str
    country: str | None
    role: str | None
    org: str | None
    sentences: tuple[int, ...]
    id: str | None = None  # gazetteer id when the person is known
    evidence: tuple[Evidence, ...] = ()
    positions: tuple[int, ...] = ()  # where the name (or its last word) stands, normalised

    def __init__(
        self,
        name: str,
        name_latn: str,
        country: str | None,
        role: str | None,
        org: str | None,
        sentences: tuple[int, ...],
        id: str | None = None,
        evidence: tuple[Evidence, ...] = (),
        positions: tuple[int, ...] = (),
    ) -> None:
        object.__setattr__(self, "name", name)
        object.__setattr__(self, "name_latn", name_latn)
        object.__setattr__(self, "country", country)
        object.__setattr__(self, "role", role)
        object.__setattr__(self, "org", org)
        object.__setattr__(self, "sentences", sentences)
        object.__setattr__(self, "id", id)
        object.__setattr__(self, "evidence", evidence)
        object.__setattr__(self, "positions", positions)


@dataclass(frozen=True, slots=True, init=False)
class Quantity:
    """An amount the text reports: drugs seized, people arrested."""

    value: float
    unit: str
    what: str
    evidence: Evidence

    def __init__(self, value: float, unit: str, what: str, evidence: Evidence) -> None:
        object.__setattr__(self, "value", value)
        object.__setattr__(self, "unit", unit)
        object.__setattr__(self, "what", what)
        object.__setattr__(self, "evidence", evidence)


@dataclass(slots=True, init=False)
class Event:
    """One cooperation event a report tells of: its sides, people, place, date and evidence."""

    type: EventType
    mode: str
    countries: list[str]
    orgs: list[str]
    actors: list[Actor]
    domains: list[str]
    location: Place | None
    date: str | None
    story: str | None  # declared in the order of its JSON; __init__ keeps its own order
    gist: str
    evidence: list[Evidence]
    marks: list[Mark]  # the words of each field, beside the sentences of `evidence`
    sentences: list[int]
    # the subjects of the treaty it concludes, when its title names one (treaties.tsv):
    # the gist says them, and follow-up reads them there
    treaty: tuple[str, ...] = ()

    def __init__(
        self,
        type: EventType,
        mode: str,
        countries: list[str],
        orgs: list[str],
        actors: list[Actor],
        domains: list[str],
        location: Place | None,
        date: str | None,
        sentences: list[int],
        evidence: list[Evidence],
        gist: str = "",
        story: str | None = None,
        marks: list[Mark] | None = None,
        treaty: tuple[str, ...] = (),
    ) -> None:
        self.type = type
        self.mode = mode
        self.countries = countries
        self.orgs = orgs
        self.actors = actors
        self.domains = domains
        self.location = location
        self.date = date
        self.sentences = sentences
        self.evidence = evidence
        self.gist = gist
        self.story = story
        self.marks = [] if marks is None else marks
        self.treaty = treaty


@dataclass(slots=True, init=False)
class Commitment:
    """What a side offers, pledges, proposes or requests, which a later event may keep."""

    kind: CommitmentKind
    by: list[str]
    to: list[str]
    domains: list[str]
    action: str
    sentence: int
    evidence: list[Evidence]

    def __init__(
        self,
        kind: CommitmentKind,
        by: list[str],
        to: list[str],
        domains: list[str],
        action: str,
        sentence: int,
        evidence: list[Evidence],
    ) -> None:
        self.kind = kind
        self.by = by
        self.to = to
        self.domains = domains
        self.action = action
        self.sentence = sentence
        self.evidence = evidence


@dataclass(slots=True, init=False)
class Doc:
    """The article as the stages see it: normalised text, its map back to the original,
    and what each stage has found so far. A stage reads the fields its REQUIRES names and
    changes those its ASSIGNS names, `events.date` for an attribute of another's events
    (tests/test_stages.py holds every stage to it)."""

    article: Article
    text: str  # normalised
    offsets: list[int]  # offsets[i] = index in article.text of normalised char i
    lang: str
    tokens: list[Span]
    words: list[str]  # the text of each token
    sentences: list[Span]
    token_sentence: list[int]  # sentence of each token
    sentence_words: list[int]  # words (not numbers) in each
    body_end: int  # sentences at or past this index are site junk after the article
    title_sentences: int  # how many leading sentences form the headline
    mentions: list[Mention]
    by_concept: dict[str, list[Mention]]
    by_sentence: dict[int, list[Mention]]
    dateline: Place | None
    dateline_start: int  # where the dateline city starts in the normalised text
    cities: list[Mention]  # the city names that read as cities, not as a country («عمان»)
    places: list[Place]
    location: Place | None
    actors: list[Actor]
    sides: list[str]
    sentence_domains: dict[int, list[str]]
    treaties: dict[int, list[Treaty]]  # the treaties each sentence names by title, if any
    events: list[Event]
    commitments: list[Commitment]
    date: str | None
    quantities: list[Quantity]

    def __init__(self, article: Article, text: str, offsets: list[int], lang: str = "und") -> None:
        self.article = article
        self.text = text
        self.offsets = offsets
        self.lang = lang
        self.tokens = []
        self.words = []
        self.sentences = []
        self.token_sentence = []
        self.sentence_words = []
        self.body_end = 0
        self.title_sentences = 0
        self.mentions = []
        self.by_concept = {}
        self.by_sentence = {}
        self.dateline = None
        self.dateline_start = -1
        self.cities = []
        self.places = []
        self.location = None
        self.actors = []
        self.sides = []
        self.sentence_domains = {}
        self.treaties = {}
        self.events = []
        self.commitments = []
        self.date = None
        self.quantities = []

    def evidence(self, start: int, end: int) -> Evidence:
        """Map a span of the normalised text back onto the original text."""
        if start >= end:
            at = self.offsets[start] if start < len(self.offsets) else len(self.article.text)
            return _evidence((at, at))
        return _evidence((self.offsets[start], self.offsets[end - 1] + 1))

    def original(self, start: int, end: int) -> str:
        ev = self.evidence(start, end)
        return self.article.text[ev.start : ev.end]

    def of(self, concept: str) -> list[Mention]:
        return self.by_concept.get(concept, [])

    def within(self, sentence: int) -> list[Mention]:
        return self.by_sentence.get(sentence, [])

    def sentence_of(self, position: int) -> int:
        """The sentence that holds `position` (the last one when none does): found by
        bisection, since a date may be looked up in a text of many thousand sentences."""
        index = bisect.bisect_right(self.sentences, position, key=_span_start) - 1
        if index >= 0 and position < self.sentences[index].end:
            return index
        return len(self.sentences) - 1

    def token_of(self, position: int) -> int:
        """The token that holds `position`, or the last one before it (-1 before the
        first): found by bisection, as a person's position is looked up for each name."""
        return bisect.bisect_right(self.tokens, position, key=_span_start) - 1


@dataclass(slots=True, init=False)
class Extraction:
    """What accords found in one article: the output contract of `accords extract`.

    `notes` says, one line each, what the reader should know of how the text was read: a
    text longer than `pipeline.LONGEST_TEXT` characters is cut, and the note says where. In
    JSON they are a list "notes", present only when there is one.
    """

    doc: str
    lang: str
    title: str | None
    published: str | None
    events: list[Event]
    commitments: list[Commitment]
    quantities: list[Quantity]
    places: list[Place]
    notes: list[str]

    def __init__(
        self,
        doc: str,
        lang: str,
        title: str | None,
        published: str | None,
        events: list[Event],
        commitments: list[Commitment],
        quantities: list[Quantity],
        places: list[Place],
        notes: list[str] | None = None,
    ) -> None:
        self.doc = doc
        self.lang = lang
        self.title = title
        self.published = published
        self.events = events
        self.commitments = commitments
        self.quantities = quantities
        self.places = places
        self.notes = notes or []

    def to_dict(self) -> dict[str, Any]:
        return to_dict(self)


# What a field of the contract holds when that is a record or a closed vocabulary, by the
# field's name (as SCHEMA.md names them): how from_dict reads it back. The compiled build
# keeps no generic type hints to read it from (its `list[Actor]` is `list`);
# tests/test_contract.py checks this against the hints.
RECORDS: dict[str, type] = {
    "type": EventType, "kind": CommitmentKind, "field": Field, "evidence": Evidence,
    "marks": Mark, "actors": Actor, "location": Place, "places": Place, "events": Event,
    "commitments": Commitment, "quantities": Quantity,
}  # fmt: skip
_EMPTY: dict[str, Any] = {"list": [], "tuple": (), "str": "", "int": 0, "float": 0.0}
_FIELDS: dict[type, tuple[str, ...]] = {}


def output_fields(record: type) -> tuple[str, ...]:
    """The fields of a model class that its JSON carries, in declaration order."""
    if record not in _FIELDS:
        if issubclass(record, tuple):  # Evidence and Mark, named tuples
            _FIELDS[record] = tuple(record._fields)  # type: ignore[attr-defined]
        else:
            internal = INTERNAL.get(record.__name__, ())
            names = [f.name for f in dataclasses.fields(record)]  # type: ignore[arg-type]
            _FIELDS[record] = tuple(name for name in names if name not in internal)
    return _FIELDS[record]


def to_dict(record: Any) -> dict[str, Any]:
    """A record of the output contract as JSON: its output fields, the records in them as
    dicts, a closed vocabulary as its value."""
    out: dict[str, Any] = {}
    for name in output_fields(type(record)):
        value = getattr(record, name)
        if value or name not in OPTIONAL:
            out[name] = _plain(value)
    return out


def _plain(value: Any) -> Any:
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, tuple) and hasattr(value, "_fields"):
        return to_dict(value)
    if isinstance(value, (list, tuple)):
        return [_plain(item) for item in value]
    if dataclasses.is_dataclass(value):
        return to_dict(value)
    return value


def from_dict(record: type[R], value: Mapping[str, Any]) -> R:
    """A record of the output contract read back from its JSON, or from a row of the same
    names (Parquet's): a field it lacks or holds null for takes its default, else its type's
    empty value (a list, a tuple, "", 0) or null; the fields the stages use and the
    contract leaves out come back so."""
    if issubclass(record, tuple):
        return record(*(_read(name, value.get(name)) for name in output_fields(record)))
    fields: dict[str, Any] = {}
    for field in dataclasses.fields(record):  # type: ignore[arg-type]
        raw = value.get(field.name)
        kind = field.type if isinstance(field.type, str) else field.type.__name__
        if raw is not None:
            read = _read(field.name, raw)
            fields[field.name] = tuple(read) if kind.startswith("tuple") else read
        elif field.default is not dataclasses.MISSING:
            fields[field.name] = field.default
        else:
            fields[field.name] = copy.copy(_EMPTY.get(kind.split("[")[0]))
    return record(**fields)


def _read(name: str, raw: Any) -> Any:
    kind = RECORDS.get(name)
    if isinstance(raw, list):
        return [_read(name, item) for item in raw]
    if kind is None or raw is None:
        return raw
    if issubclass(kind, enum.Enum):
        return kind(raw)
    return from_dict(kind, raw)
