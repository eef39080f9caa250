"""Commitments: who commits, and the clause that says what is promised, in short texts
written for these tests (English, Persian, Arabic, Turkish)."""

from __future__ import annotations

from datetime import date

import pytest

from accords.extract import commitments
from accords.lexicon import Lexicon
from accords.link.followup import read_action
from accords.model import Article, Commitment
from accords.pipeline import extract, read

MEETING = {
    "en": "Iran and Iraq discuss border security\nBAGHDAD, 3 March 2025 - Iranian Interior "
    "Minister Eskandar Momeni met Iraqi Interior Minister Abdul Amir al-Shammari in Baghdad "
    "on Monday to discuss border security and drug smuggling.\n",
    "fa": "دیدار وزیران کشور ایران و عراق\nبغداد، ۱۳ اسفند ۱۴۰۳ — اسکندر مومنی وزیر کشور ایران "
    "روز دوشنبه در بغداد با عبدالامیر الشمری وزیر کشور عراق درباره امنیت مرزها و قاچاق مواد "
    "مخدر گفت‌وگو کرد.\n",
    "ar": "وزيرا داخلية العراق وإيران يبحثان أمن الحدود\nبغداد، 3 آذار 2025 - بحث وزير "
    "الداخلية العراقي عبد الأمير الشمري مع نظيره الإيراني إسكندر مؤمني في بغداد يوم الاثنين "
    "أمن الحدود ومكافحة تهريب المخدرات.\n",
}


def _commitments(lexicon: Lexicon, lang: str, text: str) -> list[Commitment]:
    article = Article(text=text, doc="t.txt", lang=lang, published=date(2025, 3, 3))
    return extract(article, lexicon).commitments


@pytest.mark.parametrize(
    ("lang", "said"),
    [
        ("en", "Momeni said the two sides agreed to form a joint committee on border security."),
        ("fa", "مومنی گفت دو طرف توافق کردند کمیته مشترک امنیت مرزها را تشکیل دهند."),
        ("ar", "وقال الشمري إن الجانبين اتفقا على تشكيل لجنة مشتركة لأمن الحدود."),
    ],
)
def test_commitments_the_two_sides_agreed_is_a_pledge_of_both(
    lexicon: Lexicon, lang: str, said: str
) -> None:
    # the minister speaks, but what he reports is a pledge of both sides
    found = _commitments(lexicon, lang, MEETING[lang] + said)
    assert [(c.kind, sorted(c.by), c.to) for c in found] == [("pledge", ["IRN", "IRQ"], [])]


@pytest.mark.parametrize(
    ("lang", "said"),
    [
        ("en", "Momeni said Iraq pledged to Iran to hand over the wanted drug smugglers."),
        (
            "ar",
            "وقال مؤمني إن التعاون يتطور.\nوتعهد العراق لإيران بتسليم المطلوبين من مهربي المخدرات.",
        ),
    ],
)
def test_commitments_one_side_pledged_to_the_other_is_that_sides(
    lexicon: Lexicon, lang: str, said: str
) -> None:
    # Iran's minister speaks; the pledge is Iraq's, made to Iran (in Arabic the subject
    # follows the verb: «تعهد العراق لإيران»)
    found = _commitments(lexicon, lang, MEETING[lang] + said)
    assert [(c.by, c.to) for c in found] == [(["IRQ"], ["IRN"])]


def test_commitments_one_promise_said_twice_in_an_article_is_one(lexicon: Lexicon) -> None:
    text = MEETING["en"] + (
        "Iran and Iraq will sign a security memorandum on drug smuggling on Tuesday.\n"
        "Momeni said Iran will sign the security memorandum on drug smuggling on Tuesday."
    )
    found = _commitments(lexicon, "en", text)
    assert [(c.kind, sorted(c.by)) for c in found] == [("pledge", ["IRN", "IRQ"])]


def test_commitments_a_promise_restated_in_other_words_is_one(lexicon: Lexicon) -> None:
    # the same side's pledge on the same subject, said again in other words further on: the
    # gold lists it once; its subjects and evidence are those of both sentences
    text = MEETING["en"] + (
        "Iraq will share intelligence on drug smuggling networks with Iran.\n"
        "Shammari said Baghdad will pass information on drug traffickers to the Iranian police."
    )
    found = _commitments(lexicon, "en", text)
    assert [(c.kind, c.by, len(c.evidence)) for c in found] == [("pledge", ["IRQ"], 2)]


