"""The output folder of a batch job, and how a job stopped half-way picks up again.

    DIR/articles/ events/ actors/ commitments/ stories/   the datasets, month=YYYY-MM/...
    DIR/_chunks/<id>/    one done chunk: its rows (*.parquet) and chunk.json
    DIR/_manifest.jsonl  the done chunks, one JSON object each (what chunk.json holds)
    DIR/_final.json      which done chunks the datasets were built from
    DIR/_tmp/            work in progress; emptied when a job starts
    DIR/_lock            held by the job writing to DIR (flock), so that a second one refuses

A chunk is written whole into _tmp and then renamed into _chunks: a rename within one file
system is atomic, so a chunk folder is complete or absent, whenever the job was stopped.
The chunk folders, not the manifest, are the truth: a Spark task may finish its chunk and
the driver die before it hears, so the manifest is rebuilt from them when a job starts.

One job at a time: a second job would clear the first one's _tmp and publish datasets over
its own. The lock is an flock, which the system drops when its process ends, however it
ends: a job killed leaves no lock behind. (On NFS, Linux takes it as a lock of the server.)
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import hashlib
import json
import os
import shutil
import uuid
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from accords import faults
from accords.errors import OutputError
from accords.scale.tables import NAMES

CHUNK_FILE = "chunk.json"
LOCK_FILE = "_lock"
_FULL = (errno.ENOSPC, errno.EDQUOT)
# what writing into a folder one may not write to gives (ENOTDIR: a file on the way)
_UNWRITABLE = (errno.EACCES, errno.EPERM, errno.EROFS, errno.ENOTDIR, errno.EEXIST)


def output_error(error: BaseException, out: Path) -> OutputError | None:
    """What a failure while writing under `out` means to the user, or None when it is not
    one of the folder's own (a bug, or an input's)."""
    number = getattr(error, "errno", None)
    text = str(error)
    if number in _FULL or "No space left on device" in text or "Disk quota exceeded" in text:
        return OutputError(
            f"the disk of {out} is full; free some space (or give another --out) and run "
            "the same command again: the chunks done are kept"
        )
    if isinstance(error, OSError) and number in _UNWRITABLE and _under(error.filename, out):
        reason = error.strerror or text
        return OutputError(
            f"cannot write to {out} ({reason[:1].lower() + reason[1:]}); "
            "give as --out a folder you may write to"
        )
    return None


def _under(filename: object, out: Path) -> bool:
    """Whether a failure names `out`, a path in it or a folder on the way to it (made
    with it), or no path at all (pyarrow names none)."""
    if not isinstance(filename, str | os.PathLike):
        return True
    named, folder = Path(os.path.abspath(filename)), Path(os.path.abspath(out))
    return named.is_relative_to(folder) or folder.is_relative_to(named)


# The lock's descriptors, closed in a process forked from ours (a worker of the local
# engine): the lock is the job's, and a worker the job leaves behind must not hold it.
_HELD: set[int] = set()


def _drop_held() -> None:
    for descriptor in _HELD:
        with contextlib.suppress(OSError):
            os.close(descriptor)
    _HELD.clear()


os.register_at_fork(after_in_child=_drop_held)


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

    @contextlib.contextmanager
    def locked(self) -> Iterator[None]:
        """Hold the folder (made if missing) for this job; OutputError when another job
        holds it, or it cannot be made."""
        lock = self.out / LOCK_FILE
        try:
            self.out.mkdir(parents=True, exist_ok=True)
            descriptor = os.open(lock, os.O_RDWR | os.O_CREAT, 0o644)
        except OSError as error:
            raise (output_error(error, self.out) or error) from None
        try:
            try:
                fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                holder = os.pread(descriptor, 32, 0).decode("ascii", "replace").strip()
                process = f" (process {holder})" if holder.isdigit() else ""
                raise OutputError(
                    f"another batch job{process} is writing to {self.out}; wait for it to "
                    "end, or give another --out"
                ) from None
            except OSError as error:
                # a file system with no locks at all (some FUSE mounts): the job runs, as
                # it did before there was a lock, rather than not at all
                if error.errno not in (errno.ENOLCK, errno.EOPNOTSUPP, errno.ENOSYS):
                    raise
            _HELD.add(descriptor)
            with contextlib.suppress(OSError):  # only a hint for the message above
                os.ftruncate(descriptor, 0)
                os.pwrite(descriptor, f"{os.getpid()}\n".encode(), 0)
            yield
        finally:
            _HELD.discard(descriptor)
            os.close(descriptor)  # and the lock goes with it

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
        faults.point("batch:writing")

    def finished(self, ids: Iterable[str]) -> dict[str, Any] | None:
        """What was noted when the datasets were built, if they were built from exactly
        these chunks and are all there still; else None."""
        try:
            marker: dict[str, Any] = json.loads(self.final.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        if not all((self.out / name).is_dir() for name in NAMES):
            return None  # one was removed since (by hand, or by a job of an older accords)
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
