from __future__ import annotations

from pathlib import Path

import pytest

from accords.errors import LexiconError
from accords.lexicon import DATA, FILES, Lexicon, build, read_tsv
from accords.lexicon.matcher import Matcher, forms


def _copy_data(tmp_path: Path) -> Path:
    for path in DATA.glob("*.tsv"):
        (tmp_path / path.name).write_bytes(path.read_bytes())
    return tmp_path


def test_loader_rejects_a_bad_row_naming_file_line_and_id(tmp_path: Path) -> None:
    data = _copy_data(tmp_path)
    path = data / "triggers.tsv"
    path.write_text(
        path.read_text(encoding="utf-8") + "Bad Id\tCONSULT\tmeet\tmet\n", encoding="utf-8"
    )
    with pytest.raises(LexiconError) as error:
        build(data)
    message = str(error.value)
    assert "triggers.tsv" in message and "line" in message and "Bad Id" in message


def test_loader_rejects_a_repeated_id(tmp_path: Path) -> None:
    data = _copy_data(tmp_path)
    path = data / "cities.tsv"
    first = next(
        line
        for line in path.read_text(encoding="utf-8").splitlines()
        if line and not line.startswith(("#", "id\t"))
    )
    path.write_text(path.read_text(encoding="utf-8") + first + "\n", encoding="utf-8")
    with pytest.raises(LexiconError, match="repeats"):
        build(data)


def test_loader_every_file_has_its_columns() -> None:
    for name, (_, attributes) in FILES.items():
        rows = list(read_tsv(DATA / name, attributes))
        assert rows, f"{name} is empty"


def test_lexicon_has_cldr_names_for_every_country(lexicon: Lexicon) -> None:
    iran = lexicon.entry("country", "IRN")
    assert "Iran" in iran.names["en"] and "ایران" in iran.names["fa"]
    assert "伊朗" in iran.names["zh"]
    assert lexicon.country_name("CHN") == "China"


def test_matcher_finds_terms_through_clitics_and_suffixes() -> None:
    matcher = Matcher(
        [
            ("الصين", ("country", "CHN"), "ar"),
            ("همکاری", ("x", "coop"), "fa"),
            ("Iran", ("country", "IRN"), "en"),
        ]
    )
    assert "الصین" in forms("والصین") and "الصین" in forms("بالصین")
    found = matcher.find(["والصین", "همکاری\u200cهای", "iran's"])
    assert [(first, last, payloads[0][0]) for first, last, payloads in found] == [
        (0, 0, ("country", "CHN")),
        (1, 1, ("x", "coop")),
        (2, 2, ("country", "IRN")),
    ]


def test_matcher_finds_a_term_of_several_tokens_and_the_shorter_one_inside() -> None:
    matcher = Matcher([("drug trafficking", ("d", "long"), "en"), ("drug", ("d", "short"), "en")])
    found = matcher.find(["against", "drug", "trafficking", "drug"])
    assert [(first, last, payloads[0][0][1]) for first, last, payloads in found] == [
        (1, 1, "short"),
        (1, 2, "long"),
        (3, 3, "short"),
    ]


def test_matcher_does_not_read_a_verb_inside_a_noun_with_the_article() -> None:
    # «السلم» (peace) is not the verb «سلم» (handed over)
    assert "سلم" not in forms("السلم")
    assert "زار" not in forms("وزاره")  # «وزارة» (ministry) is not «زار» (visited)


def test_matcher_keeps_three_letters_of_a_word_given_the_article() -> None:
    # «فرقها» (its teams) stripped at both ends is «رق», two letters: not «الرق» (slavery)
    assert "الرق" not in forms("فرقها") and "فرق" in forms("فرقها")
    assert "الامن" in forms("وامنها")  # «أمنها» (its security) keeps three: «الأمن»