def test_commitments_two_steps_of_one_side_stay_two(lexicon: Lexicon) -> None:
    # a memorandum to sign and officers to train are two promises, each kept by its own event
    text = MEETING["en"] + (
        "Iraq will sign a memorandum on drug smuggling with Iran next month.\n"
        "Shammari said Iraq will train Iranian officers on drug smuggling at its police academy."
    )
    found = _commitments(lexicon, "en", text)
    assert [(c.by, read_action(c)[0]) for c in found] == [
        (["IRQ"], frozenset({"sign"})),
        (["IRQ"], frozenset({"training"})),
    ]


@pytest.mark.parametrize(
    ("lang", "text", "by", "step", "words"),
    [
        (
            "fa",
            MEETING["fa"] + "رادان گفت پلیس ایران برای افسران پلیس عراق دوره‌های آموزشی مبارزه "
            "با مواد مخدر برگزار خواهد کرد.",
            ["IRN"],
            "training",
            "دوره‌های آموزشی",
        ),
        (
            "tr",
            "Türkiye ile Azerbaycan arasında emniyet işbirliği protokolü imzalanacak\nANKARA, 8 "
            "Mart 2024 — İçişleri Bakanı Ali Yerlikaya, Ankara'da Azerbaycan İçişleri Bakanı "
            "Vilayet Eyvazov ile görüştü.\nGörüşmede uyuşturucu kaçakçılığı ve terörle "
            "mücadelede işbirliği ele alındı.\nBakanlıktan yapılan açıklamaya göre iki ülke "
            "arasında yarın emniyet işbirliği protokolü imzalanacak.",
            ["AZE", "TUR"],
            "sign",
            "protokolü imzalanacak",
        ),
    ],
)
def test_commitments_a_verb_final_clause_promises_what_comes_before_its_marker(
    lexicon: Lexicon, lang: str, text: str, by: list[str], step: str, words: str
) -> None:
    # «… دوره‌های آموزشی … برگزار خواهد کرد»: the object and the verb precede «خواهد»
    found = _commitments(lexicon, lang, text)
    assert [sorted(c.by) for c in found] == [by]
    assert words in found[0].action
    assert read_action(found[0])[0] == {step}


def test_commitments_the_action_ends_with_its_clause(lexicon: Lexicon) -> None:
    text = MEETING["en"] + (
        "The two ministers will sign a memorandum on border security on Tuesday, the Iraqi "
        "ministry said after the visit."
    )
    (found,) = _commitments(lexicon, "en", text)
    assert found.action == "will sign a memorandum on border security on Tuesday"
    assert sorted(found.by) == ["IRN", "IRQ"]


def test_commitments_the_step_a_bare_will_has_for_subject(lexicon: Lexicon) -> None:
    # «the signing will take place in Khartoum during a visit»: a signing, not a visit;
    # and what the memorandum provides for is no signing
    text = MEETING["ar"] + (
        "وأوضح البيان أن المذكرة تنص على تبادل المعلومات بشأن شبكات تهريب المخدرات.\n"
        "وأشار البيان إلى أن التوقيع سيجري في بغداد خلال زيارة مرتقبة للوزير الإيراني."
    )
    found = _commitments(lexicon, "ar", text)
    assert [read_action(c)[0] for c in found] == [{"operation"}, {"sign"}]


