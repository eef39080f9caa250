"""Extraction throughput as a ratio to one plain regex word pass over the same texts,
plus start-up time and peak memory.

    python benchmarks/extraction.py [--articles 300]
"""

from __future__ import annotations

import argparse
import re
import resource
import subprocess
import sys
import time
from pathlib import Path

from accords.lexicon import load
from accords.model import Article
from accords.pipeline import extract

SAMPLES = Path(__file__).resolve().parents[1] / "samples"
WORD = re.compile(r"\w+")


def corpus(count: int) -> list[str]:
    texts = [p.read_text(encoding="utf-8") for p in sorted(SAMPLES.glob("*.txt"))]
    return [texts[i % len(texts)] + f"\n{i}\n" for i in range(count)]


def regex_pass(texts: list[str]) -> float:
    start = time.perf_counter()
    for text in texts:
        WORD.findall(text)
    return time.perf_counter() - start


def startup_seconds() -> float:
    sample = next(iter(sorted(SAMPLES.glob("*.txt"))))
    start = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "accords", "extract", str(sample)], check=True, capture_output=True
    )
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--articles", type=int, default=300)
    args = parser.parse_args()
    texts = corpus(args.articles)
    lexicon = load()
    for text in texts[:20]:  # warm the caches (word lists, folding tables): not the steady rate
        extract(Article(text=text), lexicon)
    start = time.perf_counter()
    for i, text in enumerate(texts):
        extract(Article(text=text, doc=str(i)), lexicon)
    seconds = time.perf_counter() - start
    baseline = min(regex_pass(texts) for _ in range(5))
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"articles:            {len(texts)}")
    print(f"extraction:          {len(texts) / seconds:,.0f} articles/s")
    print(f"regex word pass:     {len(texts) / baseline:,.0f} articles/s")
    print(f"ratio (cost):        {seconds / baseline:,.1f}x a regex word pass")
    print(f"start-up (one file): {startup_seconds():.2f} s")
    print(f"peak memory:         {peak_mb:,.0f} MB")


if __name__ == "__main__":
    main()
