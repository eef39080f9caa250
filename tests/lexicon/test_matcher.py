"""The matcher: terms found in tokenised text, endings at the end of a word."""

from __future__ import annotations

from accords.lexicon.matcher import Matcher
from accords.text.normalise import fold_letters
from accords.text.tokens import token_strings


def _found(matcher: Matcher, text: str) -> list[str]:
    words = token_strings(text)
    return [" ".join(words[first : last + 1]) for first, last, _ in matcher.find(words)]


def test_an_ending_matches_the_end_of_a_word() -> None:
    matcher = Matcher([("-acak", ("cue", "future"), "tr"), ("-ecekler", ("cue", "future"), "tr")])
    assert _found(matcher, "protokol imzalanacak ve tatbikat düzenleyecekler") == [
        "imzalanacak",
        "düzenleyecekler",
    ]


def test_an_ending_needs_a_word_before_it() -> None:
    matcher = Matcher([("-acak", ("cue", "future"), "tr")])
    # the ending alone, or after one letter, is no word that carries it
    assert _found(matcher, "acak yacak") == []


def test_a_nominal_ending_counts_only_where_the_concept_takes_it() -> None:
    matcher = Matcher(
        [("اجتماع", ("trigger", "meet"), "ar"), ("ارهاب", ("domain", "terror"), "ar")],
        bare=frozenset({("trigger", "ar")}),
    )
    # the nisba makes adjectives of both: the domain's counts, the trigger's is another word
    assert _found(matcher, "التواصل الاجتماعی والتنظیم الارهابی") == ["الارهابی"]
    assert _found(matcher, "عقد اجتماع") == ["اجتماع"]


def test_a_verb_takes_only_a_verbs_clitics() -> None:
    matcher = Matcher(
        [
            ("يصل", ("trigger", "arrive"), "ar"),
            ("رحلت", ("trigger", "deport"), "ar"),
            ("شكل", ("trigger", "form"), "ar"),
            ("استقبل", ("trigger", "host"), "ar"),
            ("قمة", ("trigger", "summit"), "ar"),
        ],
        bare=frozenset({("trigger", "ar")}),
        verbs=frozenset(fold_letters(verb) for verb in ("يصل", "رحلت", "شكل", "استقبل")),
    )
    # a name, prepositions, the article: no verb in them
    assert _found(matcher, fold_letters("الأمير فيصل بشكل الرحلت بالاستقبل")) == []
    # a conjunction, «ل» and an object pronoun are a verb's; a noun keeps every clitic
    found = _found(matcher, fold_letters("ويصل فلاستقبله بقمة"))
    assert found == [fold_letters(word) for word in ("ويصل", "فلاستقبله", "بقمة")]