@pytest.mark.parametrize(
    ("lang", "text", "by", "to", "step"),
    [
        (
            "en",
            "Britain pledges patrol boats to Kenya\nNAIROBI, 3 March 2025 - Britain pledged on "
            "Monday to hand over four patrol boats to the Kenya Coast Guard Service to fight "
            "drug smuggling off the Kenyan coast.\n",
            ["GBR"],
            ["KEN"],
            "handover",
        ),
        (
            "ar",
            "مصر والسودان توقعان مذكرة أمنية\nالقاهرة، 3 آذار 2025 - أعلنت وزارة الداخلية "
            "المصرية أن مصر والسودان ستوقعان الأسبوع المقبل مذكرة تفاهم لمكافحة تهريب "
            "المخدرات عبر الحدود.\n",
            ["EGY", "SDN"],
            [],
            "sign",
        ),
    ],
)
def test_commitments_a_report_of_a_planned_step_alone_has_its_commitment(
    lexicon: Lexicon, lang: str, text: str, by: list[str], to: list[str], step: str
) -> None:
    # nothing has happened yet, so no event (a planned signing is a commitment); the
    # sides of the step are read all the same, and the promise stands on them
    article = Article(text=text, doc="t.txt", lang=lang, published=date(2025, 3, 3))
    result = extract(article, lexicon)
    assert not result.events
    assert [(sorted(c.by), c.to) for c in result.commitments] == [(by, to)]
    assert step in read_action(result.commitments[0])[0]


def test_commitments_a_planned_step_on_no_security_subject_has_none(lexicon: Lexicon) -> None:
    text = (
        "Britain and Kenya to sign trade deal\nNAIROBI, 3 March 2025 - Britain and Kenya will "
        "sign an agreement on tea exports next week.\n"
    )
    article = Article(text=text, doc="t.txt", lang="en", published=date(2025, 3, 3))
    assert not extract(article, lexicon).commitments


def test_commitments_what_the_sides_agreed_is_the_step_their_verb_takes(
    lexicon: Lexicon,
) -> None:
    # «اتفق … خلال مباحثات … على تشكيل لجنة … لضبط الحدود»: the committee is what was
    # agreed, not the border words after it, nor the talks it was agreed at
    text = MEETING["ar"] + (
        "واتفق الوزيران خلال مباحثات أجرياها في بغداد على تشكيل لجنة أمنية مشتركة تتولى "
        "ضبط الحدود ومكافحة تهريب المخدرات."
    )
    found = [c for c in _commitments(lexicon, "ar", text) if "لجنة" in c.action]
    assert [read_action(c)[0] for c in found] == [{"body"}]


def test_commitments_a_future_verb_makes_the_signing_a_plan_not_an_event(
    lexicon: Lexicon,
) -> None:
    # «وسيتوج اللقاء بالتوقيع على اتفاقية»: the meeting will be crowned with a signing
    text = MEETING["ar"] + "وسيتوج اللقاء بالتوقيع على اتفاقية للتعاون الأمني ومكافحة المخدرات."
    article = Article(text=text, doc="t.txt", lang="ar", published=date(2025, 3, 3))
    result = extract(article, lexicon)
    assert "AGREE" not in {str(e.type) for e in result.events}
    assert any("sign" in read_action(c)[0] for c in result.commitments)


@pytest.mark.parametrize(
    ("lang", "text", "by", "step"),
    [
        (
            "fa",
            MEETING["fa"] + "در این دیدار مقرر شد که عراق دو قاچاقچی محکوم ایرانی را که در "
            "شهر بصره بازداشت شده‌اند و در زندان این شهر هستند تا دو ماه دیگر به ایران "
            "تحویل دهد.",
            ["IRQ"],
            "handover",
        ),
        (
            "fr",
            "La France et le Sénégal renforcent leur coopération sécuritaire\nDAKAR, 3 mars "
            "2025 - L'ambassadrice de France Christine Fages a rencontré le ministre sénégalais "
            "de l'Intérieur à Dakar pour discuter de la lutte contre le terrorisme.\nLa France "
            "formera 200 gendarmes sénégalais à la lutte contre le trafic de drogue, a annoncé "
            "l'ambassade.\n",
            ["FRA"],
            "training",
        ),
    ],
)
def test_commitments_the_step_is_read_from_the_promised_verb(
    lexicon: Lexicon, lang: str, text: str, by: list[str], step: str
) -> None:
    # a Persian «that» clause ends on its verb however long its object, and has its own
    # subject (Iraq, not the Iranian who speaks); «formera» is the French «will train»
    found = [c for c in _commitments(lexicon, lang, text) if step in read_action(c)[0]]
    assert [sorted(c.by) for c in found] == [by]


