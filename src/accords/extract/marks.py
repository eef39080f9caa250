"""Marks: the words that say each field of an event (its sides, type, domains and place),
tighter than the sentences that report it, so that a reader sees which words made which
field. The date's words are marked by the dates stage, which reads them; a person's by the
actors stage, on the person.

A side or a domain is marked where the event's sentences name it; one they do not name is
marked where the headline or the lead first does. A side may be named by no word at all
(the country of a person taking part): the person's mark says it then.
"""

from __future__ import annotations

from collections.abc import Iterable

from accords.extract.context import body_name, country_of
from accords.extract.domains import terms
from accords.lexicon import Lexicon
from accords.model import Doc, Field, Mark, Mention, Place

_SIDE_CONCEPTS = ("country", "organization")


def of_event(
    doc: Doc,
    lexicon: Lexicon,
    triggers: list[Mention],
    sides: list[str],
    orgs: list[str],
    domains: list[str],
    topical: list[int],
    location: Place | None,
) -> list[Mark]:
    """The marks of one event: `triggers` are the words of its type, `topical` the
    sentences its domains were read from (the event's own sentences among them)."""
    own = {m.sentence for m in triggers}
    named: list[tuple[str, Mention]] = []
    for concept in _SIDE_CONCEPTS:
        for mention in doc.of(concept):
            side = _side(lexicon, mention, orgs)
            if side in sides or side in orgs:
                named.append((side, mention))
    said = [(m.kind, m) for m in terms(doc) if m.kind in domains]
    found = [Mark(Field.TYPE, *doc.evidence(m.start, m.end)) for m in triggers]
    found += _where_said(doc, Field.SIDES, named, own, topical)
    found += _where_said(doc, Field.DOMAIN, said, own, topical)
    if location is not None and location.evidence is not None:
        found.append(Mark(Field.PLACE, *location.evidence))
    return sorted(found, key=lambda mark: (mark.start, mark.end))


def _side(lexicon: Lexicon, mention: Mention, orgs: list[str]) -> str | None:
    if mention.concept == "organization" and (body := body_name(lexicon, mention)) in orgs:
        return body  # an international body taking part
    return country_of(lexicon, mention)


def _where_said(
    doc: Doc,
    field: Field,
    named: Iterable[tuple[str | None, Mention]],
    own: set[int],
    topical: list[int],
) -> list[Mark]:
    """Every naming of a value in the event's sentences; for a value they do not name, its
    first naming in the other topical sentences (headline first)."""
    inside: dict[str | None, list[Mention]] = {}
    elsewhere: dict[str | None, Mention] = {}
    wanted = set(topical)
    for value, mention in named:
        if mention.sentence in own:
            inside.setdefault(value, []).append(mention)
        elif mention.sentence in wanted:
            first = elsewhere.get(value)
            if first is None or mention.start < first.start:
                elsewhere[value] = mention
    chosen = [m for found in inside.values() for m in found]
    chosen += [m for value, m in elsewhere.items() if value not in inside]
    return [Mark(field, *doc.evidence(m.start, m.end)) for m in chosen]
