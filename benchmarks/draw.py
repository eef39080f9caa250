"""Draw the articles to label by hand from the wild corpus, per language: some at random,
some of what accords flags (from a `wild.py --dump` file), some of the security-leaning
subset, never one drawn in an earlier round. Writes one list of source ids per language
to labels/batches/ (`<lang>.txt` for round 1, `<round>-<lang>.txt` after) and adds how
each was drawn to labels/drawn.tsv.

    python benchmarks/wild.py --dump /tmp/found.jsonl
    python benchmarks/draw.py /tmp/found.jsonl --random 70 --flagged 110 --security 80
    python benchmarks/draw.py /tmp/found.jsonl --round 2 --random 0 --flagged 40 --security 20
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
    parser.add_argument("--round", type=int, default=1, help="the round of drawing: 1, 2...")
    args = parser.parse_args()
    found = [json.loads(line) for line in args.found.open(encoding="utf-8")]
    flagged = {r["source"] for r in found if r["events"]}
    out = LABELS / "batches"
    out.mkdir(parents=True, exist_ok=True)
    drawn_file = LABELS / "drawn.tsv"
    earlier = _drawn(drawn_file)
    drawn_rows: list[str] = []
    for lang in LANGS:
        rng = random.Random(f"scope-{args.round}-{lang}")
        every = [r["source"] for r in read_wild(lang) if r["source"] not in earlier]
        security = [
            r["source"] for r in read_wild(lang, security=True) if r["source"] not in earlier
        ]
        chosen: dict[str, str] = {}
        for source in rng.sample(security, min(args.security, len(security))):
            chosen.setdefault(source, "security")
        hits = sorted(s for s in every if s in flagged and s not in chosen)
        for source in rng.sample(hits, min(args.flagged, len(hits))):
            chosen.setdefault(source, "flagged")
        rest = [s for s in every if s not in chosen]
        for source in rng.sample(rest, min(args.random, len(rest))):
            chosen.setdefault(source, "random")
        order = sorted(chosen.items(), key=lambda kv: rng.random())
        # the reader sees the ids alone, in a random order: how an article was drawn, and
        # whether accords flagged it, must not sway the label
        name = f"{lang}.txt" if args.round == 1 else f"{args.round}-{lang}.txt"
        with (out / name).open("w", encoding="utf-8") as batch:
            batch.writelines(f"{source}\n" for source, _ in order)
        drawn_rows.extend(
            f"{source}\t{lang}\t{how}\t{'yes' if source in flagged else 'no'}\t{args.round}\n"
            for source, how in order
        )
        print(lang, len(chosen))
    if not earlier:
        drawn_file.write_text("source\tlang\tdrawn\tflagged_before\tround\n", encoding="utf-8")
    with drawn_file.open("a", encoding="utf-8") as drawn:
        drawn.writelines(drawn_rows)


def _drawn(path: Path) -> set[str]:
    """The sources drawn in earlier rounds."""
    if not path.exists():
        return set()
    return {line.split("\t", 1)[0] for line in path.open(encoding="utf-8")} - {"source"}


if __name__ == "__main__":
    main()
