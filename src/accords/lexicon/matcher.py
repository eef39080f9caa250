"""Find lexicon terms in tokenised, normalised text.

Terms are token sequences in a trie. Each text token is looked up by its surface and by the
forms a language's morphology gives it (Arabic clitics and suffixes, Persian suffixes with or
without ZWNJ, English possessives and plurals, Turkish suffixes after an apostrophe, French
elision, Russian endings), so the lexicon lists each term once. Lookups are dictionary hits,
so a text is matched in one pass whatever the size of the lexicon.
"""

from __future__ import annotations

import functools
import itertools
import re
from collections.abc import Iterable, Iterator
from typing import Any

from accords.text.language import ARABIC_SCRIPT
from accords.text.native import c_find
from accords.text.normalise import ZWNJ, fold_letters
from accords.text.tokens import is_han, token_strings

Payload = tuple[str, str]  # (concept, entry id)
Payloads = tuple[tuple[Payload, frozenset[str]], ...]  # with the languages of each term

_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
# Clitics before an Arabic word: conjunction, then preposition, then the article.
_AR_PREFIXES = tuple(
    sorted(
        {c + p + a for c in ("", "و", "ف") for p in ("", "ب", "ل", "ک") for a in ("", "ال")}
        | {"لل", "ولل", "فلل"},
        key=len,
        reverse=True,
    )
)
# After normalisation ة is ه; nisba plurals and duals; Persian plural and ezafe-like endings.
_AR_SCRIPT_SUFFIXES = ("هایی", "های", "ها", "یین", "یون", "ین", "ون", "ان", "ات", "ه", "ی", "ای")
# The endings that make another noun or an adjective of an Arabic word: the nisba «ی» and its
# plurals, «ین», «ان» (a dual, or a name: «سلمان»), «ات». The stem a form drops one of is
# keyed with NOMINAL_MARK after it, and a term is keyed so as well only where its concept
# and language take them (Matcher's `bare` says which do not): «الاجتماعی» (social) is the
# domain's adjective, no meeting.
NOMINAL_ENDINGS = frozenset({"یین", "یون", "ین", "ان", "ات", "ی"})
NOMINAL_MARK = "+"  # no token holds it
# A verb takes fewer clitics than a noun (verbs.tsv): a conjunction, then «ل», never «ب»,
# «ک» or the article; its forms are keyed with VERB_MARK before them, as the verbs are.
_AR_VERB_PREFIXES = ("ول", "فل", "و", "ف", "ل")
_AR_VERB_SUFFIXES = ("ها", "ه")  # object pronouns
VERB_MARK = "!"  # no token holds it
_EN_SUFFIXES = ("'s", "es", "s")
_FR_ELISION = re.compile(r"^(?:l|d|qu|j|n|s|c|jusqu|lorsqu|puisqu)'")
# Russian case endings, longest first, so that Россия, России, Россией share a stem.
_RU_ENDINGS = tuple(
    sorted(
        (
            "а", "я", "о", "е", "ь", "ы", "и", "у", "ю", "й", "ой", "ей", "ом", "ем", "ам", "ям",
            "ах",
            "ях", "ами", "ями", "ов", "ев", "ий", "ый", "ая", "яя", "ое", "ее", "ие", "ые", "ого",
            "его", "ому", "ему", "ым", "им", "ых", "их", "ую", "юю", "ию", "ия", "ии", "ией", "ием",
            "иям", "иях", "ость", "ости", "остью",
        ),
        key=len,
        reverse=True,
    )
)  # fmt: skip


def ru_stem(token: str) -> str:
    for ending in _RU_ENDINGS:
        if token.endswith(ending) and len(token) - len(ending) >= 4:
            return token[: -len(ending)]
    return token


@functools.lru_cache(maxsize=200_000)
def forms(token: str) -> tuple[str, ...]:
    """Every form under which a text token may match a lexicon token."""
    out = {token}
    if ZWNJ in token:
        out.add(token.replace(ZWNJ, ""))
        out.add(token.split(ZWNJ, 1)[0])
    if ARABIC_SCRIPT.match(token):
        stems = {token}
        for prefix in _AR_PREFIXES:
            if prefix and token.startswith(prefix) and len(token) - len(prefix) >= 2:
                stem = token[len(prefix) :]
                stems.add("ال" + stem)
                # a short word after the article is a noun: «السلم» is not the verb «سلم»
                if len(stem) >= 4 or not prefix.endswith(("ال", "لل")):
                    stems.add(stem)
        for stem in list(stems):
            # a stem stripped at both ends must keep four letters: و+زار+ه is not «زار»;
            # one given the article keeps three besides it: ف+رق+ها is not «الرق» (slavery)
            if stem == token:
                letters, shortest = len(stem), 3
            elif stem.startswith("ال"):
                letters, shortest = len(stem) - 2, 3
            else:
                letters, shortest = len(stem), 4
            for suffix in _AR_SCRIPT_SUFFIXES:
                if stem.endswith(suffix) and letters - len(suffix) >= shortest:
                    mark = NOMINAL_MARK if suffix in NOMINAL_ENDINGS else ""
                    stems.add(stem[: -len(suffix)] + mark)
        out |= stems
        out |= {VERB_MARK + verb for verb in _verb_forms(token)}
    elif _CYRILLIC.match(token):
        out.add(ru_stem(token))
    elif token.isascii() or token[0].isalpha():
        if "'" in token:
            head, _, _tail = token.partition("'")
            out.add(head)  # Turkish: İran'ın, English: Iran's
            elided = _FR_ELISION.sub("", token)
            if elided != token:
                out.add(elided)
        for suffix in _EN_SUFFIXES:
            if token.endswith(suffix) and len(token) - len(suffix) >= 3:
                out.add(token[: -len(suffix)])
    return tuple(out)


