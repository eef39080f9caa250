from __future__ import annotations

import itertools
from datetime import date

import pytest

from accords.lexicon import Lexicon, load
from accords.link.followup import EventRef, FollowUp, Status, follow_up, read_action
from accords.link.stories import assign_stories
from accords.model import Article, CommitmentKind, Event, EventType, Extraction
from accords.pipeline import extract
from tests.followup_texts import PAIRS, SIDES, Report
from tests.link.builders import TEHRAN, commitment, event, extraction

OFFER = CommitmentKind.OFFER


def meeting() -> Event:
    """Iran and Iraq meet in Baghdad, 3 March 2025 (a new one each time: linking sets its
    story)."""
    return event()


@pytest.fixture(scope="module")
def lexicon() -> Lexicon:
    return load()


def _read(lexicon: Lexicon, text: str, published: date, doc: str) -> Extraction:
    return extract(Article(text=text, doc=doc, lang="en", published=published), lexicon)


def test_followup_pledge_to_sign_kept_by_signing_five_weeks_later(lexicon: Lexicon) -> None:
    pledge = _read(
        lexicon,
        "Iran's police chief Ahmadreza Radan met Iraq's Interior Minister Abdul Amir "
        "al-Shammari in Baghdad on Monday. Radan said Iran and Iraq will sign a memorandum "
        "of understanding on combating drug trafficking.",
        date(2025, 3, 3),
        "pledge.txt",
    )
    signing = _read(
        lexicon,
        "Iran's police chief Ahmadreza Radan and Iraq's Interior Minister Abdul Amir "
        "al-Shammari signed a memorandum of understanding on combating drug trafficking in "
        "Tehran on Monday.",
        date(2025, 4, 7),
        "signing.txt",
    )
    assign_stories([pledge, signing], lexicon)
    found = follow_up(
        [("pledge", date(2025, 3, 3), pledge), ("signing", date(2025, 4, 7), signing)]
    )
    sign = [f for f in found if "sign" in f.steps]
    assert len(sign) == 1
    assert sign[0].status is Status.KEPT
    assert sign[0].kept is not None
    assert (sign[0].kept.event, sign[0].kept.day) == (EventRef("signing", 0), date(2025, 4, 7))


def test_followup_offer_with_nothing_after_for_a_year_is_stale() -> None:
    offer = extraction(
        meeting(),
        commitments=(commitment(OFFER, action="ready to train Iraqi police officers", domains=()),),
    )
    unrelated = extraction(event(countries=("TUR", "GRC"), when="2026-03-10", where=None))
    found = follow_up([("offer", date(2025, 3, 3), offer), ("later", date(2026, 3, 10), unrelated)])
    assert [(f.kind, f.status, f.kept) for f in found] == [(OFFER, Status.STALE, None)]


def test_followup_recent_offer_is_open() -> None:
    offer = extraction(
        meeting(), commitments=(commitment(OFFER, action="ready to train officers"),)
    )
    later = extraction(event(countries=("TUR", "GRC"), when="2025-06-01", where=None))
    found = follow_up([("offer", date(2025, 3, 3), offer), ("later", date(2025, 6, 1), later)])
    assert found[0].status is Status.OPEN


def test_followup_offer_of_training_kept_by_training_not_by_signing() -> None:
    offer = extraction(
        meeting(), commitments=(commitment(OFFER, action="ready to train officers"),)
    )
    signing = extraction(event(EventType.AGREE, when="2025-04-01", where=TEHRAN, mode="sign"))
    training = extraction(
        event(
            EventType.AID,
            when="2025-05-01",
            where=TEHRAN,
            mode="train",
            domains=("drug_trafficking", "training_education"),
        )
    )
    found = follow_up(
        [
            ("offer", date(2025, 3, 3), offer),
            ("signing", date(2025, 4, 1), signing),
            ("training", date(2025, 5, 1), training),
        ]
    )
    assert found[0].status is Status.KEPT
    assert found[0].kept is not None and found[0].kept.event == EventRef("training", 0)


def test_followup_committee_kept_by_its_meeting() -> None:
    proposal = extraction(
        meeting(),
        commitments=(
            commitment(CommitmentKind.PROPOSAL, action="تشکیل کمیته مشترک مبارزه با مواد مخدر"),
        ),
    )
    first_meeting = extraction(event(when="2025-05-20", where=TEHRAN))
    found = follow_up([("p", date(2025, 3, 3), proposal), ("m", date(2025, 5, 20), first_meeting)])
    assert found[0].steps == ("body",)
    assert found[0].kept is not None and found[0].kept.event == EventRef("m", 0)


