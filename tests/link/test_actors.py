from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from accords.lexicon import Lexicon, load
from accords.link.actors import ActorKeys, _gazetteer, actor_key, skeleton
from tests.link.builders import person


@pytest.fixture(scope="module")
def lexicon() -> Lexicon:
    return load()


@pytest.mark.parametrize("name", ["رادان", "Radan", "Радан", "拉丹", "احمدرضا رادان"])
def test_actors_radan_in_any_script_is_the_gazetteer_radan(lexicon: Lexicon, name: str) -> None:
    assert actor_key(person(name, "IRN"), lexicon) == "ahmadreza_radan"


@pytest.mark.parametrize(
    "name", ["Ван Сяохун", "Wang Xiaohong", "王小洪", "وانغ شياو هونغ", "وانگ شیائوهونگ"]
)
def test_actors_wang_xiaohong_in_any_script_is_one(lexicon: Lexicon, name: str) -> None:
    assert actor_key(person(name, "CHN"), lexicon) == "wang_xiaohong"


def test_actors_name_order_is_the_lexicons(lexicon: Lexicon) -> None:
    # family_first.tsv: a Vietnamese stranger is known by the first word of the name
    stranger = person("Nguyen Van Thanh", "VNM")
    assert ActorKeys((), (), lexicon.family_name_first()).of(stranger) == "a-vnm-nkn"
    assert ActorKeys((), ()).of(stranger) == "a-vnm-sn"  # Thanh, by a list without VNM


def test_actors_misspelt_name_found_fuzzily(lexicon: Lexicon) -> None:
    # an outlet wrote «يوهانغ» for «هونغ»
    assert actor_key(person("وانغ شياو يوهانغ", "CHN"), lexicon) == "wang_xiaohong"


def test_actors_same_surname_in_two_countries_is_two(lexicon: Lexicon) -> None:
    chinese = actor_key(person("Wang", "CHN", "minister of public security"), lexicon)
    taiwanese = actor_key(person("Wang", "TWN", "minister of interior"), lexicon)
    assert chinese == "wang_xiaohong"
    assert taiwanese != chinese


def test_actors_office_tells_two_people_of_one_surname_apart(lexicon: Lexicon) -> None:
    assert actor_key(person("Wang", "CHN", "foreign minister"), lexicon) != "wang_xiaohong"


@pytest.mark.parametrize(
    "names",
    [
        ("Kamran Farahani", "کامران فراهانی", "كامران فراهاني", "Камран Фарахани"),
        ("Iraj Kakavand", "ایرج کاکاوند"),
        ("Ahmad Salimi", "Ahmed Selimi", "احمد سلیمی", "أحمد سليمي"),
        ("Jaber al-Tamimi", "Jaber Tamimi", "جابر التميمي"),
    ],
)
def test_actors_unlisted_person_has_one_key_across_scripts(
    lexicon: Lexicon, names: tuple[str, ...]
) -> None:
    keys = {actor_key(person(name, "IRQ"), lexicon) for name in names}
    assert len(keys) == 1
    assert keys.pop().startswith("a-irq-")


def test_actors_unlisted_surname_in_two_countries_is_two(lexicon: Lexicon) -> None:
    assert actor_key(person("Kamran Farahani", "IRN"), lexicon) != actor_key(
        person("Kamran Farahani", "IRQ"), lexicon
    )


def test_actors_gazetteer_id_from_extraction_is_kept(lexicon: Lexicon) -> None:
    found = person("Someone", "IRN")
    assert actor_key(replace(found, id="hossein_ashtari"), lexicon) == "hossein_ashtari"


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("Mohammad", "Muhammad"),
        ("Hossein", "Hussain"),
        ("Ahmad", "Ahmed"),
        ("al-Shammari", "Shammari"),
    ],
)
def test_actors_skeleton_ignores_spelling_variants(first: str, second: str) -> None:
    assert skeleton(first) == skeleton(second)


def test_actors_skeleton_keeps_different_names_apart() -> None:
    assert skeleton("Radan") != skeleton("Ashtari")


def test_actors_gazetteer_read_back_from_the_cache_keys_as_the_one_built(
    lexicon: Lexicon, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # the gazetteer of the loaded lexicon is stored beside it on disk: built in a fresh
    # cache, then read back from it, it gives the same keys, and still remembers names
    monkeypatch.setenv("ACCORDS_CACHE", str(tmp_path))
    built = _gazetteer(lexicon)
    assert list(tmp_path.glob("actors-*.pickle"))
    read = _gazetteer(lexicon)
    assert read is not built
    for name, country in (("拉丹", "IRN"), ("وانغ شياو يوهانغ", "CHN"), ("Jaber Tamimi", "IRQ")):
        actor = person(name, country)
        assert read.of(actor) == built.of(actor)
        assert read.of(actor) == read.of(actor)
