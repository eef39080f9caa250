"""Treaties named by their title: the parties the title names are the sides, one event
per treaty ratified, one pledge of the state for the treaties put before its parliament
(texts written for these tests, in the style of a parliament's bulletin and of news
agencies)."""

from __future__ import annotations

from datetime import date

import pytest

from accords.lexicon import Lexicon
from accords.model import Article, Extraction
from accords.pipeline import extract

# a session's close: laws, then three treaties with three partners in one sentence
RATIFIED_ZH = (
    "全国人大常委会会议在京闭幕\n会议经表决，通过了新修订的统计法。会议表决通过了全国人大常委会"
    "关于授权国务院在自由贸易港暂时调整适用《中华人民共和国食品安全法》有关规定的决定。会议表决通过了全国人大常委会"
    "关于批准《中华人民共和国和秘鲁共和国引渡条约》的决定、关于批准《中华人民共和国和智利共和国"
    "关于刑事司法协助的条约》的决定、关于批准《中华人民共和国和秘鲁共和国关于移管被判刑人的条约》"
    "的决定。会议还表决通过了其他任免案。"
)
# an agenda: the treaties to be reviewed, listed after the laws, unbracketed
SCHEDULED_ZH = (
    "委员长会议在京举行\n委员长会议建议，常委会会议审议食品安全法修正草案、统计法修正草案；审议"
    "国务院关于提请审议批准中国和秘鲁引渡条约、中国和智利关于刑事司法协助的条约的议案。"
)


def _extract(lexicon: Lexicon, lang: str, text: str) -> Extraction:
    return extract(Article(text=text, doc="t.txt", lang=lang, published=date(2024, 4, 26)), lexicon)


def test_treaties_each_ratified_treaty_is_an_agreement_of_its_titles_parties(
    lexicon: Lexicon,
) -> None:
    result = _extract(lexicon, "zh", RATIFIED_ZH)
    assert result.commitments == []  # the session's other decision promises the parties nothing
    found = result.events
    assert [(e.type, e.mode, e.countries) for e in found] == [
        ("AGREE", "ratify", ["CHN", "PER"]),
        ("AGREE", "ratify", ["CHN", "CHL"]),
        ("AGREE", "ratify", ["CHN", "PER"]),
    ]
    assert [e.treaty for e in found] == [
        ("extradition",),
        ("criminal_legal_assistance",),
        ("sentenced_persons",),
    ]
    assert "the treaty on criminal legal assistance" in found[1].gist


def test_treaties_the_scheduled_treaties_are_one_pledge_to_their_partners(
    lexicon: Lexicon,
) -> None:
    # the government's motion asks its own parliament to ratify: what the report tells is
    # the state's ratification to come, one pledge for the session's treaties
    result = _extract(lexicon, "zh", SCHEDULED_ZH)
    assert not [e for e in result.events if e.type == "AGREE"]
    (found,) = result.commitments
    assert (found.kind, found.by, found.to) == ("pledge", ["CHN"], ["PER", "CHL"])
    assert found.action.endswith("中国和智利关于刑事司法协助的条约")


def test_treaties_titles_without_parties_listed_first_leave_the_rest_governed(
    lexicon: Lexicon,
) -> None:
    # a convention of many states opens the list: the bilateral treaties after it are
    # put before the session all the same
    text = (
        "委员长会议在京举行\n委员长会议建议，审议国务院关于提请审议批准《〈联合国公约〉的议定书》、"
        "《中华人民共和国和秘鲁共和国引渡条约》、《中华人民共和国和智利共和国关于刑事司法协助的条约》"
        "的3个议案。"
    )
    found = [(c.kind, c.by, c.to) for c in _extract(lexicon, "zh", text).commitments]
    assert found == [("pledge", ["CHN"], ["PER", "CHL"])]


@pytest.mark.parametrize(
    ("lang", "text", "sides"),
    [
        ("en", "Senate ratifies extradition treaty\nThe Senate of Peru on Tuesday ratified the "
         "extradition treaty between Peru and Chile, the foreign ministry said.", ["PER", "CHL"]),
        ("ar", "البرلمان يصادق على اتفاقية\nصادق مجلس النواب التونسي اليوم الثلاثاء على اتفاقية "
         "تسليم المجرمين بين تونس والجزائر، بحسب بيان للمجلس.", ["TUN", "DZA"]),
        ("fr", "Le Parlement ratifie\nL'Assemblée nationale a ratifié mardi la convention "
         "d'extradition entre la France et le Maroc, a annoncé le ministère.", ["FRA", "MAR"]),
    ],
)  # fmt: skip
def test_treaties_between_x_and_y_names_the_parties(
    lexicon: Lexicon, lang: str, text: str, sides: list[str]
) -> None:
    found = _extract(lexicon, lang, text).events
    assert [(e.type, e.countries, e.treaty) for e in found] == [("AGREE", sides, ("extradition",))]


def test_treaties_a_review_of_the_draft_decision_ratifies_nothing(lexicon: Lexicon) -> None:
    text = (
        "委员长会议举行\n会议听取了外事委员会关于《中华人民共和国和秘鲁共和国引渡条约》审议情况的"
        "汇报，审议了关于批准条约的决定草案代拟稿。"
    )
    # the treaty named is only heard of: no ratification of it (the «批准» of the draft
    # decision governs no title)
    assert not [e for e in _extract(lexicon, "zh", text).events if e.treaty]


def test_treaties_a_trade_agreement_between_two_states_is_no_justice_treaty(
    lexicon: Lexicon,
) -> None:
    text = (
        "Parliament ratifies trade deal\nThe parliament of Peru on Tuesday ratified the free "
        "trade agreement between Peru and Chile."
    )
    assert _extract(lexicon, "en", text).events == []


def test_treaties_a_ratified_treaty_has_the_sessions_venue_and_chair(lexicon: Lexicon) -> None:
    # the session sits in Beijing and its chairman presides; who lectures it later takes no
    # part, and «职务» (the post of) after an office is no name
    text = (
        "全国人大常委会会议闭幕\n全国人大常委会会议18日在北京举行。赵乐际委员长主持会议。会议表决"
        "通过了关于批准《中华人民共和国和秘鲁共和国引渡条约》的决定，免去张明的委员会主任职务。"
        "\n会议闭幕后举行专题讲座，研究室主任刘洋作了讲话。\n"
    )
    (event,) = extract(Article(text=text, published=date(2024, 1, 18)), lexicon).events
    assert event.countries == ["CHN", "PER"]
    assert event.location is not None and event.location.name_latn == "Beijing"
    assert [a.name_latn for a in event.actors] == ["Zhao Leji"]


def test_treaties_an_agenda_of_several_subjects_is_one_commitment_to_every_partner(
    lexicon: Lexicon,
) -> None:
    # two extradition treaties and a legal assistance one put before the session: one
    # promise of China, to ratify them all (a reader lists it once)
    text = (
        "委员长会议在京举行\n委员长会议建议，常委会会议审议统计法修正草案；审议国务院关于提请"
        "审议批准中国和秘鲁引渡条约、中国和智利引渡条约、中国和秘鲁关于刑事司法协助的条约的议案。"
    )
    (found,) = _extract(lexicon, "zh", text).commitments
    assert (found.kind, found.by, found.to) == ("pledge", ["CHN"], ["PER", "CHL"])
    assert found.domains == ["fugitives_extradition"]
