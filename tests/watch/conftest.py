from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.http_server import Site, serve
from tests.store_fixtures import db_url, store

__all__ = ["db_url", "store"]


@pytest.fixture
def site() -> Iterator[Site]:
    with serve() as running:
        yield running
