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


def _candidate(text: str, lexicon: Lexicon) -> events.Candidate | None:
    doc = run_stages(prepare(Article(text=text, lang="en")), lexicon, lambda s: s is events)
    return events.candidate(doc, lexicon)


@pytest.mark.parametrize(
    ("body", "kept"),
    [("INTERPOL", True), ("UNODC", True), ("the United Nations", False), ("the G20", False)],
)
def test_one_state_and_a_body_are_a_candidate_when_the_body_works_on_security(
    body: str, kept: bool, lexicon: Lexicon
) -> None:
    # a forum (a UN assembly, the G20) beside one state is where it spoke, not its partner
    found = _candidate(_TEXT.format(body=body), lexicon)
    assert (found is not None) == kept, found


_BROAD = (
    "Tanzania and Kenya sign an agreement on {subject}\n\n"
    "NAIROBI, March 4 2024. Kenya and Tanzania signed an agreement on {subject} in Nairobi "
    "on Monday, the ministers of both countries said."
)


@pytest.mark.parametrize(
    ("subject", "kept"),
    [
        ("university technology", False),
        ("the Olympic Games and public order", False),
        ("border security and technology", True),
        ("drug trafficking and police equipment", True),
    ],
)
def test_the_broad_words_of_a_domain_alone_make_no_candidate(
    subject: str, kept: bool, lexicon: Lexicon
) -> None:
    # «technology», a major event, public order or an armed group's name say what field a
    # report is in, not that two states cooperate on security in it
    found = _candidate(_BROAD.format(subject=subject), lexicon)
    assert (found is not None) == kept, found


def test_the_broad_rows_are_rows_of_the_domains(lexicon: Lexicon) -> None:
    # a row renamed in domains.tsv would silently count as specific again
    missing = [row for row in events._BROAD_DOMAINS if lexicon.find("domain", row) is None]
    assert not missing


@pytest.mark.parametrize(
    ("sentence", "kept"),
    [
        ("Kenyan police tracked down a drug trafficking gang from Tanzania in Mombasa.", False),
        (
            "Kenyan police, in coordination with Tanzania's police, tracked down a drug "
            "trafficking gang in Mombasa.",
            True,
        ),
    ],
)
def test_tracking_suspects_down_is_cooperation_only_when_done_together(
    sentence: str, kept: bool, lexicon: Lexicon
) -> None:
    # a state's police track suspects down at home as they arrest them: the foreign gang or
    # its origin is no partner
    text = f"Drug gang caught in Mombasa\n\nMOMBASA, March 4 2024. {sentence}"
    found = _candidate(text, lexicon)
    assert (found is not None) == kept, found


@pytest.mark.parametrize(
    ("subject", "kept"),
    [
        ("cooperation on crime", True),
        ("railway and academic cooperation, and on crime", False),
    ],
)
def test_science_and_transport_weigh_against_security(
    subject: str, kept: bool, lexicon: Lexicon
) -> None:
    # a railway's or a university's memorandum with one security word is an economy report
    text = (
        "Kenya and Tanzania sign a memorandum\n\nNAIROBI, March 4 2024. Kenya and Tanzania "
        f"signed a memorandum of understanding on {subject} in Nairobi on Monday."
    )
    found = _candidate(text, lexicon)
    assert (found is not None) == kept, found
