from __future__ import annotations

import pytest

from accords.model import Article
from accords.text import language
from accords.text.language import detect


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("وزیر کشور ایران با همتای پاکستانی خود در تهران دیدار و گفتگو کرد.", "fa"),
        ("التقى وزير الداخلية العراقي نظيره السعودي في الرياض لبحث التعاون الأمني.", "ar"),
        ("The interior ministers of both countries met in the capital on Monday.", "en"),
        ("پاکستان کے وزیر داخلہ نے ایرانی ہم منصب سے ملاقات کی اور تعاون پر بات ہوئی۔", "ur"),
        ("Министр внутренних дел России встретился с китайским коллегой.", "ru"),
        ("公安部部长会见了伊朗警察总长。", "zh"),
        ("Les ministres de l'Intérieur des deux pays ont signé un accord de coopération.", "fr"),
        ("İçişleri Bakanı İranlı mevkidaşı ile görüştü ve işbirliği anlaşması imzaladı.", "tr"),
    ],
)
def test_language_detects_each_served_language(text: str, lang: str) -> None:
    assert detect(text) == lang


@pytest.mark.parametrize(
    "text",
    [
        # Persian written with Arabic ي and ك, as older Persian text and many sites are:
        # by its words
        "وزير كشور ايران در ديدار با همتاي پاكستاني خود گفت كه همكاري هاي امنيتي دو كشور"
        " بايد گسترش يابد و اين موضوع در نشست آينده بررسي مي شود.",
        # and, too short for words to tell, by the letters only Persian writes
        "برنامه مسابقات ليگ برتر پيكان تهران",
    ],
)
def test_language_reads_persian_in_arabic_letters_as_persian(text: str) -> None:
    assert detect(text) == "fa"


@pytest.mark.parametrize("text", ["", "12345 !!!", "ok", "Ελληνικά κείμενα εδώ για δοκιμή"])
def test_language_says_und_when_unsure(text: str) -> None:
    assert detect(text) == "und"


@pytest.mark.parametrize(
    ("given", "read"),
    [("fa", "fa"), ("FA", "fa"), ("fa-IR", "fa"), ("zh_Hans", "zh"), (" ur ", "ur")]
    + [(code, None) for code in ("de", "und", "", None, "x" * 50, "f\x00a")],
)
def test_language_hint_is_one_of_the_languages_or_none(given: str | None, read: str | None) -> None:
    assert language.hint(given) == read
    # the Article keeps only such a hint: a store's column of language codes never sees more
    assert Article(text="Iran and Oman", lang=given).lang == read