def _verb_forms(token: str) -> set[str]:
    """The verbs an Arabic-script token may be, clitics stripped. A stem of three letters
    takes «و» alone («فيصل» is a name, not «ف» + «يصل»); a stem stripped at both ends
    keeps four letters."""
    verbs = {token}
    for prefix in _AR_VERB_PREFIXES:
        if token.startswith(prefix):
            stem = token[len(prefix) :]
            if len(stem) >= 4 or (len(stem) == 3 and prefix == "و"):
                verbs.add(stem)
    for stem in list(verbs):
        shortest = 3 if stem == token else 4
        for suffix in _AR_VERB_SUFFIXES:
            bare = stem[: -len(suffix)]
            if stem.endswith(suffix) and len(bare) >= shortest:
                verbs.add(bare)
    return verbs


def term_variants(term: str) -> Iterator[tuple[str, ...]]:
    """The token sequences a written lexicon term stands for. A term written with a leading
    hyphen is an ending, matched at the end of a word (Turkish «-acak»: imzalanacak)."""
    folded = fold_letters(term)
    if folded.startswith(SUFFIX_MARK):
        yield (folded,)
        return
    variants = {folded}
    if ZWNJ in folded:
        variants.add(folded.replace(ZWNJ, ""))
        variants.add(folded.replace(ZWNJ, " "))
    for variant in list(variants):
        tokens = token_strings(variant)
        if len(tokens) > 1 and ARABIC_SCRIPT.search(variant):
            variants.add("".join(tokens))  # Persian drops spaces: موادمخدر
    for variant in variants:
        tokens = token_strings(variant)
        if not tokens:
            continue
        yield tuple(tokens)
        if any(_CYRILLIC.match(t) for t in tokens):
            yield tuple(ru_stem(t) for t in tokens)


# how a lexicon term that is an ending starts, and its key in the trie: no token has one
SUFFIX_MARK = "-"
_SHORTEST_STEM = 2


def _endings(root: Node) -> tuple[str, ...]:
    """The endings among the terms (keys of the trie that start with SUFFIX_MARK)."""
    return tuple(key for key in root if key.startswith(SUFFIX_MARK))


# a match: first token, last token (inclusive), the payloads of the terms found there
RawMatch = tuple[int, int, Payloads]


# A trie node is a plain dict from token to child node; the payloads of the terms that end
# at a node sit under a key no token can be. Plain dicts pickle and unpickle fast, which is
# what the lexicon cache relies on.
_PAYLOADS = "\x00"
_MEMO_SIZE = 500_000
Node = dict[str, Any]
# a token's forms, the payloads of the terms it is alone, the nodes where longer ones go
# on, and the tokens that may follow there
_Start = tuple[tuple[str, ...], Payloads, list[Node], frozenset[str]]
# where most tokens go on, and what may follow them there: nowhere, nothing; shared by
# their memo entries (a run memoises hundreds of thousands of tokens), never changed
_NOWHERE: list[Node] = []
_NOTHING: frozenset[str] = frozenset()


def _freeze(node: Node) -> None:
    """Payload dicts become sorted tuples once built, so a match hands them on as they are."""
    stack = [node]
    while stack:
        current = stack.pop()
        for key, value in current.items():
            if key == _PAYLOADS:
                current[key] = tuple(sorted(value.items()))
            else:
                stack.append(value)


def nominal_variants(tokens: tuple[str, ...]) -> Iterator[tuple[str, ...]]:
    """A term's tokens as a text word with a nominal ending finds them: one or two of its
    Arabic-script words keyed as stems that dropped one (more in one term is not met)."""
    arabic = [i for i, token in enumerate(tokens) if ARABIC_SCRIPT.match(token)]
    for size in (1, 2):
        for chosen in itertools.combinations(arabic, size):
            yield tuple(t + NOMINAL_MARK if i in chosen else t for i, t in enumerate(tokens))


