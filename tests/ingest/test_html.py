from __future__ import annotations

from datetime import date

import pytest

from accords.errors import EmptyInput, EncodingError, MalformedSource
from accords.ingest.html import html_to_text, meta_charset, read_html

BODY = (
    "وقع وزيرا الداخلية في عمان وإيران مذكرة تفاهم للتعاون في مجال الأمن البحري ومكافحة "
    "تهريب المخدرات في بحر عمان يوم الأربعاء في مسقط. وتنص المذكرة على تبادل المعلومات "
    "وتدريب ضباط خفر السواحل في البلدين وتسيير دوريات مشتركة."
)
JUNK = ("اشترك الآن في النشرة", "جميع الحقوق محفوظة", "أسعار الذهب اليوم")


def page(charset_meta: str = '<meta charset="utf-8">') -> str:
    return f"""<!DOCTYPE html><html lang="ar"><head>{charset_meta}
<title>توقيع مذكرة تفاهم | الساحل</title>
<meta property="og:site_name" content="الساحل">
<meta property="article:published_time" content="2024-04-17T10:00:00+04:00">
</head><body>
<nav><a href="/">الرئيسية</a> <a href="/s">{JUNK[0]}</a></nav>
<article><h1>توقيع مذكرة تفاهم أمنية</h1><p>{BODY}</p><p>{BODY}</p></article>
<div class="most-read"><ul><li>{JUNK[2]}</li><li>نتائج الدوري</li></ul></div>
<footer>{JUNK[1]} 2024</footer></body></html>"""


def test_read_html_keeps_the_article_and_leaves_out_site_junk() -> None:
    article = read_html(page().encode("utf-8"), source="p.html", url="https://x.example/a")
    assert BODY[:60] in article.text
    for junk in JUNK:
        assert junk not in article.text
    assert article.title == "توقيع مذكرة تفاهم أمنية" or "توقيع مذكرة تفاهم" in (
        article.title or ""
    )
    assert article.outlet == "الساحل"
    assert article.published == date(2024, 4, 17)
    assert article.lang == "ar"
    assert article.url == "https://x.example/a"
    assert article.doc == "p.html"
    assert article.raw_hash and len(article.raw_hash) == 64


def test_read_html_windows_1256_page_by_its_meta() -> None:
    markup = page('<meta http-equiv="Content-Type" content="text/html; charset=windows-1256">')
    article = read_html(markup.encode("cp1256"), source="p.html")
    assert BODY[:60] in article.text


def test_read_html_http_header_charset_wins_over_meta() -> None:
    markup = page('<meta charset="utf-8">')  # the page lies; the server knows
    article = read_html(markup.encode("cp1256"), source="p.html", charset="windows-1256")
    assert BODY[:60] in article.text


def test_read_html_iso_8859_6_page() -> None:
    markup = page('<meta charset="iso-8859-6">').replace("\u00a0", " ")
    article = read_html(markup.encode("iso8859_6"), source="p.html")
    assert BODY[:60] in article.text


def test_read_html_page_without_text_is_an_error_naming_it() -> None:
    with pytest.raises(EmptyInput, match=r"menu\.html"):
        read_html(b"<html><body><nav><a href='/'>Home</a></nav></body></html>", source="menu.html")


def test_read_html_binary_is_an_error() -> None:
    with pytest.raises(EncodingError):
        read_html(b"\x89PNG\r\n\x1a\n\x00\x00\x00" * 40, source="p.png")


def test_meta_charset_forms() -> None:
    assert meta_charset(b'<head><meta charset="windows-1256"></head>') == "windows-1256"
    assert (
        meta_charset(b"<meta http-equiv='Content-Type' content='text/html; charset=ISO-8859-6'>")
        == "ISO-8859-6"
    )
    assert meta_charset(b"<head><title>x</title></head>") is None


def test_html_to_text_one_line_per_block() -> None:
    assert html_to_text("<p>one <b>two</b></p><p>three</p><script>x()</script>") == (
        "one two\nthree"
    )
    assert html_to_text("plain text") == "plain text"


@pytest.mark.parametrize("depth", [300, 5000])
def test_read_html_nested_too_deeply_says_so(depth: int) -> None:
    markup = "<html><body>" + "<div>" * depth + f"<p>{BODY}</p>" + "</div>" * depth
    with pytest.raises(MalformedSource) as raised:
        read_html((markup + "</body></html>").encode(), source="deep.html")
    assert str(raised.value) == (
        "deep.html: the page is nested too deeply to read (tags more than 256 deep)"
    )


def test_read_html_deep_but_readable_page_is_read() -> None:
    markup = "<html><body>" + "<div>" * 200 + f"<p>{BODY}</p>" + "</div>" * 200
    assert BODY in read_html((markup + "</body></html>").encode(), source="d.html").text


def test_read_html_many_unclosed_paragraphs_are_not_deep() -> None:
    markup = "<html><body>" + "<p><br><img src=x>" * 400 + "</body></html>"
    with pytest.raises(EmptyInput):
        read_html(markup.encode(), source="p.html")
