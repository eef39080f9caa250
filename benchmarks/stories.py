"""Do reports of one real event, in different languages and outlets, share a story? Every
pair of listed reports is a question, "same story?", answered yes when the two share a story
id after all of them are extracted together, as ../shared/eval/score.py scores the stories
of the dev set. Pairs of one group should share one; a near miss (the same sides another
time, or the same day another pair) and the other groups should not.

Two sets, scored apart: groups found by reading the wild corpus
(labels/stories/clusters.tsv: few, since its languages' outlets and years barely overlap),
and reports of our own writing (benchmarks/story_texts/: fourteen events, three or four
languages each, every language at least five times, each its own outlet's wording).

    python benchmarks/stories.py            # precision, recall and F1 of the pairs
    python benchmarks/stories.py --show     # and each group as accords linked it

The reports are read as an ingest reads a record (its publication date included), one
extraction each, then linked as `accords extract` links its files.
"""

from __future__ import annotations

import argparse
import csv
import itertools
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.corpus import article, by_source  # noqa: E402
from benchmarks.labels import LABELS  # noqa: E402

from accords.lexicon import load  # noqa: E402
from accords.link.stories import assign_stories  # noqa: E402
from accords.model import Extraction  # noqa: E402
from accords.pipeline import extract  # noqa: E402

CORPUS_GROUPS = LABELS / "stories" / "clusters.tsv"
TEXTS = ROOT / "benchmarks" / "story_texts"
OWN_GROUPS = TEXTS / "clusters.tsv"
APART = "-"  # the group of a near miss: in no group
OWN = "text:"  # a source of our own writing: a file of TEXTS


@dataclass(frozen=True)
class Listed:
    cluster: str
    source: str
    lang: str
    event: str
    published: str  # of a text of our own; the corpus's records carry theirs


def read_clusters(path: Path) -> list[Listed]:
    with path.open(encoding="utf-8", newline="") as handle:
        rows = csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)
        return [
            Listed(r["cluster"], r["source"], r["lang"], r["event"], r.get("published") or "")
            for r in rows
        ]


def record(item: Listed, corpus: dict[str, dict[str, str]]) -> dict[str, str]:
    if not item.source.startswith(OWN):
        return corpus[item.source]
    text = (TEXTS / item.source.removeprefix(OWN)).read_text(encoding="utf-8")
    return {"text": text, "lang": item.lang, "published": item.published}


def linked(listed: list[Listed]) -> dict[str, set[str]]:
    """The story ids of each listed report's events, all extracted and linked together."""
    corpus = by_source()
    lexicon = load()
    results: list[Extraction] = [extract(article(record(item, corpus)), lexicon) for item in listed]
    assign_stories(results)
    return {
        item.source: {event.story for event in result.events if event.story}
        for item, result in zip(listed, results, strict=True)
    }


@dataclass
class Tally:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, got: bool, want: bool) -> None:
        self.tp += got and want
        self.fp += got and not want
        self.fn += want and not got

    def line(self, name: str) -> str:
        precision = self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0
        recall = self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        return (
            f"{name:<22} P {precision:.2f} R {recall:.2f} F1 {f1:.2f}  "
            f"(pairs: {self.tp} linked right, {self.fp} linked wrongly, {self.fn} missed)"
        )


def score(listed: list[Listed], stories: dict[str, set[str]]) -> tuple[Tally, Tally]:
    """Pairs of different languages, and pairs of one language."""
    across, within = Tally(), Tally()
    for a, b in itertools.combinations(listed, 2):
        want = a.cluster != APART and a.cluster == b.cluster
        got = bool(stories[a.source] & stories[b.source])
        (within if a.lang == b.lang else across).add(got, want)
    return across, within


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0], formatter_class=argparse.RawTextHelpFormatter
    )
    parser.add_argument(
        "--clusters", type=Path, nargs="+", default=[CORPUS_GROUPS, OWN_GROUPS],
        help="files of groups, each scored apart",
    )  # fmt: skip
    parser.add_argument("--show", action="store_true", help="each group as accords linked it")
    args = parser.parse_args()
    for path in args.clusters:
        report(path, args.show)


def report(path: Path, show: bool) -> None:
    listed = read_clusters(path)
    stories = linked(listed)
    across, within = score(listed, stories)
    groups = sorted({item.cluster for item in listed} - {APART})
    print(f"{path}: {len(listed)} reports, {len(groups)} groups of one event")
    for tally, name in ((across, "  across languages"), (within, "  within a language")):
        if tally.tp + tally.fp + tally.fn:
            print(tally.line(name))
    if show:
        for group in [*groups, APART]:
            members = [item for item in listed if item.cluster == group]
            print(f"\n{group}: {members[0].event if group != APART else 'near misses'}")
            for item in members:
                print(f"  {item.lang} {' '.join(sorted(stories[item.source])) or '-':<28} "
                      f"{item.source[-70:]}")  # fmt: skip
    print()


if __name__ == "__main__":
    main()
