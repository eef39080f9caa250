from __future__ import annotations

import dataclasses

import pytest

from accords.ingest import clean
from accords.model import Article


@pytest.mark.parametrize(
    ("given", "stored"),
    [
        ("police \ud800 chiefs", "police \ufffd chiefs"),
        ("a\udcffb\udfff", "a\ufffdb\ufffd"),
        ("NUL\x00here", "NUL\ufffdhere"),
        (
            "\u200fRTL mark, ZWNJ\u200c and a tab\t stay",
            "\u200fRTL mark, ZWNJ\u200c and a tab\t stay",
        ),
        ("همکاری", "همکاری"),
    ],
)
def test_clean_text_replaces_what_cannot_be_stored_one_for_one(given: str, stored: str) -> None:
    repaired = clean.text(given)
    assert repaired == stored
    assert len(repaired) == len(given)  # evidence offsets still hold
    repaired.encode("utf-8")


@pytest.mark.parametrize(
    ("given", "shown"),
    [
        ("news/a.txt", "news/a.txt"),
        ("news/a\nb.txt", "news/a\\nb.txt"),
        ("x\r\x1b[31m.txt", "x\\r\\x1b[31m.txt"),
        ("\udcff.txt", "\\udcff.txt"),  # a name that is not UTF-8
        ("evil\u202etxt.exe", "evil\\u202etxt.exe"),
        ("اخبار/همکاری.txt", "اخبار/همکاری.txt"),
    ],
)
def test_clean_name_is_one_printable_line(given: str, shown: str) -> None:
    assert clean.name(given) == shown
    assert "\n" not in clean.name(given)


def test_clean_article_repaired_however_it_is_made() -> None:
    article = Article(
        text="Iran \ud800 and Oman\x00",
        doc="a\udcff.jsonl:1",
        title="t\ud800",
        url="https://x.example/\udc80",
        outlet="o\x00",
        lang="f\ud800",
    )
    for value in (article.text, article.doc, article.title, article.url, article.outlet):
        assert value is not None
        value.encode("utf-8")
        assert "\x00" not in value
    assert article.text == "Iran \ufffd and Oman\ufffd"
    changed = dataclasses.replace(article, title="again \udfff")
    assert changed.title == "again \ufffd" and changed.text == article.text
    assert Article("same") == Article("same") and hash(Article("x")) == hash(Article("x"))
