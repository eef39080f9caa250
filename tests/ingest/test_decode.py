from __future__ import annotations

import codecs

import pytest

from accords.errors import EmptyInput, EncodingError, TooLarge
from accords.ingest.decode import decode, repair

ARABIC = (
    "وقع وزيرا الداخلية في البلدين مذكرة تفاهم للتعاون في مجال الأمن البحري ومكافحة "
    "تهريب المخدرات. وقال الوزير إن التعاون سيستمر في الأشهر المقبلة."
)
# Windows-1256 has no Persian yeh and keheh: old Persian pages use the Arabic letters
PERSIAN_1256 = "وزيران كشور دو كشور يادداشت تفاهم همكاري در زمينه امنيت دريايي را امضا كردند."
FRENCH = "Le ministre de l'Intérieur a signé à Mascate un protocole sur la sécurité maritime."


@pytest.mark.parametrize(
    ("text", "encoding"),
    [
        (ARABIC, "cp1256"),
        (PERSIAN_1256, "cp1256"),
        (ARABIC, "iso8859_6"),
        (FRENCH, "cp1252"),
        (ARABIC, "utf-16-le"),
        (ARABIC, "utf-16-be"),
        (ARABIC, "utf-16"),
        (FRENCH, "utf-8-sig"),
    ],
)
def test_decode_legacy_encodings_come_out_right(text: str, encoding: str) -> None:
    assert decode(text.encode(encoding), source="t") == text


@pytest.mark.parametrize("declared", ["iso-8859-6", "ISO-8859-6", "'iso-8859-6'"])
def test_decode_declared_charset_is_used(declared: str) -> None:
    assert decode(ARABIC.encode("iso8859_6"), source="t", declared=declared) == ARABIC


def test_decode_bom_wins_over_a_wrong_declaration() -> None:
    data = codecs.BOM_UTF8 + ARABIC.encode("utf-8")
    assert decode(data, source="t", declared="windows-1256") == ARABIC


def test_decode_windows_1256_labelled_latin1_is_read_as_arabic() -> None:
    assert decode(ARABIC.encode("cp1256"), source="t", declared="iso-8859-1") == ARABIC


def test_decode_unknown_declared_charset_falls_back_to_detection() -> None:
    assert decode(ARABIC.encode("utf-8"), source="t", declared="x-no-such-charset") == ARABIC


@pytest.mark.parametrize("text", [ARABIC, "همکاری‌های امنیتی ایران و عمان در دریا", FRENCH])
def test_decode_repairs_utf8_read_as_windows_1252(text: str) -> None:
    import ftfy.bad_codecs  # noqa: F401 (registers sloppy-windows-1252)

    mojibake = text.encode("utf-8").decode("sloppy-windows-1252")
    assert mojibake != text
    assert decode(mojibake.encode("utf-8"), source="t") == text


def test_repair_leaves_clean_text_alone() -> None:
    assert repair(FRENCH) == FRENCH
    assert repair("Ø is a letter in Danish: Ørsted") == "Ø is a letter in Danish: Ørsted"


@pytest.mark.parametrize(
    ("data", "error"),
    [
        (b"", EmptyInput),
        (b"  \n\t ", EmptyInput),
        (b"\x00\x01\x02\x03binary\x00\xff" * 50, EncodingError),
        (bytes(range(256)) * 8, EncodingError),
    ],
)
def test_decode_refuses_empty_and_binary(data: bytes, error: type[Exception]) -> None:
    with pytest.raises(error, match="t: "):
        decode(data, source="t")


def test_decode_refuses_over_the_limit() -> None:
    with pytest.raises(TooLarge):
        decode(b"x" * 101, source="t", max_bytes=100)
