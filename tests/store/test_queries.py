from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from accords.model import EventType
from accords.store import Store
from accords.store.queries import EventFilter, iter_actors, iter_articles, iter_events
from tests.store.builders import TEHRAN, article, event, extraction, person

SCHEMA_FIELDS = {
    "type",
    "mode",
    "countries",
    "orgs",
    "actors",
    "domains",
    "location",
    "date",
    "story",
    "evidence",
}


@pytest.fixture
def filled(store: Store) -> Store:
    minister = person("Kamran Farahani", "IRN")
    rows = [
        (
            "Meeting in Muscat.",
            "en",
            date(2024, 1, 16),
            event(when="2024-01-15", people=(minister,)),
        ),
        (
            "Signing in Tehran.",
            "fa",
            date(2024, 4, 18),
            event(
                EventType.AGREE,
                when="2024-04-17",
                where=TEHRAN,
                mode="sign",
                domains=("drug_trafficking", "maritime_security"),
                people=(minister,),
            ),
        ),
        (
            "Talks with Moscow.",
            "en",
            date(2023, 3, 2),
            event(countries=("IRN", "RUS"), when="--03-01", where=None, domains=("cybercrime",)),
        ),
        ("Undated.", "ar", None, event(countries=("IRQ", "KWT"), when=None)),
    ]
    for text, lang, published, found in rows:
        store.add(article(text, lang=lang, published=published), extraction(found), version="1")
    return store


def listed(store: Store, **where: str) -> list[str]:
    with store.reading() as connection:
        return [e["day"] for e in iter_events(connection, EventFilter(**where))]


def test_events_all_oldest_first_undated_last(filled: Store) -> None:
    assert listed(filled) == ["2023-03-01", "2024-01-15", "2024-04-17", None]


@pytest.mark.parametrize(
    ("where", "days"),
    [
        ({"country": "IRN"}, ["2023-03-01", "2024-01-15", "2024-04-17"]),
        ({"country": "IRN", "partners": ("RUS",)}, ["2023-03-01"]),
        ({"partners": ("OMN",)}, ["2024-01-15", "2024-04-17"]),
        ({"country": "RAN"}, []),  # a code is matched whole, not inside "IRN ..."
        ({"domain": "maritime_security"}, ["2024-04-17"]),
        ({"type": "AGREE"}, ["2024-04-17"]),
        ({"since": "2024-01"}, ["2024-01-15", "2024-04-17"]),
        ({"since": "2024-01-16"}, ["2024-04-17"]),
        ({"until": "2024-01"}, ["2023-03-01", "2024-01-15"]),  # all of January
        ({"since": "2023", "until": "2023"}, ["2023-03-01"]),
        ({"lang": "fa"}, ["2024-04-17"]),
    ],
)
def test_events_filters(filled: Store, where: dict[str, str], days: list[str]) -> None:
    assert listed(filled, **where) == days


def test_events_carry_the_schema_fields_and_ids(filled: Store) -> None:
    with filled.reading() as connection:
        (signing,) = iter_events(connection, EventFilter(type="AGREE"))
    assert set(signing) >= SCHEMA_FIELDS
    assert isinstance(signing["id"], int) and isinstance(signing["article_id"], int)
    assert signing["countries"] == ["IRN", "OMN"]
    assert signing["location"]["name_latn"] == "Tehran"
    assert signing["actors"][0]["name_latn"] == "Kamran Farahani"
    assert signing["evidence"] == [{"start": 0, "end": 20}]


@pytest.mark.parametrize(
    "bad",
    [{"country": "Iran"}, {"since": "01/2024"}, {"until": "2024-1"}, {"since": "2024-13"},
     {"since": "2024-02-30"}, {"until": "2023-00"}, {"until": "2023-04-31"},
     {"partners": ("OMN", "Oman")}, {"domain": "drugs"}, {"type": "MEET"}, {"lang": "farsi"}],
)  # fmt: skip
def test_event_filter_refuses_malformed_values_naming_them(bad: dict[str, Any]) -> None:
    ((name, _),) = bad.items()
    with pytest.raises(ValueError, match=f"^{'with' if name == 'partners' else name}: "):
        EventFilter(**bad)


def test_event_filter_given_as_typed_reads_case_blanks_and_pairs() -> None:
    typed = EventFilter.given(
        country=" irn ", partners=("omn", "", "OMN"), type="agree", lang="FA", since=" ",
        domain="cybercrime", person="  ",
    )  # fmt: skip
    assert typed == EventFilter(
        country="IRN", partners=("OMN",), type="AGREE", lang="fa", domain="cybercrime"
    )
    paired = EventFilter.given(pair="irn-omn", partners=("RUS",))
    assert paired == EventFilter(country="IRN", partners=("OMN", "RUS"))
    with pytest.raises(ValueError, match=r"^pair: 'Iran and Oman' is not a pair"):
        EventFilter.given(pair="Iran and Oman")


def test_articles_fields_and_search(filled: Store) -> None:
    with filled.reading() as connection:
        everything = list(iter_articles(connection))
        (signing,) = iter_articles(connection, query="tehran")
    assert len(everything) == 4
    assert set(signing) == {"id", "title", "url", "outlet", "lang", "published", "text"}
    assert signing["published"] == "2024-04-18" and signing["text"] == "Signing in Tehran."


def test_actors_with_their_event_counts(filled: Store) -> None:
    with filled.reading() as connection:
        (minister,) = iter_actors(connection)
    assert (minister["name_latn"], minister["country"], minister["events"]) == (
        "Kamran Farahani",
        "IRN",
        2,
    )
