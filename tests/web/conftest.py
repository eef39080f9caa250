"""A small store for the web tests, built by hand: one meeting reported in English and
Persian (one story, one person written in two scripts), a signing that keeps the meeting's
pledge, an Arabic report, and an article whose title, outlet, text, person and promise
are markup that must stay text."""

from __future__ import annotations

import socket
import threading
import time
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from typing import Any

import pytest

from accords.model import (
    Actor,
    Article,
    Commitment,
    CommitmentKind,
    Event,
    EventType,
    Evidence,
    Extraction,
    Field,
    Mark,
    Place,
)
from accords.pipeline import VERSION
from accords.store import Store
from tests import builders
from tests.store_fixtures import db_url, store

__all__ = ["Filled", "client", "db_url", "fill", "filled", "serving", "store"]

with warnings.catch_warnings():
    # Starlette would rather its test client ran on httpx2; httpx is what we have
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

TOKEN = "test-token-0123456789"
SCRIPT = "<script>window.__pwned = 1</script>"
IMAGE = '<img src=x onerror="window.__pwned = 2">'
HOSTILE_TITLE = f"{SCRIPT}Raid on a hacker ring"
HOSTILE_OUTLET = f"{IMAGE}Wire"
HOSTILE_PERSON = "<b onmouseover=alert(3)>Mallory</b>"
HOSTILE_ACTION = f"will share {SCRIPT} logs"
MUSCAT = Place("muscat", "مسقط", "Muscat", "OMN")
TEHRAN = Place("tehran", "تهران", "Tehran", "IRN")

ENGLISH = (
    "MUSCAT, January 15, 2024 - Iranian Interior Minister Kamran Farahani met Omani "
    "officials in Muscat on Monday to discuss maritime security.\n\n"
    "Farahani said Iran will sign a memorandum of understanding with Oman."
)
PERSIAN = (
    "وزیر کشور ایران کامران فراهانی روز دوشنبه در مسقط با مقامات عمانی درباره امنیت دریایی "
    "و همکاری‌ها گفتگو کرد."
)
SIGNING = "ایران و عمان روز ۱۷ آوریل در تهران تفاهم‌نامه امنیت دریایی امضا کردند."
ARABIC = "نفذت الشرطة العراقية والكويتية عملية مشتركة في البصرة ضد تهريب المخدرات."
HOSTILE_TEXT = (
    f"Police said {SCRIPT} was found in the pwned server logs.\n"
    f"A second note read {IMAGE} and nothing else.\n"
    "Russia and Iran agreed to share logs on cybercrime."
)


ENGLISH_MARKS = (
    (Field.SIDES, "Iranian"), (Field.TYPE, "met"), (Field.SIDES, "Omani"),
    (Field.PLACE, "Muscat"), (Field.DATE, "Monday"), (Field.DOMAIN, "maritime security"),
)  # fmt: skip
PERSIAN_MARKS = (
    (Field.SIDES, "ایران"), (Field.DATE, "روز دوشنبه"), (Field.PLACE, "مسقط"),
    (Field.SIDES, "عمانی"), (Field.DOMAIN, "امنیت دریایی"), (Field.TYPE, "گفتگو کرد"),
)  # fmt: skip


def span(text: str, part: str) -> Evidence:
    start = text.index(part)
    return Evidence(start, start + len(part))


def person(text: str, written: str, latin: str, country: str, gazetteer: str | None) -> Actor:
    return Actor(
        written, latin, country, "minister of interior", "Interior Ministry", (0,),
        id=gazetteer, evidence=(span(text, written),),
    )  # fmt: skip


def happening(
    kind: EventType,
    countries: tuple[str, ...],
    *,
    text: str,
    proof: str,
    when: str | None,
    story: str,
    domains: tuple[str, ...],
    where: Place | None = None,
    people: tuple[Actor, ...] = (),
    mode: str = "meet",
    says: tuple[tuple[Field, str], ...] = (),
) -> Event:
    """An event whose evidence is the `proof` sentence, and for each (field, words) of
    `says` the words that say that field."""
    marks = [Mark(field, *span(text, words)) for field, words in says]
    return builders.event(
        kind, countries, when=when, where=where, domains=domains, people=people, mode=mode,
        evidence=[span(text, proof)], gist=f"{kind} of {' and '.join(countries)}",
        story=story, marks=marks,
    )  # fmt: skip


@dataclass
class Filled:
    """The store, and the ids the tests look for."""

    store: Store
    events: dict[str, int]
    articles: dict[str, int]
    actors: dict[str, int]


