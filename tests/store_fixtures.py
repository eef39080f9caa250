"""One fixture, two databases: every store test runs on SQLite and, when ACCORDS_TEST_PG
names a server (CI starts one), on PostgreSQL, each test in a schema of its own."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

import pytest
import sqlalchemy

from accords.store import Store
from accords.store.engine import database_url

POSTGRES = os.environ.get("ACCORDS_TEST_PG")

BACKENDS = [
    pytest.param("sqlite", id="sqlite"),
    pytest.param(
        "postgresql",
        id="postgresql",
        marks=[
            pytest.mark.slow,
            pytest.mark.skipif(not POSTGRES, reason="ACCORDS_TEST_PG is not set (CI sets it)"),
        ],
    ),
]


@pytest.fixture(params=BACKENDS)
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A --db value for an empty database."""
    if request.param == "sqlite":
        yield str(tmp_path / "accords.db")
        return
    assert POSTGRES
    schema = f"test_{uuid.uuid4().hex[:12]}"
    admin = sqlalchemy.create_engine(database_url(POSTGRES))
    with admin.begin() as connection:
        connection.execute(sqlalchemy.text(f"CREATE SCHEMA {schema}"))
    separator = "&" if "?" in POSTGRES else "?"
    try:
        yield f"{POSTGRES}{separator}options={quote(f'-csearch_path={schema}')}"
    finally:
        with admin.begin() as connection:
            connection.execute(sqlalchemy.text(f"DROP SCHEMA {schema} CASCADE"))
        admin.dispose()


@pytest.fixture
def store(db_url: str) -> Iterator[Store]:
    with Store.open(db_url) as opened:
        yield opened
