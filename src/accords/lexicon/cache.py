"""A compiled lexicon kept on disk between runs, so that start-up is a quick unpickle rather
than a rebuild of every matcher. The cache is keyed by the bytes of the data files and of
the code that compiles them: any change to either builds afresh."""

from __future__ import annotations

import hashlib
import os
import pickle
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TypeVar

from accords import collector

T = TypeVar("T")


def cache_dir() -> Path:
    if os.environ.get("ACCORDS_CACHE"):
        return Path(os.environ["ACCORDS_CACHE"])
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "accords"


def fingerprint(files: Iterable[Path], extra: str = "") -> str:
    digest = hashlib.sha256(extra.encode("utf-8"))
    for path in sorted(files):
        digest.update(path.name.encode("utf-8"))
        digest.update(path.read_bytes())
    return digest.hexdigest()[:24]


def cached(key: str, build: Callable[[], T]) -> T:
    """The value stored under `key`, or `build()`'s, stored for next time. A cache that
    cannot be read or written (read-only home, a stale format) is rebuilt or skipped."""
    path = cache_dir() / f"{key}.pickle"
    try:
        # an unpickled lexicon is millions of new objects: collection after collection
        # would walk all of them again
        with path.open("rb") as stored, collector.paused():
            value: T = pickle.load(stored)
            return value
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError):
        pass
    value = build()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=path.parent, delete=False) as handle:
            pickle.dump(value, handle, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(handle.name, path)
    except OSError:
        pass
    return value
