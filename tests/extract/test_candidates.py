"""The candidates the rules make for the relevance model to weigh."""

from __future__ import annotations

import pytest

from accords.extract import events
from accords.lexicon import Lexicon
from accords.model import Article
from accords.pipeline import prepare, run_stages

_TEXT = (
    "Kenya and {body} discuss drug trafficking\n\n"
    "NAIROBI, March 4 2024. Kenya's interior minister met officials of {body} in Nairobi on "
    "Monday and discussed cooperation against drug trafficking and terrorism."
)


@pytest.mark.parametrize(
    ("body", "kept"),
    [("INTERPOL", True), ("UNODC", True), ("the United Nations", False), ("the G20", False)],
)
def test_one_state_and_a_body_are_a_candidate_when_the_body_works_on_security(
    body: str, kept: bool, lexicon: Lexicon
) -> None:
    # a forum (a UN assembly, the G20) beside one state is where it spoke, not its partner
    text = _TEXT.format(body=body)
    doc = run_stages(prepare(Article(text=text, lang="en")), lexicon, lambda s: s is events)
    found = events.candidate(doc, lexicon)
    assert (found is not None) == kept, found
