"""Extraction throughput as a ratio to one plain regex word pass over the same texts,
plus start-up time and peak memory.

    python benchmarks/extraction.py [--articles 300]
"""

from __future__ import annotations

import argparse
import re
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

from accords import pipeline
from accords.lexicon import Lexicon, build, load
from accords.model import Article
from accords.pipeline import extract
from accords.text.language import detect

SAMPLES = Path(__file__).resolve().parents[1] / "samples"
WORD = re.compile(r"\w+")


def corpus(count: int, join: int = 1) -> list[str]:
    """`count` articles from our samples; `join` samples make one article, since news
    articles run to a few kilobytes and our samples to a few hundred bytes."""
    by_lang: dict[str, list[str]] = {}
    for path in sorted(SAMPLES.rglob("*.txt")):
        text = path.read_text(encoding="utf-8")
        by_lang.setdefault(detect(text), []).append(text)
    groups = list(by_lang.values())
    out = []
    for i in range(count):
        texts = groups[i % len(groups)]  # one language per article, as in the news
        out.append("\n".join(texts[(i + k) % len(texts)] for k in range(join)) + f"\n{i}\n")
    return out


def regex_pass(texts: list[str], times: int = 20) -> float:
    """Seconds for one regex pass over the texts. The pass is tens of times as fast as
    extraction: it is run `times` times over, so that it lasts long enough to be timed."""
    start = time.perf_counter()
    for _ in range(times):
        for text in texts:
            WORD.findall(text)
    return (time.perf_counter() - start) / times


def startup_seconds() -> float:
    sample = next(iter(sorted(SAMPLES.glob("*.txt"))))
    subprocess.run(
        [sys.executable, "-m", "accords", "extract", str(sample)], check=True, capture_output=True
    )  # the first run fills the lexicon cache
    start = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "accords", "extract", str(sample)], check=True, capture_output=True
    )
    return time.perf_counter() - start


def measure(
    texts: list[str], lexicon: Lexicon | None = None, rounds: int = 5
) -> tuple[float, float, float]:
    """Seconds per article for extraction and for the regex word pass (the best of
    `rounds` passes of each), and the cost ratio: the median over the rounds of one
    extraction pass over the regex pass run right after it. A shared machine's speed
    drifts from second to second; two passes side by side see the same machine."""
    lexicon = lexicon or load()
    for text in texts[:20]:  # warm the caches (word lists, folding tables): not the steady rate
        extract(Article(text=text), lexicon)
    passes = []
    for _ in range(rounds):
        passes.append((extraction_pass(texts, lexicon), regex_pass(texts)))
    ratio = statistics.median(seconds / baseline for seconds, baseline in passes)
    seconds = min(seconds for seconds, _ in passes)
    baseline = min(baseline for _, baseline in passes)
    return seconds / len(texts), baseline / len(texts), ratio


def extraction_pass(texts: list[str], lexicon: Lexicon) -> float:
    start = time.perf_counter()
    for i, text in enumerate(texts):
        extract(Article(text=text, doc=str(i)), lexicon)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--articles", type=int, default=300)
    args = parser.parse_args()
    compiled = not pipeline.__file__ or not pipeline.__file__.endswith(".py")
    print("build:", "compiled by mypyc (setup.py)" if compiled else "pure Python")
    print(f"{'articles':<22}{'bytes':>7}{'art/s':>9}{'regex art/s':>13}{'cost ratio':>12}")
    for label, join in (("short (one sample)", 1), ("long (four samples)", 4)):
        texts = corpus(args.articles, join)
        size = sum(len(t.encode("utf-8")) for t in texts) // len(texts)
        per, base, ratio = measure(texts)
        print(f"{label:<22}{size:>7}{1 / per:>9,.0f}{1 / base:>13,.0f}{ratio:>11.1f}x")
    # what the five later languages cost the first three: the same fa, ar and en texts
    # with a lexicon of those three columns, then of all eight
    texts = [t for t in corpus(args.articles, 4) if detect(t) in ("fa", "ar", "en")]
    lexicons = {"three": build(languages=("en", "fa", "ar")), "eight": load()}
    best = {name: measure(texts, lexicon, rounds=3)[0] for name, lexicon in lexicons.items()}
    three, eight = best["three"], best["eight"]
    print(f"eight languages vs three (fa, ar, en texts): {three / eight:.0%} of the throughput")
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"start-up (one file): {startup_seconds():.2f} s")
    print(f"peak memory:         {peak_mb:,.0f} MB")


if __name__ == "__main__":
    main()
