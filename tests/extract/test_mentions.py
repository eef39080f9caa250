from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from accords.extract import mentions
from accords.extract.mentions import Found4, _longest
from accords.lexicon import Lexicon
from accords.model import Article, Doc
from accords.pipeline import prepare


def _mentioned(text: str, lexicon: Lexicon) -> Doc:
    doc = prepare(Article(text=text))
    mentions.run(doc, lexicon)
    return doc


def test_mentions_come_in_text_order_then_by_concept(lexicon: Lexicon) -> None:
    doc = _mentioned("Iran and Russia discussed drug trafficking in Moscow.", lexicon)
    keys = [(m.start, m.concept, m.entry) for m in doc.mentions]
    assert keys == sorted(keys)
    assert {"country", "city", "domain"} <= {m.concept for m in doc.mentions}
    assert [m.entry for m in doc.of("country")][:2] == ["IRN", "RUS"]


def test_mentions_an_urdu_spelling_of_bangladesh_in_two_words(lexicon: Lexicon) -> None:
    # «بنگلا دیش» beside CLDR's «بنگلہ دیش»: Urdu news writes both
    doc = _mentioned("بنگلا دیش کی حکومت نے بھارت سے مطالبہ کیا", lexicon)
    assert [m.entry for m in doc.of("country")] == ["BGD", "IND"]


def test_a_term_inside_a_longer_one_of_its_concept_is_part_of_it(lexicon: Lexicon) -> None:
    doc = _mentioned("دستگیری در پرونده قاچاق مواد مخدر", lexicon)
    domains = [doc.text[m.start : m.end] for m in doc.of("domain")]
    assert domains == ["قاچاق مواد مخدر"]


def _greedy(found: list[Found4], count: int) -> list[tuple[int, int, str]]:
    """The rule _longest keeps, stated plainly: longest first, then leftmost, a span kept
    when none of its tokens is taken yet (its entries with it); then the one-token terms
    on untaken tokens."""
    taken: set[int] = set()
    kept: list[tuple[int, int, str]] = []
    for first, last, entry, _ in sorted(found, key=lambda f: (f[0] - f[1], f[0], f[2])):
        if first == last:
            continue
        span = set(range(first, last + 1))
        if any((k[0], k[1]) == (first, last) for k in kept) or not span & taken:
            taken |= span
            kept.append((first, last, entry))
    ones = [(f[0], f[1], f[2]) for f in found if f[0] == f[1] and f[0] not in taken]
    return kept + ones


@st.composite
def _matches(draw: st.DrawFn) -> tuple[list[Found4], int]:
    count = draw(st.integers(1, 12))
    starts = draw(
        st.sets(st.tuples(st.integers(0, count - 1), st.integers(0, 3)), min_size=1, max_size=8)
    )
    spans: dict[tuple[int, int], set[str]] = {}
    for first, extra in starts:
        entries = draw(st.sets(st.sampled_from("pqr"), min_size=1, max_size=2))
        spans.setdefault((first, min(count - 1, first + extra)), set()).update(entries)
    # the matcher's order: by first token, one span's entries side by side and sorted
    return [(f, last, e, "") for (f, last), es in sorted(spans.items()) for e in sorted(es)], count


@given(_matches())
def test_longest_keeps_what_the_plain_rule_keeps(case: tuple[list[Found4], int]) -> None:
    found, count = case
    kept = [(f[0], f[1], f[2]) for f in _longest(found, count)]
    assert kept == _greedy(found, count)


def test_an_arabic_trigger_takes_no_nominal_ending(lexicon: Lexicon) -> None:
    # «الاجتماعي» (social), «رحلات» (trips), «عقدين» (two decades) and the name «سلمان» are
    # other words than the meeting, the deportation, the holding and the handover they hold;
    # «تدريبات» (drills, of one army or a team) is no training given, and an exercise only
    # when joint, written out so; «رحلة» (a trip) is no «رحل», as often departed as deported
    text = "نشر على مواقع التواصل الاجتماعي منذ عقدين صور رحلات الملك سلمان وتدريبات في رحلة"
    doc = _mentioned(text, lexicon)
    assert [doc.text[m.start : m.end] for m in doc.of("trigger")] == []
    doc = _mentioned("أجرى البلدان تدريبات مشتركة", lexicon)
    assert [m.entry for m in doc.of("trigger")] == ["coop_joint_exercise"]


def test_a_nisba_keeps_its_domain_and_a_written_plural_its_trigger(lexicon: Lexicon) -> None:
    doc = _mentioned("أحبطت الأجهزة مخططا للتنظيم الإرهابي وسلمت إمدادات", lexicon)
    assert "terrorism" in {m.kind for m in doc.of("domain")}
    assert "امدادات" in [doc.text[m.start : m.end] for m in doc.of("trigger")]
