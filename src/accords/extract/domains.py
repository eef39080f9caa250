"""Domains: which of the 18 subjects each sentence is about, from the domain terms in it."""

from __future__ import annotations

from accords.lexicon import Lexicon
from accords.model import DOMAINS, Doc

REQUIRES = ("mentions",)
ASSIGNS = ("sentence_domains",)


def run(doc: Doc, lexicon: Lexicon) -> None:
    found: dict[int, list[str]] = {}
    for mention in doc.of("domain"):
        domain = lexicon.entry("domain", mention.entry).get("domain")
        if domain in DOMAINS and domain not in found.setdefault(mention.sentence, []):
            found[mention.sentence].append(domain)
    doc.sentence_domains = found


def of_sentences(doc: Doc, sentences: list[int] | set[int]) -> list[str]:
    """The domains of some sentences, in the fixed order of DOMAINS."""
    present = {d for s in sentences for d in doc.sentence_domains.get(s, ())}
    return [d for d in DOMAINS if d in present]
