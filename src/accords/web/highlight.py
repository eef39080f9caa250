"""An article's text cut into pieces for a page: plain stretches and evidence, where spans
may overlap (a person's name inside an event's sentence), and search matches in a snippet.

The pieces are plain strings; the template escapes each one, so no markup in an article
ever reaches the page as markup.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from accords.store.search import query_words
from accords.text.language import ARABIC_SCRIPT
from accords.text.normalise import ZWNJ, normalise

# Languages written right to left: Persian, Arabic, Urdu, and others a source may carry.
RTL_LANGUAGES = frozenset({"fa", "ar", "ur", "ps", "ckb", "sd", "ug", "he", "yi", "dv"})
SNIPPET_CHARS = 100  # on each side of the first match
# what each kind of evidence says, as a reader is told on hover, in the legend's order
LABELS = {
    "sides": "sides",
    "type": "type of event",
    "domain": "domain",
    "person": "person",
    "place": "place",
    "date": "date",
    "commitment": "commitment",
    "event": "sentence reporting it",
    "quantity": "quantity",
}


def label(kind: str) -> str:
    return LABELS.get(kind, kind)


@dataclass(frozen=True, slots=True)
class Piece:
    """A stretch of text; `kinds` says what evidence covers it (none: plain text), `says`
    which field of which event each piece of evidence covering it is, and `gists` the
    events whose English gist stands beside their evidence right after it."""

    text: str
    kinds: tuple[str, ...] = ()
    current: bool = False  # evidence of the event the page is about
    says: tuple[tuple[int | None, str], ...] = ()  # (event id, kind), the event's first
    gists: tuple[int, ...] = ()

    @property
    def marked(self) -> bool:
        return bool(self.kinds)


def direction(lang: str | None) -> str:
    return "rtl" if (lang or "").lower() in RTL_LANGUAGES else "ltr"


def pieces(
    text: str,
    spans: Iterable[Mapping[str, Any]],
    current: Iterable[int] = (),
    gists: Mapping[int, Iterable[int]] | None = None,
) -> list[Piece]:
    """`text` cut at every span boundary. A span is a mapping with start, end, kind and
    event_id; spans of the events in `current` are marked as the page's own. `gists` maps
    an offset to the events whose gist goes there (see `gist_places`)."""
    mine = set(current)
    kept = [
        (max(0, int(s["start"])), min(len(text), int(s["end"])), str(s["kind"]),
         s.get("event_id"))
        for s in spans
    ]  # fmt: skip
    kept = [span for span in kept if span[0] < span[1]]
    notes = {min(len(text), max(0, at)): tuple(ids) for at, ids in (gists or {}).items()}
    cuts = sorted({0, len(text), *(s[0] for s in kept), *(s[1] for s in kept), *notes})
    out: list[Piece] = []
    for start, end in itertools.pairwise(cuts):
        covering = [s for s in kept if s[0] <= start and s[1] >= end]
        kinds = tuple(sorted({s[2] for s in covering}))
        says = sorted({(s[3], s[2]) for s in covering}, key=_said_order(mine))
        out.append(
            Piece(
                text[start:end], kinds, any(s[3] in mine for s in covering), tuple(says),
                notes.get(end, ()),
            )
        )  # fmt: skip
    return out


def gist_places(spans: Iterable[Mapping[str, Any]]) -> dict[int, list[int]]:
    """Where each event's gist goes beside its evidence: after the first sentence that
    reports it (after its first evidence of any kind, when no sentence is stored)."""
    first: dict[int, tuple[bool, int, int]] = {}
    for span in spans:
        event_id = span.get("event_id")
        if event_id is None:
            continue
        place = (span["kind"] != "event", int(span["start"]), int(span["end"]))
        if event_id not in first or place < first[event_id]:
            first[event_id] = place
    out: dict[int, list[int]] = {}
    for event_id, (_, _, end) in sorted(first.items(), key=lambda item: item[1]):
        out.setdefault(end, []).append(event_id)
    return out


def tooltip(piece: Piece, events: Mapping[int, Mapping[str, Any]]) -> str:
    """What a highlight says, by event: "event 12 (CONSULT IRN–OMN): type of event, sentence
    reporting it"; evidence of no event says its kind alone."""
    by_event: dict[int | None, list[str]] = {}
    for event_id, kind in piece.says:
        by_event.setdefault(event_id, []).append(label(kind))
    parts = []
    for event_id, kinds in by_event.items():
        if event_id is None:
            parts.append(", ".join(kinds))
            continue
        shown = events.get(event_id)
        about = f" ({shown['type']} {'–'.join(shown['countries'])})" if shown else ""
        parts.append(f"event {event_id}{about}: {', '.join(kinds)}")
    return "; ".join(parts)


def described(events: Iterable[Mapping[str, Any]]) -> dict[int, dict[str, Any]]:
    """The events of a report by id, as a highlight tells of them: type, sides, gist."""
    return {
        int(e["id"]): {"type": e["type"], "countries": e["countries"], "gist": e["gist"]}
        for e in events
    }


def _said_order(mine: set[int]) -> Any:
    """The page's own event first, then by event, the tight words before the sentence."""

    def key(said: tuple[int | None, str]) -> tuple[bool, int, bool, str]:
        event_id, kind = said
        return (event_id not in mine, event_id or 0, kind == "event", kind)

    return key


def matches(text: str, query: str) -> list[tuple[int, int]]:
    """Where the words of a full-text query stand in `text`, as offsets into it. Both are
    folded as the search index folds them, so «همكاري» finds «همکاری» and "ORGANISED"
    finds "organised"."""
    folded, offsets = normalise(text, lang="fa" if ARABIC_SCRIPT.search(text) else None)
    folded = folded.replace(ZWNJ, " ")
    found: list[tuple[int, int]] = []
    for variants in query_words(query):
        for variant in variants:
            pattern = re.compile(r"(?<!\w)" + re.escape(variant) + r"(?!\w)")
            for hit in pattern.finditer(folded):
                if hit.end() > hit.start():
                    found.append((offsets[hit.start()], offsets[hit.end() - 1] + 1))
    return _merged(found)


def snippet(text: str, query: str, width: int = SNIPPET_CHARS) -> list[Piece]:
    """A stretch of `text` around the first match of `query`, matches marked."""
    found = matches(text, query)
    if not found:
        head = text[: 2 * width]
        return [Piece(head + ("…" if len(text) > len(head) else ""))]
    start = max(0, found[0][0] - width)
    end = min(len(text), found[0][1] + width)
    spans = [
        {"start": s - start, "end": e - start, "kind": "match"}
        for s, e in found
        if s >= start and e <= end
    ]
    out = pieces(text[start:end], spans)
    if start > 0:
        out.insert(0, Piece("…"))
    if end < len(text):
        out.append(Piece("…"))
    return out


def _merged(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if out and start <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], end))
        else:
            out.append((start, end))
    return out
