from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from accords.store.write import actor_key, article_hash, day_of
from tests.store.builders import person


@pytest.mark.parametrize(
    ("value", "published", "day"),
    [
        ("2024-01-18", date(2024, 2, 1), "2024-01-18"),
        ("2024-01", None, "2024-01"),
        ("--01-18", date(2024, 2, 1), "2024-01-18"),
        ("--12-30", date(2024, 1, 2), "2023-12-30"),  # reported in January: last December
        ("--02-29", date(2024, 3, 1), "2024-02-29"),
        ("--02-29", date(2023, 3, 1), "2023-03-01"),  # no such day: the report's date
        (None, date(2024, 5, 5), "2024-05-05"),
        (None, None, None),
        ("--01-18", None, None),
    ],
)
def test_write_day_of(value: str | None, published: date | None, day: str | None) -> None:
    assert day_of(value, published) == day


def test_write_article_hash_ignores_spacing_letter_variants_and_zwnj() -> None:
    assert article_hash("همکاری‌های  ایران\nو عمان") == article_hash(" همکاری های ایران و عمان ")
    assert article_hash("علي") == article_hash("علی")
    assert article_hash("Iran and Oman") != article_hash("Iran and Iraq")


def test_write_actor_key_prefers_the_gazetteer_id() -> None:
    known = person("Kamran Farahani", "IRN")
    assert actor_key(known) == "IRN:kamran farahani"
    assert actor_key(replace(known, id="kamran_farahani")) == "kamran_farahani"
