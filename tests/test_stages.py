"""Each stage does what it declares: run on a Doc that records every field a stage reads and
compares the Doc's state before and after it, a stage reads only what it REQUIRES (or the
article it was given) and changes only what it ASSIGNS. A declaration that says less than
the code does is how a stage comes to depend on another without anyone knowing."""

from __future__ import annotations

import enum
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from types import ModuleType
from typing import Any, NamedTuple

import pytest

from accords import model, pipeline
from accords.ingest.files import read_text
from accords.lexicon import Lexicon
from accords.model import Article, Doc
from tests.conftest import SHARED
from tests.extract.test_treaties import RATIFIED_ZH, SCHEDULED_ZH

ROOT = Path(__file__).resolve().parents[1]
# what every stage may read without saying so: the article it is given and its text
GIVEN = frozenset({"article", "text", "offsets", "lang"})
FIELDS = frozenset(Doc.__annotations__)

compiled = not model.__file__ or not model.__file__.endswith(".py")
pytestmark = pytest.mark.skipif(compiled, reason="a compiled Doc cannot be subclassed")


class RecordingDoc(Doc):
    """A Doc that notes which of its fields are read while a stage runs."""

    def __getattribute__(self, name: str) -> Any:
        if name in FIELDS:
            reads = object.__getattribute__(self, "__dict__").get("_reads")
            if reads is not None:
                reads.add(name)
        return object.__getattribute__(self, name)


class Frozen(NamedTuple):
    """An object's state: its class and its attributes' frozen values."""

    kind: str
    attributes: tuple[tuple[str, Any], ...]


def frozen(value: Any) -> Any:
    """A value that compares equal exactly when the state it was made from is the same."""
    if value is None or isinstance(value, str | int | float | enum.Enum | date):
        return value
    if isinstance(value, list | tuple):
        return tuple(frozen(item) for item in value)
    if isinstance(value, dict):
        return tuple(sorted((key, frozen(item)) for key, item in value.items()))
    if hasattr(value, "__dict__") or hasattr(type(value), "__slots__"):
        names = sorted({*getattr(value, "__dict__", {}), *getattr(type(value), "__slots__", ())})
        return Frozen(type(value).__name__, tuple((n, frozen(getattr(value, n))) for n in names))
    return value


def changes(before: dict[str, Any], after: dict[str, Any]) -> set[str]:
    """The fields that changed, as `field` or, where the same objects stayed in the same
    order and only their attributes changed (an event's date), as `field.attribute`."""
    changed: set[str] = set()
    for name in FIELDS:
        if before[name] != after[name]:
            attributes = attributes_changed(before[name], after[name])
            changed |= {f"{name}.{a}" for a in attributes} if attributes else {name}
    return changed


def attributes_changed(old: Any, new: Any) -> set[str]:
    if not (isinstance(old, tuple) and isinstance(new, tuple) and len(old) == len(new)):
        return set()
    names: set[str] = set()
    for a, b in zip(old, new, strict=True):
        if not (isinstance(a, Frozen) and isinstance(b, Frozen) and a.kind == b.kind):
            return set()
        names |= {n for (n, x), (_, y) in zip(a.attributes, b.attributes, strict=True) if x != y}
    return names


def state(doc: Doc) -> dict[str, Any]:
    return {name: frozen(getattr(doc, name)) for name in FIELDS}


def texts() -> Iterator[Article]:
    """The bundled samples, and the dev texts and seeds of ../shared when it is beside."""
    folders = [ROOT / "samples", SHARED / "eval" / "dev", SHARED / "seeds"]
    for folder in folders:
        for path in sorted(folder.glob("*.txt")):
            yield read_text(str(path))
    for text in (RATIFIED_ZH, SCHEDULED_ZH):  # none of those names a treaty by its title
        yield Article(text=text, doc="treaties.txt", lang="zh")


def record(lexicon: Lexicon) -> tuple[dict[ModuleType, set[str]], dict[ModuleType, set[str]]]:
    """What each stage read and changed over all the texts."""
    reads: dict[ModuleType, set[str]] = {stage: set() for stage in pipeline.STAGES}
    writes: dict[ModuleType, set[str]] = {stage: set() for stage in pipeline.STAGES}
    for article in texts():
        prepared = pipeline.prepare(article)
        doc = RecordingDoc(prepared.article, prepared.text, prepared.offsets, prepared.lang)
        for name in pipeline.PREPARED:
            setattr(doc, name, getattr(prepared, name))
        for stage in pipeline.STAGES:
            before = state(doc)
            doc.__dict__["_reads"] = reads[stage]
            stage.run(doc, lexicon)
            doc.__dict__["_reads"] = None
            writes[stage] |= changes(before, state(doc))
    return reads, writes


@pytest.fixture(scope="module")
def recorded(lexicon: Lexicon) -> tuple[dict[ModuleType, set[str]], dict[ModuleType, set[str]]]:
    return record(lexicon)


@pytest.mark.parametrize("stage", pipeline.STAGES, ids=lambda stage: stage.__name__)
def test_a_stage_reads_only_what_it_requires(stage: ModuleType, recorded: Any) -> None:
    reads, _ = recorded
    owned = {name for name in stage.ASSIGNS if "." not in name}  # events.gist needs events
    undeclared = reads[stage] - set(stage.REQUIRES) - owned - GIVEN
    assert not undeclared, f"{stage.__name__} reads {sorted(undeclared)}: add them to REQUIRES"
    unread = set(stage.REQUIRES) - reads[stage]
    assert not unread, f"{stage.__name__} REQUIRES {sorted(unread)} but never reads them"


@pytest.mark.parametrize("stage", pipeline.STAGES, ids=lambda stage: stage.__name__)
def test_a_stage_changes_only_what_it_assigns(stage: ModuleType, recorded: Any) -> None:
    _, writes = recorded
    declared = set(stage.ASSIGNS)
    undeclared = {name for name in writes[stage] if name not in declared}
    # a stage that assigns a whole field may set its items' attributes as it builds them
    undeclared -= {name for name in undeclared if name.split(".")[0] in declared}
    assert not undeclared, f"{stage.__name__} changes {sorted(undeclared)}: add them to ASSIGNS"
    unwritten = {name for name in declared if name not in writes[stage]}
    assert not unwritten, f"{stage.__name__} ASSIGNS {sorted(unwritten)} but never changes them"


def test_the_recording_doc_sees_a_read_and_a_change() -> None:
    """The check itself: a field read is recorded, and so is an item's attribute changed."""
    doc = RecordingDoc(Article(text="x"), "x", [0])
    reads: set[str] = set()
    doc.__dict__["_reads"] = reads
    doc.tokens  # noqa: B018
    assert reads == {"tokens"}
    doc.__dict__["_reads"] = None
    doc.sides = ["IRN"]
    before = state(doc)
    doc.sides.append("OMN")
    assert changes(before, state(doc)) == {"sides"}
