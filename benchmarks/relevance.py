"""Train the relevance model (src/accords/extract/relevance.py) from our labels and report
its cross-validated precision and recall.

    python benchmarks/relevance.py            # cross-validate and print the figures
    python benchmarks/relevance.py --write    # also write src/accords/extract/relevance.json
    python benchmarks/relevance.py --held     # also the held-back labels (once, at the end)

The examples are the articles the rules make a candidate of (triggers and two sides found):
the relevance model only decides among those. A bulletin is read as accords reads it, item
by item (pipeline.read): each item the rules make a candidate of is a row, labelled as its
article, and an article is kept when one of its rows is (its score is the highest of its
rows'); the folds keep an article's rows together. They come from the scope labels of the wild
corpus (labels/scope/, the tuning split; the held split is scored apart), the full gold of
labels/gold/ and the dev set of ../shared/eval/dev. Needs scikit-learn (`pip install
'accords[dev]'`). Deterministic: the same labels give the same file.
"""

from __future__ import annotations

import argparse
import json
import math
import statistics
import sys
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT))

from benchmarks.corpus import article, by_source  # noqa: E402
from benchmarks.labels import GROUPS, LABELS, group_of, read_scope, split_of  # noqa: E402

DEV = ROOT.parent / "shared" / "eval" / "dev"
# the threshold is the highest whose cross-validated recall among the candidates stays at
# this floor (one for all languages: one per group of languages, each at the floor, let the
# second group flag 2.0% of Urdu and 1.3% of Chinese news instead of 0.8% and 0.3%, none of
# a sample of the newly flagged read in scope): a report the model drops is lost to
# the analyst, one it keeps can be read and set aside, and with a few hundred labels a
# threshold tuned for precision drops clear reports of the dev set too. 0.85 is the recall
# the real-news work aims at: at 0.8 the held-back labels lost a third of their reports in
# scope
RECALL_FLOOR = 0.85
C = 0.01  # the weights' regularisation: few positives, many features


def examples(split: str) -> list[tuple[str, dict[str, str], bool]]:
    """(id, record, in scope) for every labelled text of the split."""
    corpus = by_source()
    labels = dict(read_scope(split=split))
    for path in sorted((LABELS / "gold").glob("*.jsonl")):
        for line in path.open(encoding="utf-8"):
            gold = json.loads(line)
            if split in ("all", split_of(gold["source"])):
                labels[gold["source"]] = bool(gold["cooperation"])
    out = [(s, corpus[s], label) for s, label in sorted(labels.items()) if s in corpus]
    if split != "held":
        for gold_path in sorted(DEV.glob("*.gold.json")):
            gold = json.loads(gold_path.read_text(encoding="utf-8"))
            text = gold_path.with_name(gold_path.name.replace(".gold.json", ".txt"))
            record = {"text": text.read_text(encoding="utf-8"), "lang": gold["lang"]}
            out.append((f"dev/{text.name}", record, bool(gold["cooperation"])))
    return out


# a trigger entry's or a word's log-odds are smoothed towards the share in scope of all
# candidates by this many reports, and kept in the model only when seen in this many
ODDS_PRIOR = 5.0
TRIGGER_MIN_SEEN = 2
WORD_MIN_SEEN = 3  # rarer words are mostly names of one story
CONCEPT_MIN_SEEN = 3


@dataclass(frozen=True)
class Row:
    """A candidate: the features accords computes, its triggers' entries, the words of the
    report, what the lexicon read in it, its label, its group of languages and the article
    it is of (a bulletin's items are each a candidate)."""

    values: list[float]
    triggers: list[str]
    words: frozenset[str]
    concepts: frozenset[str]
    label: int
    group: str
    source: str = ""


# the model's tables of log-odds: of trigger entries, of words and of concepts
Tables = tuple[dict[str, float], dict[str, float], dict[str, float]]


def candidate_rows(source: str, record: dict[str, str], label: bool) -> list[Row]:
    """The candidates of an article as the relevance model sees them when accords reads it:
    one, or one per item of a bulletin the rules make a candidate of."""
    from accords.extract import events, relevance
    from accords.lexicon import load
    from accords.pipeline import read

    lexicon = load()
    doc, items = read(article(record), lexicon, until=lambda stage: stage is events)
    rows = []
    for report in items or [doc]:
        found = events.candidate(report, lexicon)
        if found is None:
            continue
        triggers = sorted({m.entry for m in found.triggers})
        words = frozenset(relevance.words(report))
        concepts = frozenset(relevance.concepts(report, found))
        values = relevance.features(report, lexicon, found)
        rows.append(Row(values, triggers, words, concepts, int(label), group_of(doc.lang), source))
    return rows


def table(split: str) -> tuple[list[Row], Counter[str], int]:
    """The candidates; per group of languages, the reports in scope the rules make no
    candidate of; and how many reports out of scope they make none of."""
    rows: list[Row] = []
    missed: Counter[str] = Counter()
    missed_negatives = 0
    for source, record, label in examples(split):
        found = candidate_rows(source, record, label)
        if not found:
            missed[group_of(record.get("lang", ""))] += label
            missed_negatives += not label
        rows += found
    return rows, missed, missed_negatives


