"""Stores of synthetic reports (the generator of benchmarks/linking.py), written straight
into the tables as an ingest writes them, for the incremental linking's test and
benchmark."""

from __future__ import annotations

import dataclasses
import random
from collections.abc import Sequence
from datetime import date

from benchmarks.linking import generate

from accords.model import Article, Extraction
from accords.store import Store, write
from accords.store.stories import relink

BATCH = 2_000


def reports(count: int, *, seed: int = 7, years: int = 10, dated: bool = False) -> list[Extraction]:
    """`count` synthetic extractions of reports of random events between 40 countries.
    With `dated`, each is published on its first event's day, as a feed item is: then no
    report is without a date."""
    sample = generate(count, years, random.Random(seed))
    out = []
    for extraction, day in zip(sample.extractions, sample.days, strict=True):
        if dated and day is not None:
            extraction = dataclasses.replace(extraction, published=day.isoformat())
        out.append(extraction)
    return out


def add(store: Store, extractions: Sequence[Extraction], *, link: bool = False) -> list[int]:
    """Store the reports as articles (their text a number); their ids. With `link`, the
    whole store is linked after (as an ingest does)."""
    ids: list[int] = []
    for start in range(0, len(extractions), BATCH):
        entries = [_entry(e) for e in extractions[start : start + BATCH]]
        with store.writing() as connection:
            ids.extend(write.add_articles(connection, entries, version="synthetic"))
    if link:
        with store.writing() as connection:
            relink(connection)
    return ids


def _entry(extraction: Extraction) -> write.Entry:
    text = f"synthetic report {extraction.doc}"
    published = date.fromisoformat(extraction.published) if extraction.published else None
    article = Article(text, extraction.doc, None, None, None, "en", published, None)
    return write.Entry(article, extraction, write.article_hash(text))
