"""Score accords on our own full gold (labels/gold/*.jsonl) with ../shared/eval/score.py,
the scorer of the dev set: the texts are read from ../shared/eval/wild by source id and
laid out beside their gold in a temporary folder. Each text is extracted as an ingest of
the record would read it, with its publication date (the scorer's own command, `accords
extract`, reads bare text files, which have none: dates would all score 0).

    python benchmarks/gold.py                 # all of it, by language group
    python benchmarks/gold.py --split held    # only the sources held back from tuning
"""

from __future__ import annotations

import argparse
import json
import shlex
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.corpus import by_source  # noqa: E402
from benchmarks.labels import GROUPS, LABELS, split_of  # noqa: E402

from accords.ingest.jsonl import parse_line  # noqa: E402
from accords.lexicon import load  # noqa: E402
from accords.link.stories import assign_stories  # noqa: E402
from accords.pipeline import extract  # noqa: E402

SCORER = ROOT.parent / "shared" / "eval" / "score.py"


def lay_out(folder: Path, split: str) -> int:
    corpus = by_source()
    count = 0
    for path in sorted((LABELS / "gold").glob("*.jsonl")):
        for line in path.open(encoding="utf-8"):
            gold = json.loads(line)
            if split not in ("all", split_of(gold["source"])):
                continue
            record = corpus[gold.pop("source")]
            name = f"{count:03d}-{gold['lang']}"
            # the title heads the text, as a page or a feed gives it
            title = record.get("title")
            text = f"{title}\n{record['text']}" if title else record["text"]
            (folder / f"{name}.txt").write_text(text, encoding="utf-8")
            (folder / f"{name}.published").write_text(
                record.get("published") or "", encoding="utf-8"
            )
            (folder / f"{name}.gold.json").write_text(
                json.dumps(gold, ensure_ascii=False), encoding="utf-8"
            )
            count += 1
    return count


def extract_laid_out(paths: list[str]) -> None:
    """What `accords extract --format jsonl` prints for the files, each read as a JSON
    Lines record with the publication date laid out beside it."""
    lexicon = load()
    results = []
    for path in map(Path, paths):
        record = {"text": path.read_text(encoding="utf-8")}
        if published := path.with_suffix(".published").read_text(encoding="utf-8"):
            record["published"] = published
        article = parse_line(json.dumps(record, ensure_ascii=False), source=str(path))
        results.append(extract(article, lexicon))
    assign_stories(results)
    for result in results:
        print(json.dumps(result.to_dict(), ensure_ascii=False))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--split", choices=("all", "tune", "held"), default="all")
    parser.add_argument("--extract", nargs="+", metavar="FILE", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.extract:
        extract_laid_out(args.extract)
        return
    script = shlex.quote(str(Path(__file__).resolve()))
    command = f"{shlex.quote(sys.executable)} {script} --extract {{files}}"
    with tempfile.TemporaryDirectory() as folder:
        count = lay_out(Path(folder), args.split)
        print(f"{count} texts of labels/gold ({args.split})")
        for group in GROUPS:
            print(f"\n{group}")
            run = subprocess.run(
                [sys.executable, str(SCORER), folder, "--cmd", command, "--lang", group],
                capture_output=True,
                text=True,
            )
            print(run.stdout.strip() or run.stderr.strip())


if __name__ == "__main__":
    main()