def by_article(rows: list[Row], scores: list[float]) -> tuple[list[Row], list[float]]:
    """One row per article, its highest-scored, with that score: what decides whether
    accords flags the article."""
    best: dict[str, tuple[Row, float]] = {}
    for row, score in zip(rows, scores, strict=True):
        if row.source not in best or score > best[row.source][1]:
            best[row.source] = (row, score)
    return [row for row, _ in best.values()], [score for _, score in best.values()]


def _folds(rows: list[Row], seed: int):  # type: ignore[no-untyped-def]
    """Five folds stratified by label, an article's rows in one fold."""
    from sklearn.model_selection import StratifiedGroupKFold

    labels = [r.label for r in rows]
    split = StratifiedGroupKFold(n_splits=5, shuffle=True, random_state=seed)
    return split.split(labels, labels, groups=[r.source for r in rows])


def log_odds(
    bags: list[tuple[Iterable[str], int]], min_seen: int, by_language: bool = False
) -> dict[str, float]:
    """Per item (a trigger entry, a word), the log-odds that a candidate with it is in
    scope, smoothed towards the odds of all candidates and relative to them. `bags` are
    each candidate's items and its label. With `by_language`, the items are words tagged
    with their language ("en:police"), measured against the candidates of their language:
    a word is then no stand-in for its language, whose share in scope among the labels
    says how they were drawn (English from a security-heavy outlet), not what a report is
    about. Measured against all candidates, every common English word weighed for."""
    seen: dict[str, list[int]] = {}
    of_group: dict[str, list[int]] = {}
    for items, label in bags:
        items = set(items)
        for item in items:
            seen.setdefault(item, []).append(label)
        for group in {_group(item, by_language) for item in items}:
            of_group.setdefault(group, []).append(label)
    table = {}
    for item, labels in sorted(seen.items()):
        if len(labels) < min_seen:
            continue
        group = of_group[_group(item, by_language)]
        share = min(max(sum(group) / len(group), _SHARE_FLOOR), 1 - _SHARE_FLOOR)
        positive = sum(labels) + ODDS_PRIOR * share
        negative = len(labels) - sum(labels) + ODDS_PRIOR * (1 - share)
        table[item] = round(math.log(positive / negative) - math.log(share / (1 - share)), 3)
    return table


_SHARE_FLOOR = 0.01  # a language whose labels hold no report in scope (yet) is not certain


def _group(item: str, by_language: bool) -> str:
    return item.split(":", 1)[0] if by_language else ""


def tables(rows: list[Row]) -> Tables:
    return (
        log_odds([(r.triggers, r.label) for r in rows], TRIGGER_MIN_SEEN),
        log_odds([(r.words, r.label) for r in rows], WORD_MIN_SEEN, by_language=True),
        log_odds([(r.concepts, r.label) for r in rows], CONCEPT_MIN_SEEN),
    )


def matrix(rows: list[Row], row_tables: list[Tables]) -> list[list[float]]:
    """The features of the rows with those read from the tables, row i's from
    row_tables[i]."""
    from accords.extract.relevance import odds, spread

    return [
        [*r.values, *odds(triggers, words, r.triggers, r.words), *spread(concepts, r.concepts)]
        for r, (triggers, words, concepts) in zip(rows, row_tables, strict=True)
    ]


def out_of_fold_tables(rows: list[Row]) -> list[Tables]:
    """For each row, the tables learnt from the other folds: a row's own label must not
    make its triggers and words look good to the weights trained on it."""
    out: list[Tables] = [({}, {}, {}) for _ in rows]
    for train, test in _folds(rows, seed=1):
        learnt = tables([rows[i] for i in train])
        for i in test:
            out[i] = learnt
    return out


def fit(rows: list[Row]):  # type: ignore[no-untyped-def]
    """The scaled logistic model and its tables, both from `rows`."""
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import StandardScaler

    inner = out_of_fold_tables(rows)
    model = make_pipeline(
        StandardScaler(), LogisticRegression(C=C, class_weight="balanced", max_iter=3000)
    )
    model.fit(matrix(rows, inner), [r.label for r in rows])
    return model, tables(rows)


def cross_validated(rows: list[Row], seed: int = 0) -> list[float]:
    """Each row's score by a model trained on the other four fifths (folds drawn by `seed`)."""
    scores = [0.0] * len(rows)
    for train, test in _folds(rows, seed=seed):
        model, learnt = fit([rows[i] for i in train])
        tested = matrix([rows[i] for i in test], [learnt] * len(test))
        for i, score in zip(test, model.predict_proba(tested)[:, 1], strict=True):
            scores[i] = float(score)
    return scores


def threshold(rows: list[Row], scores: list[float], floor: float = RECALL_FLOOR) -> float:
    """The highest threshold whose recall among the candidates stays at the floor: the
    score of the last report in scope it must keep."""
    positive = sorted((s for r, s in zip(rows, scores, strict=True) if r.label), reverse=True)
    needed = math.ceil(floor * len(positive) - 1e-9)
    return positive[needed - 1] if needed else max(scores, default=0.0)


