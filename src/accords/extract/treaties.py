"""Treaties named by their title, whose words say who its parties are: "the extradition
treaty between X and Y", «اتفاقية تسليم المجرمين بين X و Y», «договор между X и Y о
выдаче», «《中华人民共和国和X共和国引渡条约》».

A bulletin of a parliament's session lists a dozen laws and three treaties, each with its
partner, and no other word of it says who the partners are: a treaty's title does. A title
is a document word (treaty, agreement, 条约, договор: the `document` cues) and two countries
joined by «and», in one clause with it: after «between» (or before a «between» that follows
them: 之间, arasında, کے درمیان), or, in Chinese, opening the title (中国和X…条约). Its
subjects (treaties.tsv: extradition, legal assistance, the transfer of sentenced persons)
say which treaty of the pair it is, and make it a justice treaty.

A title is governed by the word right before it: a ratification or a signing done
(批准《…》, "ratified the treaty between…") concludes it; a request or a plan
(提请审议批准《…》, "will ratify the treaty between…") promises it. A list of titles
(«…引渡条约、中国和Y引渡条约») is governed as one.

A stage: the titles of every sentence are read once, for the events and the commitments.
"""

from __future__ import annotations

import bisect
import itertools
from collections.abc import Iterable, Iterator

from accords.extract.context import country_of
from accords.lexicon import Lexicon
from accords.model import Doc, Mention, Span, Treaty

REQUIRES = ("by_sentence", "tokens", "sentences", "dateline_start")
ASSIGNS = ("treaties",)

# tokens from a document word to the pair «between» introduces ("the treaty on mutual
# legal assistance in criminal matters between"), and from the pair to a subject after it
# («договор между X и Y о выдаче»)
_REACH = 10
_BEFORE = 3  # tokens of a subject before its document word: "the mutual legal assistance treaty"
# characters from a Chinese pair to its document word: «和哥伦比亚共和国关于移管被判刑人的条约»
_CHINESE_REACH = 24
# tokens between the governing word and the title («提请审议批准《», "ratified the")
_GOVERN = 4
_CHINESE_GOVERN = 6
# tokens between two titles of one list («…条约的议案、中国和Y…»)
_LIST = 4
_CLAUSE_ENDS = frozenset(".;:!?。；：！？؛")
_LIST_MARKS = frozenset(",،，、")
_OPENING = {"《": "》", "«": "»", "〈": "〉"}


def run(doc: Doc, lexicon: Lexicon) -> None:
    for sentence in range(len(doc.sentences)):
        if found := titles(doc, lexicon, sentence):
            doc.treaties[sentence] = found


def titles(doc: Doc, lexicon: Lexicon, sentence: int) -> list[Treaty]:
    """The treaties a sentence names by a title with two parties, in text order."""
    within = doc.within(sentence)
    documents = [m for m in within if m.concept == "cue" and m.kind == "document"]
    if not documents:
        return []
    between = [m for m in within if m.concept == "cue" and m.kind == "between"]
    found: dict[tuple[int, int], Treaty] = {}
    for first, second in _pairs(doc, lexicon, within):
        document = _document(doc, documents, between, first, second)
        if document is None:
            continue
        start = min(document.token, first.token)
        end = max(document.last, second.last)
        # its subject before the document word ("the extradition treaty") or after the
        # pair («договор между X и Y о выдаче»)
        subjects = [
            m
            for m in within
            if m.concept == "treaty"
            and start - _BEFORE <= m.token and m.last <= end + _REACH
            and (start <= m.token or _one_clause(doc, m.last, start))
            and (m.last <= end or _one_clause(doc, end, m.token))
        ]  # fmt: skip
        start = min([start, *(m.token for m in subjects)])
        end = max([end, *(m.last for m in subjects)])
        domains = {lexicon.entry("treaty", m.entry).get("domain") for m in subjects}
        domains |= {m.kind for m in within if m.concept == "domain" and start <= m.token <= end}
        parties = (country_of(lexicon, first), country_of(lexicon, second))
        found.setdefault(
            (start, end),
            Treaty(
                sentence,
                _opened(doc, sentence, start),
                end,
                tuple(p for p in parties if p),
                tuple(dict.fromkeys(m.entry for m in subjects)),
                tuple(sorted(d for d in domains if d)),
            ),
        )
    return sorted(found.values())


def governed(doc: Doc, heads: Iterable[Mention]) -> Iterator[tuple[Mention, Treaty]]:
    """The titles each head governs: the title right after it in its clause, and the
    titles listed after that one."""
    for head in heads:
        if naming(doc, head):
            continue  # «议定书», a protocol, is no agreeing: the name of a document
        reach = _CHINESE_GOVERN if doc.lang == "zh" else _GOVERN
        last = head.last
        for treaty in doc.treaties.get(head.sentence, ()):
            if treaty.first <= head.last:
                continue
            gap = treaty.first - last - 1
            if last == head.last:
                listed = _after_titles(doc, last, treaty.first, reach)
                if not listed and (gap > reach or not _one_clause(doc, last, treaty.first)):
                    break
            elif gap > _LIST or not _listed(doc, last, treaty.first):
                break
            yield head, treaty
            last = treaty.last


