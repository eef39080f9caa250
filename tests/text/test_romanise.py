from __future__ import annotations

import pytest

from accords.text.romanise import romanise


@pytest.mark.parametrize(
    ("name", "latin"),
    [
        ("Radan", "Radan"),
        ("رادان", "Radan"),
        ("Колокольцев", "Kolokoltsev"),
        ("الشمري", "al-Shmri"),
    ],
)
def test_romanise_gives_a_readable_latin_form(name: str, latin: str) -> None:
    assert romanise(name) == latin
