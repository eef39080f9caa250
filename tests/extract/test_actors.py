from __future__ import annotations

import pytest

from accords.extract import domains
from accords.lexicon import Lexicon
from accords.model import Article
from accords.pipeline import extract, prepare, run_stages


def _people(text: str, lexicon: Lexicon) -> dict[str, str | None]:
    result = extract(Article(text=text), lexicon)
    return {a.name_latn: a.country for e in result.events for a in e.actors}


def test_actors_name_after_title_with_country_and_role(lexicon: Lexicon) -> None:
    text = (
        "Ministers meet\nTajik Interior Minister Ramazon Rahimzoda met Iranian police "
        "chief Ahmadreza Radan in Dushanbe to discuss drug trafficking.\n"
    )
    result = extract(Article(text=text), lexicon)
    actors = {a.name_latn: a for a in result.events[0].actors}
    assert actors["Ramazon Rahimzoda"].country == "TJK"
    assert actors["Ramazon Rahimzoda"].role == "minister of interior"
    assert actors["Ahmadreza Radan"].country == "IRN"


def test_actors_arabic_name_known_by_its_given_name(lexicon: Lexicon) -> None:
    text = (
        "لقاء أمني\nالتقى وزير الداخلية الأردني مازن الفراية نظيره العراقي في عمان لبحث "
        "مكافحة المخدرات.\nوقال الفراية إن التعاون مستمر.\n"
    )
    people = _people(text, lexicon)
    assert any("Faraya" in name for name in people)
    assert all(country in ("JOR", "IRQ") for country in people.values())


def test_actors_words_after_a_title_that_are_no_name(lexicon: Lexicon) -> None:
    # «رئیس پلیس ارمنستان در تهران» has no name after the title: no actor is made up
    text = (
        "دیدار پلیس\nسردار احمدرضا رادان با رئیس پلیس ارمنستان در تهران دیدار و درباره "
        "مبارزه با قاچاق مواد مخدر گفتگو کرد.\n"
    )
    people = _people(text, lexicon)
    assert list(people.values()) == ["IRN"]


def test_actors_one_person_across_spellings(lexicon: Lexicon) -> None:
    text = (
        "Iran and China\nChinese Minister of Public Security Wang Xiaohong met Iranian "
        "police chief Ahmadreza Radan in Beijing on drug trafficking. Radan said the two "
        "sides would sign an agreement. Wang welcomed him.\n"
    )
    people = _people(text, lexicon)
    assert sorted(people) == ["Ahmadreza Radan", "Wang Xiaohong"]


def _found(text: str, lang: str, lexicon: Lexicon) -> dict[str, str | None]:
    """Every person the actors stage finds (taking part or not), by name, with its country."""
    doc = run_stages(prepare(Article(text=text, lang=lang)), lexicon, lambda s: s is domains)
    return {a.name: a.country for a in doc.actors}


