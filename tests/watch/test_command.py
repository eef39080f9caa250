from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from click.testing import CliRunner
from fastapi.testclient import TestClient

from accords.cli import main
from accords.errors import AccordsError
from accords.store import Store
from accords.watch import state
from accords.web.app import create_app
from tests.http_server import Site
from tests.watch.helpers import count, stored_urls
from tests.watch.news import FOUR, rss

ACCORDS = [sys.executable, "-m", "accords"]


def test_state_survives_kill_9_between_rounds(db_url: str, site: Site, tmp_path: Path) -> None:
    site.add("/feed.xml", rss(site.base, "iran-russia", "turkey-iraq"), "application/rss+xml",
             etag='"v1"')  # fmt: skip
    sources = tmp_path / "sources.toml"
    sources.write_text(
        f'[watch]\nmin_gap = 0.05\n[[source]]\nname = "news"\n'
        f'feed = "{site.url("/feed.xml")}"\ninterval = 0.3\n',
        encoding="utf-8",
    )
    running = subprocess.Popen(
        [*ACCORDS, "watch", str(sources), "--db", db_url],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True,
    )  # fmt: skip
    try:
        deadline = time.monotonic() + 60
        while site.requests.count("/feed.xml") < 3 and time.monotonic() < deadline:
            time.sleep(0.1)  # two rounds done, the third polled: rounds go on
        assert site.requests.count("/feed.xml") >= 3, running.stderr
        with Store.open(db_url, create=False) as serving:  # accords serve, meanwhile
            health = TestClient(create_app(serving)).get("/health").json()
            assert health["sources"][0]["name"] == "news"
        site.add("/feed.xml", rss(site.base, "iran-russia", "turkey-iraq", "oman-iran"),
                 "application/rss+xml", etag='"v2"')  # fmt: skip
        while site.requests.count("/feed.xml") < 5 and time.monotonic() < deadline:
            time.sleep(0.05)
    finally:
        os.killpg(running.pid, signal.SIGKILL)  # no chance to tidy anything
        running.wait()
    site.add("/feed.xml", rss(site.base, *FOUR), "application/rss+xml", etag='"v3"')
    time.sleep(0.4)
    result = CliRunner().invoke(main, ["watch", str(sources), "--db", db_url, "--once"])
    assert result.exit_code == 0, result.output
    with Store.open(db_url) as store:
        assert count(store) == 4
        assert stored_urls(store) == sorted(site.url(f"/news/{n}.html") for n in FOUR)
        after = state.states(store)["news"]
        assert after.etag == '"v3"' and after.failures == 0
    # the validators survived: a round after the kill asked conditionally
    asked = [validator for path, _, validator in site.log if path == "/feed.xml"]
    assert asked[0] is None and all(asked[1:])


def test_a_bad_source_file_is_one_line_naming_the_key(tmp_path: Path) -> None:
    sources = tmp_path / "sources.toml"
    sources.write_text('[[source]]\nfeed = "https://example.org/rss"\ninterval = "soon"\n')
    result = subprocess.run(
        [*ACCORDS, "watch", str(sources), "--db", str(tmp_path / "a.db")],
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert result.returncode == 1
    assert (
        result.stderr == f"accords: {sources}: source[1].interval: a duration such as 90, "
        '"15m", "2h"\n'
    )
    assert not (tmp_path / "a.db").exists()  # checked before anything is made


def test_ctrl_c_ends_a_watch_cleanly(site: Site, tmp_path: Path) -> None:
    site.add("/feed.xml", rss(site.base, "iran-russia"), "application/rss+xml")
    sources = tmp_path / "sources.toml"
    sources.write_text(
        f'[[source]]\nname = "news"\nfeed = "{site.url("/feed.xml")}"\ninterval = 3600\n',
        encoding="utf-8",
    )
    running = subprocess.Popen(
        [*ACCORDS, "watch", str(sources), "--db", str(tmp_path / "a.db")],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    deadline = time.monotonic() + 60
    while not _stored(tmp_path / "a.db") and time.monotonic() < deadline:
        time.sleep(0.2)  # the first round; then the watch waits an hour
    running.send_signal(signal.SIGINT)
    _, err = running.communicate(timeout=60)
    assert running.returncode == 0, err
    assert err.rstrip().endswith("accords: watch stopped; run it again to go on")
    assert "Traceback" not in err
    with Store.open(str(tmp_path / "a.db")) as store:
        assert count(store) == 1


def _stored(path: Path) -> bool:
    if not path.exists():
        return False
    try:
        with Store.open(str(path), create=False) as store:
            return count(store) > 0
    except AccordsError:  # being made
        return False
