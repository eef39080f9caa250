"""Bytes to text: a BOM, then the charset the server or the page declares, then UTF-8, then
detection (Windows-1256 pages are common in Arabic and Persian news); mojibake is repaired;
binary and empty input are refused with a reason."""

from __future__ import annotations

import codecs
import contextlib
import io
import os
import re
import stat
import zlib
from typing import Protocol

from accords import limits
from accords.errors import EmptyInput, EncodingError, TooLarge

MAX_BYTES = limits.MAX_BYTES
GZIP_MAGIC = b"\x1f\x8b"

# control characters that text does not hold (tab, newline, vertical tab, form feed do)
_CONTROLS = re.compile("[\x00-\x08\x0e-\x1f]")


class Readable(Protocol):
    """What the readers read from: a file, a socket's bytes, a decompressing stream."""

    def read(self, size: int, /) -> bytes: ...


_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

# Browsers read these labels as Windows-1252 (the WHATWG encoding standard), and so do we:
# pages that say ISO-8859-1 use the curly quotes and dashes that only Windows-1252 has.
_LATIN_LABELS = {
    "iso-8859-1",
    "iso8859-1",
    "latin1",
    "latin-1",
    "l1",
    "us-ascii",
    "ascii",
    "windows-1252",
    "cp1252",
    "x-cp1252",
}
_LATIN_CODECS = {
    "cp1252",
    "latin_1",
    "iso8859_15",
    "cp1250",
    "iso8859_2",
    "cp1254",
    "iso8859_9",
    "mac_roman",
    "cp1257",
    "iso8859_4",
    "iso8859_13",
}

# a two-byte UTF-8 sequence read as Windows-1252: a lead byte (Ø Ù Ú Û for Arabic
# letters, Ã for accented Latin ones) then a continuation byte; ftfy decides
_MOJIBAKE = re.compile(
    "[\u00c2-\u00df][\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e"
    "\u0192\u02c6\u02dc\u2013-\u203a\u20ac\u2122]"
)


def decode(
    data: bytes, *, source: str, declared: str | None = None, max_bytes: int = MAX_BYTES
) -> str:
    """Decode one document. `declared` is the charset an HTTP header or a `<meta>` names;
    a BOM overrides it, as it does in browsers."""
    if len(data) > max_bytes:
        raise too_large(max_bytes, size=len(data), source=source)
    if not data.strip():
        raise EmptyInput("the file is empty", source=source)
    text = _decode(data, declared)
    if text is None:
        raise EncodingError("not text in any encoding accords knows (binary file?)", source=source)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise EmptyInput("the file holds no text", source=source)
    controls = len(_CONTROLS.findall(text, 0, 10000))
    if controls > 0.01 * min(len(text), 10000) + 2:
        raise EncodingError("looks like a binary file, not text", source=source)
    return repair(text)


def human(size: int) -> str:
    """A size as people read it: 52428800 is "50 MB", 1536 is "1.5 KB"."""
    for unit, scale in (("GB", 1 << 30), ("MB", 1 << 20), ("KB", 1 << 10)):
        if size >= scale:
            value = size / scale
            shown = f"{value:.0f}" if value >= 100 else f"{value:.1f}".removesuffix(".0")
            return f"{shown} {unit}"
    return "1 byte" if size == 1 else f"{size} bytes"


def too_large(
    limit: int, *, size: int | None = None, what: str = "the text", source: str
) -> TooLarge:
    """The error for something over the size limit. `size` is None when it is not known
    (a pipe, a device, a compressed stream): reading stopped at the limit."""
    if size is None:
        message = f"{what} is over the limit of {human(limit)}"
    elif human(size) == human(limit):  # "20 MB is over the limit of 20 MB" says nothing
        message = f"{what} is {human(size - limit)} over the limit of {human(limit)}"
    else:
        message = f"{what} is {human(size)}, over the limit of {human(limit)}"
    return TooLarge(f"{message} ({limits.SIZE.variable})", source=source)


def read_capped(stream: Readable, limit: int, *, what: str, source: str) -> bytes:
    """All of `stream`, or TooLarge once it gives more than `limit` bytes: a file's size on
    disk says nothing of /dev/zero, a pipe or a FIFO, so the bytes are counted as read."""
    data = stream.read(limit + 1)
    if len(data) > limit:
        raise too_large(limit, size=_size_on_disk(stream), what=what, source=source)
    return data