@pytest.mark.parametrize(
    ("text", "lang", "name", "country"),
    [
        # a name set off by commas after its title
        (
            "The Australian Home Affairs Minister, Peter Dutton, said the talks went well.",
            "en",
            "Peter Dutton",
            "AUS",
        ),
        ("قال وزير الداخلية الأسترالي، بيتر دوتون، إن المحادثات نجحت.", "ar", "بيتر دوتون", "AUS"),
        # a counterpart is named with the country it serves
        (
            "Iranian Foreign Minister Mohammad Javad Zarif met his Pakistani counterpart "
            "Shah Mehmood Qureshi.",
            "en",
            "Shah Mehmood Qureshi",
            "PAK",
        ),
        # a counterpart's title after a name ends it
        (
            "التقى وزير الخارجية الأمريكي مايك بومبيو نظيره التركي في واشنطن.",
            "ar",
            "مايك بومبيو",
            "USA",
        ),
        # small words inside a Latin name
        (
            "The UAE coastguard commander Brigadier General Mohammad Ali Mosleh al-Ahbabi spoke.",
            "en",
            "Mohammad Ali Mosleh al-Ahbabi",
            "ARE",
        ),
        # words between two titles are part of the chain, not a name
        (
            "Pakistani Chief of Army Staff General Qamar Javed Bajwa received him.",
            "en",
            "Qamar Javed Bajwa",
            "PAK",
        ),
        # «و» (and) written on the next word ends the name
        (
            "استقبل الرئيس الأمريكي دونالد ترامب وضيوفه في البيت الأبيض.",
            "ar",
            "دونالد ترامب",
            "USA",
        ),
        # a Turkish case ending after the apostrophe is no part of the name
        (
            "Dışişleri Bakanı Ahmet Demirkaya'nın ziyareti sürüyor.",
            "tr",
            "Ahmet Demirkaya",
            None,
        ),
        # Urdu: the country before «کے» and the title
        ("مصر کے صدر عبدالفتاح السیسی بھارت کے دورے پر ہیں۔", "ur", "عبدالفتاح السیسی", "EGY"),
        # Chinese: the name ends before a function character; 驻 names the posting
        ("中央纪委书记李希在北京会见了客人。", "zh", "李希", None),
        ("阿拉吉在巴格达会见了伊朗驻伊拉克武官卡里普尔。", "zh", "卡里普尔", "IRN"),
    ],
)
def test_actors_name_and_country_after_a_title(
    text: str, lang: str, name: str, country: str | None, lexicon: Lexicon
) -> None:
    found = _found(text, lang, lexicon)
    assert name in found, found
    assert found[name] == country


def test_actors_known_surname_inside_another_name_is_not_that_person(lexicon: Lexicon) -> None:
    # Khan, Shah and Ahmed are surnames of officials in the gazetteer
    text = (
        "Pakistani Prime Minister Imran Khan received Shah Mehmood Qureshi and Interior Minister "
        "Ijaz Ahmed Shah."
    )
    doc = run_stages(prepare(Article(text=text, lang="en")), lexicon, lambda s: s is domains)
    assert {a.name: a.name_latn for a in doc.actors} == {
        "Imran Khan": "Imran Khan",
        "Ijaz Ahmed Shah": "Ijaz Ahmed Shah",
    }


def test_participants_a_person_of_no_stated_country_is_of_the_side_without_one(
    lexicon: Lexicon,
) -> None:
    text = (
        "Iran and Pakistan police meet\nInterior Minister Hamid Sarvestani met his Pakistani "
        "counterpart Shahid Mehmood in Tehran to discuss drug trafficking. Iran and Pakistan "
        "agreed to cooperate on border security.\n"
    )
    assert _people(text, lexicon) == {"Hamid Sarvestani": "IRN", "Shahid Mehmood": "PAK"}


def test_actors_latin_form_of_a_known_given_name(lexicon: Lexicon) -> None:
    # «رضا» letter by letter is "Rza"; the given-name list writes it Reza
    doc = run_stages(
        prepare(Article(text="سردار رضا تبریزی با رئیس پلیس عراق دیدار کرد.", lang="fa")),
        lexicon,
        lambda s: s is domains,
    )
    assert [a.name_latn.split()[0] for a in doc.actors] == ["Reza"]


def test_actors_a_word_of_the_day_after_a_second_title_is_no_name(lexicon: Lexicon) -> None:
    # «سردار X فرمانده مرزبانی فراجا روز سه‌شنبه»: the name is X, and «روز» (day) is none
    text = (
        "دیدار مرزبانی ایران و عمان\n"
        "سردار رضا تبریزی فرمانده مرزبانی فراجا روز سه‌شنبه در تهران با سفیر عمان دیدار و "
        "درباره مبارزه با قاچاق مواد مخدر گفتگو کرد.\n"
    )
    result = extract(Article(text=text, lang="fa"), lexicon)
    (person,) = result.events[0].actors
    assert (person.name, person.name_latn) == ("رضا تبریزی", "Reza Tbrizi")
    assert person.role == "head of border guard"  # the office the text gives, not the rank


