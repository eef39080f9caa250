from __future__ import annotations

import pytest

from accords import pipeline
from accords.extract import places
from accords.lexicon import Lexicon
from accords.model import Article


def test_pipeline_every_requirement_has_an_earlier_assigner() -> None:
    assigned = set(pipeline.PREPARED)
    for stage in pipeline.STAGES:
        missing = set(stage.REQUIRES) - assigned
        assert not missing, f"{stage.__name__} needs {missing} before any stage assigns it"
        assigned |= {name.split(".")[0] for name in stage.ASSIGNS}


def test_pipeline_headline_and_site_junk_are_not_body(lexicon: Lexicon) -> None:
    text = (
        "Ministers meet in Ankara\n"
        "The interior ministers of Turkey and Azerbaijan met in Ankara on Monday.\n"
        "They discussed border security.\n"
        "Related: five things to know about the weather\n"
        "Subscribe to our newsletter\n"
    )
    doc = pipeline.prepare(Article(text=text))
    pipeline.run_stages(doc, lexicon, until=lambda stage: stage is places)
    assert doc.title_sentences == 1
    body = [
        doc.original(doc.sentences[i].start, doc.sentences[i].end)
        for i in range(doc.title_sentences, doc.body_end)
    ]
    assert body == [
        "The interior ministers of Turkey and Azerbaijan met in Ankara on Monday.",
        "They discussed border security.",
    ]


def test_pipeline_end_mark_closes_the_article(lexicon: Lexicon) -> None:
    text = "عنوان الخبر هنا للتجربة\nالتقى الوزيران في عمان.\nانتهى ** 1234\nتعليقك\n"
    doc = pipeline.prepare(Article(text=text))
    pipeline.run_stages(doc, lexicon, until=lambda stage: stage is places)
    last = doc.sentences[doc.body_end - 1]
    assert doc.original(last.start, last.end) == "التقى الوزيران في عمان."


def test_pipeline_evidence_points_into_the_original_text(lexicon: Lexicon) -> None:
    text = (
        "Iran and Russia sign police pact\n"
        "Iranian police chief Ahmadreza Radan met Russian Interior Minister Vladimir "
        "Kolokoltsev in Moscow on Tuesday and signed a memorandum on drug trafficking.\n"
    )
    result = pipeline.extract(Article(text=text, doc="t.txt"), lexicon)
    assert result.events
    for event in result.events:
        for evidence in event.evidence:
            assert "Radan" in text[evidence.start : evidence.end]


def test_pipeline_a_text_over_the_longest_is_cut_and_says_so(lexicon: Lexicon) -> None:
    article = (
        "Iran and Russia sign police pact\n"
        "Iranian police chief Ahmadreza Radan met Russian Interior Minister Vladimir "
        "Kolokoltsev in Moscow on Tuesday and signed a memorandum on drug trafficking.\n"
    )
    # spaces cost next to nothing to read; what follows them is past the limit
    text = article + " " * pipeline.LONGEST_TEXT + "\nThe delegation then flew on to Beijing.\n"
    result = pipeline.extract(Article(text=text, doc="long.txt"), lexicon)
    assert len(result.notes) == 1 and "\n" not in result.notes[0]
    assert f"of {len(text):,} characters" in result.notes[0]
    assert result.to_dict()["notes"] == result.notes
    assert result.events  # what was read is read as before
    assert "Beijing" not in {place.name for place in result.places}
    assert all(e.end <= pipeline.LONGEST_TEXT for event in result.events for e in event.evidence)


def test_pipeline_an_article_has_no_notes(lexicon: Lexicon) -> None:
    result = pipeline.extract(Article(text="Iran and Oman police chiefs met in Muscat."), lexicon)
    assert result.notes == []
    assert "notes" not in result.to_dict()  # the output of an ordinary article is unchanged


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("First paragraph. Still it.\nSecond one. More of it here", "First paragraph. Still it."),
        ("The first sentence is here. Another one that runs on", "The first sentence is here."),
        ("words without any stop that run on and on", "words without any stop that run on and"),
        ("x" * 60, "x" * 40),
    ],
)
def test_pipeline_cut_at_a_paragraph_else_a_sentence_else_a_word(text: str, kept: str) -> None:
    assert text[: pipeline.cut(text, longest=40)] == kept


def test_pipeline_cut_leaves_a_text_within_the_longest_whole() -> None:
    assert pipeline.cut("short text.", longest=40) == len("short text.")
