"""The README shows the screenshots `make screenshots` writes: each one it names exists,
and each one written is shown or linked."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).parents[1]
SHOTS = ROOT / "docs" / "screenshots"


def test_docs_readme_shows_every_screenshot_and_only_those() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    named = set(re.findall(r"docs/screenshots/([\w-]+\.png)", readme))
    written = {path.name for path in SHOTS.glob("*.png")}
    assert named, "the README shows no screenshot"
    assert named - written == set(), (
        "named in the README, not in docs/screenshots: make screenshots"
    )
    assert written - named == set(), "written by make screenshots, not in the README"


def test_docs_screenshots_are_palette_pngs_of_the_two_sizes() -> None:
    sizes = {"desktop": (1400, 1000), "phone": (390, 844)}
    for path in SHOTS.glob("*.png"):
        head = path.read_bytes()[:26]
        assert head[:8] == b"\x89PNG\r\n\x1a\n", path.name
        width, height = int.from_bytes(head[16:20], "big"), int.from_bytes(head[20:24], "big")
        view = path.stem.rsplit("-", 1)[1]
        assert (width, height) == sizes[view], path.name
        assert head[25] == 3, f"{path.name}: not a palette PNG"  # colour type 3: indexed