def test_actors_and_written_on_a_given_name_is_no_part_of_it(lexicon: Lexicon) -> None:
    text = (
        "دیدار وزیران کشور ایران و عمان\n"
        "وزیر کشور عمان وکامران فراهانی وزیر کشور ایران روز دوشنبه در مسقط دیدار و "
        "درباره مبارزه با قاچاق مواد مخدر گفتگو کردند.\n"
    )
    result = extract(Article(text=text, lang="fa"), lexicon)
    names = {a.name: a.name_latn for e in result.events for a in e.actors}
    assert "کامران فراهانی" in names and names["کامران فراهانی"].startswith("Kamran")
    assert not any(name.startswith("وکامران") for name in names)


def test_actors_two_ranks_joined_by_and_are_two_people(lexicon: Lexicon) -> None:
    text = (
        "نشست مرزی ایران و عمان\n"
        "سردار عبدالمجید رضایی فرمانده مرزبانی و سردار وحید مجیدی رئیس پلیس در مسقط با "
        "مقامات عمانی درباره مبارزه با قاچاق مواد مخدر دیدار و گفتگو کردند.\n"
    )
    result = extract(Article(text=text, lang="fa"), lexicon)
    people = {a.name: a for e in result.events for a in e.actors}
    assert set(people) == {"عبدالمجید رضایی", "وحید مجیدی"}
    # another given name opens the name: not the known person who shares the surname
    assert people["عبدالمجید رضایی"].id is None
    assert people["عبدالمجید رضایی"].name_latn.startswith("Abdulmajid")


def test_actors_a_chinese_title_after_its_name_is_followed_by_no_name(
    lexicon: Lexicon,
) -> None:
    # «国家主席习近平» names him; «习近平总书记坚强领导下» puts the title after the name, and
    # the four characters after it (strong leadership) are no person
    text = (
        "中越两国公安部长会谈\n新华社河内4月14日电 国务委员、公安部部长王小洪14日在河内同越南"
        "公安部部长梁强举行会谈，双方就打击跨境犯罪和执法合作交换意见。国家主席习近平表示支持。"
        "梁强表示，在习近平总书记坚强领导下，中国取得伟大成就。\n"
    )
    people = _people(text, lexicon)
    assert sorted(people) == ["Liang Qiang", "Wang Xiaohong", "Xi Jin Ping"]


def test_actors_a_bodys_name_after_a_title_is_no_person(lexicon: Lexicon) -> None:
    # "commander of the Russian Navy", "head of the Iraqi Supreme Judicial Council": the
    # capitalised words after the title name a body; after "Chief of Staff" comes the name
    text = (
        "Iran and Russia discuss naval cooperation\nTEHRAN, 3 March 2025 - Iranian Navy "
        "Commander Admiral Shahram Irani met Admiral Alexander Moiseyev, commander of the "
        "Russian Navy, and Hassan Karimi, head of the Iraqi Supreme Judicial Council, to "
        "discuss maritime security and terrorism in the presence of Armed Forces Chief of "
        "Staff Mohammad Bagheri.\n"
    )
    doc = run_stages(prepare(Article(text=text)), lexicon, until=lambda stage: False)
    # Hassan Karimi is named by the comma-set chain after him (a person, not the body)
    assert [a.name for a in doc.actors] == [
        "Shahram Irani",
        "Alexander Moiseyev",
        "Mohammad Bagheri",
        "Hassan Karimi",
    ]


@pytest.mark.parametrize(
    ("text", "name", "country"),
    [
        # the words of a body's name between the country and the title are the chain's
        (
            "Iranian Navy Commander Rear Admiral Karim Tavakoli spoke in Muscat.",
            "Karim Tavakoli",
            "IRN",
        ),
        # a name set off by a comma before its title chain
        (
            "Talks were held by Rasoul Ganjavi, the commander of the Iranian border guards, "
            "in Kabul.",
            "Rasoul Ganjavi",
            "IRN",
        ),
        (
            "The meeting was between Davud Sarvari, Iranian armed forces deputy chief of staff, "
            "and his hosts.",
            "Davud Sarvari",
            "IRN",
        ),
    ],
)
def test_actors_country_from_a_chain_of_body_words(
    text: str, name: str, country: str, lexicon: Lexicon
) -> None:
    found = _found(text, "en", lexicon)
    assert found.get(name) == country, found