def test_followup_other_sides_do_not_keep_it() -> None:
    pledge = extraction(meeting(), commitments=(commitment(),))
    elsewhere = extraction(event(EventType.AGREE, ("IRN", "TUR"), when="2025-04-07", mode="sign"))
    found = follow_up([("p", date(2025, 3, 3), pledge), ("e", date(2025, 4, 7), elsewhere)])
    assert found[0].status is Status.OPEN


def test_followup_another_report_of_the_meeting_where_it_was_made_does_not_keep_it() -> None:
    # a promise to meet again, and another outlet's report of the meeting it was made at
    pledge = extraction(
        meeting(), commitments=(commitment(action="will hold talks on drug smuggling"),)
    )
    same = extraction(event(when="2025-03-04"))
    assign_stories([pledge, same])
    assert pledge.events[0].story == same.events[0].story
    found = follow_up([("p", date(2025, 3, 3), pledge), ("s", date(2025, 3, 4), same)])
    assert (found[0].steps, found[0].status) == (("meeting",), Status.OPEN)


def test_followup_the_report_that_made_it_does_not_keep_it() -> None:
    made = extraction(
        meeting(),
        event(EventType.AGREE, when="2025-03-05", mode="sign"),
        commitments=(commitment(),),
    )
    found = follow_up([("p", date(2025, 3, 3), made)])
    assert found[0].status is Status.OPEN


def test_followup_signing_before_the_pledge_does_not_keep_it() -> None:
    earlier = extraction(event(EventType.AGREE, when="2025-01-10", mode="sign"))
    pledge = extraction(meeting(), commitments=(commitment(),))
    found = follow_up([("e", date(2025, 1, 10), earlier), ("p", date(2025, 3, 3), pledge)])
    assert found[0].status is Status.OPEN


def test_followup_repeated_offer_is_one_with_first_and_last_report() -> None:
    def said(action: str) -> Extraction:
        return extraction(meeting(), commitments=(commitment(OFFER, action=action),))

    found = follow_up(
        [
            ("a", date(2025, 3, 3), said("ready to train Iraqi police officers")),
            ("b", date(2025, 3, 4), said("آمادگی برای آموزش پلیس عراق")),
            ("c", date(2025, 3, 20), said("مستعدون لتدريب ضباط الشرطة العراقية")),
            ("d", date(2025, 3, 20), extraction(meeting(), commitments=(commitment(),))),
        ]
    )
    offers = [f for f in found if f.kind is OFFER]
    assert len(found) == 2 and len(offers) == 1
    assert (offers[0].first_report, offers[0].last_report) == ("a", "c")
    assert offers[0].reports == ("a", "b", "c")


def test_followup_same_offer_a_year_later_is_a_new_one() -> None:
    def said(when: str) -> Extraction:
        return extraction(
            event(when=when), commitments=(commitment(OFFER, action="ready to train"),)
        )

    found = follow_up(
        [("a", date(2024, 3, 3), said("2024-03-03")), ("b", date(2025, 3, 3), said("2025-03-03"))]
    )
    assert [f.status for f in found] == [Status.STALE, Status.OPEN]


def test_followup_request_kept_by_the_act_asked_for() -> None:
    request = extraction(
        meeting(),
        commitments=(
            commitment(
                CommitmentKind.REQUEST,
                ("IRQ",),
                ("IRN",),
                action="asked Iran to extradite the wanted smugglers",
                domains=("fugitives_extradition",),
            ),
        ),
    )
    handover = extraction(
        event(
            EventType.COOPERATE,
            when="2025-06-01",
            mode="extradite",
            domains=("fugitives_extradition",),
        )
    )
    found = follow_up([("r", date(2025, 3, 3), request), ("h", date(2025, 6, 1), handover)])
    assert found[0].kept is not None and found[0].kept.event == EventRef("h", 0)


def test_followup_vague_pledge_is_never_kept() -> None:
    vague = extraction(
        meeting(), commitments=(commitment(action="will work together", domains=()),)
    )
    later = extraction(event(EventType.COOPERATE, when="2025-04-01"))
    found = follow_up([("v", date(2025, 3, 3), vague), ("l", date(2025, 4, 1), later)])
    assert found[0].status is Status.OPEN


def test_followup_report_date_from_extraction_when_not_given() -> None:
    offer = extraction(meeting(), commitments=(commitment(OFFER, action="ready to train"),))
    later = extraction(event(countries=("TUR", "GRC"), when=None), published="2026-06-01")
    found = follow_up([("o", None, offer), ("l", None, later)])
    assert found[0].first_day == date(2025, 3, 3)
    assert found[0].status is Status.STALE


