"""The shapes of the JSON API's answers, for validation and for the OpenAPI page at /docs.
They follow `accords extract`'s JSON and the store's rows: every list of codes a list,
every offset a code point into the article's text."""

from __future__ import annotations

from datetime import datetime
from typing import Generic, TypeVar

from pydantic import BaseModel, Field

T = TypeVar("T")


class Span(BaseModel):
    start: int = Field(description="Offset of the first character, in code points.")
    end: int = Field(description="Offset just past the last character.")


class Mark(Span):
    field: str = Field(
        description="The field of the event its words say: sides, type, domain, place or date."
    )


class Location(BaseModel):
    id: str | None
    name: str | None
    name_latn: str | None
    country: str | None


class EventActor(BaseModel):
    id: int = Field(description="The person's id: /api/actors/{id}.")
    name: str = Field(description="As this article writes it.")
    name_latn: str
    country: str | None
    role: str | None
    org: str | None
    gazetteer_id: str | None


class EventOut(BaseModel):
    id: int
    article_id: int
    doc: str | None = Field(description="Where the article was read.")
    lang: str | None
    title: str | None
    outlet: str | None
    published: str | None
    type: str = Field(description="CONSULT, AGREE, COOPERATE or AID.")
    mode: str
    countries: list[str] = Field(description="The sides, ISO 3166 alpha-3.")
    orgs: list[str]
    actors: list[EventActor]
    domains: list[str]
    location: Location | None
    date: str | None = Field(description='As extracted: "2024-01-18", "2024-01", "--01-18".')
    day: str | None = Field(description="The date completed from the publication date.")
    story: str | None = Field(description="Reports of one real event share it.")
    gist: str = Field(description="What happened, in English.")
    evidence: list[Span] = Field(description="The sentences that report it.")
    marks: list[Mark] = Field(description="The words that say each of its fields.")
    reports: int | None = Field(
        None, description="In a list of one row a story: how many articles report it."
    )


class ArticleOut(BaseModel):
    id: int
    title: str | None
    url: str | None
    outlet: str | None
    lang: str | None
    published: str | None
    source: str | None
    text: str


class Highlight(Span):
    kind: str = Field(
        description="What it proves: a field of its event (sides, type, domain, person, place,"
        " date, commitment), event (a sentence reporting it) or quantity."
    )
    event_id: int | None
    commitment_id: int | None


class CommitmentOut(BaseModel):
    id: int
    article_id: int
    kind: str = Field(description="offer, pledge, proposal or request.")
    by: list[str]
    to: list[str]
    domains: list[str]
    action: str
    evidence: list[Span]


class QuantityOut(BaseModel):
    value: float
    unit: str
    what: str
    evidence: list[Span]


class EventDetail(EventOut):
    article: ArticleOut
    article_events: list[EventOut] = Field(description="Every event of the same article.")
    commitments: list[CommitmentOut] = Field(description="The article's commitments.")
    quantities: list[QuantityOut]
    highlights: list[Highlight] = Field(description="Every piece of evidence in the article.")
    story_reports: list[EventOut] = Field(description="The other reports of the same story.")


class ArticleDetail(ArticleOut):
    events: list[EventOut]
    commitments: list[CommitmentOut]
    quantities: list[QuantityOut]
    highlights: list[Highlight]


class StoryOut(BaseModel):
    id: str
    reports: int = Field(description="How many articles report it.")
    events: int
    first_day: str | None
    last_day: str | None
    languages: list[str]
    outlets: list[str]
    countries: list[str]
    types: list[str]
    gist: str = Field(description="The gist of its first report.")
    event_ids: list[int]


class StoryReport(ArticleOut):
    events: list[EventOut]
    highlights: list[Highlight]
    commitments: list[CommitmentOut]


class StoryDetail(BaseModel):
    id: str
    countries: list[str]
    domains: list[str]
    languages: list[str]
    first_day: str | None
    last_day: str | None
    reports: list[StoryReport]


class ActorOut(BaseModel):
    id: int
    name: str
    name_latn: str
    country: str | None
    gazetteer_id: str | None
    events: int


class WrittenName(BaseModel):
    name: str
    lang: str | None
    script: str = Field(description="Latin, Arabic, Cyrillic, Han…")
    reports: int = Field(description="How many events name the person so.")


class Office(BaseModel):
    role: str | None
    org: str | None
    events: int
    first_day: str | None
    last_day: str | None


