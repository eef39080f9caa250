"""The pages in a real browser: Debian's Chromium, headless, driven by Playwright, against
`accords serve`'s app on 127.0.0.1. Each page renders with no console error and no request
leaving the server, filters narrow the list, a Persian article reads right to left with its
evidence highlighted, the network and the timeline draw, and markup in an article never
runs. Screenshots go to tests/web/artifacts/."""

from __future__ import annotations

import subprocess
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from accords.store import Store
from tests.web.conftest import TOKEN, Filled, fill, serving

CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = Path(__file__).parent / "artifacts"
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="no /usr/bin/chromium (.ci/run installs it)"),
]


CHINESE = "中国和阿曼警方在马斯喀特举行会谈，双方同意加强合作。"


def add_chinese(store: Store) -> int:
    """A Chinese report with no event (the counts of the other tests stay as they are)."""
    from accords.model import Article, Extraction
    from accords.pipeline import VERSION

    article = Article(CHINESE, "muscat-zh.txt", "中阿警方会谈", None, "海湾通讯社", "zh",
                      date(2024, 1, 17))  # fmt: skip
    extraction = Extraction(article.doc, "zh", article.title, "2024-01-17", [], [], [], [])
    article_id = store.add(article, extraction, version=VERSION)
    assert article_id is not None
    return article_id


@dataclass
class Site:
    base: str
    filled: Filled


@dataclass
class Watch:
    """What a page said and asked for while it was open."""

    errors: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    from accords.web.app import create_app

    path = tmp_path_factory.mktemp("browser") / "accords.db"
    with Store.open(str(path)) as store:
        filled = fill(store)
        filled.articles["zh"] = add_chinese(store)
        with serving(create_app(store, token=TOKEN)) as base:
            yield Site(base, filled)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=ARGS
        )
        try:
            yield launched
        finally:
            launched.close()


@pytest.fixture
def page(browser: Any) -> Iterator[tuple[Any, Watch]]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    opened = context.new_page()
    watch = Watch()
    opened.on("console", lambda m: watch.errors.append(m.text) if m.type == "error" else None)
    opened.on("pageerror", lambda error: watch.errors.append(str(error)))
    opened.on("request", lambda request: watch.requests.append(request.url))
    opened.on("requestfailed", lambda request: watch.errors.append(f"failed: {request.url}"))

    def dialog(shown: Any) -> None:
        watch.dialogs.append(shown.message)
        shown.dismiss()

    opened.on("dialog", dialog)
    try:
        yield opened, watch
    finally:
        context.close()


def visit(page: Any, site: Site, path: str, shot: str) -> None:
    page.goto(site.base + path)
    page.wait_for_load_state("networkidle")
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{shot}.png"), full_page=True)


PAGES = [
    ("home", "/"),
    ("events", "/events"),
    ("event-fa", "/events/{fa}"),
    ("event-hostile", "/events/{hostile}"),
    ("article-hostile", "/articles/{hostile_article}"),
    ("stories", "/stories"),
    ("story", "/stories/s-muscat"),
    ("story-hostile", "/stories/s-hostile"),
    ("actors", "/actors"),
    ("actor", "/actors/{farahani}"),
    ("actor-hostile", "/actors/{mallory}"),
    ("commitments", "/commitments"),
    ("network", "/network"),
    ("timeline", "/timeline"),
    ("map", "/map"),
    ("search", "/search?q=همکاری ها"),
    ("search-hostile", "/search?q=pwned"),
    ("docs", "/docs"),
    ("not-found", "/events/999999"),
    ("article-zh", "/articles/{zh_article}"),
]


def resolve(path: str, filled: Filled) -> str:
    return path.format(
        fa=filled.events["fa"],
        hostile=filled.events["hostile"],
        hostile_article=filled.articles["hostile"],
        farahani=filled.actors["farahani"],
        mallory=filled.actors["mallory"],
        zh_article=filled.articles.get("zh", 0),
    )