def test_commitments_working_together_alone_is_a_wish_not_a_step(lexicon: Lexicon) -> None:
    """SCHEMA.md: a general wish is no commitment. Cooperation alone («in close coordination
    with») names no step; a subject («against drug smuggling») does."""
    said = MEETING["en"] + "Momeni said Iran was ready to act in close coordination with Iraq.\n"
    assert _commitments(lexicon, "en", said) == []
    subject = MEETING["en"] + "Momeni said Iran will cooperate with Iraq against drug smuggling.\n"
    assert [c.kind for c in _commitments(lexicon, "en", subject)] == ["pledge"]


def test_commitments_a_visit_at_an_invitation_is_no_request(lexicon: Lexicon) -> None:
    # «应伊拉克内政部邀请» (at the invitation of Iraq's ministry) is the occasion of the
    # visit; what the sentence plans is China's visit, a pledge, and Iraq asks nothing
    text = (
        "王小洪会见伊拉克内政部长\n新华社北京4月14日电 国务委员、公安部部长王小洪14日在北京"
        "会见伊拉克内政部长沙马里，双方就打击毒品犯罪和边境安全合作交换意见。"
        "应伊拉克内政部邀请，中国公安部代表团将访问巴格达。\n"
    )
    found = _commitments(lexicon, "zh", text)
    assert [(c.kind, c.by) for c in found] == [("pledge", ["CHN"])]


@pytest.mark.parametrize(
    ("lang", "said"),
    [
        ("en", "Momeni asked Iraq to crack down on drug smuggling networks."),
        ("fa", "مومنی خواستار مقابله جدی عراق با شبکه‌های قاچاق مواد مخدر شد."),
        ("ar", "ودعا مؤمني العراق إلى التصدي لشبكات تهريب المخدرات."),
    ],
)
def test_commitments_a_request_names_its_step_by_its_subject(
    lexicon: Lexicon, lang: str, said: str
) -> None:
    # what is asked is named by its subject (drug smuggling); a request need not name a
    # committee or an MoU to be specific
    found = _commitments(lexicon, lang, MEETING[lang] + "\n" + said)
    assert [(c.kind, c.by) for c in found] == [("request", ["IRN"])]


def test_commitments_asking_for_a_joint_step_is_a_proposal(lexicon: Lexicon) -> None:
    said = MEETING["en"] + "The Iraqi side called for joint patrols against drug smuggling.\n"
    assert [(c.kind, c.by) for c in _commitments(lexicon, "en", said)] == [("proposal", ["IRQ"])]


@pytest.mark.parametrize(
    ("said", "kinds"),
    [
        # a hope that names no field of cooperation is a wish (SCHEMA.md)
        ("Momeni expressed the hope that the visit would help the two governments.", []),
        # one that names them proposes them
        (
            "Momeni expressed the hope that the two sides would strengthen cooperation against "
            "drug smuggling.",
            ["pledge"],
        ),
    ],
)
def test_commitments_a_hope_is_a_wish_unless_it_names_the_fields(
    lexicon: Lexicon, said: str, kinds: list[str]
) -> None:
    found = _commitments(lexicon, "en", MEETING["en"] + said + "\n")
    assert [c.kind for c in found] == kinds


def test_commitments_seeking_to_do_is_no_request(lexicon: Lexicon) -> None:
    said = MEETING["en"] + "Momeni said the gang sought to smuggle drugs from Iraq to Iran.\n"
    assert _commitments(lexicon, "en", said) == []


def test_commitments_an_agreement_told_twice_is_one_pledge(lexicon: Lexicon) -> None:
    # the lead and a later sentence tell one signing: what it provides for is one pledge
    text = MEETING["en"] + (
        "Iran and Iraq signed a memorandum on maritime security cooperation on Monday.\n"
        "The memorandum was signed in Baghdad by the two ministers to enhance border security.\n"
    )
    found = _commitments(lexicon, "en", text)
    assert [(c.kind, sorted(c.by), c.domains) for c in found] == [
        ("pledge", ["IRN", "IRQ"], ["maritime_security", "border_security"])
    ]