def test_actors_words_of_a_body_are_no_name(lexicon: Lexicon) -> None:
    # "deputy chief of the Russian General Staff": «Staff» is no person after «General»
    text = "He met the deputy chief of the Russian General Staff, Colonel Pavel Orlov, on Monday."
    assert list(_found(text, "en", lexicon)) == ["Pavel Orlov"]


def test_actors_no_appositive_across_a_sentence_end(lexicon: Lexicon) -> None:
    text = "He met Minister Karim Saberi. Iranian Ambassador Reza Nouri attended."
    assert _found(text, "en", lexicon)["Karim Saberi"] is None


@pytest.mark.parametrize(
    ("text", "name"),
    [
        # an unknown name after an office, closed by a comma, a colon or another title
        ("قال وزير الخارجية الأرجنتيني ماركوس تيلادو، إن المحادثات نجحت.", "ماركوس تيلادو"),
        ("وقال وزير الأمن ريكاردو مونتيرو: إن العمل المشترك مستمر.", "ريكاردو مونتيرو"),
    ],
)
def test_actors_arabic_unknown_name_after_an_office(text: str, name: str, lexicon: Lexicon) -> None:
    assert name in _found(text, "ar", lexicon)


@pytest.mark.parametrize(
    "text",
    [
        # the words after an office that open with the article, or that the clause does
        # not close, are no name
        "قال وزير الداخلية السابق لمجلس النواب، إن المحادثات نجحت.",
        "وكان وزير الخارجية المصري قد قال لا توجد نية لعقد لقاء.",
        "وقال الأمين العام لحزب النور الليبي إن المحادثات نجحت.",
    ],
)
def test_actors_arabic_words_after_an_office_that_are_no_name(text: str, lexicon: Lexicon) -> None:
    assert _found(text, "ar", lexicon) == {}


def test_participants_an_official_of_an_international_body_has_no_country(
    lexicon: Lexicon,
) -> None:
    text = (
        "Europol and Spain\nEuropol Executive Director Marta Lindqvist met Spanish Interior "
        "Minister Carlos Ortega in Madrid to discuss drug trafficking. Spain and Europol "
        "agreed to cooperate on organised crime.\n"
    )
    people = _people(text, lexicon)
    assert people.get("Marta Lindqvist", "missing") is None, people


def test_participants_an_officer_of_no_stated_country_is_of_the_dateline(
    lexicon: Lexicon,
) -> None:
    text = (
        "Iran and Oman navies\nTEHRAN – Rear Admiral Karim Tavakoli met Omani Interior "
        "Minister Hamad al-Busaidi on Monday to discuss maritime security and smuggling. "
        "Iran and Oman agreed to hold a joint drill against piracy.\n"
    )
    assert _people(text, lexicon).get("Karim Tavakoli") == "IRN"


def test_actors_retired_inside_a_title_chain(lexicon: Lexicon) -> None:
    text = "He met Pakistani National Security Adviser retired General Tariq Baloch in Tehran."
    assert _found(text, "en", lexicon) == {"Tariq Baloch": "PAK"}


def test_actors_a_former_office_makes_no_actor(lexicon: Lexicon) -> None:
    text = "قال سليم الحداد، الأمين العام السابق لجامعة الدول العربية، إن التعاون مهم."
    assert _found(text, "ar", lexicon) == {}


def test_actors_arabic_name_set_off_by_a_comma_before_its_office(lexicon: Lexicon) -> None:
    text = "وقال محمد بن سالم الكعبي، وزير الداخلية الإماراتي، إن التعاون مستمر."
    assert _found(text, "ar", lexicon).get("محمد بن سالم الكعبي") == "ARE"


