"""The passes of _scan.c, built by setup.py where a C compiler is present (see native.py)."""

from collections.abc import Callable
from typing import Any

from accords.model import Mention, Span

def find(
    tokens: list[str],
    memo: dict[str, Any],
    start: Callable[[str], Any],
    payloads_key: str,
    merge: Callable[[list[Any]], Any],
    /,
) -> list[Any]: ...
def set_classes(span: type[Span], mention: type[Mention], /) -> None: ...
def fold(text: str, /) -> tuple[str, list[int]] | None: ...
def fold_learn(block: int, folds: tuple[str, ...], /) -> None: ...
def group(
    matches: list[tuple[int, int, Any]],
    accepted: dict[int, Any],
    accept: Callable[[Any], Any],
    /,
) -> dict[str, list[tuple[int, int, str, str]]]: ...
def mentions(
    concept: str,
    found: list[tuple[int, int, str, str]],
    tokens: list[Span],
    token_sentence: list[int],
    out: list[Mention],
    /,
) -> None: ...
def token_sentences(
    tokens: list[Span], words: list[str], sentences: list[Span], /
) -> tuple[list[int], list[int]]: ...
def tokens(text: str, /) -> tuple[list[Span], list[str]]: ...
def zwnj_places(
    text: str, known: dict[str, tuple[int, ...]], read: Callable[[str], tuple[int, ...]], /
) -> list[int]: ...
def longest(
    found: list[tuple[int, int, str, str]], count: int, /
) -> list[tuple[int, int, str, str]]: ...
def index(
    mentions: list[Mention],
    by_concept: dict[str, list[Mention]],
    by_sentence: dict[int, list[Mention]],
    /,
) -> None: ...
def token_tags(
    mentions: list[Mention],
    count: int,
    sets: dict[str, frozenset[str]],
    untagged: frozenset[str],
    cue: str,
    body: str,
    /,
) -> list[frozenset[str]]: ...
