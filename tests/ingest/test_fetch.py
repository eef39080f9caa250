"""The fetcher that a server uses for others (public addresses only) never reaches this
machine or its network, whatever a name's resolver answers."""

from __future__ import annotations

import socket
from typing import Any

import pytest

from accords.errors import Unreachable
from accords.ingest.fetch import HttpFetcher
from tests.http_server import serve

HOST = "rebinding.example"
PUBLIC = "1.1.1.1"  # a public address: unreachable here, or refusing the test's port


@pytest.mark.parametrize("public_answers", [1, 2])
def test_a_public_only_fetch_connects_only_to_an_address_it_checked(
    monkeypatch: pytest.MonkeyPatch, public_answers: int
) -> None:
    """DNS rebinding: the name answers a public address for the first look-ups and this
    machine's afterwards (a hostile resolver with no cache time). Whether the later look-up
    is the one that checks or the one that connects, the local server is never asked."""
    resolve = socket.getaddrinfo
    asked: list[str] = []

    def hostile(host: Any, *args: Any, **kwargs: Any) -> Any:
        if host != HOST:
            return resolve(host, *args, **kwargs)
        asked.append(host)
        answer = PUBLIC if len(asked) <= public_answers else "127.0.0.1"
        return resolve(answer, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", hostile)
    with serve() as site, HttpFetcher(timeout=1, public_only=True) as fetch:
        site.add("/admin", "<html><body><p>this machine's own page</p></body></html>")
        port = site.base.rsplit(":", 1)[1]
        with pytest.raises(Unreachable):
            fetch(f"http://{HOST}:{port}/admin")
        assert site.requests == []
        assert asked  # the hostile resolver was asked: the test tests something


def test_a_fetch_for_oneself_still_reaches_this_machine() -> None:
    with serve() as site, HttpFetcher(timeout=5) as fetch:
        page = site.add("/a", "<html><body><p>here</p></body></html>")
        assert b"here" in fetch(page).content