def test_followup_to_dict_is_plain_json() -> None:
    found = follow_up([("o", date(2025, 3, 3), extraction(meeting(), commitments=(commitment(),)))])
    row = found[0].to_dict()
    assert row["status"] == "open" and row["kind"] == "pledge" and row["first_day"] == "2025-03-03"


def test_followup_two_promises_on_one_subject_stay_two() -> None:
    both = extraction(
        meeting(),
        commitments=(
            commitment(action="will sign a memorandum of understanding"),
            commitment(action="will train officers"),
        ),
    )
    found = follow_up([("r", date(2025, 3, 3), both)])
    assert [f.steps for f in found] == [("sign",), ("training",)]


def _report(lexicon: Lexicon, report: Report, doc: str) -> tuple[date, Extraction]:
    day = date.fromisoformat(report.published)
    article = Article(text=report.text, doc=doc, lang=report.lang, published=day)
    return day, extract(article, lexicon)


@pytest.mark.parametrize("lang", ["en", "fa", "ar"])
def test_followup_the_signing_the_day_after_will_sign_keeps_it_though_one_story(
    lexicon: Lexicon, lang: str
) -> None:
    made, pledge = _report(lexicon, PAIRS[lang][0], "pledge.txt")
    done, signing = _report(lexicon, PAIRS[lang][1], "signing.txt")
    assign_stories([pledge, signing], lexicon)
    assert {e.story for e in pledge.events + signing.events} == {pledge.events[0].story}
    found = [
        f for f in follow_up([("p", made, pledge), ("s", done, signing)]) if f.reports == ("p",)
    ]
    assert [(f.steps, f.status, set(f.by) | set(f.to)) for f in found] == [
        (("sign",), Status.KEPT, SIDES[lang])
    ]
    assert found[0].kept is not None
    assert (found[0].kept.event.report, found[0].kept.type) == ("s", EventType.AGREE)


def test_followup_kept_by_the_one_event_that_does_it_not_the_talks_beside_it() -> None:
    pledge = extraction(meeting(), commitments=(commitment(),))
    signed = extraction(
        event(when="2025-04-07", where=TEHRAN),
        event(EventType.AGREE, when="2025-04-07", where=TEHRAN, mode="sign"),
    )
    found = follow_up([("p", date(2025, 3, 3), pledge), ("s", date(2025, 4, 7), signed)])
    assert found[0].kept is not None
    assert (found[0].kept.event, found[0].kept.mode) == (EventRef("s", 1), "sign")


def test_followup_kept_wins_over_stale_whatever_the_order_of_the_reports() -> None:
    pledge = extraction(meeting(), commitments=(commitment(),))
    signing = extraction(event(EventType.AGREE, when="2025-03-04", mode="sign"))
    newest = extraction(event(countries=("TUR", "GRC"), when="2027-06-01", where=None))
    assign_stories([pledge, signing, newest])
    assert pledge.events[0].story == signing.events[0].story
    reports = [
        ("p", date(2025, 3, 3), pledge),
        ("s", date(2025, 3, 4), signing),
        ("n", date(2027, 6, 1), newest),
    ]
    for order in itertools.permutations(reports):
        found = follow_up(order)
        assert [(f.status, f.kept and f.kept.event) for f in found] == [
            (Status.KEPT, EventRef("s", 0))
        ]


def test_followup_stale_says_how_many_days_since_it_was_made() -> None:
    offer = extraction(meeting(), commitments=(commitment(OFFER, action="ready to train"),))
    later = extraction(event(countries=("TUR", "GRC"), when="2026-03-10", where=None))
    found = follow_up([("o", date(2025, 3, 3), offer), ("l", date(2026, 3, 10), later)])
    assert (found[0].status, found[0].days_since_made) == (Status.STALE, 372)
    assert found[0].to_dict()["days_since_made"] == 372


def test_followup_a_signing_a_report_announces_for_later_keeps_nothing() -> None:
    # «Iraq and Iran sign an MoU next week»: an event dated after its own report is a plan
    pledge = extraction(meeting(), commitments=(commitment(),))
    announced = extraction(event(EventType.AGREE, when="2025-03-12", mode="sign"))
    found = follow_up([("p", date(2025, 3, 3), pledge), ("a", date(2025, 3, 5), announced)])
    assert found[0].status is Status.OPEN


