"""Train the relevance model (src/accords/extract/relevance.py) from our labels and report
its cross-validated precision and recall.

    python benchmarks/relevance.py            # cross-validate and print the figures
    python benchmarks/relevance.py --write    # also write src/accords/extract/relevance.json

The examples are the articles the rules make a candidate of (triggers and two sides found):
the relevance model only decides among those. They come from the scope labels of the wild
corpus (labels/scope/, the tuning split; the held split is scored apart), the full gold of
labels/gold/ and the dev set of ../shared/eval/dev. Needs scikit-learn (`pip install
'accords[dev]'`). Deterministic: the same labels give the same file.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT))

from benchmarks.corpus import article, by_source  # noqa: E402
from benchmarks.labels import LABELS, read_scope, split_of  # noqa: E402

DEV = ROOT.parent / "shared" / "eval" / "dev"
# the threshold is the highest whose cross-validated recall among the candidates stays at
# this floor: a report the model drops is lost to the analyst, one it keeps can be read and
# set aside, and with a few hundred labels a threshold tuned for precision drops clear
# reports of the dev set too
RECALL_FLOOR = 0.8


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


def candidate_features(record: dict[str, str]) -> list[float] | None:
    from accords.extract import events, relevance
    from accords.lexicon import load
    from accords.pipeline import prepare, run_stages

    lexicon = load()
    doc = run_stages(prepare(article(record)), lexicon, until=lambda stage: stage is events)
    found = events.candidate(doc, lexicon)
    if found is None:
        return None
    return relevance.features(doc, lexicon, found.triggers, found.sides)


def table(split: str) -> tuple[list[list[float]], list[int], int, int]:
    """Features and labels of the candidates; positives and all texts the rules miss."""
    rows: list[list[float]] = []
    labels: list[int] = []
    missed = missed_negatives = 0
    for _, record, label in examples(split):
        values = candidate_features(record)
        if values is None:
            missed += label
            missed_negatives += not label
            continue
        rows.append(values)
        labels.append(int(label))
    return rows, labels, missed, missed_negatives


def fit(rows: list[list[float]], labels: list[int]):  # type: ignore[no-untyped-def]
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import StandardScaler

    model = make_pipeline(
        StandardScaler(), LogisticRegression(C=0.03, class_weight="balanced", max_iter=2000)
    )
    return model.fit(rows, labels)


def figures(scores: list[float], labels: list[int], threshold: float, missed: int) -> str:
    tp = sum(1 for s, y in zip(scores, labels, strict=True) if s >= threshold and y)
    fp = sum(1 for s, y in zip(scores, labels, strict=True) if s >= threshold and not y)
    fn = sum(1 for s, y in zip(scores, labels, strict=True) if s < threshold and y)
    precision = tp / (tp + fp) if tp + fp else 1.0
    gate_recall = tp / (tp + fn) if tp + fn else 1.0
    recall = tp / (tp + fn + missed) if tp + fn + missed else 1.0
    return (
        f"precision {precision:.2f} ({tp}/{tp + fp}), recall among candidates "
        f"{gate_recall:.2f} ({tp}/{tp + fn}), recall of all in scope {recall:.2f} "
        f"({tp}/{tp + fn + missed})"
    )


def main() -> None:
    from sklearn.model_selection import StratifiedKFold, cross_val_predict

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--write", action="store_true", help="write the model file")
    args = parser.parse_args()
    rows, labels, missed, missed_negatives = table("tune")
    print(
        f"tuning: {len(rows)} candidates ({sum(labels)} in scope); the rules find no "
        f"candidate in {missed} texts in scope and {missed_negatives} out of scope"
    )
    folds = StratifiedKFold(n_splits=5, shuffle=True, random_state=0)
    scores = list(
        cross_val_predict(fit(rows, labels), rows, labels, cv=folds, method="predict_proba")[:, 1]
    )
    threshold = 0.0
    for candidate in sorted(set(scores)):
        found = sum(y for score, y in zip(scores, labels, strict=True) if score >= candidate)
        if found / sum(labels) < RECALL_FLOOR:
            break
        threshold = candidate
    print(f"threshold {threshold:.3f}")
    print(f"5-fold cross-validated: {figures(scores, labels, threshold, missed)}")
    print(f"without the model:      {figures([1.0] * len(labels), labels, 0.5, missed)}")
    model = fit(rows, labels)
    scaler, logistic = model.steps[0][1], model.steps[1][1]
    # the scaling folded into the weights: the runtime reads one dot product
    weights = [float(w / s) for w, s in zip(logistic.coef_[0], scaler.scale_, strict=True)]
    bias = float(
        logistic.intercept_[0] - sum(w * m for w, m in zip(weights, scaler.mean_, strict=True))
    )
    held_rows, held_labels, held_missed, _ = table("held")
    if held_rows:
        from accords.extract.relevance import FEATURES, Model

        fitted = Model(FEATURES, tuple(weights), bias, threshold)
        held = [fitted.score(r) for r in held_rows]
        print(f"held-back labels:       {figures(held, held_labels, threshold, held_missed)}")
        unfiltered = figures([1.0] * len(held_labels), held_labels, 0.5, held_missed)
        print(f"held, without model:    {unfiltered}")
    if args.write:
        from accords.extract.relevance import FEATURES, MODEL

        MODEL.write_text(
            json.dumps(
                {
                    "features": list(FEATURES),
                    "weights": [round(w, 6) for w in weights],
                    "bias": round(bias, 6),
                    "threshold": round(float(threshold), 6),
                    "trained_on": f"{len(rows)} candidates, {sum(labels)} in scope",
                },
                indent=1,
            )
            + "\n",
            encoding="utf-8",
        )
        print(f"wrote {MODEL}")


if __name__ == "__main__":
    main()