@pytest.mark.parametrize(("shot", "path"), PAGES, ids=[shot for shot, _ in PAGES])
def test_browser_page_renders_offline_without_errors(
    site: Site, page: tuple[Any, Watch], shot: str, path: str
) -> None:
    opened, watch = page
    visit(opened, site, resolve(path, site.filled), shot)
    if shot == "not-found":
        # the 404 of the page itself is the one error a browser reports here
        watch.errors = [e for e in watch.errors if "404" not in e]
    assert watch.errors == []
    assert all(url.startswith(site.base) for url in watch.requests), watch.requests
    assert opened.evaluate("typeof window.__pwned") == "undefined"
    assert watch.dialogs == []
    assert opened.locator("h1, .swagger-ui").first.is_visible()


def test_browser_docs_lists_the_api(site: Site, page: tuple[Any, Watch]) -> None:
    opened, watch = page
    visit(opened, site, "/docs", "docs-open")
    opened.wait_for_selector(".opblock", timeout=15_000)
    text = opened.locator(".swagger-ui").inner_text()
    assert "/api/events" in text and "/api/articles" in text
    assert watch.errors == []


def test_browser_filters_narrow_the_list(site: Site, page: tuple[Any, Watch]) -> None:
    opened, watch = page
    visit(opened, site, "/events", "filter-none")
    rows = opened.locator("tr.event-row")
    everything = rows.count()
    assert everything == 4  # five reports, of four real events
    opened.select_option("select[name=domain]", "maritime_security")
    opened.click("form.filters button[type=submit]")
    opened.wait_for_load_state("networkidle")
    assert rows.count() == 2
    assert "domain=maritime_security" in opened.url
    opened.fill("input[name=country]", "irn")
    opened.select_option("select[name=lang]", "fa")
    opened.click("form.filters button[type=submit]")
    opened.wait_for_load_state("networkidle")
    ARTIFACTS.mkdir(exist_ok=True)
    opened.screenshot(path=str(ARTIFACTS / "filter-narrowed.png"), full_page=True)
    assert rows.count() == 2
    assert opened.locator("#event-total").inner_text() == "2"
    # the form shows what it filters by
    assert opened.input_value("input[name=country]") == "IRN"
    assert opened.input_value("select[name=lang]") == "fa"
    assert watch.errors == []


def test_browser_persian_article_reads_right_to_left(site: Site, page: tuple[Any, Watch]) -> None:
    opened, watch = page
    visit(opened, site, f"/events/{site.filled.events['fa']}", "rtl-event")
    text = opened.locator(".article-text")
    assert text.get_attribute("dir") == "rtl"
    assert text.evaluate("e => getComputedStyle(e).direction") == "rtl"
    sentence = opened.locator(".article-text mark.ev-event.ev-current").all_inner_texts()
    assert "".join(sentence) == "با مقامات عمانی درباره امنیت دریایی"  # the event's evidence
    assert opened.locator(".article-text mark.ev-person").all_inner_texts() == ["کامران فراهانی"]
    # the first letter stands at the right edge of the text, the last word further left
    first, box = text.evaluate(
        """e => {
            const range = document.createRange();
            const node = e.firstChild.nodeType === 3 ? e.firstChild : e.firstChild.firstChild;
            range.setStart(node, 0); range.setEnd(node, 1);
            const r = range.getBoundingClientRect(), b = e.getBoundingClientRect();
            return [[r.left, r.right], [b.left, b.right]];
        }"""
    )
    assert box[1] - first[1] < 5, "the text starts at the right"
    assert first[0] > (box[0] + box[1]) / 2
    assert watch.errors == []


def test_browser_network_draws(site: Site, page: tuple[Any, Watch]) -> None:
    opened, watch = page
    visit(opened, site, "/network", "network-drawn")
    assert opened.locator("#network canvas").count() >= 1
    assert opened.get_attribute("#network", "data-drawn") == "5"  # IRN OMN RUS IRQ KWT
    opened.select_option("select[name=domain]", "cybercrime")
    opened.click("form.filters button[type=submit]")
    opened.wait_for_load_state("networkidle")
    assert opened.get_attribute("#network", "data-drawn") == "2"
    assert watch.errors == []