@pytest.mark.parametrize(
    ("text", "by", "domain"),
    [
        # the treaty a plan rests on, named in the background, makes it no treaty report:
        # the plan has no event, and its pledge is still its own
        (
            "Turkmenistan to extradite 30 Iranian prisoners\nTEHRAN, 3 March 2025 - "
            "Turkmenistan will extradite 30 Iranian prisoners to Iran next month, the Iranian "
            "embassy in Ashgabat said.\nThe prisoners are serving long sentences in Ashgabat.\n"
            "No date has been set yet.\nThe transfer rests on the extradition treaty between "
            "Iran and Turkmenistan of 2015.\n",
            ["TKM"],
            "fugitives_extradition",
        ),
        # a planned drill whose lead names the states in a list: all of them plan it
        (
            "Russia, Iran and China to hold naval drill\nTEHRAN, 3 March 2025 - Russia, Iran "
            "and China will hold joint naval exercises against piracy in the Indian Ocean next "
            "month, the Russian navy said on Tuesday.\nAn official delegation will take part in "
            "a planning conference in Chabahar.\n",
            ["CHN", "IRN", "RUS"],
            "maritime_security",
        ),
    ],
)
def test_commitments_a_plan_alone_is_a_commitment_of_its_planners(
    lexicon: Lexicon, text: str, by: list[str], domain: str
) -> None:
    article = Article(text=text, doc="t.txt", lang="en", published=date(2025, 3, 3))
    result = extract(article, lexicon)
    assert not result.events
    pledges = [c for c in result.commitments if domain in c.domains]
    assert [sorted(c.by) for c in pledges] == [by]


def test_commitments_parties_listed_with_commas_commit_together(lexicon: Lexicon) -> None:
    text = (
        "Iran, Iraq to sign security pact\nTEHRAN, 3 March 2025 - Iran, Iraq and Syria will "
        "sign a memorandum on border security and drug trafficking next week, the Iranian "
        "interior ministry said.\n"
    )
    assert [sorted(c.by) for c in _commitments(lexicon, "en", text)] == [["IRN", "IRQ", "SYR"]]


@pytest.mark.parametrize(
    ("said", "asked"),
    [
        # a call paid on the minister: no request
        ("Momeni called on Iraqi Prime Minister Mohammed Shia al-Sudani on Tuesday and briefed "
         "him on the talks.", False),
        # the same words with an infinitive ask something
        ("Momeni called on the Iraqi government to extradite the smugglers held in Basra.", True),
    ],
)  # fmt: skip
def test_commitments_called_on_is_a_request_only_with_an_infinitive(
    lexicon: Lexicon, said: str, asked: bool
) -> None:
    found = _commitments(lexicon, "en", MEETING["en"] + said)
    assert any(c.kind == "request" for c in found) is asked


def test_commitments_an_action_plan_signed_is_no_plan(lexicon: Lexicon) -> None:
    # «计划» is a plan made (a noun) as often as «plans to»: only followed by its time or
    # place («计划于», «计划在») does it say that something will be done
    text = (
        "王小洪会见伊拉克内政部长\n新华社北京4月14日电 国务委员、公安部部长王小洪14日在北京"
        "会见伊拉克内政部长沙马里。沙马里表示，两国禁毒合作行动计划对两国关系具有重要意义。\n"
    )
    assert [c.action for c in _commitments(lexicon, "zh", text)] == []


def test_commitments_chinese_jiang_before_a_name_marks_the_object(lexicon: Lexicon) -> None:
    # «将伊拉克移交的嫌疑人押解回国»: the suspects handed over by Iraq were escorted home
    # (done), «将» marking the object as «把» does; no «will»
    text = (
        "王小洪会见伊拉克内政部长\n新华社北京4月14日电 国务委员、公安部部长王小洪14日在北京"
        "会见伊拉克内政部长沙马里。工作组已将伊拉克移交我方的12名贩毒犯罪嫌疑人押解回国。\n"
    )
    assert [c.action for c in _commitments(lexicon, "zh", text)] == []


