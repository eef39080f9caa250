"""The passes over a text written in C (_scan.c), where the build compiled them; None
where it did not (it said so in one line), and the Python code beside each use runs:
the same output, which property tests hold them to."""

from __future__ import annotations

from collections.abc import Callable

from accords.model import Span

Cuts = tuple[int, ...]
c_tokens: Callable[[str], tuple[list[Span], list[str]]] | None = None
c_zwnj_places: Callable[[str, dict[str, Cuts], Callable[[str], Cuts]], list[int]] | None = None
try:
    from accords.text import _scan
except ImportError:  # pragma: no cover - no compiler where it was installed
    pass
else:
    _scan.set_span(Span)
    c_tokens = _scan.tokens
    c_zwnj_places = _scan.zwnj_places
