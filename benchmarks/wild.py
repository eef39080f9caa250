"""accords on the real news stream of ../shared/eval/wild: per language, the share of
articles it flags (finds at least one event in), and precision and recall of that flag
against the scope labels in labels/scope.tsv (read by hand, by source id).

    python benchmarks/wild.py                       # every article of the eight languages
    python benchmarks/wild.py --per-lang 2000       # a fixed random sample of each
    python benchmarks/wild.py --dump out.jsonl      # also one line per article: what it found

Precision is over the labelled articles accords flags; recall over the labelled articles
that are in scope. `--split held` scores only the labels held back from tuning (see
labels/README.md); `--split tune` only the others.

Labels of the early rounds lean to positives (searches, earlier flags), so precision over
labelled flags flatters. `stream P` estimates the precision of everything flagged: labelled
flags count as labelled, and the unlabelled rest at the in-scope rate of the articles drawn
at random among flagged ones since round FRESH_ROUND (labels/drawn.tsv) that are still
flagged. Where every flagged article is labelled, it is exact.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import sys
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT))

from benchmarks.corpus import LANGS, WILD, article, read_wild, sample  # noqa: E402
from benchmarks.labels import LABELS, read_scope  # noqa: E402

# the first round drawn at random among what accords flagged and no earlier round drew; the
# rounds before it mixed searches and older extractors' flags into the draw
FRESH_ROUND = 7

_lexicon = None


def _extract(record: dict[str, str]) -> dict[str, object]:
    global _lexicon
    from accords.lexicon import load
    from accords.pipeline import extract

    if _lexicon is None:
        _lexicon = load()
    result = extract(article(record), _lexicon)
    return {
        "source": record["source"],
        "lang": record["lang"],
        "events": [
            {
                "type": str(e.type),
                "countries": e.countries,
                "orgs": e.orgs,
                "location": e.location.name_latn if e.location else None,
                "date": e.date,
                "actors": [a.name for a in e.actors],
            }
            for e in result.events
        ],
        "commitments": [
            {"kind": str(c.kind), "by": c.by, "to": c.to, "action": c.action}
            for c in result.commitments
        ],
    }


def _sample(per_lang: int | None) -> Iterator[dict[str, str]]:
    for lang in LANGS:
        yield from sample(lang, per_lang)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--per-lang", type=int, default=None, help="articles per language")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--dump", type=Path, help="write what was found per article (JSONL)")
    parser.add_argument("--split", choices=("all", "tune", "held"), default="all")
    args = parser.parse_args()
    if not WILD.exists():
        sys.exit(f"no wild corpus at {WILD}")
    labels = read_scope(split=args.split)
    records = list(_sample(args.per_lang))
    # every labelled article is read, whether the sample drew it or not
    drawn = {r["source"] for r in records}
    wanted = set(labels) - drawn
    if wanted:
        for lang in LANGS:
            records.extend(r for r in read_wild(lang) if r["source"] in wanted)
    started = time.perf_counter()
    with multiprocessing.Pool(args.workers) as pool:
        results = pool.map(_extract, records, chunksize=50)
    seconds = time.perf_counter() - started
    if args.dump:
        with args.dump.open("w", encoding="utf-8") as out:
            for row in results:
                out.write(json.dumps(row, ensure_ascii=False) + "\n")
    total: Counter[str] = Counter()
    flagged: Counter[str] = Counter()
    tp: Counter[str] = Counter()
    fp: Counter[str] = Counter()
    fn: Counter[str] = Counter()
    hits: dict[str, set[str]] = {lang: set() for lang in LANGS}
    for row in results:
        lang = str(row["lang"])
        hit = bool(row["events"])
        if str(row["source"]) in drawn:
            total[lang] += 1
            flagged[lang] += hit
            if hit:
                hits[lang].add(str(row["source"]))
        label = labels.get(str(row["source"]))
        if label is None:
            continue
        if hit and label:
            tp[lang] += 1
        elif hit:
            fp[lang] += 1
        elif label:
            fn[lang] += 1
    print(f"{len(results):,} articles in {seconds:.0f} s ({len(results) / seconds:.0f}/s)")
    stream = _stream_precision(hits, read_scope())
    print(
        f"{'lang':<5}{'articles':>9}{'flagged':>9}{'labelled':>9}{'precision':>11}"
        f"{'recall':>15}{'stream P':>14}"
    )
    for lang in [*LANGS, "all"]:
        keys = LANGS if lang == "all" else [lang]
        n = sum(total[k] for k in keys)
        f = sum(flagged[k] for k in keys)
        t, p, m = (sum(c[k] for k in keys) for c in (tp, fp, fn))
        precision = f"{t / (t + p):.2f} ({t}/{t + p})" if t + p else "-"
        recall = f"{t / (t + m):.2f} ({t}/{t + m})" if t + m else "-"
        share = f"{100 * f / n:.1f}%" if n else "-"
        known, expected = (sum(stream[k][i] for k in keys) for i in (0, 1))
        guess = f"{expected / f:.2f} ({f - known} est.)" if f and args.split == "all" else "-"
        print(f"{lang:<5}{n:>9,}{share:>9}{t + p + m:>9}  {precision:<16}{recall:<15}{guess}")


def _stream_precision(
    hits: dict[str, set[str]], labels: dict[str, bool]
) -> dict[str, tuple[int, float]]:
    """Per language: how many flagged articles are labelled, and the expected number in
    scope among all flagged (labelled ones as labelled, the rest at the fresh draws' rate)."""
    fresh: dict[str, list[bool]] = {lang: [] for lang in hits}
    with (LABELS / "drawn.tsv").open(encoding="utf-8") as rows:
        for line in rows:
            source, lang, how, _, round_ = line.rstrip("\n").split("\t")
            fresh_flag = how == "flagged" and round_.isdigit() and int(round_) >= FRESH_ROUND
            if fresh_flag and source in hits.get(lang, ()) and source in labels:
                fresh[lang].append(labels[source])
    out: dict[str, tuple[int, float]] = {}
    for lang, flagged in hits.items():
        known = [labels[s] for s in flagged if s in labels]
        rest = len(flagged) - len(known)
        drawn = fresh[lang]
        # with no fresh draw in the language, the labelled flags' rate stands in for it
        rate = sum(drawn) / len(drawn) if drawn else (sum(known) / len(known) if known else 0)
        out[lang] = (len(known), sum(known) + rate * rest)
    return out


if __name__ == "__main__":
    main()