# the draws of folds whose thresholds' median is the model's
DRAWS = 3
# the recalls at which the precision/recall curve is printed
CURVE = (0.5, 0.6, 0.7, 0.8, 0.85, 0.9, 0.95)


def curve(rows: list[Row], scores: list[float]) -> str:
    """Cross-validated precision at each recall of CURVE (among the candidates)."""
    points = []
    for floor in CURVE:
        chosen = threshold(rows, scores, floor)
        kept = [r.label for r, s in zip(rows, scores, strict=True) if s >= chosen]
        points.append(f"{floor:.2f}: {sum(kept) / len(kept):.2f}")
    return ", ".join(points)


def figures(
    rows: list[Row],
    scores: list[float],
    threshold: float,
    missed_in: Counter[str],
    group: str = "",
) -> str:
    """Precision and recall of the rows (of one group of languages, or all) kept at the
    threshold; `missed_in` the reports in scope the rules make no candidate of."""
    missed = sum(n for g, n in missed_in.items() if group in ("", g))
    picked = [
        (s >= threshold, r.label)
        for r, s in zip(rows, scores, strict=True)
        if group in ("", r.group)
    ]
    tp = sum(1 for kept, y in picked if kept and y)
    fp = sum(1 for kept, y in picked if kept and not y)
    fn = sum(1 for kept, y in picked if not kept and y)
    precision = tp / (tp + fp) if tp + fp else 1.0
    gate_recall = tp / (tp + fn) if tp + fn else 1.0
    recall = tp / (tp + fn + missed) if tp + fn + missed else 1.0
    return (
        f"precision {precision:.2f} ({tp}/{tp + fp}), recall among candidates "
        f"{gate_recall:.2f} ({tp}/{tp + fn}), recall of all in scope {recall:.2f} "
        f"({tp}/{tp + fn + missed})"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--write", action="store_true", help="write the model file")
    parser.add_argument(
        "--held",
        action="store_true",
        help="also score the labels held back from tuning (quote them once, at the end)",
    )
    args = parser.parse_args()
    candidates, missed, missed_negatives = table("tune")
    # one draw of folds moves the threshold by as much as 0.06 (precision at the floor swings
    # from 0.27 to 0.33 between draws), so it is the median of DRAWS draws' thresholds; the
    # figures are those of the first draw at that threshold
    draws = [by_article(candidates, cross_validated(candidates, seed)) for seed in range(DRAWS)]
    rows, scores = draws[0]
    labels = [r.label for r in rows]
    print(
        f"tuning: {len(rows)} articles with a candidate ({len(candidates)} candidates, "
        f"{sum(labels)} in scope); the rules find no "
        f"candidate in {missed.total()} texts in scope and {missed_negatives} out of scope"
    )
    from accords.extract.relevance import FEATURES, MODEL, Model

    chosen = statistics.median(threshold(*draw) for draw in draws)
    print(f"threshold {chosen:.3f} (median of {DRAWS} draws of folds)")
    print(f"5-fold cross-validated: {figures(rows, scores, chosen, missed)}")
    for group in GROUPS:
        print(f"  {group:<20}  {figures(rows, scores, chosen, missed, group)}")
    print(f"without the model:      {figures(rows, [1.0] * len(rows), 0.5, missed)}")
    print(f"precision at recall     {curve(rows, scores)}")
    model, (trigger_table, word_table, concept_table) = fit(candidates)
    scaler, logistic = model.steps[0][1], model.steps[1][1]
    # the scaling folded into the weights: the runtime reads one dot product
    weights = [float(w / s) for w, s in zip(logistic.coef_[0], scaler.scale_, strict=True)]
    bias = float(
        logistic.intercept_[0] - sum(w * m for w, m in zip(weights, scaler.mean_, strict=True))
    )
    fitted = Model(FEATURES, tuple(weights), bias, chosen, trigger_table, word_table, concept_table)
    held_rows, held_missed, _ = table("held") if args.held else ([], Counter(), 0)
    if held_rows:
        held_scores = [fitted.score(r.values, r.triggers, r.words, r.concepts) for r in held_rows]
        held_rows, held = by_article(held_rows, held_scores)
        print(f"held-back labels:       {figures(held_rows, held, chosen, held_missed)}")
        unfiltered = figures(held_rows, [1.0] * len(held_rows), 0.5, held_missed)
        print(f"held, without model:    {unfiltered}")
    if args.write:
        MODEL.write_text(
            json.dumps(
                {
                    "features": list(FEATURES),
                    "weights": [round(w, 6) for w in weights],
                    "bias": round(bias, 6),
                    "threshold": round(float(chosen), 6),
                    "trigger_odds": trigger_table,
                    "word_odds": word_table,
                    "concept_odds": concept_table,
                    "trained_on": f"{len(candidates)} candidates of {len(rows)} articles, "
                    f"{sum(labels)} in scope",
                },
                indent=1,
            )
            + "\n",
            encoding="utf-8",
        )
        print(f"wrote {MODEL}")


if __name__ == "__main__":
    main()