def _size_on_disk(stream: Readable) -> int | None:
    try:
        status = os.fstat(stream.fileno())  # type: ignore[attr-defined]
    except (AttributeError, OSError, ValueError, io.UnsupportedOperation):
        return None
    return status.st_size if stat.S_ISREG(status.st_mode) else None


def gunzip_head(data: bytes, size: int = 512) -> bytes:
    """The first `size` bytes inside gzip'd `data` (never more, whatever the ratio), or
    b"" when it is not gzip."""
    try:
        return zlib.decompressobj(wbits=31).decompress(data, size)
    except zlib.error:
        return b""


def repair(text: str) -> str:
    """Undo UTF-8 that was once read as Windows-1252 and saved again («Ø§Ù„» for «ال»), a
    common scar of copy-paste between old and new systems."""
    if not _MOJIBAKE.search(text):
        return text  # ftfy costs a pass over the text; most texts are clean
    import ftfy

    return ftfy.fix_encoding(text)


def _decode(data: bytes, declared: str | None) -> str | None:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return data.decode(encoding, errors="replace")
    utf16 = _utf16_order(data)
    if utf16:
        return data.decode(utf16, errors="replace")
    if b"\x00" in data[:4096]:
        return None
    if declared:
        text = _decode_declared(data, declared)
        if text is not None:
            return text
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    return _detect(data)


def _decode_declared(data: bytes, declared: str) -> str | None:
    label = declared.strip().strip("'\"").lower()
    if label in _LATIN_LABELS:
        try:
            text = data.decode("cp1252")
        except UnicodeDecodeError:
            return None
        # Arabic sites long served Windows-1256 pages labelled ISO-8859-1
        return _prefer_arabic(data, text)
    try:
        return data.decode(label)
    except (LookupError, UnicodeDecodeError):
        return None


def _utf16_order(data: bytes) -> str | None:
    """The UTF-16 byte order of text without a BOM, or None when it is not UTF-16: one of
    the two byte columns then holds only a few values (0 for Latin text, 6 for Arabic)."""
    sample = data[:4000]
    if len(sample) < 8:
        return None
    sample = sample[: len(sample) // 2 * 2]
    for order, high in (("utf-16-le", sample[1::2]), ("utf-16-be", sample[0::2])):
        if b"\x00" not in high:
            continue
        common = sorted((high.count(value) for value in set(high)), reverse=True)
        if sum(common[:3]) < 0.95 * len(high):
            continue
        try:
            text = sample.decode(order)
        except UnicodeDecodeError:
            continue
        if _reads_like_text(text):
            return order
    return None


def _reads_like_text(text: str) -> bool:
    """Words and spaces, as news is: a repeating binary pattern can pass the byte test
    above, but it makes no words separated by white space."""
    letters = sum(1 for c in text if c.isalpha())
    spaces = sum(1 for c in text if c.isspace())
    printable = sum(1 for c in text if c.isprintable() or c.isspace())
    return printable > 0.95 * len(text) and letters > 0.5 * len(text) and spaces > 0.03 * len(text)


def _detect(data: bytes) -> str | None:
    from charset_normalizer import from_bytes

    best = from_bytes(data, cp_isolation=None).best()
    if best is not None and best.encoding:
        text = str(best)
        if best.encoding in _LATIN_CODECS:
            # the detector cannot tell the Latin code pages apart on short texts;
            # Windows-1252 is by far the most common of them on the web
            with contextlib.suppress(UnicodeDecodeError):
                text = data.decode("cp1252")
            return _prefer_arabic(data, text)
        if _arabic_share(text) > 0.2:
            return _prefer_arabic(data, text)
        return text
    try:
        return data.decode("cp1256")
    except UnicodeDecodeError:
        return None


def _prefer_arabic(data: bytes, text: str) -> str:
    """A Windows-1256 page misread in another code page shows few Arabic letters or none."""
    alternative = data.decode("cp1256", errors="replace")
    if _arabic_share(alternative) > _arabic_share(text) + 0.3:
        return alternative
    return text


def _arabic_share(text: str) -> float:
    letters = [c for c in text if c.isalpha()]
    if not letters:
        return 0.0
    return sum(1 for c in letters if "\u0600" <= c <= "\u06ff") / len(letters)
