"""The passes over a text written in C (_scan.c), where the build compiled them; None
where it did not (it said so in one line), and the Python code beside each use runs:
the same output, which property tests hold them to."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from accords.model import Mention, Span

Cuts = tuple[int, ...]
Found = tuple[str, str, str]  # concept, entry, kind
Found4 = tuple[int, int, str, str]  # first token, last token, entry, kind
Payloads = Any  # the matcher's (lexicon.matcher imports this module)
# mentions.run's: the matches, the accepted memo, what accepts payloads not in it
c_group: (
    Callable[
        [list[tuple[int, int, Payloads]], dict[int, Any], Callable[[Payloads], Any]],
        dict[str, list[Found4]],
    ]
    | None
) = None
# the lexicon's matcher: tokens, memo, what a token opens, the payloads' key, their merging
c_find: (
    Callable[
        [list[str], dict[str, Any], Callable[[str], Any], str, Callable[[list[Any]], Any]],
        list[Any],
    ]
    | None
) = None
c_token_sentences: (
    Callable[[list[Span], list[str], list[Span]], tuple[list[int], list[int]]] | None
) = None
# folding: a text's fold and offsets (None where a block was never learnt); a block learnt
c_fold: Callable[[str], tuple[str, list[int]] | None] | None = None
c_fold_learn: Callable[[int, tuple[str, ...]], None] | None = None
c_tokens: Callable[[str], tuple[list[Span], list[str]]] | None = None
c_zwnj_places: Callable[[str, dict[str, Cuts], Callable[[str], Cuts]], list[int]] | None = None
c_mentions: Callable[[str, list[Found4], list[Span], list[int], list[Mention]], None] | None = None
# mentions._longest: a concept's found, the text's token count
c_longest: Callable[[list[Found4], int], list[Found4]] | None = None
# actors._token_tags: mentions, token count, each concept's tag set, the empty set, the
# concept and kind whose tag is the kind
c_token_tags: (
    Callable[
        [list[Mention], int, dict[str, frozenset[str]], frozenset[str], str, str],
        list[frozenset[str]],
    ]
    | None
) = None
# mentions.run's indexes: each mention under its concept and under its sentence
c_index: (
    Callable[[list[Mention], dict[str, list[Mention]], dict[int, list[Mention]]], None] | None
) = None
try:
    from accords.text import _scan
except ImportError:  # pragma: no cover - no compiler where it was installed
    pass
else:
    _scan.set_classes(Span, Mention)
    c_find = _scan.find
    c_tokens = _scan.tokens
    c_fold = _scan.fold
    c_fold_learn = _scan.fold_learn
    c_token_sentences = _scan.token_sentences
    c_zwnj_places = _scan.zwnj_places
    c_mentions = _scan.mentions
    c_group = _scan.group
    # an extension built before these were written lacks them (`make venv` builds it
    # again): their Python runs meanwhile, and test_native says the build is stale
    c_index = getattr(_scan, "index", None)
    c_longest = getattr(_scan, "longest", None)
    c_token_tags = getattr(_scan, "token_tags", None)