def test_followup_what_the_signed_mou_provides_is_no_repeat_of_the_promise_to_sign() -> None:
    # the signing report also states what the MoU provides for, on the same subject: a
    # promise of its own, so that the report keeps the promise to sign
    pledge = extraction(meeting(), commitments=(commitment(),))
    provides = commitment(by=("IRN", "IRQ"), to=(), action="combating drug trafficking")
    signed = extraction(
        event(EventType.AGREE, when="2025-03-20", mode="sign"), commitments=(provides,)
    )
    found = follow_up([("p", date(2025, 3, 3), pledge), ("s", date(2025, 3, 20), signed)])
    assert [(f.reports, f.status) for f in found] == [(("p",), Status.KEPT), (("s",), Status.OPEN)]


@pytest.mark.parametrize(
    ("action", "domains"),
    [
        ("sign a security cooperation protocol", ("training_education",)),
        ("امضای تفاهم‌نامه همکاری در زمینه آموزش پلیس", ("training_education",)),
        ("توقيع مذكرة تفاهم في مجال تدريب الشرطة خلال الدورة المقبلة", ("training_education",)),
    ],
)
def test_followup_the_step_is_what_the_clause_promises(
    action: str, domains: tuple[str, ...]
) -> None:
    # a document named leads: "an MoU on training" is a signing, not a course, whatever
    # the sentence's domains
    steps, _ = read_action(commitment(action=action, domains=domains))
    assert steps == {"sign"}


def test_followup_a_handover_is_kept_by_a_handover_not_by_a_joint_raid() -> None:
    handover = commitment(action="will hand over the wanted smugglers", domains=())
    pledge = extraction(meeting(), commitments=(handover,))
    raid = extraction(event(EventType.COOPERATE, when="2025-04-01", mode="operation"))
    extradited = extraction(event(EventType.COOPERATE, when="2025-05-01", mode="extradite"))
    found = follow_up(
        [("p", date(2025, 3, 3), pledge), ("r", date(2025, 4, 1), raid),
         ("e", date(2025, 5, 1), extradited)]
    )  # fmt: skip
    assert found[0].steps == ("handover",)
    assert found[0].kept is not None and found[0].kept.event == EventRef("e", 0)


def test_followup_agreeing_to_meet_is_no_signing() -> None:
    pledge = extraction(meeting(), commitments=(commitment(),))
    agreed = extraction(event(EventType.AGREE, when="2025-04-01", mode="agree"))
    found = follow_up([("p", date(2025, 3, 3), pledge), ("a", date(2025, 4, 1), agreed)])
    assert found[0].status is Status.OPEN


# a parliament's agenda puts two treaties before it, one promise; a later session ratifies
# only the other treaty of one pair (Peru's extradition treaty, while the agenda holds
# Chile's), and then, at the next, the one promised
_AGENDA = (
    "委员长会议在京举行\n委员长会议建议，常委会会议审议统计法修正草案；审议国务院关于提请审议批准"
    "中国和秘鲁关于刑事司法协助的条约、中国和智利引渡条约的议案。"
)
_OTHER_TREATY = (
    "常委会会议闭幕\n会议表决通过了全国人大常委会关于批准《中华人民共和国和秘鲁共和国引渡条约》的"
    "决定。会议还表决通过了其他任免案。"
)
_THE_TREATY = (
    "常委会会议闭幕\n会议表决通过了全国人大常委会关于批准《中华人民共和国和秘鲁共和国关于刑事司法"
    "协助的条约》的决定。会议还表决通过了其他任免案。"
)


def _zh(lexicon: Lexicon, text: str, published: date) -> Extraction:
    return extract(Article(text=text, doc="t.txt", lang="zh", published=published), lexicon)


@pytest.mark.parametrize("reverse", [False, True])
def test_followup_a_treaty_promised_is_kept_by_its_own_ratification_not_the_pairs_other(
    lexicon: Lexicon, reverse: bool
) -> None:
    reports = [
        ("agenda", date(2024, 4, 16), _zh(lexicon, _AGENDA, date(2024, 4, 16))),
        ("other", date(2024, 4, 26), _zh(lexicon, _OTHER_TREATY, date(2024, 4, 26))),
    ]
    ratified = ("treaty", date(2024, 6, 28), _zh(lexicon, _THE_TREATY, date(2024, 6, 28)))
    order = list(reversed(reports)) if reverse else reports

    def peru(found: list[FollowUp]) -> FollowUp:
        (row,) = [f for f in found if "PER" in f.to]
        return row

    assert peru(follow_up(order)).status is Status.OPEN
    kept = peru(follow_up([ratified, *order] if reverse else [*order, ratified]))
    assert kept.status is Status.KEPT
    assert kept.by == ("CHN",)
    assert kept.kept is not None and kept.kept.event.report == "treaty"