@pytest.mark.parametrize(
    ("said", "asked"),
    [
        ("Momeni called for closer cooperation in the fight against drug smuggling.", False),
        ("Momeni called on Iraq to crack down on drug smuggling networks.", True),
        # the two sides' own cooperation asked to grow: their joint work on it
        ("Momeni called for closer cooperation of the two countries against drug smuggling.", True),
        ("Momeni called for cooperation against smuggling on both sides of the border.", False),
    ],
)
def test_commitments_asking_for_cooperation_in_a_field_is_no_request(
    lexicon: Lexicon, said: str, asked: bool
) -> None:
    # the field is what the cooperation asked for is on, no step (SCHEMA.md's wish)
    found = _commitments(lexicon, "en", MEETING["en"] + said + "\n")
    assert any(c.kind == "request" for c in found) is asked


def test_commitments_the_scheduled_thing_named_is_no_promise(lexicon: Lexicon) -> None:
    # «القمة المقررة» (the scheduled summit) names a thing by its date; «من المقرر أن»
    # (it is scheduled that) plans
    said = "وأكد الشمري أهمية القمة المقررة في بغداد لمكافحة الإرهاب.\n"
    assert _commitments(lexicon, "ar", MEETING["ar"] + said) == []
    planned = "ومن المقرر أن يوقع الجانبان مذكرة تفاهم لمكافحة الإرهاب.\n"
    assert [c.kind for c in _commitments(lexicon, "ar", MEETING["ar"] + planned)] == ["pledge"]


def test_commitments_the_party_after_asked_of_is_the_one_asked(lexicon: Lexicon) -> None:
    # «طلبت من نظيرتها الإيرانية»: asked of its Iranian counterpart; the asker is before
    said = "وأعلن الشمري أن النيابة العامة العراقية طلبت من نظيرتها الإيرانية تسليم المتهم.\n"
    found = [(c.kind, c.by, c.to) for c in _commitments(lexicon, "ar", MEETING["ar"] + said)]
    assert found == [("request", ["IRQ"], ["IRN"])]


def test_commitments_a_third_state_as_subject_promises_nothing(lexicon: Lexicon) -> None:
    # Afghanistan, no side, is what the clause is about: no promise of Iran or Iraq
    said = "Momeni said Afghanistan will feature high in his talks on border security.\n"
    assert _commitments(lexicon, "en", MEETING["en"] + said) == []
    said = "Momeni said Iraq will hand over the smugglers to Iran next week.\n"
    assert [c.by for c in _commitments(lexicon, "en", MEETING["en"] + said)] == [["IRQ"]]
    # the third state in an apposition of a side's envoy: the envoy's promise
    said = "Al-Shammari, the Iraqi envoy for Syria, will sign a border security memorandum.\n"
    assert [c.by for c in _commitments(lexicon, "en", MEETING["en"] + said)] == [["IRQ"]]


def test_commitments_a_plans_occasion_told_again_is_one_pledge(lexicon: Lexicon) -> None:
    # the visit to train officers against drug smuggling, then the meetings of that visit
    said = (
        "Momeni will visit Baghdad next month to train Iraqi officers against drug smuggling.\n"
        "During the visit, Momeni is expected to meet the Iraqi president.\n"
    )
    found = _commitments(lexicon, "en", MEETING["en"] + said)
    assert [(c.kind, c.by, len(c.evidence)) for c in found] == [("pledge", ["IRN"], 2)]


def test_commitments_a_person_of_a_side_who_is_not_the_events_speaks_for_their_side(
    lexicon: Lexicon,
) -> None:
    # the event's persons are only those who take part: Hadad, read as no participant
    # here, is still the one who acts in his sentence, so the pledge that follows naming
    # no one is Iraq's, not that of Momeni, named after him
    text = MEETING["en"] + (
        "Last year Iraqi Justice Minister Karim Hadad gave Momeni a list of wanted drug "
        "smugglers.\nThe wanted drug smugglers will be handed over at the border next week."
    )
    article = Article(text=text, doc="t.txt", lang="en", published=date(2025, 3, 3))
    doc, _ = read(article, lexicon, until=lambda stage: stage is commitments)
    for event in doc.events:
        event.actors = [a for a in event.actors if a.name != "Karim Hadad"]
    commitments.run(doc, lexicon)
    assert [(c.by, c.to) for c in doc.commitments] == [(["IRQ"], ["IRN"])]
