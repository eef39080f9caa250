"""Gist: one English sentence per event, built from its fields, so that a reader without
Persian or Arabic sees what happened. A treaty concluded is named by its subjects ("the
treaty on extradition"): the gist is the event's one stored text, so follow-up reads the
treaty back from it (`treaty_of`) to tell two treaties of one pair apart."""

from __future__ import annotations

import re

from accords.lexicon import Lexicon
from accords.model import Doc, Event, EventType

REQUIRES = ("events",)
ASSIGNS = ("events.gist",)

_TREATY = "the treaty on "
_TREATY_NAMED = re.compile(re.escape(_TREATY) + r"([a-z ]+)")
_SUBJECTS = " and "

_VERBS = {
    EventType.CONSULT: "met",
    EventType.AGREE: "concluded an agreement",
    EventType.COOPERATE: "cooperated in practice",
    EventType.AID: "gave aid",
}


def run(doc: Doc, lexicon: Lexicon) -> None:
    for event in doc.events:
        event.gist = gist(event, lexicon)


def gist(event: Event, lexicon: Lexicon) -> str:
    sides = [lexicon.country_name(c) for c in event.countries] + event.orgs
    who = _join(sides) or "Unnamed sides"
    verb = _VERBS[event.type]
    if event.mode and event.mode not in verb:
        verb += f" ({event.mode})"
    parts = [f"{who} {verb}"]
    if event.location:
        parts.append(f"in {event.location.name_latn}")
    if event.date:
        parts.append(f"on {_readable(event.date, lexicon)}")
    text = " ".join(parts)
    if event.treaty:
        text += "; " + _TREATY + _SUBJECTS.join(s.replace("_", " ") for s in event.treaty)
    people = [f"{a.name_latn} ({a.country})" if a.country else a.name_latn for a in event.actors]
    if people:
        text += "; present: " + ", ".join(people)
    if event.domains:
        text += "; on " + ", ".join(d.replace("_", " ") for d in event.domains)
    return text + "."


def treaty_of(gist: str) -> frozenset[str]:
    """The subjects (treaties.tsv ids) of the treaty a gist names, if any."""
    found = _TREATY_NAMED.search(gist)
    if not found:
        return frozenset()
    return frozenset(s.strip().replace(" ", "_") for s in found.group(1).split(_SUBJECTS))


def _readable(value: str, lexicon: Lexicon) -> str:
    """A date without a year ("--01-18") as "18 January (year not given)"; full dates stay ISO."""
    if value.startswith("--"):
        month, _, day = value[2:].partition("-")
        if month.isdigit() and 1 <= int(month) <= 12:
            name = lexicon.entry("month", f"greg_{int(month):02d}").name("en")
            return f"{int(day)} {name} (year not given)" if day.isdigit() else name
    return value


def _join(items: list[str]) -> str:
    if len(items) <= 2:
        return " and ".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]