class Matcher:
    """A trie of lexicon terms; immutable once built. The terms of the (concept, language)
    pairs in `bare` do not take the nominal endings (NOMINAL_ENDINGS); the Arabic triggers
    whose first word is in `verbs` take only a verb's clitics (_verb_forms)."""

    def __init__(
        self,
        terms: Iterable[tuple[str, Payload, str]] = (),
        bare: frozenset[tuple[str, str]] = frozenset(),
        verbs: frozenset[str] = frozenset(),
    ) -> None:
        self._root: Node = {}
        self._memo: dict[str, _Start] = {}  # per process: not pickled
        self._endings: tuple[str, ...] = ()
        self.size = 0
        for term, payload, lang in terms:
            takes_endings = (payload[0], lang) not in bare
            for tokens in term_variants(term):
                if payload[0] == "trigger" and lang == "ar" and tokens[0] in verbs:
                    tokens = (VERB_MARK + tokens[0], *tokens[1:])
                if self._add(tokens, payload, lang):
                    self.size += 1
                if takes_endings and not tokens[0].startswith(SUFFIX_MARK):
                    for variant in nominal_variants(tokens):
                        self._add(variant, payload, lang)
        _freeze(self._root)
        self._endings = _endings(self._root)

    def _add(self, tokens: tuple[str, ...], payload: Payload, lang: str) -> bool:
        """Key a term's payload under its tokens; whether it was not there yet."""
        node = self._root
        for token in tokens:
            node = node.setdefault(token, {})
        payloads = node.setdefault(_PAYLOADS, {})
        new = payload not in payloads
        payloads[payload] = payloads.get(payload, frozenset()) | {lang}
        return new

    def __getstate__(self) -> dict[str, Any]:
        return {"_root": self._root, "size": self.size}  # not the per-process memo

    def __setstate__(self, state: dict[str, Any]) -> None:
        self._root, self.size = state["_root"], state["size"]
        self._memo = {}
        self._endings = _endings(self._root)

    def _start(self, token: str) -> _Start:
        """What a token opens: its forms, the payloads of the terms it makes alone, and the
        trie nodes where longer terms go on. Memoised per token: most tokens of a text open
        nothing, and news repeats its words."""
        memo = self._memo
        hit = memo.get(token)
        if hit is None:
            token_forms = (token,) if is_han(token[0]) else forms(token)
            if self._endings and not is_han(token[0]):
                token_forms += tuple(
                    ending
                    for ending in self._endings
                    if token.endswith(ending[1:]) and len(token) - len(ending) + 1 >= _SHORTEST_STEM
                )
            nodes = [c for f in token_forms if (c := self._root.get(f)) is not None]
            going_on = [node for node in nodes if len(node) > (_PAYLOADS in node)]
            if going_on:
                following = frozenset(key for node in going_on for key in node)
                hit = (token_forms, _ending(nodes), going_on, following)
            else:  # most words: the empty ones shared (an empty frozenset is 216 bytes)
                hit = (token_forms, _ending(nodes), _NOWHERE, _NOTHING)
            if len(memo) < _MEMO_SIZE:
                memo[token] = hit
        return hit

    def find(self, tokens: list[str]) -> list[RawMatch]:
        """Every match of every term, as (first token, last token, payloads): the walk below
        in C where it was built (in Python it costs 3 to 4 regex word passes, in C one)."""
        if c_find is not None:
            return c_find(tokens, self._memo, self._start, _PAYLOADS, _ending)
        return self.find_in_python(tokens)

    def find_in_python(self, tokens: list[str]) -> list[RawMatch]:
        """`find` where the C walk was not built: the reference it is held to."""
        found: list[RawMatch] = []
        memo = self._memo
        starts = [memo.get(t) or self._start(t) for t in tokens]
        count = len(tokens)
        for first, (_forms, ending, nodes, following) in enumerate(starts):
            if ending:
                found.append((first, first, ending))
            position = first + 1
            if not nodes or position == count or following.isdisjoint(starts[position][0]):
                continue  # the common case, told by one set operation in C
            while nodes and position < count:
                next_forms = starts[position][0]
                nodes = [c for node in nodes for f in next_forms if (c := node.get(f)) is not None]
                if not nodes:
                    break
                # one node is the common case: its payloads need no merging
                ending = nodes[0].get(_PAYLOADS, ()) if len(nodes) == 1 else _ending(nodes)
                if ending:
                    found.append((first, position, ending))
                position += 1
        return found


def _ending(nodes: list[Node]) -> Payloads:
    """The payloads of the terms that end at these nodes, merged."""
    ending = [p for node in nodes if (p := node.get(_PAYLOADS))]
    if len(ending) <= 1:
        return ending[0] if ending else ()
    payloads: dict[Payload, frozenset[str]] = {}
    for pairs in ending:
        for payload, langs in pairs:
            payloads[payload] = payloads.get(payload, frozenset()) | langs
    return tuple(sorted(payloads.items()))
