"""Follow-up of commitments on real report sequences (issue 14): is a promise announced in
one report found kept by the report that does it, and is none kept where nothing followed?

Each sequence of labels/followup/sequences.jsonl (read labels/followup/README.md) is
ingested into a fresh SQLite store, each report with its publication date, as `accords
ingest` reads a JSON Lines record; the texts come from ../shared/eval/wild by source id, or
from benchmarks/followup_texts/. The commitments are then read back as `accords
commitments` lists them, and judged:

- kept expected: found when a commitment stated in the announcement, whose sides include
  the promised sides, is `kept`, and its keeping event comes from the keeping report;
- nothing follows: "wrongly kept" when any commitment of the promised sides is `kept`.

    .venv/bin/python benchmarks/followup.py                   # one ingest per report, oldest first
    .venv/bin/python benchmarks/followup.py --order reverse   # the keeping report first
    .venv/bin/python benchmarks/followup.py --together        # every report in one ingest
    .venv/bin/python benchmarks/followup.py --only ar-05 -v   # one sequence, with its commitments
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.corpus import by_source  # noqa: E402

from accords.jobs.ingest import ingest  # noqa: E402
from accords.lexicon import Lexicon, load  # noqa: E402
from accords.store import Store  # noqa: E402

SEQUENCES = ROOT / "labels" / "followup" / "sequences.jsonl"


@dataclass(frozen=True)
class Report:
    role: str  # announcement, kept_by or other
    ref: str  # a source id of the wild corpus, or a path under benchmarks/followup_texts
    published: str
    lang: str

    def record(self) -> dict[str, str]:
        """The report as a JSON Lines record of `accords ingest`."""
        if self.ref.startswith("benchmarks/"):
            title, _, text = (ROOT / self.ref).read_text(encoding="utf-8").partition("\n")
            return {"title": title, "text": text, "published": self.published, "lang": self.lang}
        found = by_source()[self.ref]
        return {k: found[k] for k in ("title", "text", "published", "lang", "url") if found.get(k)}


@dataclass(frozen=True)
class Verdict:
    expected: str  # kept, or none
    found: str  # kept, open, stale, kept-elsewhere, missing
    why: str


def reports(sequence: dict[str, Any]) -> list[Report]:
    """The sequence's reports, oldest first (the announcement first on a tie)."""
    lang = sequence["lang"]
    found = [Report("announcement", lang=lang, **_ref(sequence["announcement"]))]
    found += [Report("other", lang=lang, **_ref(o)) for o in sequence["others"]]
    if sequence["kept_by"]:
        found.append(Report("kept_by", lang=lang, **_ref(sequence["kept_by"])))
    return sorted(found, key=lambda r: (r.published, r.role != "announcement"))


def _ref(gold: dict[str, str]) -> dict[str, str]:
    return {"ref": gold["ref"], "published": gold["published"]}


def stored(
    sequence: dict[str, Any], order: str, together: bool, lexicon: Lexicon
) -> tuple[list[dict[str, Any]], dict[str, list[str]], dict[str, str]]:
    """Ingest the sequence into a fresh store: its commitments, the reports of each story,
    and the role of each report by the name it is stored under."""
    ordered = reports(sequence)
    if order == "reverse":
        ordered.reverse()
    with tempfile.TemporaryDirectory() as folder:
        files, roles = [], {}
        for index, report in enumerate(ordered):
            path = Path(folder) / f"{index}-{report.role}.jsonl"
            path.write_text(json.dumps(report.record(), ensure_ascii=False) + "\n", "utf-8")
            files.append(str(path))
            roles[path.name] = report.role
        db = f"sqlite:///{folder}/store.db"
        for batch in [files] if together else [[f] for f in files]:
            with Store.open(db) as store:
                tally = ingest(store, batch, lexicon=lexicon)
            if tally.failed:
                raise SystemExit(f"{sequence['id']}: could not ingest {batch}")
        commitments = listing("commitments", db)
        stories: dict[str, list[str]] = {}
        if any(isinstance(c.get("kept_by"), str) for c in commitments):  # a story id
            stories = {s["story"]: s["reports"] for s in listing("stories", db)}
    return commitments, stories, roles


