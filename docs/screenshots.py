"""The README's screenshots, made from the pages as they are: a store of the bundled samples
(samples/ and samples/ingest/), `accords serve` on it, each page opened by Playwright in
Debian's Chromium at a desktop's 1400x1000 and a phone's 390x844, written as palette PNGs
to docs/screenshots/.

    make screenshots                          # the same as: python docs/screenshots.py
    python docs/screenshots.py --only event   # the pages whose name holds "event"

A page the server does not have (the map, before it lands) is left out with a note.
"""

from __future__ import annotations

import argparse
import json
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "docs" / "screenshots"
CHROMIUM = Path("/usr/bin/chromium")
SAMPLES = [ROOT / "samples", ROOT / "samples" / "ingest"]
VIEWPORTS = {"desktop": (1400, 1000), "phone": (390, 844)}
COLOURS = 256  # a palette PNG of a page loses nothing a reader sees, at a third of the size
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"]


@dataclass(frozen=True)
class Shot:
    """One page: its name in the file names, its path, and what to do once it is open."""

    name: str
    path: str
    then: Callable[[Any], None] | None = None


def _open_evidence(page: Any) -> None:
    """Click the first word that says an event's type: its card shows event and field."""
    marks = page.locator(".article-text mark.ev-type")
    if marks.count():
        marks.first.scroll_into_view_if_needed()
        marks.first.click()
        page.locator(".evidence-card").wait_for(state="visible")


def shots(base: str) -> list[Shot]:
    """The pages to show, with ids read from the API of the store being shown."""
    persian = _first(base, "/api/events?lang=fa&reports=true&per_page=100", several=True)
    story = _first(base, "/api/stories?min_reports=2")
    person = _first(base, "/api/actors")
    found = [
        Shot("home", "/"),
        Shot("events", "/events"),
        Shot("stories", "/stories"),
        Shot("commitments", "/commitments"),
        Shot("network", "/network"),
        Shot("timeline", "/timeline"),
        Shot("actors", "/actors"),
        Shot("search", "/search?q=%D9%87%D9%85%DA%A9%D8%A7%D8%B1%DB%8C"),  # «همکاری»
        Shot("map", "/map"),
    ]
    if persian is not None:
        found.insert(2, Shot("event-fa", f"/events/{persian['id']}"))
        found.insert(3, Shot("event-fa-evidence", f"/events/{persian['id']}", _open_evidence))
        found.append(Shot("article-fa", f"/articles/{persian['article_id']}"))
    if story is not None:
        found.insert(5, Shot("story", f"/stories/{story['id']}"))
    if person is not None:
        found.append(Shot("actor", f"/actors/{person['id']}"))
    return found


def _first(base: str, path: str, several: bool = False) -> dict[str, Any] | None:
    """The first item of an API list; with `several`, the first of an article that tells
    of more than one event, if any."""
    with urllib.request.urlopen(base + path) as answer:
        items: list[dict[str, Any]] = json.load(answer)["items"]
    if several:
        per_article: dict[int, int] = {}
        for item in items:
            per_article[item["article_id"]] = per_article.get(item["article_id"], 0) + 1
        items = [i for i in items if per_article[i["article_id"]] > 1] or items
    return items[0] if items else None


@contextmanager
def serving(db: Path) -> Iterator[str]:
    """`accords serve` on the store, on a free port: its base address."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    command = [sys.executable, "-m", "accords", "serve", "--db", str(db), "--port", str(port)]
    server = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                urllib.request.urlopen(base + "/health").close()
                break
            except OSError:
                if server.poll() is not None or time.monotonic() > deadline:
                    error = server.stderr.read().decode() if server.stderr else ""
                    raise SystemExit(f"accords serve did not start: {error.strip()}") from None
                time.sleep(0.2)
        yield base
    finally:
        server.terminate()
        server.wait(timeout=10)


def store_of_samples(folder: Path) -> Path:
    db = folder / "samples.db"
    command = [sys.executable, "-m", "accords", "ingest", *map(str, SAMPLES), "--db", str(db)]
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL)
    return db


def small(path: Path) -> int:
    """The PNG as a palette PNG, optimised: its size in bytes."""
    from PIL import Image

    with Image.open(path) as image:
        palette = image.convert("RGB").quantize(colors=COLOURS, method=Image.Quantize.MEDIANCUT)
    palette.save(path, optimize=True)
    return path.stat().st_size


def take(base: str, wanted: list[Shot]) -> list[tuple[str, int]]:
    from playwright.sync_api import sync_playwright

    OUT.mkdir(parents=True, exist_ok=True)
    written: list[tuple[str, int]] = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        try:
            for view, (width, height) in VIEWPORTS.items():
                context = browser.new_context(
                    viewport={"width": width, "height": height},
                    is_mobile=view == "phone",
                    has_touch=view == "phone",
                )
                page = context.new_page()
                for shot in wanted:
                    answer = page.goto(base + shot.path)
                    if answer is None or answer.status == 404:
                        if view == "desktop":
                            print(f"{shot.path}: not on this server, left out", file=sys.stderr)
                        continue
                    page.wait_for_load_state("networkidle")
                    if shot.then is not None:
                        shot.then(page)
                    path = OUT / f"{shot.name}-{view}.png"
                    page.screenshot(path=str(path))
                    written.append((path.name, small(path)))
                context.close()
        finally:
            browser.close()
    return written


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--only", help="only the pages whose name holds this")
    args = parser.parse_args()
    if not CHROMIUM.exists():
        raise SystemExit(f"no {CHROMIUM}: install Debian's chromium package")
    with tempfile.TemporaryDirectory() as folder:
        db = store_of_samples(Path(folder))
        with serving(db) as base:
            wanted = [s for s in shots(base) if not args.only or args.only in s.name]
            written = take(base, wanted)
    total = sum(size for _, size in written)
    for name, size in written:
        print(f"{size / 1024:7.1f} KiB  docs/screenshots/{name}")
    print(f"{len(written)} screenshots, {total / 1024:.0f} KiB in all")


if __name__ == "__main__":
    main()
