"""The file `accords watch` reads: the sources to follow and the alert rules, in TOML
(samples/sources.toml is a commented example). Checked whole when loaded: each mistake is
one error naming the file and the key, e.g. `sources.toml: source[2].interval: ...`."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from accords.errors import InputError
from accords.ingest.fetch import is_address
from accords.model import DOMAINS, EventType

KINDS = ("feed", "sitemap", "page", "folder")  # the key that names a source's address
DEFAULT_INTERVAL = 15 * 60.0
DEFAULT_GAP = 2.0
# what an alert rule can watch for besides new events
WHEN = ("event", "kept", "stale", "new_language")
_DURATION = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(s|m|h|d)?\s*$")
_SECONDS = {"s": 1, "m": 60, "h": 3600, "d": 86400, None: 1}


@dataclass(frozen=True, slots=True)
class Source:
    """One place to poll: a feed, a sitemap, a page that lists articles, or a folder."""

    name: str
    kind: str  # one of KINDS
    address: str  # a URL, or a folder's path
    interval: float  # seconds between polls
    follow: bool = False  # feeds: read each item's page rather than its summary

    @property
    def host(self) -> str | None:
        return urlsplit(self.address).netloc.lower() if self.kind != "folder" else None


@dataclass(frozen=True, slots=True)
class Rule:
    """An alert rule: what a new event (or a commitment, or a story) must be to match.
    Every condition given must hold; a list holds when any of its values does."""

    name: str
    when: str = "event"  # one of WHEN
    countries: frozenset[str] = frozenset()  # a side is one of these
    pair: frozenset[str] = frozenset()  # both are sides
    domains: frozenset[str] = frozenset()
    people: frozenset[str] = frozenset()  # names as written in Latin letters, folded
    types: frozenset[str] = frozenset()
    languages: frozenset[str] = frozenset()
    webhook: str | None = None


@dataclass(frozen=True, slots=True)
class Watchlist:
    sources: tuple[Source, ...]
    rules: tuple[Rule, ...] = ()
    min_gap: float = DEFAULT_GAP  # seconds between two requests to one host


def load(path: str | Path) -> Watchlist:
    """Read and check a source list; InputError names the file and the key at fault."""
    shown = str(path)
    try:
        with open(path, "rb") as stream:
            data = tomllib.load(stream)
    except OSError as error:
        raise InputError(f"cannot be read ({error.strerror or error})", source=shown) from None
    except tomllib.TOMLDecodeError as error:
        raise InputError(f"not valid TOML ({error})", source=shown) from None
    return parse(data, shown)


def parse(data: dict[str, Any], shown: str = "sources.toml") -> Watchlist:
    def fail(key: str, message: str) -> InputError:
        return InputError(f"{key}: {message}", source=shown)

    unknown = set(data) - {"watch", "source", "alert"}
    if unknown:
        raise fail(sorted(unknown)[0], "unknown key (expected watch, source, alert)")
    settings = _table(data.get("watch", {}), "watch", fail)
    _only(settings, "watch", {"interval", "min_gap"}, fail)
    interval = _duration(settings.get("interval", DEFAULT_INTERVAL), "watch.interval", fail)
    gap = _duration(settings.get("min_gap", DEFAULT_GAP), "watch.min_gap", fail)
    listed = data.get("source", [])
    if not isinstance(listed, list) or not listed:
        raise fail("source", 'no [[source]] given; add one, e.g. feed = "https://…/rss"')
    sources = [_source(entry, f"source[{n}]", interval, fail) for n, entry in enumerate(listed, 1)]
    _unique([s.name for s in sources], "source", fail)
    alerts = data.get("alert", [])
    if not isinstance(alerts, list):
        raise fail("alert", "write each rule as an [[alert]] table")
    rules = [_rule(entry, f"alert[{n}]", fail) for n, entry in enumerate(alerts, 1)]
    _unique([r.name for r in rules], "alert", fail)
    return Watchlist(tuple(sources), tuple(rules), gap)


def _source(entry: Any, key: str, interval: float, fail: Any) -> Source:
    entry = _table(entry, key, fail)
    _only(entry, key, {"name", "interval", "follow", *KINDS}, fail)
    given = [kind for kind in KINDS if kind in entry]
    if len(given) != 1:
        raise fail(key, "give exactly one of " + ", ".join(KINDS))
    kind = given[0]
    address = entry[kind]
    if not isinstance(address, str) or not address.strip():
        raise fail(f"{key}.{kind}", "must be a non-empty string")
    if kind == "folder" and is_address(address):
        raise fail(f"{key}.folder", "a folder is a path on this machine, not an address")
    if kind != "folder" and not is_address(address):
        raise fail(f"{key}.{kind}", "must be an http:// or https:// address")
    name = entry.get("name", address)
    if not isinstance(name, str) or not re.fullmatch(r"[\w.:/@~+-]{1,200}", name):
        raise fail(f"{key}.name", "letters, digits and - _ . : / only, at most 200")
    follow = entry.get("follow", False)
    if not isinstance(follow, bool):
        raise fail(f"{key}.follow", "must be true or false")
    every = _duration(entry.get("interval", interval), f"{key}.interval", fail)
    return Source(name, kind, address.strip(), every, follow)


def _rule(entry: Any, key: str, fail: Any) -> Rule:
    entry = _table(entry, key, fail)
    fields = {"name", "when", "country", "pair", "domain", "person", "type", "language", "webhook"}
    _only(entry, key, fields, fail)
    name = entry.get("name")
    if not isinstance(name, str) or not re.fullmatch(r"[a-z0-9][a-z0-9_-]{0,63}", name):
        raise fail(f"{key}.name", "required: lower-case letters, digits, - and _ (used in URLs)")
    when = entry.get("when", "event")
    if when not in WHEN:
        raise fail(f"{key}.when", "one of " + ", ".join(WHEN))
    pair = _codes(entry.get("pair", []), f"{key}.pair", fail, upper=True)
    if pair and len(pair) != 2:
        raise fail(f"{key}.pair", 'two country codes, e.g. ["IRN", "RUS"]')
    domains = _codes(entry.get("domain", []), f"{key}.domain", fail)
    if bad := sorted(domains - set(DOMAINS)):
        raise fail(f"{key}.domain", f"unknown domain {bad[0]!r} (one of {', '.join(DOMAINS)})")
    types = _codes(entry.get("type", []), f"{key}.type", fail, upper=True)
    if bad := sorted(types - {str(t) for t in EventType}):
        raise fail(f"{key}.type", f"unknown event type {bad[0]!r}")
    webhook = entry.get("webhook")
    if webhook is not None and (not isinstance(webhook, str) or not is_address(webhook)):
        raise fail(f"{key}.webhook", "must be an http:// or https:// address")
    return Rule(
        name,
        when,
        _codes(entry.get("country", []), f"{key}.country", fail, upper=True),
        pair,
        domains,
        frozenset(p.casefold() for p in _codes(entry.get("person", []), f"{key}.person", fail)),
        types,
        _codes(entry.get("language", []), f"{key}.language", fail),
        webhook,
    )


def _table(value: Any, key: str, fail: Any) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise fail(key, "must be a table")
    return value


def _only(entry: dict[str, Any], key: str, allowed: set[str], fail: Any) -> None:
    for name in entry:
        if name not in allowed:
            raise fail(f"{key}.{name}", "unknown key (expected " + ", ".join(sorted(allowed)) + ")")


def _unique(names: list[str], key: str, fail: Any) -> None:
    seen: set[str] = set()
    for number, name in enumerate(names, 1):
        if name in seen:
            raise fail(f"{key}[{number}].name", f"{name!r} is used twice; names must differ")
        seen.add(name)


def _codes(value: Any, key: str, fail: Any, *, upper: bool = False) -> frozenset[str]:
    values = [value] if isinstance(value, str) else value
    if not isinstance(values, list) or not all(isinstance(v, str) and v.strip() for v in values):
        raise fail(key, "a string or a list of strings")
    return frozenset(v.strip().upper() if upper else v.strip() for v in values)


def _duration(value: Any, key: str, fail: Any) -> float:
    """Seconds from 90, "90s", "15m", "2h" or "1d"."""
    if isinstance(value, bool):
        raise fail(key, 'a duration such as 90, "15m", "2h"')
    if isinstance(value, int | float):
        seconds = float(value)
    elif isinstance(value, str) and (match := _DURATION.match(value)):
        seconds = float(match[1]) * _SECONDS[match[2]]
    else:
        raise fail(key, 'a duration such as 90, "15m", "2h"')
    if seconds < 0:
        raise fail(key, "must not be negative")
    return seconds
