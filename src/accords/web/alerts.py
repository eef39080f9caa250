"""What `accords watch` left in the store, served: each alert rule's matches as an Atom
feed (/alerts/RULE.atom, for any feed reader), and the state of the watched sources for
/health and the home page."""

from __future__ import annotations

import dataclasses
import json
import re
import xml.etree.ElementTree as ElementTree
from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

from fastapi import APIRouter, HTTPException, Request, Response
from sqlalchemy import select

from accords import __version__
from accords.store import Store
from accords.store.schema import alerts
from accords.watch.state import aware, states
from accords.web.shared import Shared

ATOM = "http://www.w3.org/2005/Atom"
ENTRIES = 100  # the newest matches a feed carries
_RULE = re.compile(r"[a-z0-9][a-z0-9_-]{0,63}")  # as accords.watch.config checks names


def sources(store: Store) -> list[dict[str, Any]]:
    """Each watched source's last poll, success and error, and its next poll."""
    return [
        {key: value for key, value in dataclasses.asdict(found).items()
         if key not in ("etag", "last_modified")}
        for found in states(store).values()
    ]  # fmt: skip


router = APIRouter()


@router.get("/alerts/{rule}.atom", tags=["read"], response_class=Response)
def feed(web: Shared, rule: str, request: Request) -> Response:
    """The matches of an alert rule of `accords watch`, newest first, as Atom."""
    if not _RULE.fullmatch(rule):
        raise HTTPException(404, "no such alert rule: names are a-z, 0-9, - and _")
    with web.store.reading() as connection:
        rows = connection.execute(
            select(alerts)
            .where(alerts.c.rule == rule)
            .order_by(alerts.c.fired_at.desc(), alerts.c.id.desc())
            .limit(ENTRIES)
        ).all()
    body = atom(rule, str(request.url), rows, str(request.base_url))
    return Response(body, media_type="application/atom+xml; charset=utf-8")


def atom(rule: str, self_url: str, rows: Sequence[Any], base: str) -> bytes:
    """An Atom feed of the alert rows, as RFC 4287 asks (id, title, updated, author)."""
    ElementTree.register_namespace("", ATOM)
    root = ElementTree.Element(f"{{{ATOM}}}feed")

    def add(
        parent: ElementTree.Element, tag: str, text: str | None = None, **attrs: str
    ) -> ElementTree.Element:
        element = ElementTree.SubElement(parent, f"{{{ATOM}}}{tag}", attrs)
        element.text = text
        return element

    add(root, "id", f"tag:accords,2026:alerts/{rule}")
    add(root, "title", f"accords alerts: {rule}")
    fired = {row.id: aware(row.fired_at) or datetime.now(UTC) for row in rows}
    add(root, "updated", max(fired.values(), default=datetime.now(UTC)).isoformat())
    add(root, "link", rel="self", href=self_url)
    add(root, "generator", "accords", version=__version__)
    add(add(root, "author"), "name", "accords watch")
    for row in rows:
        entry = add(root, "entry")
        add(entry, "id", f"tag:accords,2026:alerts/{rule}/{row.id}")
        add(entry, "title", row.title)
        add(entry, "updated", fired[row.id].isoformat())
        page = json.loads(row.payload).get("page")
        if page:  # the page of the event or article the match is of, on this server
            add(entry, "link", href=base.rstrip("/") + page)
        add(entry, "content", row.payload, type="text")
    body: bytes = ElementTree.tostring(root, encoding="utf-8", xml_declaration=True)
    return body