def fill(target: Store) -> Filled:
    farahani = "kamran_farahani"
    pledge = Commitment(
        CommitmentKind.PLEDGE, ["IRN"], ["OMN"], ["maritime_security"],
        "sign a memorandum of understanding", 1,
        [span(ENGLISH, "sign a memorandum of understanding")],
    )  # fmt: skip
    hostile_promise = Commitment(
        CommitmentKind.PLEDGE, ["RUS"], ["IRN"], ["cybercrime"], HOSTILE_ACTION, 2,
        [span(HOSTILE_TEXT, "Russia and Iran agreed to share logs")],
    )  # fmt: skip
    reports = {
        "en": (
            Article(ENGLISH, "muscat-en.txt", "Iran and Oman discuss maritime security",
                    None, "Gulf Wire", "en", date(2024, 1, 16)),
            [happening(EventType.CONSULT, ("IRN", "OMN"), text=ENGLISH,
                       proof="Iranian Interior Minister Kamran Farahani met Omani officials",
                       when="2024-01-15", story="s-muscat", domains=("maritime_security",),
                       where=MUSCAT, says=ENGLISH_MARKS,
                       people=(person(ENGLISH, "Kamran Farahani", "Kamran Farahani", "IRN",
                                      farahani),))],
            [pledge],
        ),
        "fa": (
            Article(PERSIAN, "muscat-fa.txt", "دیدار وزیر کشور در مسقط", None, "خبرگزاری دریا",
                    "fa", date(2024, 1, 16)),
            [happening(EventType.CONSULT, ("IRN", "OMN"), text=PERSIAN,
                       proof="با مقامات عمانی درباره امنیت دریایی", when="2024-01-15",
                       story="s-muscat", domains=("maritime_security",), where=MUSCAT,
                       says=PERSIAN_MARKS,
                       people=(person(PERSIAN, "کامران فراهانی", "Kamran Farahani", "IRN",
                                      farahani),))],
            [],
        ),
        "signing": (
            Article(SIGNING, "signing-fa.txt", "امضای تفاهم‌نامه", None, "خبرگزاری دریا", "fa",
                    date(2024, 4, 18)),
            [happening(EventType.AGREE, ("IRN", "OMN"), text=SIGNING,
                       proof="تفاهم‌نامه امنیت دریایی امضا کردند", when="2024-04-17",
                       story="s-signing", domains=("maritime_security",), where=TEHRAN,
                       mode="sign")],
            [],
        ),
        "ar": (
            Article(ARABIC, "basra-ar.txt", "عملية مشتركة في البصرة", None, "الساحل", "ar",
                    date(2023, 3, 2)),
            [happening(EventType.COOPERATE, ("IRQ", "KWT"), text=ARABIC,
                       proof="عملية مشتركة في البصرة", when="2023-03-01", story="s-basra",
                       domains=("drug_trafficking",), mode="operation")],
            [],
        ),
        "hostile": (
            Article(HOSTILE_TEXT, "hostile.txt", HOSTILE_TITLE, "javascript:alert(4)",
                    HOSTILE_OUTLET, "en", date(2023, 5, 2)),
            [happening(EventType.CONSULT, ("IRN", "RUS"), text=HOSTILE_TEXT,
                       proof=f"Police said {SCRIPT} was found", when="2023-05-01",
                       story="s-hostile", domains=("cybercrime",),
                       people=(Actor(HOSTILE_PERSON, HOSTILE_PERSON, "RUS", SCRIPT, IMAGE,
                                     (0,), evidence=(span(HOSTILE_TEXT, IMAGE),)),))],
            [hostile_promise],
        ),
    }  # fmt: skip
    articles: dict[str, int] = {}
    for name, (article, found, promised) in reports.items():
        extraction = Extraction(
            article.doc, article.lang or "en", article.title,
            article.published.isoformat() if article.published else None,
            found, promised, [], [],
        )  # fmt: skip
        article_id = target.add(article, extraction, version=VERSION)
        assert article_id is not None
        articles[name] = article_id
    from sqlalchemy import select

    from accords.store.followups import refollow
    from accords.store.schema import actors, events

    with target.writing() as connection:  # stored with their stories, as a batch loads them
        refollow(connection)
    with target.reading() as connection:
        event_ids = {
            name: connection.scalar(select(events.c.id).where(events.c.article_id == article_id))
            for name, article_id in articles.items()
        }
        people = {
            "farahani": connection.scalar(select(actors.c.id).where(actors.c.key == farahani)),
            "mallory": connection.scalar(select(actors.c.id).where(actors.c.country == "RUS")),
        }
    return Filled(target, event_ids, articles, people)


@pytest.fixture
def filled(store: Store) -> Filled:
    return fill(store)


@pytest.fixture
def client(filled: Filled) -> Iterator[TestClient]:
    from accords.web.app import create_app

    with TestClient(create_app(filled.store, token=TOKEN)) as opened:
        yield opened


@contextmanager
def serving(app: Any) -> Iterator[str]:
    """The app served by uvicorn, as `accords serve` runs it, on a free port of 127.0.0.1:
    its base address."""
    import uvicorn

    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    port = listener.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning", lifespan="off"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [listener]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.05)
    assert server.started, "the server did not start"
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)
        listener.close()