def test_actors_a_foreign_name_in_han_script_keeps_its_parts(lexicon: Lexicon) -> None:
    # «·» and «-» join the parts of a foreign name, each up to four characters; «时»
    # (when) after the name is the sentence's
    text = (
        "中古执法合作会谈\n新华社哈瓦那4月14日电 国务委员、公安部部长王小洪14日在哈瓦那会见古巴"
        "国家主席迪亚斯-卡内尔时表示，双方就打击跨境犯罪和执法合作交换意见。联合国毒品和犯罪问题"
        "办公室执行主任加达·瓦利出席。\n"
    )
    result = extract(Article(text=text), lexicon)
    people = {a.name: a.country for e in result.events for a in e.actors}
    assert people == {"王小洪": "CHN", "迪亚斯-卡内尔": "CUB", "加达·瓦利": None}


def test_actors_the_country_an_ambassador_is_posted_to_is_not_theirs(lexicon: Lexicon) -> None:
    # "to Norway" is where they serve: part of the chain, and not their country
    text = (
        "Chilean Ambassador to Norway Pablo Herrera and Deputy Chilean Ambassador to Norway "
        "Ana Soto met police officials in Oslo."
    )
    assert _found(text, "en", lexicon) == {"Pablo Herrera": "CHL", "Ana Soto": "CHL"}


def test_actors_a_capital_in_a_title_cased_headline_is_no_name(lexicon: Lexicon) -> None:
    # in a headline every word is capitalised: "Praises" after a title is no name, while
    # a name the text writes again is one
    text = (
        "Danish Minister Praises Dutch Police Cooperation\n"
        "Danish Minister Lars Holm Meets Dutch Envoy\n"
        "Holm said the two countries would share data on drug trafficking."
    )
    assert _found(text, "en", lexicon) == {"Lars Holm": "DNK"}


def test_actors_a_rank_after_an_office_and_a_comma_is_the_office_holders(
    lexicon: Lexicon,
) -> None:
    text = "He met the chief of the Turkish General Staff, Admiral Kemal Aydin, in Ankara."
    assert _found(text, "en", lexicon) == {"Kemal Aydin": "TUR"}


def test_actors_a_coastguard_commander_is_of_the_country_before_it(lexicon: Lexicon) -> None:
    text = "The Omani Coastguard Commander Colonel Salim Harthy met Iranian officers."
    assert _found(text, "en", lexicon) == {"Salim Harthy": "OMN"}


def test_participants_an_arabic_official_of_no_stated_country_is_of_the_lead_country(
    lexicon: Lexicon,
) -> None:
    # Arabic is written by the outlets of many countries: the official the report names
    # with no country is of the country its lead names first
    text = (
        "تعاون أمني لمكافحة التهريب\n"
        "وقعت مصر والسودان اليوم في القاهرة مذكرة تفاهم لمكافحة تهريب المخدرات عبر الحدود.\n"
        "وقال وزير الداخلية خالد منصور إن المذكرة تنص على تبادل المعلومات بين البلدين.\n"
    )
    assert _people(text, lexicon) == {"Khalid Mnsur": "EGY"}


def test_actors_a_country_after_a_plain_to_is_the_officials(lexicon: Lexicon) -> None:
    text = "He sent a letter to Chilean Interior Minister Pablo Herrera on Monday."
    assert _found(text, "en", lexicon) == {"Pablo Herrera": "CHL"}


def test_actors_a_country_alone_before_a_comma_and_a_rank_is_where(lexicon: Lexicon) -> None:
    text = "The joint patrols will continue in Yemen, Colonel Omar Saleh told reporters."
    assert _found(text, "en", lexicon) == {"Omar Saleh": None}


def test_participants_an_official_of_no_stated_country_is_of_the_one_named_before(
    lexicon: Lexicon,
) -> None:
    # the country opens the list of officials; the titles name none
    text = (
        "Iran and Iraq discuss border security\nTEHRAN – An Iranian police delegation held "
        "talks with several Iraqi security officials including Border Guard Commander Salim "
        "Haddad and Police Chief Karim Nouri on border security and the fight against drug "
        "trafficking.\n"
    )
    people = _people(text, lexicon)
    assert people.get("Salim Haddad") == "IRQ"
    assert people.get("Karim Nouri") == "IRQ"


