"""The C tokeniser (_scan.c): built by setup.py where a compiler is present."""

from collections.abc import Callable

from accords.model import Span

def set_span(span: type[Span], /) -> None: ...
def tokens(text: str, /) -> tuple[list[Span], list[str]]: ...
def zwnj_places(
    text: str, known: dict[str, tuple[int, ...]], read: Callable[[str], tuple[int, ...]], /
) -> list[int]: ...
