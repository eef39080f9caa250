"""Plain text files (and standard input) as Articles."""

from __future__ import annotations

import hashlib
import sys
from pathlib import Path

from accords.errors import InputError
from accords.ingest import clean
from accords.ingest.decode import MAX_BYTES, decode, read_capped
from accords.model import Article


def read_text(path: str, *, max_bytes: int = MAX_BYTES) -> Article:
    """Read one text file, or standard input for `-`."""
    shown = clean.name(path)
    if path == "-":
        data = read_capped(sys.stdin.buffer, max_bytes, what="standard input", source="-")
        name = "-"
    else:
        data = read_bytes(path, max_bytes=max_bytes, source=shown)
        name = clean.name(Path(path).name)
    text = decode(data, source=shown, max_bytes=max_bytes)
    return Article(text=text, doc=name, raw_hash=hashlib.sha256(data).hexdigest())


def read_bytes(path: str, *, max_bytes: int = MAX_BYTES, source: str | None = None) -> bytes:
    """The bytes of one file, read up to the limit and never past it, whatever its size on
    disk says (/dev/zero and a FIFO say 0); InputError for what cannot be read."""
    shown = source or clean.name(path)
    file = Path(path)
    try:
        if file.is_dir():
            raise InputError("is a folder; give the files in it", source=shown)
        with file.open("rb") as stream:
            return read_capped(stream, max_bytes, what="the file", source=shown)
    except FileNotFoundError:
        message = "a link to a file that is not there" if file.is_symlink() else "no such file"
        raise InputError(message, source=shown) from None
    except PermissionError:
        raise InputError("permission denied", source=shown) from None
    except OSError as error:
        raise InputError(f"cannot be read ({error.strerror or error})", source=shown) from None