def _after_titles(doc: Doc, last: int, first: int, reach: int) -> bool:
    """Whether the title at token `first` ends a list of titles the word at `last`
    governs, whose first ones name no two parties: «批准《〈联合国海洋法公约〉下…协定》、
    《中华人民共和国和X共和国…条约》» ratifies the treaty with X too. The list opens
    within `reach` tokens of the word, and only list marks stand between its titles."""
    gap = doc.text[doc.tokens[last].end : doc.tokens[first].start]
    opening = gap.find("《")
    if opening < 0 or gap.count("《") < 2:
        return False
    head = doc.tokens[last].end + opening
    if bisect.bisect_left(doc.tokens, head, key=_start) - last - 1 > reach:
        return False
    depth = 0
    for char in gap[opening:-1]:  # the last «《» opens the title itself
        if char in _OPENING:
            depth += 1
        elif char in _OPENING.values():
            depth -= 1
        elif depth == 0 and char not in _LIST_MARKS and not char.isspace():
            return False
    return depth == 0 and gap.endswith("《")


def _start(span: Span) -> int:
    return span.start


def naming(doc: Doc, mention: Mention) -> bool:
    """Whether a mention is within a document's name (a trigger or a marker read in
    «议定书», a protocol, or «协议», an agreement)."""
    return any(
        m.concept == "cue" and m.kind == "document" and m.token <= mention.token <= m.last
        for m in doc.within(mention.sentence)
    )


def _pairs(doc: Doc, lexicon: Lexicon, within: list[Mention]) -> Iterator[tuple[Mention, Mention]]:
    """Two countries joined by «and» and nothing else: «中华人民共和国和毛里求斯共和国»,
    "Iran and Iraq", «تونس والجزائر» (Arabic writes «and» on the second name)."""
    countries: dict[int, Mention] = {}
    for m in within:
        if m.start != doc.dateline_start and country_of(lexicon, m) and m.token not in countries:
            countries[m.token] = m
    ands = {m.token for m in within if m.concept == "cue" and m.kind == "and"}
    small = _function_words(within)
    ordered = sorted(countries.values(), key=lambda m: m.token)
    for first, second in itertools.pairwise(ordered):
        if country_of(lexicon, first) == country_of(lexicon, second):
            continue
        between = set(range(first.last + 1, second.token))
        # «la France et le Maroc»: articles beside the «and»
        joined = (bool(between & ands) and between <= ands | small and len(between) <= 3) or (
            not between and doc.lang == "ar" and doc.text[second.start] == "و"
        )
        if joined and _one_clause(doc, first.last, second.token):
            yield first, second


def _document(
    doc: Doc, documents: list[Mention], between: list[Mention], first: Mention, second: Mention
) -> Mention | None:
    """The document word whose title the pair is in, if any."""
    small = _function_words(doc.within(first.sentence))
    opening = [b for b in between if set(range(b.last + 1, first.token)) <= small]
    if any(b.last < first.token for b in opening):
        # "the treaty … between X and Y": the nearest document word before «between»
        before = [d for d in documents if d.last < first.token - 1]
        near = max(before, key=lambda d: d.last, default=None)
        if near and first.token - near.last <= _REACH and _one_clause(doc, near.last, first.token):
            return near
        return None
    after = [d for d in documents if d.token > second.last]
    near = min(after, key=lambda d: d.token, default=None)
    if near is None or not _one_clause(doc, second.last, near.token):
        return None
    if any(b.token == second.last + 1 for b in between):
        # «X ile Y arasında … anlaşması», «X اور Y کے درمیان معاہدہ»
        return near if near.token - second.last <= _REACH else None
    if doc.lang == "zh" and doc.tokens[near.token].start - doc.tokens[second.last].end <= (
        _CHINESE_REACH
    ):
        return near  # «中国和X…条约»: the pair opens the title
    return None


def _function_words(within: list[Mention]) -> set[int]:
    return {
        token
        for m in within
        if m.concept == "cue" and m.kind == "function"
        for token in range(m.token, m.last + 1)
    }


def _one_clause(doc: Doc, last: int, first: int) -> bool:
    """No end of a clause between token `last` and token `first` (a list's comma
    included): within one title."""
    gap = doc.text[doc.tokens[last].end : doc.tokens[first].start]
    return not any(c in _CLAUSE_ENDS or c in _LIST_MARKS for c in gap)


def _listed(doc: Doc, last: int, first: int) -> bool:
    """The next title of a list: a list mark between, and no end of a clause."""
    gap = doc.text[doc.tokens[last].end : doc.tokens[first].start]
    listed = any(c in _LIST_MARKS for c in gap) or "》《" in gap  # «《A》《B》»
    return listed and not any(c in _CLAUSE_ENDS for c in gap)


def _opened(doc: Doc, sentence: int, first: int) -> int:
    """The title's first token: where the quotation marks open that hold it
    («批准《关于修改…〈中华人民共和国和…条约〉的议定书》» names the treaty it amends)."""
    start = doc.sentences[sentence].start
    before = doc.text[start : doc.tokens[first].start]
    depth, opened = 0, None
    for index in range(len(before) - 1, -1, -1):
        char = before[index]
        if char in _OPENING.values():
            depth += 1
        elif char in _OPENING:
            if depth == 0:
                opened = start + index
            else:
                depth -= 1
    if opened is None:
        return first
    token = first
    while token > 0 and doc.tokens[token - 1].start > opened:
        token -= 1
    return token
