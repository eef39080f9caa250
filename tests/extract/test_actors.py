from __future__ import annotations

from accords.lexicon import Lexicon
from accords.model import Article
from accords.pipeline import extract


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
