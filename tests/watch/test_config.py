from __future__ import annotations

from pathlib import Path

import pytest

from accords.errors import InputError
from accords.watch.config import load
from accords.watch.state import MAX_BACKOFF, backoff

SAMPLE = Path(__file__).resolve().parents[2] / "samples" / "sources.toml"


def test_the_sample_loads() -> None:
    listed = load(SAMPLE)
    assert {s.kind for s in listed.sources} == {"feed", "sitemap", "page", "folder"}
    feed = listed.sources[0]
    assert (feed.name, feed.interval, feed.follow) == ("example-news", 600.0, True)
    assert listed.sources[2].interval == 900.0  # the [watch] default
    assert listed.min_gap == 2.0
    rules = {rule.name: rule for rule in listed.rules}
    assert rules["iran-russia"].pair == {"IRN", "RUS"}
    assert rules["kept-iran"].when == "kept" and rules["kept-iran"].countries == {"IRN"}


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "source: no [[source]] given"),
        ('[[source]]\nname = "a"\n', "source[1]: give exactly one of feed, sitemap"),
        ('[[source]]\nfeed = "example.org/rss"\n', "source[1].feed: must be an http://"),
        ('[[source]]\nfolder = "/x"\nevery = "1h"\n', "source[1].every: unknown key"),
        ('[[source]]\nfolder = "/x"\n[[source]]\nfolder = "/x"\n', "source[2].name: '/x' is used"),
        ('[watch]\nmin_gap = -1\n[[source]]\nfolder = "/x"\n', "watch.min_gap: must not be neg"),
        ('[[source]]\nfolder = "/x"\n[[alert]]\nname = "A b"\n', "alert[1].name: required"),
        ('[[source]]\nfolder = "/x"\n[[alert]]\nname = "a"\npair = ["IRN"]\n', "alert[1].pair"),
        ('[[source]]\nfolder = "/x"\n[[alert]]\nname = "a"\ndomain = "fishing"\n',
         "alert[1].domain: unknown domain 'fishing'"),
        ('[[source]]\nfolder = "/x"\n[[alert]]\nname = "a"\nwhen = "later"\n', "alert[1].when"),
        ("[[source]\n", "not valid TOML"),
    ],
)  # fmt: skip
def test_mistakes_name_the_file_and_key(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "sources.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as raised:
        load(path)
    assert str(raised.value).startswith(f"{path}: ")
    assert message in str(raised.value)


def test_backoff_doubles_up_to_a_day() -> None:
    assert backoff(600, 0) == 600
    assert [backoff(0, n) for n in (1, 2, 3)] == [60, 120, 240]
    assert backoff(600, 30) == MAX_BACKOFF