def test_participants_an_official_the_lead_opens_on_is_of_the_dateline(
    lexicon: Lexicon,
) -> None:
    # Tehran's outlets name their own officials with no nationality
    text = (
        "Iran and Oman to boost maritime security\nTEHRAN – Defense Minister Reza Tavakoli "
        "met his Omani counterpart in Tehran on Monday to discuss maritime security and "
        "joint patrols against smuggling.\n"
    )
    assert _people(text, lexicon).get("Reza Tavakoli") == "IRN"


@pytest.mark.parametrize(
    ("text", "name", "country"),
    [
        # «علي» after «بن» is the name's, not the preposition «على»
        (
            "قال أحمد بن علي الزيدي، الأمين العام لمجلس وزراء الداخلية العرب، إن التعاون "
            "الأمني مستمر.",
            "أحمد بن علي الزيدي",
            None,
        ),
        # a name set off by a comma closes on another's title with a preposition on it,
        # whose country is not the name's
        (
            "التقى وزير الخارجية، سامي الفرجاني برئيس حكومة الوفاق الليبية في تونس.",
            "سامي الفرجاني",
            None,
        ),
    ],
)
def test_actors_arabic_names_closed_by_clitics(
    text: str, name: str, country: str | None, lexicon: Lexicon
) -> None:
    found = _found(text, "ar", lexicon)
    assert name in found
    assert found[name] == country


@pytest.mark.parametrize(
    ("text", "name", "country"),
    [
        # the appositive names the post where the official serves
        (
            "TEHRAN – Kamran Rezaei, the Iranian ambassador to Moscow, met Russian officials.",
            "Kamran Rezaei",
            "IRN",
        ),
        # the office's standing ("acting") is no end of the appositive
        (
            "He met Jamal Noorzai, the acting defense minister of Afghanistan, in Kabul.",
            "Jamal Noorzai",
            "AFG",
        ),
    ],
)
def test_actors_names_before_appositives(
    text: str, name: str, country: str, lexicon: Lexicon
) -> None:
    assert _found(text, "en", lexicon).get(name) == country


def test_actors_a_different_given_name_is_a_different_known_person(lexicon: Lexicon) -> None:
    # the gazetteer knows Saif bin Zayed Al Nahyan; Khalid bin Zayed Al Nahyan is not him
    doc = run_stages(
        prepare(
            Article(
                text="UAE Foreign Minister Khalid bin Zayed Al Nahyan met Iranian officials.",
                lang="en",
            )
        ),
        lexicon,
        lambda s: s is domains,
    )
    assert [a.name_latn for a in doc.actors] == ["Khalid bin Zayed Al Nahyan"]


def test_actors_a_known_surname_that_opens_another_name_is_that_name(lexicon: Lexicon) -> None:
    # "Wang" after "Wang Yi" is Wang Yi, not the gazetteer's Wang Xiaohong
    doc = run_stages(
        prepare(
            Article(
                text="Iran's foreign minister met his Chinese counterpart, Foreign Minister "
                "Wang Yi, in Beijing. Wang said the talks were useful.",
                lang="en",
            )
        ),
        lexicon,
        lambda s: s is domains,
    )
    assert "Wang Xiaohong" not in {a.name_latn for a in doc.actors}


def test_actors_particles_are_no_words_of_a_names_count(lexicon: Lexicon) -> None:
    text = "استقبل الشيخ سالم بن راشد آل حمدان الوفد الأمني في الدوحة."
    assert "سالم بن راشد آل حمدان" in _found(text, "ar", lexicon)


@pytest.mark.parametrize(
    "text",
    [
        "The ambassador praised the efforts of the Minister of Finance towards closer ties.",
        "Prime Minister and Island Games Minister, Peter Tuala witnessed the handover.",
    ],
)
def test_actors_words_after_an_offices_connector_are_its_field(text: str, lexicon: Lexicon) -> None:
    assert not {"Finance", "Island Games"} & set(_found(text, "en", lexicon))