def test_browser_timeline_draws(site: Site, page: tuple[Any, Watch]) -> None:
    opened, watch = page
    visit(opened, site, "/timeline", "timeline-drawn")
    canvas = opened.locator("canvas#timeline-chart")
    # 2023-03-01 to 2024-04-17, in weeks: 2023-W09 to 2024-W16
    assert canvas.get_attribute("data-bucket") == "week"
    assert canvas.get_attribute("data-drawn") == "60"
    assert opened.evaluate("Chart.getChart('timeline-chart').data.datasets.length") == 3
    box = canvas.bounding_box()
    assert box is not None and box["width"] > 300 and box["height"] > 200
    assert watch.errors == []


def test_browser_markup_in_an_article_stays_text(site: Site, page: tuple[Any, Watch]) -> None:
    opened, watch = page
    visit(opened, site, f"/events/{site.filled.events['hostile']}", "markup-event")
    title = opened.locator("h3.article-title").inner_text()
    assert title.startswith("<script>window.__pwned = 1</script>")
    # no script runs from the page's main part: the one there is the evidence's JSON data
    assert opened.locator("main script:not([type='application/json'])").count() == 0
    assert opened.locator("main script[type='application/json']").count() == 1
    assert opened.locator("main img").count() == 0
    assert opened.locator("a[href^='javascript']").count() == 0
    opened.hover("text=Mallory")
    assert opened.evaluate("typeof window.__pwned") == "undefined"
    assert watch.dialogs == []
    assert watch.errors == []


def _has_cjk_font() -> bool:
    try:
        listed = subprocess.run(["fc-list", ":lang=zh"], capture_output=True, text=True)
    except OSError:
        return False
    return bool(listed.stdout.strip())


def test_browser_chinese_is_drawn_in_a_font_that_has_it(
    site: Site, page: tuple[Any, Watch]
) -> None:
    opened, watch = page
    visit(opened, site, f"/articles/{site.filled.articles['zh']}", "chinese-article")
    text = opened.locator(".article-text")
    assert text.inner_text() == CHINESE
    families = text.evaluate("e => getComputedStyle(e).fontFamily")
    # the stack names CJK fonts before the generic family, whichever the system has
    assert "Noto Sans CJK SC" in families and "WenQuanYi Micro Hei" in families
    assert families.index("CJK") < families.index("sans-serif")
    if not _has_cjk_font():
        pytest.skip("no CJK font on this system (fonts-wqy-microhei has one)")
    # two different Han characters drawn in the page's font: the same empty box when no
    # font of the stack has them, different glyphs when one has
    drawn = text.evaluate(
        """e => ["合", "作"].map(c => {
            const canvas = document.createElement("canvas");
            canvas.width = canvas.height = 40;
            const ctx = canvas.getContext("2d");
            ctx.font = getComputedStyle(e).font;
            ctx.fillText(c, 5, 30);
            return Array.from(ctx.getImageData(0, 0, 40, 40).data).join(",");
        })"""
    )
    assert drawn[0] != drawn[1]
    assert watch.errors == []


LISTS = [
    ("/events?country=IRN&with=OMN", "/api/events", "tr.event-row"),
    ("/events?country=IRN&reports=true", "/api/events", "tr.event-row"),
    ("/stories?lang=fa", "/api/stories", "tr.story-row"),
    ("/actors?country=OMN", "/api/actors", "tr.actor-row"),
    ("/search?q=Iran&domain=maritime_security", "/api/search", "li.hit"),
]


@pytest.mark.parametrize(("path", "api", "row"), LISTS, ids=[p for p, _, _ in LISTS])
def test_browser_list_from_the_url_downloads_what_it_shows(
    site: Site, page: tuple[Any, Watch], path: str, api: str, row: str
) -> None:
    import csv
    import io
    import json
    import urllib.request

    opened, watch = page
    visit(opened, site, path, "list-" + path.strip("/").split("?")[0])
    query = path.split("?", 1)[1]
    with urllib.request.urlopen(f"{site.base}{api}?{query}&per_page=500") as answer:
        expected = json.load(answer)
    assert opened.locator(row).count() == expected["total"] > 0
    # the form shows the filters of the URL
    for name, value in (part.split("=") for part in query.split("&")):
        if name not in ("q", "reports"):
            assert opened.locator(f"form.filters [name={name}]").first.input_value().upper() == (
                value.upper()
            )
    with opened.expect_download() as download:
        opened.click("a.export-json")
    shown = json.loads(Path(download.value.path()).read_text(encoding="utf-8"))
    assert shown == expected["items"]
    with opened.expect_download() as download:
        opened.click("a.export-csv")
    rows = list(csv.DictReader(io.StringIO(Path(download.value.path()).read_text("utf-8"))))
    assert [r["id"] for r in rows] == [str(item["id"]) for item in expected["items"]]
    assert watch.errors == []