class TimelineEvent(BaseModel):
    id: int
    article_id: int
    day: str | None
    type: str
    mode: str
    countries: list[str]
    gist: str
    story: str | None
    role: str | None
    org: str | None
    lang: str | None
    title: str | None
    outlet: str | None


class ActorDetail(ActorOut):
    names: list[WrittenName]
    offices: list[Office]
    timeline: list[TimelineEvent]


class ArticleRef(BaseModel):
    id: int
    source: str | None
    url: str | None
    title: str | None
    lang: str | None
    outlet: str | None
    published: str | None


class KeptBy(BaseModel):
    event_id: int
    date: str = Field(description="The day of the event that kept it.")
    type: str
    mode: str
    article: ArticleRef = Field(description="The report of that event.")


class CommitmentStatus(BaseModel):
    """One commitment, repeats merged, as `accords commitments` writes it
    (store.followups)."""

    by: list[str]
    to: list[str]
    kind: str
    domains: list[str]
    action: str
    steps: list[str] = Field(description="What it promised: sign, body, training, …")
    status: str = Field(description="open, kept or stale.")
    first_day: str | None
    last_day: str | None
    days_since_made: int | None = Field(
        description="Days from its first report to the newest report in the store."
    )
    reports: list[ArticleRef] = Field(description="The articles that state it.")
    commitment_id: int | None = Field(description="The commitment of its first report.")
    kept_by: KeptBy | None = Field(description="The one event that did what was promised.")


class SearchHit(ArticleOut):
    event_ids: list[int]
    snippet: str = Field(description="The text around the first match.")
    matches: list[Span] = Field(description="Where the query's words stand in the text.")


class Page(BaseModel, Generic[T]):
    items: list[T]
    page: int
    per_page: int
    total: int
    pages: int


class CountryPair(BaseModel):
    countries: list[str]
    events: int


class Stats(BaseModel):
    articles: int
    events: int
    stories: int
    actors: int
    commitments: int
    languages: dict[str, int]
    pairs: list[CountryPair] = Field(description="The busiest pairs of countries.")


class Network(BaseModel):
    countries: dict[str, int] = Field(description="Events each country was a side of.")
    pairs: list[CountryPair]


class MapPlace(BaseModel):
    id: str = Field(description="The venue's id, for `place=` in every list: tehran.")
    name: str | None = Field(description="Its English name.")
    country: str | None = Field(description="ISO 3166 alpha-3.")
    latitude: float | None = Field(description="From GeoNames; null where it has no such city.")
    longitude: float | None
    geonameid: int | None = Field(description="The GeoNames entry the coordinates come from.")
    events: int = Field(description="Real events (stories) placed there.")


class Map(BaseModel):
    events: int = Field(description="Real events (stories) the filters select.")
    placed: int = Field(description="Those of them with a venue.")
    places: list[MapPlace] = Field(description="The venues, the busiest first.")


class Period(BaseModel):
    label: str = Field(description='"2024-01-15", "2024-W03", "2024-01" or "2024".')
    since: str = Field(description="The filter values that list its events.")
    until: str
    events: dict[str, int] = Field(description="Real events by domain.")


class Timeline(BaseModel):
    months: dict[str, dict[str, int]] = Field(description='Events by "YYYY-MM" and domain.')
    bucket: str = Field(description="day, week, month or year: what a period is.")
    periods: list[Period] = Field(description="From the first to the last, empty ones too.")


class WatchedSource(BaseModel):
    name: str
    address: str
    last_poll: datetime | None
    last_success: datetime | None
    last_error: str | None
    failures: int
    next_poll: datetime | None


class Health(BaseModel):
    status: str
    sources: list[WatchedSource] | None = None  # those `accords watch` follows


class ArticleIn(BaseModel):
    """A text to store (with what is known of it), or the address of a page to fetch."""

    text: str | None = Field(None, description="The article's text.")
    url: str | None = Field(None, description="An http(s) address: fetched when no text.")
    title: str | None = None
    outlet: str | None = None
    lang: str | None = Field(None, description="ISO 639-1; detected when missing.")
    published: str | None = Field(None, description="YYYY-MM-DD.")


class Stored(BaseModel):
    id: int
    new: bool = Field(description="False when the same text was stored before.")
    event_ids: list[int]


class Ingested(BaseModel):
    articles: list[Stored]
    errors: list[str]


class Reextracted(BaseModel):
    articles: int = Field(description="How many articles were extracted again.")
    version: str
