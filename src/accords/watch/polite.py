"""Fetching as a guest: one request at a time to a host, a minimum gap between two requests
to it, and what its robots.txt forbids left alone."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from urllib.parse import urlsplit
from urllib.robotparser import RobotFileParser

from accords.errors import AccordsError, Unreachable
from accords.ingest import clean
from accords.ingest.fetch import USER_AGENT, HttpFetcher, Response


class PoliteFetcher:
    """A `Fetch` (and a conditional one) over an HttpFetcher that keeps to each host's
    gap and robots.txt. Hosts are told apart by scheme, name and port."""

    def __init__(
        self,
        http: HttpFetcher,
        *,
        min_gap: float,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.http = http
        self.min_gap = min_gap
        self._clock = clock
        self._sleep = sleep
        self._last: dict[str, float] = {}  # host: when its last request ended
        self._locks: dict[str, threading.Lock] = {}
        self._robots: dict[str, RobotFileParser] = {}
        self._guard = threading.Lock()

    def __call__(self, url: str) -> Response:
        response = self.conditional(url)
        assert response is not None
        return response

    def conditional(
        self, url: str, *, etag: str | None = None, last_modified: str | None = None
    ) -> Response | None:
        host = _host(url)
        if not self._allowed(host, url):
            raise Unreachable("robots.txt asks robots not to fetch this", source=clean.name(url))
        return self._in_turn(
            host, lambda: self.http.conditional(url, etag=etag, last_modified=last_modified)
        )

    def _in_turn(self, host: str, request: Callable[[], Response | None]) -> Response | None:
        with self._guard:
            lock = self._locks.setdefault(host, threading.Lock())
        with lock:  # one request at a time to a host
            last = self._last.get(host)
            if last is not None:
                wait = last + self.min_gap - self._clock()
                if wait > 0:
                    self._sleep(wait)
            try:
                return request()
            finally:
                self._last[host] = self._clock()

    def _allowed(self, host: str, url: str) -> bool:
        robots = self._robots.get(host)
        if robots is None:
            robots = RobotFileParser()
            try:
                answer = self._in_turn(host, lambda: self.http(host + "/robots.txt"))
                assert answer is not None
                robots.parse(answer.content.decode("utf-8", "replace").splitlines())
            except AccordsError:
                # no robots.txt (404), or none to be had now: nothing is forbidden; it is
                # asked for again next round
                robots.parse([])
            self._robots[host] = robots
        return robots.can_fetch(USER_AGENT, url)

    def forget_robots(self) -> None:
        """Read each host's robots.txt again at its next request (once a round)."""
        self._robots.clear()


def _host(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme.lower()}://{parts.netloc.lower()}"