def test_browser_counts_agree_with_the_command_line(site: Site, page: tuple[Any, Watch]) -> None:
    import json

    from click.testing import CliRunner

    from accords.cli import main

    opened, watch = page
    db = str(site.filled.store.url).removeprefix("sqlite:///")

    def cli(*args: str) -> int:
        result = CliRunner().invoke(main, ["events", "--db", db, "--format", "jsonl", *args])
        assert result.exit_code == 0, result.output
        return len([json.loads(line) for line in result.output.splitlines() if line])

    visit(opened, site, "/", "home-counts")
    assert opened.locator("#home-events").inner_text() == str(cli())
    pair = opened.locator("tr.pair-row", has_text="Oman").locator("td.number")
    assert pair.inner_text() == str(cli("--country", "IRN", "--with", "OMN"))
    visit(opened, site, "/network?lang=fa", "network-counts")
    cell = opened.locator("table.pairs tr", has_text="Oman").locator("td.number").inner_text()
    assert cell == str(cli("--country", "IRN", "--with", "OMN", "--lang", "fa"))
    opened.locator("table.pairs a", has_text="Oman").click()
    opened.wait_for_load_state("networkidle")
    assert opened.locator("#event-total").inner_text() == cell  # the pair opens its events
    assert watch.errors == []


def test_browser_timeline_bar_opens_its_events(site: Site, page: tuple[Any, Watch]) -> None:
    opened, watch = page
    visit(opened, site, "/timeline?country=IRN", "timeline-irn")
    # the last bar: the signing of April 2024, maritime security
    x, y = opened.evaluate(
        """() => {
            const chart = Chart.getChart('timeline-chart');
            const index = chart.data.datasets.findIndex(d => d.domain === 'maritime_security');
            const bars = chart.getDatasetMeta(index).data;
            const bar = bars[bars.length - 1];
            const box = chart.canvas.getBoundingClientRect();
            return [box.left + bar.x, box.top + bar.y + 2];
        }"""
    )
    opened.mouse.click(x, y)
    opened.wait_for_url("**/events?**", timeout=10_000)
    opened.wait_for_load_state("networkidle")
    assert "country=IRN" in opened.url and "domain=maritime_security" in opened.url
    assert "since=2024-04-15" in opened.url and "until=2024-04-21" in opened.url
    assert opened.locator("#event-total").inner_text() == "1"
    assert watch.errors == []


@pytest.mark.parametrize(
    ("query", "hits"),
    [("الشرطة", 1), ("والشرطة", 1), ("للشرطة", 1), ("合作", 1), ("Kamran Farahani", 2),
     ("کامران فراهانی", 2)],
)  # fmt: skip
def test_browser_search_across_clitics_chinese_and_scripts(
    site: Site, page: tuple[Any, Watch], query: str, hits: int
) -> None:
    opened, watch = page
    visit(opened, site, "/search", "search-form")
    opened.fill("form.filters input[name=q]", query)
    opened.click("form.filters button[type=submit]")
    opened.wait_for_load_state("networkidle")
    assert opened.locator("#hit-total").inner_text() == str(hits)
    assert opened.locator("li.hit").count() == hits
    assert watch.errors == []


def test_browser_map_dot_opens_its_events(site: Site, page: tuple[Any, Watch]) -> None:
    opened, watch = page
    visit(opened, site, "/map?country=IRN&since=2024-03", "map-irn")
    assert opened.locator("form.filters [name=country]").input_value() == "IRN"
    assert opened.locator("a.place").count() == 1  # the signing in Tehran alone
    opened.locator('a.place[data-place="tehran"] circle.dot').click()
    listed = opened.locator("#place-events li a")
    listed.first.wait_for(timeout=10_000)
    assert opened.locator("#place-panel").is_visible()
    assert opened.locator("#place-name").inner_text() == "Tehran: 1"
    assert [listed.nth(n).get_attribute("href") for n in range(listed.count())] == [
        f"/events/{site.filled.events['signing']}"
    ]
    opened.click("#place-all")
    opened.wait_for_url("**/events?**", timeout=10_000)
    opened.wait_for_load_state("networkidle")
    assert "country=IRN" in opened.url and "since=2024-03" in opened.url
    assert "place=tehran" in opened.url
    assert opened.locator("#event-total").inner_text() == "1"
    assert watch.errors == []


