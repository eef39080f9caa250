"""What every route shares, and how a route reaches it: the `Web` of the app that serves
the request (`app.state.web`), taken as a parameter `web: Shared`."""

from __future__ import annotations

import hmac
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Any, TypeVar

import jinja2
from fastapi import Depends, HTTPException, Request
from fastapi.templating import Jinja2Templates
from sqlalchemy import Connection, select

from accords import __version__
from accords.ingest.decode import MAX_BYTES
from accords.ingest.fetch import Fetch
from accords.lexicon import Lexicon
from accords.lexicon import load as load_lexicon
from accords.link.followup import STALE_AFTER_DAYS
from accords.model import DOMAINS, EventType
from accords.store import Store
from accords.store.followups import follow_ups
from accords.store.queries import EventFilter
from accords.store.schema import follow_ups_generation
from accords.store.views import narrow_follow_ups
from accords.web import filters, highlight

HERE = Path(__file__).parent
TOKEN_ENVIRONMENT = "ACCORDS_TOKEN"
K = TypeVar("K")


@dataclass
class Web:
    """What the routes share: the store, the write token, and what is slow to make."""

    store: Store
    token: str | None = None  # None: every write is refused
    fetch: Fetch | None = None  # how POST /api/articles fetches an address
    max_bytes: int = MAX_BYTES
    stale_after: int = STALE_AFTER_DAYS  # as `accords commitments --stale-after`
    allow_private: bool = False  # may POST /api/articles fetch loopback or private hosts
    templates: Jinja2Templates = field(init=False)
    _lexicon: Lexicon | None = field(default=None, init=False)
    _follow_ups: tuple[int | None, list[dict[str, Any]]] | None = field(default=None, init=False)
    _lock: threading.Lock = field(default_factory=threading.Lock, init=False)

    def __post_init__(self) -> None:
        environment = jinja2.Environment(
            loader=jinja2.FileSystemLoader(HERE / "templates"),
            autoescape=True,  # every string from the store is text, never markup
            trim_blocks=True,
            lstrip_blocks=True,
            undefined=jinja2.StrictUndefined,
        )
        environment.filters.update(
            dir=highlight.direction,
            country=filters.country_name,
            language=filters.language_name,
            domain=filters.domain_label,
        )
        environment.globals.update(
            version=__version__,
            domains=DOMAINS,
            event_types=[str(t) for t in EventType],
            languages=filters.language_names(),
            countries=filters.country_names(),
            web_address=_web_address,
            evidence_labels=highlight.LABELS,
            tooltip=highlight.tooltip,
        )
        self.templates = Jinja2Templates(env=environment)

    def lexicon(self) -> Lexicon:
        with self._lock:
            if self._lexicon is None:
                self._lexicon = load_lexicon()
            return self._lexicon

    def allowed(self, given: str | None) -> bool:
        """Whether a bearer token is the server's (compared in constant time)."""
        if not self.token or not given:
            return False
        return hmac.compare_digest(given.strip().encode(), self.token.encode())

    def follow_ups(self) -> list[dict[str, Any]]:
        """The follow-up of every commitment, read again only when a write changed it."""
        with self.store.reading() as connection:
            key = connection.scalar(select(follow_ups_generation.c.value))
            cached = self._follow_ups
            if cached and cached[0] == key:
                return cached[1]
            found = follow_ups(connection, stale_after=self.stale_after)
        self._follow_ups = (key, found)
        return found

    def person_names(self, query: str) -> list[str]:
        """The names in every script of the people of the gazetteer `query` names."""
        from accords.link.actors import keys_for

        return keys_for(self.lexicon()).names_of(query)

    def found(
        self, read: Callable[[Connection, K], dict[str, Any] | None], key: K, missing: str
    ) -> dict[str, Any]:
        """What `read` finds in the store under `key` (an event's id), else 404 saying
        `missing`."""
        with self.store.reading() as connection:
            found = read(connection, key)
        if found is None:
            raise HTTPException(404, missing)
        return found

    def commitments(self, where: EventFilter) -> list[dict[str, Any]]:
        """The follow-up of the commitments the filter selects (see views.narrow_follow_ups)."""
        found = self.follow_ups()
        with self.store.reading() as connection:
            return narrow_follow_ups(connection, found, where)


def current(request: Request) -> Web:
    """The Web of the app serving `request`."""
    web: Web = request.app.state.web
    return web


Shared = Annotated[Web, Depends(current)]
"""A route's parameter `web: Shared` is the Web of its app."""


def _web_address(url: str | None) -> str | None:
    """The URL when it is an http(s) address, else None: an article's stored url becomes a
    link only then (never javascript: or data:)."""
    if url and url.strip().lower().startswith(("http://", "https://")):
        return url.strip()
    return None
