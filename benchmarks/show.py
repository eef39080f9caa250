"""Print wild-corpus articles for reading: by source id, or a range of a batch list.

python benchmarks/show.py --batch labels/batches/fa.tsv --start 0 --count 20
python benchmarks/show.py 'owner/repo:path#3' --chars 0      # the whole text
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.corpus import by_source


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("sources", nargs="*")
    parser.add_argument("--batch", type=Path, help="a file whose first column is source ids")
    parser.add_argument("--start", type=int, default=0)
    parser.add_argument("--count", type=int, default=20)
    parser.add_argument("--chars", type=int, default=1800, help="0: the whole text")
    args = parser.parse_args()
    sources = list(args.sources)
    if args.batch:
        rows = [line.split("\t")[0].strip() for line in args.batch.open(encoding="utf-8")]
        sources += rows[args.start : args.start + args.count]
    corpus = by_source()
    for number, source in enumerate(sources, start=args.start if args.batch else 0):
        record = corpus[source]
        text = record["text"]
        if args.chars and len(text) > args.chars:
            text = text[: args.chars] + f" […{len(text) - args.chars} more chars]"
        print(f"=== [{number}] {source}")
        print(
            f"title: {record.get('title')} | outlet: {record.get('outlet')} | "
            f"published: {record.get('published')}"
        )
        print(text)
        print()


if __name__ == "__main__":
    main()
