"""Domains: which of the 18 subjects each sentence is about, from the domain terms in it.

A term inside a name is not a subject: "Public Security" in "Ministry of Public Security",
«الأمن الداخلي» in «قوى الأمن الداخلي». Bare smuggling gives way to the kind the sentence
names («مقابله با قاچاق ... مواد مخدر» is drug trafficking). A major event named (the
World Cup, the Hajj, pilgrims) is the subject event_security only where its sentence speaks
of security and of no other subject: gambling rings busted during the World Cup are no
security of the event, and border areas opened to pilgrims are border security.
"""

from __future__ import annotations

import bisect

from accords.extract.context import has_cue
from accords.lexicon import Lexicon
from accords.model import DOMAINS, Doc, Mention

REQUIRES = ("by_concept", "by_sentence")
ASSIGNS = ("sentence_domains",)

_NAMES = ("organization", "title")
_SPECIFIC_SMUGGLING = frozenset(
    {"drug_trafficking", "human_trafficking", "migrant_smuggling", "arms_trafficking"}
)
_MAJOR_EVENT = "event_security"
_SECURITY = "security_scope"  # the cue of the words of security (cues.tsv)
_NO_SUBJECT = "no_subject"  # the cue of the words of a domain that name no subject


def run(doc: Doc, lexicon: Lexicon) -> None:
    found: dict[int, list[str]] = {}
    for mention in terms(doc):
        domain = mention.kind
        if domain == _MAJOR_EVENT and not has_cue(doc, _SECURITY, mention.sentence):
            continue
        if domain not in found.setdefault(mention.sentence, []):
            found[mention.sentence].append(domain)
    for domains in found.values():
        if _MAJOR_EVENT in domains and len(domains) > 1:
            domains.remove(_MAJOR_EVENT)  # the event is the setting of the other subject
        if "smuggling" in domains and _SPECIFIC_SMUGGLING & set(domains):
            domains.remove("smuggling")
    doc.sentence_domains = found


def terms(doc: Doc) -> list[Mention]:
    """The domain terms that name a subject: of a known domain, not inside a name, and not
    words that name none (cues.tsv's no_subject: a joint exercise is no training, a
    kidnapping is one crime, not organised crime; they stay words of security)."""
    unsaid = {(m.start, m.end) for m in doc.of("cue") if m.kind == _NO_SUBJECT}
    # a term is inside a name when some name that starts at or before it ends at or after
    # it: the furthest end of the names started so far tells, by bisection
    names = sorted((m.start, m.end) for concept in _NAMES for m in doc.of(concept))
    starts = [start for start, _ in names]
    furthest: list[int] = []
    for _, end in names:
        furthest.append(max(end, furthest[-1]) if furthest else end)
    out: list[Mention] = []
    for mention in doc.of("domain"):
        before = bisect.bisect_right(starts, mention.start)
        if before and furthest[before - 1] >= mention.end:
            continue
        if (mention.start, mention.end) in unsaid:
            continue
        if mention.kind in DOMAINS:
            out.append(mention)
    return out


def of_sentences(doc: Doc, sentences: list[int] | set[int]) -> list[str]:
    """The domains of some sentences, in the fixed order of DOMAINS."""
    present = {d for s in sentences for d in doc.sentence_domains.get(s, ())}
    return [d for d in DOMAINS if d in present]