def test_browser_map_fits_a_phone(site: Site, page: tuple[Any, Watch]) -> None:
    opened, watch = page
    opened.set_viewport_size({"width": 390, "height": 844})
    visit(opened, site, "/map", "map-phone")
    box = opened.locator("svg#map").bounding_box()
    assert box is not None and 300 < box["width"] <= 390
    assert opened.evaluate("document.documentElement.scrollWidth") <= 390  # no sideways scroll
    opened.locator('a.place[data-place="muscat"] circle.dot').click()
    opened.locator("#place-events li a").first.wait_for(timeout=10_000)
    assert opened.locator("#place-name").inner_text() == "Muscat: 1"
    assert watch.errors == []


def test_browser_clicking_a_highlight_shows_its_event_and_field(
    site: Site, page: tuple[Any, Watch]
) -> None:
    opened, watch = page
    event_id = site.filled.events["en"]
    visit(opened, site, f"/articles/{site.filled.articles['en']}", "evidence-card")
    met = opened.locator(".article-text mark.ev-type", has_text="met")
    assert met.get_attribute("title") == (
        f"event {event_id} (CONSULT IRN–OMN): type of event, sentence reporting it"
    )
    met.click()
    card = opened.locator(".evidence-card")
    card.wait_for(state="visible")
    said = card.locator(".evidence-says").first
    assert said.locator(".evidence-field").all_inner_texts() == [
        "type of event",
        "sentence reporting it",
    ]
    assert said.locator("a").get_attribute("href") == f"/events/{event_id}"
    assert said.locator(".evidence-gist").inner_text() == "CONSULT of IRN and OMN"
    # the event's other words are shown as its own: the sides, the place, the person
    chosen = opened.locator(".article-text mark.ev-chosen").all_inner_texts()
    assert {"Iranian", "Omani", "Muscat", "Kamran Farahani", "met"} <= set(chosen)
    assert "sign a memorandum of understanding" in " ".join(chosen)  # its report's pledge
    ARTIFACTS.mkdir(exist_ok=True)
    opened.screenshot(path=str(ARTIFACTS / "evidence-card-open.png"))
    opened.keyboard.press("Escape")
    assert opened.locator(".evidence-card").count() == 0
    assert opened.locator(".article-text mark.ev-chosen").count() == 0
    # a highlight opens by the keyboard too
    opened.locator(".article-text mark.ev-place").focus()
    opened.keyboard.press("Enter")
    assert opened.locator(".evidence-card .evidence-field").first.inner_text() == "place"
    assert watch.errors == []


def test_browser_persian_report_shows_the_english_gist_beside_its_evidence(
    site: Site, page: tuple[Any, Watch]
) -> None:
    opened, watch = page
    event_id = site.filled.events["fa"]
    visit(opened, site, f"/articles/{site.filled.articles['fa']}", "gist-beside-fa")
    note = opened.locator(".article-text aside.gist-note")
    assert note.count() == 1
    assert note.get_attribute("lang") == "en"
    assert note.get_attribute("dir") == "ltr"
    assert "CONSULT of IRN and OMN" in note.inner_text()
    assert note.locator("a").get_attribute("href") == f"/events/{event_id}"
    # beside the right-to-left text: on its left, level with the event's evidence
    box = note.bounding_box()
    text = opened.locator(".article-text").bounding_box()
    evidence = opened.locator(".article-text mark.ev-event").first.bounding_box()
    assert box is not None and text is not None and evidence is not None
    assert box["x"] + box["width"] < text["x"] + text["width"] / 2
    assert box["y"] < evidence["y"] + 3 * evidence["height"]
    # an English report needs no gist beside it
    visit(opened, site, f"/articles/{site.filled.articles['en']}", "gist-not-beside-en")
    assert opened.locator(".article-text aside.gist-note").count() == 0
    assert watch.errors == []