def test_actors_a_name_that_opens_a_longer_one_is_that_person(lexicon: Lexicon) -> None:
    text = (
        "Chinese President Xi Jinping met the visiting delegation in Beijing. President Xi "
        "said security cooperation would grow."
    )
    assert list(_found(text, "en", lexicon)) == ["Xi Jinping"]


def test_actors_an_arabic_rank_runs_through_staff(lexicon: Lexicon) -> None:
    text = "وقال الفريق ركن سامي الحداد إن التدريبات المشتركة ناجحة."
    assert "سامي الحداد" in _found(text, "ar", lexicon)


def test_actors_an_arabic_name_ends_before_that_he(lexicon: Lexicon) -> None:
    # «أنه» (that he) is a function word, no word of the name
    text = "وأكد الرئيس إيلي مارون أنه سيزور القاهرة الأسبوع المقبل."
    assert "إيلي مارون" in _found(text, "ar", lexicon)


def test_participants_a_deputy_who_acts_alone_takes_part(lexicon: Lexicon) -> None:
    # the deputy holds talks of their own, where no minister of their side is named
    text = (
        "Iran and Turkey discuss border security\nTEHRAN – Iranian Interior Minister Reza "
        "Tavakoli met Turkish Interior Minister Kemal Aslan in Tehran to discuss border "
        "security. Iranian Deputy Interior Minister Hamid Karimi also held talks with Aslan "
        "on drug trafficking.\n"
    )
    assert _people(text, lexicon).get("Hamid Karimi") == "IRN"


def test_actors_a_chinese_committees_vice_chair_is_an_office(lexicon: Lexicon) -> None:
    # «副主任委员» is one office, not «副主任» and a name «委员»
    text = "会议任命王建国为全国人大财政经济委员会副主任委员。"
    assert "委员" not in _found(text, "zh", lexicon)


def test_participants_a_listed_head_of_an_international_body_takes_part(
    lexicon: Lexicon,
) -> None:
    # the gazetteer gives Europol's director no country, and no title names his body here
    text = (
        "Europe and America hit terrorist propaganda\nPolice forces of France, Belgium and "
        "the United States dismantled propaganda outlets in a joint operation coordinated "
        "by Europol. Rob Wainwright said the operation was a success.\n"
    )
    result = extract(Article(text=text), lexicon)
    assert "Rob Wainwright" in {a.name_latn for e in result.events for a in e.actors}


def test_participants_an_official_named_only_in_the_background_takes_no_part(
    lexicon: Lexicon,
) -> None:
    text = (
        "Iran and Turkey discuss border security\nIranian Interior Minister Hamid Sarvestani "
        "met his Turkish counterpart Kemal Aydin in Ankara on Monday to discuss border "
        "security and drug trafficking. The two ministers agreed to set up a joint border "
        "committee. Last year, Turkish Prime Minister Selim Ozkan visited Tehran, where "
        "talks focused on trade.\n"
    )
    assert _people(text, lexicon) == {"Hamid Sarvestani": "IRN", "Kemal Aydin": "TUR"}


def test_participants_of_a_sentence_outside_the_event_its_speaker_and_entourage(
    lexicon: Lexicon,
) -> None:
    text = (
        "Iran and Turkey discuss border security\nIranian Interior Minister Hamid Sarvestani "
        "met his Turkish counterpart Kemal Aydin in Ankara on Monday to discuss border "
        "security and drug trafficking. Sarvestani is accompanied by Iranian police chief "
        "Reza Moradi. The Turkish gendarmerie commander Ali Demir said the border would be "
        "safer. Aydin conveyed the greetings of Turkish President Selim Ozkan.\n"
    )
    people = _people(text, lexicon)
    assert people.get("Reza Moradi") == "IRN"  # goes with a side
    assert people.get("Ali Demir") == "TUR"  # speaks of the news
    assert "Selim Ozkan" not in people  # only spoken of
