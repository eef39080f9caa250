"""Extraction throughput as a ratio to one plain regex word pass over the same texts, in the
build it runs in; plus start-up time, peak memory, and the cost per kilobyte by length.

    python benchmarks/extraction.py                     # everything (a few minutes)
    python benchmarks/extraction.py --per-lang 100 --langs fa,ar,en --sizes 1000,100000
    .venv-fast/bin/python benchmarks/extraction.py      # the compiled build (make fast)

- Real news: a fixed sample of each language of ../shared/eval/wild (benchmarks/corpus.py),
  articles at their real lengths, read as `accords batch` reads a JSONL line. Per language:
  articles and kilobytes per second, and the cost ratio: extraction over `re.findall(r"\\w+")`
  on the same texts, the median over rounds of one extraction pass over the regex pass run
  right after it (a shared machine's speed drifts; two passes side by side see the same
  machine). Times are the process's CPU time, which waits for a busy core do not count.
- Our samples, as before: one sample an article, and four joined (an article's length).
- Length: texts of 1 KB, 10 KB, 100 KB and 1 MB made of one language's real articles joined
  (cut between words at the size), as many of each size as make `--total` bytes; the CPU
  time per kilobyte of each, and the largest size's over the smallest's (flat is linear).
- Start-up: `accords extract` on one small file, in a fresh process (after one run that
  fills the lexicon cache, as any run after the first finds it): its CPU and clock time.
- Peak memory: the maximum resident size of a child process that loads the lexicon and
  extracts the whole wild sample, every language, read from one JSON Lines file (the
  child's VmHWM).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.corpus import LANGS, WILD, article, sample  # noqa: E402

from accords import pipeline  # noqa: E402
from accords.lexicon import Lexicon, build, load  # noqa: E402
from accords.model import Article  # noqa: E402
from accords.pipeline import extract  # noqa: E402
from accords.text.language import detect  # noqa: E402

SAMPLES = ROOT / "samples"
WORD = re.compile(r"\w+")
SIZES = (1_000, 10_000, 100_000, 1_000_000)


def samples(count: int, join: int = 1) -> list[Article]:
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
        joined = "\n".join(texts[(i + k) % len(texts)] for k in range(join)) + f"\n{i}\n"
        out.append(Article(text=joined, doc=str(i)))
    return out


def wild(lang: str, count: int) -> list[Article]:
    return [article(record) for record in sample(lang, count)]


def joined(articles: list[Article], size: int, total: int) -> list[Article]:
    """Texts of `size` bytes of real articles one after another, as many as make `total`
    bytes; the articles are read again from the first when they run out."""
    out: list[Article] = []
    parts: list[str] = []
    length = 0
    index = 0
    while len(out) * size < total:
        text = articles[index % len(articles)].text
        index += 1
        parts.append(text)
        length += len(text.encode("utf-8")) + 2
        if length < size:
            continue
        data = "\n\n".join(parts).encode("utf-8")[:size].decode("utf-8", errors="ignore")
        space = data.rfind(" ", len(data) // 2)  # between words, not within one
        out.append(Article(text=data[:space] if space > 0 else data, doc=str(len(out))))
        parts, length = [], 0
    return out


def regex_pass(texts: list[str], least: float = 0.05) -> float:
    """CPU seconds for one regex pass over the texts. The pass is tens of times as fast as
    extraction: it is run over and over until it has lasted `least` seconds in all."""
    times = 0
    start = time.process_time()
    while True:
        for text in texts:
            WORD.findall(text)
        times += 1
        spent = time.process_time() - start
        if spent >= least:
            return spent / times


def extraction_pass(articles: list[Article], lexicon: Lexicon) -> float:
    start = time.process_time()
    for item in articles:
        extract(item, lexicon)
    return time.process_time() - start


def measure(articles: list[Article], lexicon: Lexicon, rounds: int) -> tuple[float, float, float]:
    """CPU seconds per article of extraction and of the regex pass (the best of `rounds`
    passes of each), and the cost ratio: the median over the rounds of one extraction pass
    over the regex pass run right after it."""
    for item in articles[:20]:  # warm the caches (word lists, folding tables)
        extract(item, lexicon)
    texts = [item.text for item in articles]
    passes = [(extraction_pass(articles, lexicon), regex_pass(texts)) for _ in range(rounds)]
    ratio = statistics.median(seconds / baseline for seconds, baseline in passes)
    seconds = min(seconds for seconds, _ in passes)
    baseline = min(baseline for _, baseline in passes)
    return seconds / len(articles), baseline / len(articles), ratio


def size_of(articles: list[Article]) -> int:
    return sum(len(item.text.encode("utf-8")) for item in articles)


def report_wild(langs: list[str], count: int, rounds: int, lexicon: Lexicon) -> None:
    print(f"\nreal news: {count} articles of each language of {WILD}")
    print(f"{'lang':<6}{'median B':>9}{'art/s':>8}{'KB/s':>8}{'regex art/s':>12}"
          f"{'cost ratio':>12}")  # fmt: skip
    for lang in langs:
        articles = wild(lang, count)
        median = statistics.median(len(item.text.encode("utf-8")) for item in articles)
        per, base, ratio = measure(articles, lexicon, rounds)
        rate = size_of(articles) / 1024 / (per * len(articles))
        print(f"{lang:<6}{median:>9,.0f}{1 / per:>8,.0f}{rate:>8,.0f}{1 / base:>12,.0f}"
              f"{ratio:>11.1f}x", flush=True)  # fmt: skip


def report_samples(count: int, rounds: int, lexicon: Lexicon) -> None:
    print(f"\nour samples: {count} articles")
    print(f"{'articles':<22}{'bytes':>7}{'art/s':>9}{'regex art/s':>13}{'cost ratio':>12}")
    for label, join in (("short (one sample)", 1), ("long (four samples)", 4)):
        articles = samples(count, join)
        per, base, ratio = measure(articles, lexicon, rounds)
        size = size_of(articles) // len(articles)
        print(f"{label:<22}{size:>7}{1 / per:>9,.0f}{1 / base:>13,.0f}{ratio:>11.1f}x")
    # what the five later languages cost the first three: the same fa, ar and en texts
    # with a lexicon of those three columns, then of all eight
    articles = [a for a in samples(count, 4) if detect(a.text) in ("fa", "ar", "en")]
    three = build(languages=("en", "fa", "ar"))
    ratio = measure(articles, three, rounds=3)[0] / measure(articles, lexicon, rounds=3)[0]
    print(f"eight languages vs three (fa, ar, en texts): {ratio:.0%} of the throughput")


def report_lengths(langs: list[str], sizes: list[int], total: int, lexicon: Lexicon) -> None:
    print(f"\nlength: µs of CPU per KB, texts of real articles joined, {total:,} bytes a size")
    print(f"{'lang':<6}" + "".join(f"{size:>10,}" for size in sizes) + f"{'largest':>10}")
    for lang in langs:
        pool = wild(lang, 2000)
        row = []
        for size in sizes:
            texts = joined(pool, size, total)
            extract(texts[0], lexicon)  # warm
            seconds = extraction_pass(texts, lexicon)
            row.append(seconds * 1e6 / (size_of(texts) / 1024))
        print(f"{lang:<6}" + "".join(f"{us:>10,.0f}" for us in row)
              + f"{row[-1] / row[0]:>9.2f}x", flush=True)  # fmt: skip


def startup_seconds() -> tuple[float, float]:
    """CPU and clock seconds of `accords extract` on one small file: the least of three
    runs (the clock counts the waits for a busy core of a shared machine, CPU time not)."""
    sample_file = next(iter(sorted(SAMPLES.glob("*.txt"))))
    command = [sys.executable, "-m", "accords", "extract", str(sample_file)]
    subprocess.run(command, check=True, capture_output=True)  # fills the lexicon cache
    cpu, clock = [], []
    for _ in range(3):
        start = time.perf_counter()
        child = subprocess.Popen(command, stdout=subprocess.DEVNULL)
        _, status, usage = os.wait4(child.pid, 0)
        clock.append(time.perf_counter() - start)
        if status:
            raise SystemExit(f"failed: {' '.join(command)}")
        cpu.append(usage.ru_utime + usage.ru_stime)
    return min(cpu), min(clock)


def peak_megabytes(langs: list[str], count: int) -> float:
    """The peak resident size of a child that extracts the whole wild sample, read from a
    JSON Lines file as `accords batch` reads it (not the corpus files, whose reading
    would weigh in)."""
    with tempfile.TemporaryDirectory() as folder:
        lines = Path(folder) / "sample.jsonl"
        with lines.open("w", encoding="utf-8") as out:
            for lang in langs:
                for record in sample(lang, count):
                    out.write(json.dumps(record, ensure_ascii=False) + "\n")
        run = subprocess.run(
            [sys.executable, __file__, "--child", str(lines)], capture_output=True, text=True
        )
    if run.returncode:
        raise SystemExit(f"the peak-memory child failed: {run.stderr}")
    return int(run.stdout.split()[-1]) / 1024


def high_water_kb() -> int:
    """This process's peak resident size since it began (its program, not the one that
    forked it: Linux carries a forking parent's peak into the child's ru_maxrss)."""
    with open("/proc/self/status", encoding="utf-8") as status:
        line = next(line for line in status if line.startswith("VmHWM:"))
    return int(line.split()[1])


def child(path: str) -> None:
    from accords.ingest.jsonl import parse_line

    lexicon = load()
    with open(path, encoding="utf-8") as lines:
        for number, line in enumerate(lines, 1):
            extract(parse_line(line, source=f"{path}:{number}"), lexicon)
    print(high_water_kb())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--per-lang", type=int, default=300, help="wild articles a language")
    parser.add_argument("--langs", default=",".join(LANGS))
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--sizes", default=",".join(str(s) for s in SIZES))
    parser.add_argument("--total", type=int, default=1_000_000, help="bytes of each size")
    parser.add_argument("--samples", type=int, default=300, help="0: skip our samples")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    langs = args.langs.split(",")
    if args.child:
        child(args.child)
        return
    compiled = not pipeline.__file__ or not pipeline.__file__.endswith(".py")
    print("build:", "compiled by mypyc (setup.py)" if compiled else "pure Python")
    cpu, clock = startup_seconds()
    print(f"start-up (accords extract, one file): {cpu:.2f} s of CPU, {clock:.2f} s of clock")
    lexicon = load()
    if WILD.exists():
        report_wild(langs, args.per_lang, args.rounds, lexicon)
        if args.sizes:
            sizes = [int(s) for s in args.sizes.split(",")]
            report_lengths(langs, sizes, args.total, lexicon)
        peak = peak_megabytes(langs, args.per_lang)
        print(f"\npeak memory (the whole wild sample): {peak:,.0f} MB")
    else:
        print(f"{WILD} is absent: real news skipped")
    if args.samples:
        report_samples(args.samples, args.rounds, lexicon)


if __name__ == "__main__":
    main()