@pytest.mark.parametrize(
    ("name", "row", "known"),
    [
        ("domains.tsv", "cyber_extra\tcybercrim\thacking\n", "cybercrime"),
        ("triggers.tsv", "consult_typo\tCONSLT\tmeet\tmet up\n", "CONSULT, AGREE"),
        ("commitments.tsv", "offer_typo\toffr\tready to\n", "offer, pledge"),
        ("cues.tsv", "future_typo\tfutur\t\twill be\n", "and, attribution, background"),
        ("months.tsv", "greg_13\tgregorian\t13\tUndecember\n", "10, 11, 12"),
        ("languages.tsv", "de\t\tSVO\tlatin\t\t\t\tGerman\n", "en, fa, ar, ru, zh, tr, fr, ur"),
        ("cues.tsv", "day_typo\trelative_day\tsoon\tsoon\n", "an integer, or empty"),
        ("persons.tsv", "a_b\tIRN\tpolice chief\tsince 2020\tA B\n", "YYYY-YYYY, YYYY-"),
        ("cities.tsv", "nowhere\tIRX\t\tNowhere\n", "'IRX' is no country's id"),
        ("persons.tsv", "c_d\tXYZ\tpolice chief\t\tC D\n", "'XYZ' is no country's id"),
        ("titles.tsv", "chief_x\tchief\tno_such_body\t\tChief X\n", "no organization's id"),
        ("family_first.tsv", "XYZ\n", "'XYZ' is no country's id"),
        ("roles.tsv", "watch\twatchman\twatch\n", "office, security, entourage, reporter"),
    ],
)
def test_loader_rejects_a_misspelt_value_naming_file_line_and_known_values(
    tmp_path: Path, name: str, row: str, known: str
) -> None:
    data = _copy_data(tmp_path)
    path = data / name
    text = path.read_text(encoding="utf-8")
    path.write_text(text + row, encoding="utf-8")
    with pytest.raises(LexiconError) as error:
        build(data)
    line = len(text.splitlines()) + 1
    message = str(error.value)
    assert name in message and f"line {line}:" in message and known in message


def test_loader_rejects_a_language_column_it_does_not_know_naming_those_it_does(
    tmp_path: Path,
) -> None:
    data = _copy_data(tmp_path)
    (data / "steps.tsv").write_text("id\ten\tde\nsign\tsign\tunterzeichnen\n")
    with pytest.raises(LexiconError, match=r"steps\.tsv: header .* \(en, fa, ar, ru, zh, tr"):
        build(data)


def test_entry_get_of_a_column_the_concept_lacks_is_an_error(lexicon: Lexicon) -> None:
    city = lexicon.entry("city", "tehran")
    assert city.get("country") == "IRN" and city.get("capital") == "yes"
    with pytest.raises(
        LexiconError, match="city entries have no column 'country_code' \\(only country, capital\\)"
    ):
        city.get("country_code")


def test_loader_rejects_a_body_member_that_is_no_country(tmp_path: Path) -> None:
    data = _copy_data(tmp_path)
    path = data / "organizations.tsv"
    row = "test_body\tintl\t\tIRN XYZ\tTB\tTest Body\n"
    path.write_text(path.read_text(encoding="utf-8") + row, encoding="utf-8")
    with pytest.raises(LexiconError, match="XYZ") as error:
        build(data)
    assert "organizations.tsv" in str(error.value) and "test_body" in str(error.value)


@pytest.mark.parametrize(
    ("row", "named"),
    [
        ("eu_xyz\teu\tXYZ\t2004-\n", "XYZ"),  # no country
        ("nobody_irn\tnobody\tIRN\t2004-\n", "nobody"),  # no body
        ("eu_irn\teu\tIRN\tsince 2004\n", "since 2004"),  # no period
    ],
)
def test_loader_rejects_a_membership_of_no_body_no_country_or_no_years(
    tmp_path: Path, row: str, named: str
) -> None:
    data = _copy_data(tmp_path)
    path = data / "memberships.tsv"
    path.write_text(path.read_text(encoding="utf-8") + row, encoding="utf-8")
    with pytest.raises(LexiconError, match=named) as error:
        build(data)
    assert "memberships.tsv" in str(error.value)


@pytest.mark.parametrize(
    ("role", "ids"),
    [
        ("deputy minister of interior", {"entourage", "home", "security"}),
        ("head of the state security service", {"intelligence", "security"}),
        ("vice president", {"entourage"}),  # "vice" begins a word here, as not in "service"
        ("director general of the anti-narcotics force", {"narcotics", "security"}),
        ("spokesman", {"reporter"}),
        ("foreign minister", {"foreign"}),
        (None, set()),
    ],
)
def test_lexicon_roles_are_those_whose_words_begin_a_word_of_the_role(
    lexicon: Lexicon, role: str | None, ids: set[str]
) -> None:
    found = lexicon.roles(role)
    assert set(found) == ids
    assert {found[i] for i in ids - {"entourage", "reporter", "security"}} <= {"office"}


def test_lexicon_name_particles_are_read_in_every_language(lexicon: Lexicon) -> None:
    assert {"al", "bin", "von", "آل", "ابن"} <= lexicon.name_particles()
    assert "minister" not in lexicon.name_particles()


def test_loader_rejects_a_verb_that_begins_no_trigger(tmp_path: Path) -> None:
    data = _copy_data(tmp_path)
    path = data / "verbs.tsv"
    path.write_text(path.read_text(encoding="utf-8") + "misspelt\tيوقعن\n", encoding="utf-8")
    with pytest.raises(LexiconError, match=r"verbs\.tsv.*'يوقعن' of 'misspelt' begins no"):
        build(data)
