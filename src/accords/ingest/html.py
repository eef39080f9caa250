"""HTML pages as Articles: trafilatura finds the main text, title, date and site name, and
leaves out the menus, share buttons and footers around the article."""

from __future__ import annotations

import hashlib
import logging
import re
from datetime import date
from typing import TYPE_CHECKING

from accords.errors import EmptyInput, MalformedSource
from accords.ingest.decode import MAX_BYTES, decode
from accords.model import Article

if TYPE_CHECKING:  # trafilatura takes half a second to import: only when a page comes
    from trafilatura.settings import Document

# trafilatura and its helpers log every page they cannot parse; we report each bad page
# ourselves, once, and a second message on stderr would break "one line per bad source"
for _name in ("trafilatura", "htmldate", "courlan", "justext", "readability"):
    logging.getLogger(_name).addHandler(logging.NullHandler())
    logging.getLogger(_name).propagate = False

# below this, what trafilatura kept is a menu item or a caption, not an article
MIN_TEXT = 40
# libxml2's HTML parser builds no deeper tree than this (without XML_PARSE_HUGE)
MAX_DEPTH = 256
_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9:-]*)\b[^<>]*?(/?)>")
_NOT_NESTING = frozenset(
    (
        # void elements
        "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param",
        "source", "track", "wbr",
        # closed by the next of their kind
        "p", "li", "dt", "dd", "tr", "td", "th", "option", "thead", "tbody", "tfoot",
        "colgroup", "rp", "rt",
    )
)  # fmt: skip
_META_CHARSET = re.compile(rb"""<meta\b[^>]*?charset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)""", re.I)
_HTML_LANG = re.compile(r"""<html\b[^>]*?\blang\s*=\s*["']?([A-Za-z]{2,3})\b""", re.I)
_BLOCK_TAGS = (
    "p",
    "div",
    "br",
    "li",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "tr",
    "blockquote",
    "section",
    "article",
    "header",
    "footer",
    "pre",
    "table",
    "ul",
    "ol",
    "dd",
    "dt",
)


def meta_charset(data: bytes) -> str | None:
    """The charset a page declares in `<meta charset>` or `<meta http-equiv>`; browsers look
    only at the first 1024 bytes, we allow a little more for long `<head>` preambles."""
    found = _META_CHARSET.search(data[:4096])
    return found.group(1).decode("ascii") if found else None


def read_html(
    data: bytes,
    *,
    source: str,
    url: str | None = None,
    charset: str | None = None,
    max_bytes: int = MAX_BYTES,
) -> Article:
    """One page as an Article. `charset` is what the HTTP header said, if anything; it wins
    over the page's own `<meta>`, as in browsers."""
    markup = decode(
        data, source=source, declared=charset or meta_charset(data), max_bytes=max_bytes
    )
    document = _extract(markup, url, source)
    text = (document.text or "").strip() if document else ""
    if len(text) < MIN_TEXT:
        if nesting(markup) >= MAX_DEPTH:
            # libxml2 stops building the tree at this depth: the text below is lost
            raise MalformedSource(
                f"the page is nested too deeply to read (tags more than {MAX_DEPTH} deep)",
                source=source,
            )
        raise EmptyInput("no article text found in the page", source=source)
    lang = document.language if document and document.language else _page_lang(markup)
    return Article(
        text=text,
        doc=source,
        title=_clean(document.title) if document else None,
        url=url or (document.url if document else None),
        outlet=_clean(document.sitename) if document else None,
        lang=lang.lower()[:2] if lang else None,
        published=parse_date(document.date) if document else None,
        raw_hash=hashlib.sha256(data).hexdigest(),
    )


def nesting(markup: str) -> int:
    """How deep the page's tags go, by counting them open and closed; tags a parser closes
    by itself (<p>, <li>, <br>, ...) are not counted."""
    depth = deepest = 0
    for found in _TAG.finditer(markup):
        closing, name, self_closing = found.groups()
        if name.lower() in _NOT_NESTING or self_closing:
            continue
        depth = max(depth - 1, 0) if closing else depth + 1
        deepest = max(deepest, depth)
    return deepest


def html_to_text(fragment: str) -> str:
    """Plain text of an HTML fragment (a feed item's summary), one line per block."""
    import lxml.etree
    import lxml.html

    if "<" not in fragment:
        return fragment.strip()
    try:
        root = lxml.html.fragment_fromstring(fragment, create_parent="div")
    except (lxml.etree.ParserError, ValueError):
        return re.sub(r"<[^>]*>", " ", fragment).strip()
    for element in root.iter(*_BLOCK_TAGS):
        element.tail = "\n" + (element.tail or "")
    for element in root.iter("script", "style"):
        element.drop_tree()
    text = root.text_content()
    lines = (" ".join(line.split()) for line in text.splitlines())
    return "\n".join(line for line in lines if line)


def parse_date(value: str | None) -> date | None:
    """A date from "2024-04-10", "2024-04-10T08:00:00Z" and the like; None otherwise."""
    if not value:
        return None
    try:
        return date.fromisoformat(value.strip()[:10])
    except ValueError:
        return None


def _extract(markup: str, url: str | None, source: str) -> Document | None:
    import trafilatura

    try:
        document = trafilatura.bare_extraction(
            markup,
            url=url,
            with_metadata=True,
            include_comments=False,
            include_images=False,
            include_links=False,
        )
    except (RecursionError, MemoryError):
        raise MalformedSource("the page is nested too deeply to parse", source=source) from None
    except Exception as error:
        # lxml and trafilatura raise a dozen kinds of errors on broken markup; any of them
        # means this page cannot be read, which is a per-source error, not a crash
        raise MalformedSource(
            f"the page cannot be parsed ({type(error).__name__})", source=source
        ) from None
    if document is None or isinstance(document, dict):
        return None
    return document


def _page_lang(markup: str) -> str | None:
    found = _HTML_LANG.search(markup[:4096])
    return found.group(1) if found else None


def _clean(value: str | None) -> str | None:
    value = " ".join(value.split()) if value else ""
    return value or None
