"""Every asset is the app's own: the pages and /docs name no other host, and the vendored
libraries are served from the package with their licences."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from accords.web import app as web_app
from tests.web.conftest import Filled

VENDORED = {
    "/static/vendor/chartjs/chart.umd.min.js": "Chart.js v4.6.1",
    "/static/vendor/cytoscape/cytoscape.min.js": 'version="3.35.0"',
    "/static/vendor/swagger-ui/swagger-ui-bundle.js": "SwaggerUIBundle",
}
LICENCES = ["chartjs/LICENSE.md", "cytoscape/LICENSE", "swagger-ui/LICENSE", "swagger-ui/NOTICE",
            "vazirmatn/LICENSE"]  # fmt: skip
# src, href and url(...) that leave the server
_OUTSIDE = re.compile(r"""(?:src|href)\s*=\s*["']?(?:https?:)?//|url\(\s*["']?(?:https?:)?//""")


@pytest.mark.parametrize(("path", "marker"), VENDORED.items())
def test_assets_vendored_libraries_are_served(client: TestClient, path: str, marker: str) -> None:
    answer = client.get(path)
    assert answer.status_code == 200
    assert "javascript" in answer.headers["content-type"]
    assert marker in answer.text


@pytest.mark.parametrize("name", LICENCES)
def test_assets_vendored_licences_are_shipped(name: str) -> None:
    assert (web_app.STATIC / "vendor" / name).stat().st_size > 50


def test_assets_templates_and_styles_name_no_other_host() -> None:
    files = [*(web_app.HERE / "templates").glob("*.html"), *web_app.STATIC.glob("*.css"),
             *web_app.STATIC.glob("*.js")]  # fmt: skip
    assert files
    for file in files:
        assert not _OUTSIDE.search(file.read_text(encoding="utf-8")), file


def test_assets_docs_page_loads_only_local_files(client: TestClient, filled: Filled) -> None:
    page = client.get("/docs").text
    assert not _OUTSIDE.search(page)
    for asset in re.findall(r"""(?:src|href)=["']([^"']+)""", page):
        assert client.get(asset).status_code == 200, asset
    assert client.get("/redoc").status_code == 404


def test_assets_fonts_and_icon_are_served(client: TestClient) -> None:
    css = client.get("/static/app.css").text
    for font in re.findall(r'url\("([^"]+)"\)', css):
        answer = client.get("/static/" + font)
        assert answer.status_code == 200 and len(answer.content) > 10_000
    assert client.get("/favicon.ico").headers["content-type"] == "image/svg+xml"


def test_assets_package_data_lists_the_web_files() -> None:
    pyproject = (Path(__file__).parents[2] / "pyproject.toml").read_text(encoding="utf-8")
    for pattern in ("web/templates/*.html", "web/static/*.css", "web/static/*.js",
                    "web/static/vendor/*/*"):  # fmt: skip
        assert f'"{pattern}"' in pyproject
