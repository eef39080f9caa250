"""Bytes to text: BOM, a declared charset, UTF-8, then detection (Windows-1256 pages are
common in Arabic and Persian news); binary and empty input are refused with a reason."""

from __future__ import annotations

import codecs

from accords.errors import EmptyInput, EncodingError, TooLarge

MAX_BYTES = 20 * 1024 * 1024

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def decode(data: bytes, *, source: str, declared: str | None = None,
           max_bytes: int = MAX_BYTES) -> str:
    if len(data) > max_bytes:
        raise TooLarge(f"{len(data):,} bytes is over the limit of {max_bytes:,}; split the file",
                       source=source)
    if not data.strip():
        raise EmptyInput("the file is empty", source=source)
    text = _decode(data, declared)
    if text is None:
        raise EncodingError("not text in any encoding accords knows (binary file?)",
                            source=source)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise EmptyInput("the file holds no text", source=source)
    controls = sum(1 for c in text[:10000] if ord(c) < 32 and c not in "\n\t\f\v")
    if controls > 0.01 * min(len(text), 10000) + 2:
        raise EncodingError("looks like a binary file, not text", source=source)
    return text


def _decode(data: bytes, declared: str | None) -> str | None:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return data.decode(encoding, errors="replace")
    if _looks_utf16(data):
        encoding = "utf-16-le" if data[1] == 0 else "utf-16-be"
        return data.decode(encoding, errors="replace")
    if b"\x00" in data[:4096]:
        return None
    if declared:
        try:
            return data.decode(declared)
        except (LookupError, UnicodeDecodeError):
            pass
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    return _detect(data)


def _looks_utf16(data: bytes) -> bool:
    sample = data[:2000]
    if len(sample) < 4:
        return False
    even_zeros = sample[0::2].count(0)
    odd_zeros = sample[1::2].count(0)
    half = len(sample) / 2
    return max(even_zeros, odd_zeros) > 0.3 * half and min(even_zeros, odd_zeros) < 0.05 * half


def _detect(data: bytes) -> str | None:
    from charset_normalizer import from_bytes

    best = from_bytes(data, cp_isolation=None).best()
    if best is not None and best.encoding:
        text = str(best)
        if _arabic_share(text) > 0.2 or best.encoding in ("cp1252", "latin_1", "iso8859_15"):
            # a Windows-1256 page misread as Windows-1252 shows no Arabic letters at all
            alternative = data.decode("cp1256", errors="replace")
            if _arabic_share(alternative) > _arabic_share(text) + 0.3:
                return alternative
        return text
    try:
        return data.decode("cp1256")
    except UnicodeDecodeError:
        return None


def _arabic_share(text: str) -> float:
    letters = [c for c in text if c.isalpha()]
    if not letters:
        return 0.0
    return sum(1 for c in letters if "\u0600" <= c <= "\u06ff") / len(letters)
