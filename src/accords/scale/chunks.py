"""The output folder of a batch job, and how a job stopped half-way picks up again.

    DIR/articles/ events/ actors/ commitments/ stories/   the datasets, month=YYYY-MM/...
    DIR/_chunks/<id>/    one done chunk: its rows (*.parquet) and chunk.json
    DIR/_manifest.jsonl  the done chunks, one JSON object each (what chunk.json holds)
    DIR/_final.json      which done chunks the datasets were built from
    DIR/_tmp/            work in progress; emptied when a job starts

A chunk is written whole into _tmp and then renamed into _chunks: a rename within one file
system is atomic, so a chunk folder is complete or absent, whenever the job was stopped.
The chunk folders, not the manifest, are the truth: a Spark task may finish its chunk and
the driver die before it hears, so the manifest is rebuilt from them when a job starts.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import uuid
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

CHUNK_FILE = "chunk.json"


@dataclass(frozen=True, slots=True)
class Problem:
    """Bad records of one file for one reason: how many, and where the first one is."""

    file: str
    reason: str
    count: int
    first: str

    def line(self) -> str:
        records = "record" if self.count == 1 else "records"
        return f"{self.file}: {self.count} {records}: {self.reason} (first: {self.first})"


@dataclass(frozen=True, slots=True)
class ChunkResult:
    """What one chunk held and gave."""

    id: str
    path: str
    articles: int = 0
    events: int = 0
    failed: int = 0
    seconds: float = 0.0
    problems: tuple[Problem, ...] = field(default_factory=tuple)

    def to_json(self) -> str:
        return json.dumps(asdict(self), ensure_ascii=False)

    @classmethod
    def from_json(cls, text: str) -> ChunkResult:
        data: dict[str, Any] = json.loads(text)
        data["problems"] = tuple(Problem(**p) for p in data.get("problems", ()))
        return cls(**data)


class Layout:
    """Where everything of a job lives under its output folder."""

    def __init__(self, out: Path) -> None:
        self.out = out
        self.chunks = out / "_chunks"
        self.tmp = out / "_tmp"
        self.manifest = out / "_manifest.jsonl"
        self.final = out / "_final.json"

    def start(self) -> dict[str, ChunkResult]:
        """Make the folders, clear what a stopped job left half-done, and rebuild the
        manifest from the chunks that are done; those chunks, by id."""
        self.chunks.mkdir(parents=True, exist_ok=True)
        shutil.rmtree(self.tmp, ignore_errors=True)
        done = self.done()
        _write_atomically(self.manifest, "".join(r.to_json() + "\n" for r in done.values()))
        return done

    def done(self) -> dict[str, ChunkResult]:
        found: dict[str, ChunkResult] = {}
        for folder in sorted(self.chunks.iterdir()):
            marker = folder / CHUNK_FILE
            if marker.is_file():
                found[folder.name] = ChunkResult.from_json(marker.read_text(encoding="utf-8"))
        return found

    def result(self, chunk: str) -> ChunkResult | None:
        """What a done chunk held, or None when it is not done."""
        try:
            text = (self.chunks / chunk / CHUNK_FILE).read_text(encoding="utf-8")
        except FileNotFoundError:
            return None
        return ChunkResult.from_json(text)

    def record(self, result: ChunkResult) -> None:
        """Add a chunk the job just finished to the manifest."""
        with self.manifest.open("a", encoding="utf-8") as manifest:
            manifest.write(result.to_json() + "\n")

    def staged(self, name: str, ids: Iterable[str]) -> list[str]:
        """The files of one table of the given chunks."""
        return [str(self.chunks / chunk / f"{name}.parquet") for chunk in ids]

    def work_folder(self, what: str) -> Path:
        folder = self.tmp / f"{what}-{uuid.uuid4().hex}"
        folder.mkdir(parents=True)
        return folder

    def write_chunk(self, result: ChunkResult, tables: dict[str, pa.Table]) -> bool:
        """Publish a chunk whole; False when another attempt (a retried Spark task) was
        first, in which case this one is dropped."""
        folder = self.work_folder(result.id)
        for name, rows in tables.items():
            pq.write_table(rows, folder / f"{name}.parquet")
        (folder / CHUNK_FILE).write_text(result.to_json(), encoding="utf-8")
        try:
            os.rename(folder, self.chunks / result.id)
        except OSError:
            if not (self.chunks / result.id / CHUNK_FILE).is_file():
                raise
            shutil.rmtree(folder, ignore_errors=True)
            return False
        return True

    def publish(self, built: Path, name: str) -> None:
        """Put a dataset built in _tmp in the place of the old one."""
        target = self.out / name
        if target.exists():
            old = self.tmp / f"old-{name}-{uuid.uuid4().hex}"
            os.rename(target, old)
            os.rename(built, target)
            shutil.rmtree(old, ignore_errors=True)
        else:
            os.rename(built, target)

    def finished(self, ids: Iterable[str]) -> dict[str, Any] | None:
        """What was noted when the datasets were built, if they were built from exactly
        these chunks; else None."""
        try:
            marker: dict[str, Any] = json.loads(self.final.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        return marker if marker.get("chunks") == fingerprint(ids) else None

    def mark_finished(self, ids: Iterable[str], **facts: Any) -> None:
        marker = {"chunks": fingerprint(ids), **facts}
        _write_atomically(self.final, json.dumps(marker, ensure_ascii=False, indent=1))

    def unmark_finished(self) -> None:
        self.final.unlink(missing_ok=True)

    def clean(self) -> None:
        shutil.rmtree(self.tmp, ignore_errors=True)


def fingerprint(ids: Iterable[str]) -> str:
    return hashlib.sha256("\n".join(sorted(ids)).encode()).hexdigest()[:24]


def _write_atomically(path: Path, text: str) -> None:
    part = path.with_name(f".{path.name}.{uuid.uuid4().hex}")
    part.write_text(text, encoding="utf-8")
    os.replace(part, path)
