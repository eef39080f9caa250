"""Draw the articles to label by hand from the wild corpus, per language: some at random,
some of what accords flags (from a `wild.py --dump` file), some of the security-leaning
subset. Writes one list of source ids per language to labels/batches/ and how each
was drawn to labels/drawn.tsv.

    python benchmarks/wild.py --dump /tmp/found.jsonl
    python benchmarks/draw.py /tmp/found.jsonl --random 70 --flagged 110 --security 80
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.corpus import LANGS, read_wild
from benchmarks.labels import LABELS


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("found", type=Path, help="a wild.py --dump file")
    parser.add_argument("--random", type=int, default=70)
    parser.add_argument("--flagged", type=int, default=110)
    parser.add_argument("--security", type=int, default=80)
    parser.add_argument("--seed", default="scope-1")
    args = parser.parse_args()
    found = [json.loads(line) for line in args.found.open(encoding="utf-8")]
    flagged = {r["source"] for r in found if r["events"]}
    out = LABELS / "batches"
    out.mkdir(parents=True, exist_ok=True)
    drawn_rows: list[str] = []
    for lang in LANGS:
        rng = random.Random(f"{args.seed}-{lang}")
        every = [r["source"] for r in read_wild(lang)]
        security = [r["source"] for r in read_wild(lang, security=True)]
        chosen: dict[str, str] = {}
        for source in rng.sample(security, min(args.security, len(security))):
            chosen.setdefault(source, "security")
        hits = sorted(s for s in every if s in flagged and s not in chosen)
        for source in rng.sample(hits, min(args.flagged, len(hits))):
            chosen.setdefault(source, "flagged")
        rest = [s for s in every if s not in chosen]
        for source in rng.sample(rest, args.random):
            chosen.setdefault(source, "random")
        order = sorted(chosen.items(), key=lambda kv: rng.random())
        # the reader sees the ids alone, in a random order: how an article was drawn, and
        # whether accords flagged it, must not sway the label
        with (out / f"{lang}.txt").open("w", encoding="utf-8") as batch:
            batch.writelines(f"{source}\n" for source, _ in order)
        drawn_rows.extend(
            f"{source}\t{lang}\t{how}\t{'yes' if source in flagged else 'no'}\n"
            for source, how in order
        )
        print(lang, len(chosen))
    with (LABELS / "drawn.tsv").open("w", encoding="utf-8") as drawn_file:
        drawn_file.write("source\tlang\tdrawn\tflagged_before\n")
        drawn_file.writelines(drawn_rows)


if __name__ == "__main__":
    main()
