"""Plain text files (and standard input) as Articles."""

from __future__ import annotations

import hashlib
import sys
from pathlib import Path

from accords.errors import InputError
from accords.ingest.decode import MAX_BYTES, decode
from accords.model import Article


def read_text(path: str, *, max_bytes: int = MAX_BYTES) -> Article:
    """Read one text file, or standard input for `-`."""
    if path == "-":
        data = sys.stdin.buffer.read(max_bytes + 1)
        name = "-"
    else:
        file = Path(path)
        try:
            if file.is_dir():
                raise InputError("is a folder; give the files in it", source=path)
            # decode() refuses an oversized file without our reading it all
            too_large = file.stat().st_size > max_bytes
            data = b"x" * (max_bytes + 1) if too_large else file.read_bytes()
        except FileNotFoundError:
            raise InputError("no such file", source=path) from None
        except PermissionError:
            raise InputError("permission denied", source=path) from None
        except OSError as error:
            raise InputError(f"cannot be read ({error.strerror})", source=path) from None
        name = file.name
    text = decode(data, source=path, max_bytes=max_bytes)
    return Article(text=text, doc=name, raw_hash=hashlib.sha256(data).hexdigest())