def listing(command: str, db: str) -> list[dict[str, Any]]:
    """What `accords <command> --format jsonl` prints, as users read it."""
    run = subprocess.run(
        [sys.executable, "-m", "accords", command, "--db", db, "--format", "jsonl"],
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    return [json.loads(line) for line in run.stdout.splitlines() if line.strip()]


def role_of(report: str | dict[str, Any], roles: dict[str, str]) -> str:
    """The role of a stored report, by its source (the file it was read from); a report is
    its source, or an object with its `source`."""
    source = str(report.get("source") or report.get("id")) if isinstance(report, dict) else report
    return roles.get(Path(source.rsplit(":", 1)[0]).name, "?")  # "<file>:<line>"


def keeping_roles(
    row: dict[str, Any], stories: dict[str, list[str]], roles: dict[str, str]
) -> set[str] | None:
    """The roles of the reports the keeping event comes from; None when the output does
    not say (kept_by naming no report). `kept_by` is read in its forms: a story id, a
    "<report>#<index>" reference, or an object with the event's article (or source, or
    story)."""
    kept = row.get("kept_by")
    if not kept:
        return None
    sources: list[Any]
    if isinstance(kept, dict):
        sources = [kept.get(k) for k in ("article", "source", "report") if kept.get(k)]
        sources += stories.get(str(kept.get("story")), [])
    elif kept in stories:
        sources = stories[kept]
    else:
        sources = [kept.split("#")[0]]
    found = {role_of(s, roles) for s in sources} - {"?"}
    return found or None


def judge(
    sequence: dict[str, Any],
    commitments: list[dict[str, Any]],
    stories: dict[str, list[str]],
    roles: dict[str, str],
) -> Verdict:
    promise = sequence["promise"]
    sides = set(promise["by"]) | set(promise["to"])
    ours = [c for c in commitments if sides <= set(c["by"]) | set(c["to"])]
    announced = [c for c in ours if "announcement" in {role_of(r, roles) for r in c["reports"]}]
    if not sequence["kept_by"]:
        kept = [c for c in ours if c["status"] == "kept"]
        if kept:
            by = keeping_roles(kept[0], stories, roles)
            return Verdict("none", "kept", f"wrongly kept by {_roles(by)}: {_brief(kept[0])}")
        return Verdict("none", _status(announced or ours), _listing(announced or ours, promise))
    if not announced:
        return Verdict("kept", "missing", f"no commitment of {'/'.join(sorted(sides))} "
                       f"from the announcement; {_listing(ours, promise)}")  # fmt: skip
    kept = [c for c in announced if c["status"] == "kept"]
    for row in kept:
        by = keeping_roles(row, stories, roles)
        if by is None or "kept_by" in by:
            unsaid = " (keeping report not reported)" if by is None else ""
            return Verdict("kept", "kept", f"{_brief(row)}{unsaid}")
    if kept:
        by = keeping_roles(kept[0], stories, roles)
        return Verdict("kept", "kept-elsewhere", f"kept by {_roles(by)}: {_brief(kept[0])}")
    return Verdict("kept", _status(announced), _listing(announced, promise))


def _status(rows: list[dict[str, Any]]) -> str:
    return "+".join(sorted({r["status"] for r in rows})) or "missing"


def _roles(roles: set[str] | None) -> str:
    return "+".join(sorted(roles)) if roles else "an unnamed event"


def _brief(row: dict[str, Any]) -> str:
    steps = ",".join(row.get("steps") or []) or "-"
    kept = row.get("kept_by")
    kept_on = kept.get("date") if isinstance(kept, dict) else row.get("kept_on")
    return (
        f"{row['kind']} {'+'.join(row['by'])}->{'+'.join(row['to']) or '?'} [{steps}] "
        f"{row['status']} {row.get('first_day')}..{kept_on or ''}"
    )


def _listing(rows: list[dict[str, Any]], promise: dict[str, Any]) -> str:
    if not rows:
        return "no commitment of the promised sides"
    steps = {s for r in rows for s in r.get("steps") or []}
    misread = "" if promise["step"] in steps else f"; step {promise['step']} not read"
    return f"{len(rows)} commitment(s): " + "; ".join(_brief(r) for r in rows[:3]) + misread


def sequences(only: list[str] | None) -> Iterator[dict[str, Any]]:
    for line in SEQUENCES.read_text(encoding="utf-8").splitlines():
        sequence = json.loads(line)
        if not only or sequence["id"] in only:
            yield sequence


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--order", choices=("forward", "reverse"), default="forward",
                        help="ingest the reports oldest first, or newest first")  # fmt: skip
    parser.add_argument("--together", action="store_true", help="all reports in one ingest")
    parser.add_argument("--only", nargs="+", metavar="ID", help="only these sequences")
    parser.add_argument("-v", "--verbose", action="store_true", help="print the commitments")
    args = parser.parse_args()
    lexicon = load()
    totals: Counter[str] = Counter()
    by_lang: dict[str, Counter[str]] = {}
    unsaid = 0
    for sequence in sequences(args.only):
        commitments, stories, roles = stored(sequence, args.order, args.together, lexicon)
        verdict = judge(sequence, commitments, stories, roles)
        unsaid += "not reported" in verdict.why
        print(f"{sequence['id']:6} {sequence['lang']:3} expected {verdict.expected:5} "
              f"found {verdict.found:14} {verdict.why}")  # fmt: skip
        if args.verbose:
            for row in commitments:
                print("       ", json.dumps(row, ensure_ascii=False))
        counts = by_lang.setdefault(sequence["lang"], Counter())
        for tally in (totals, counts):
            tally["expected"] += verdict.expected == "kept"
            tally["found"] += verdict.expected == "kept" and verdict.found == "kept"
            tally["none"] += verdict.expected == "none"
            tally["wrong"] += verdict.expected == "none" and verdict.found == "kept"
    how = "in one ingest" if args.together else f"one ingest per report, {args.order}"
    print(f"\n{how}: kept found {totals['found']} / kept expected {totals['expected']}, "
          f"wrongly kept {totals['wrong']} / {totals['none']} where nothing follows")  # fmt: skip
    for lang, counts in sorted(by_lang.items()):
        print(f"  {lang}: kept found {counts['found']} / {counts['expected']}, "
              f"wrongly kept {counts['wrong']} / {counts['none']}")  # fmt: skip
    if unsaid:
        print(
            f"{unsaid} kept found by status alone: the output does not say which report "
            "the keeping event comes from (kept_by names no report)"
        )


if __name__ == "__main__":
    main()
