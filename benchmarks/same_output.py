"""Whether extraction still outputs what it did: a digest of each text's Extraction (as
`accords extract --format jsonl` writes it) over the dev texts of ../shared/eval/dev, the
seeds of ../shared/seeds and, of ../shared/eval/wild, the keyword-ranked articles (where
events are found) and a fixed sample of the stream (200 articles of each language),
compared with the digests stored in benchmarks/same_output.json.

    python benchmarks/same_output.py            # compare; lists the texts whose output changed
    python benchmarks/same_output.py --write    # store the current output's digests
    make digests                                # the same as --write, in .venv

A speed change must leave every digest as it is. A change meant to alter the output (a
better extraction) regenerates the file with `make digests` in the same commit; so does a
rebase onto a main whose output moved (regenerate from main's output, then check that
one's own change keeps it). tests/test_same_output.py runs the comparison, in both builds.

The file also holds the extractor version the digests were made by (`pipeline.VERSION`,
stored with each article so that `accords reextract` knows what an older extractor read):
`--write` refuses new digests under the version that made the old ones, so that a store
is never left believing that its articles hold the current output.
Only digests are stored, by file name or `source` id: never the texts of ../shared.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.corpus import LANGS, WILD, article, read_wild, sample  # noqa: E402

from accords.ingest.files import read_text  # noqa: E402
from accords.lexicon import load  # noqa: E402
from accords.model import Article  # noqa: E402
from accords.pipeline import VERSION, extract  # noqa: E402

SHARED = ROOT.parent / "shared"
DIGESTS = ROOT / "benchmarks" / "same_output.json"
WILD_PER_LANG = 200
REGENERATE = "make digests (python benchmarks/same_output.py --write)"


def texts() -> Iterator[tuple[str, Article]]:
    """Every text checked, under the name its digest is stored by."""
    for folder in (SHARED / "eval" / "dev", SHARED / "seeds"):
        for path in sorted(folder.glob("*.txt")):
            yield f"{folder.name}/{path.name}", read_text(str(path))
    for lang in LANGS:
        for record in [*read_wild(lang, security=True), *sample(lang, WILD_PER_LANG)]:
            yield f"wild/{record['source']}", article(record)


def digest(output: dict[str, object]) -> str:
    serialised = json.dumps(output, ensure_ascii=False, sort_keys=True)
    return hashlib.sha256(serialised.encode("utf-8")).hexdigest()[:16]


def current() -> dict[str, str]:
    lexicon = load()
    return {name: digest(extract(text, lexicon).to_dict()) for name, text in texts()}


def changed(stored: dict[str, str], now: dict[str, str]) -> list[str]:
    """The names whose digest differs, is new or is gone."""
    return sorted(name for name in stored.keys() | now.keys() if stored.get(name) != now.get(name))


def stored_file() -> tuple[str, dict[str, str]]:
    """The extractor version the stored digests were made by, and the digests."""
    if not DIGESTS.exists():
        raise SystemExit(f"{DIGESTS.name} is missing: write it with {REGENERATE}")
    content = json.loads(DIGESTS.read_text(encoding="utf-8"))
    return str(content["extractor"]), dict(content["digests"])


def stored() -> dict[str, str]:
    return stored_file()[1]


def unbumped(version: str, before: dict[str, str], now: dict[str, str]) -> str | None:
    """None unless the output moved while the extractor's version stayed the one that made
    the stored digests: then what to bump."""
    if version != VERSION or not changed(before, now):
        return None
    return (
        f"extraction output changed on {len(changed(before, now))} texts, but the extractor "
        f"version is still {VERSION}, the one the stored digests were made by: raise VERSION "
        f"in src/accords/pipeline.py (stores then know their articles want `accords "
        f"reextract`) and run {REGENERATE} again"
    )


def problem(before: dict[str, str], now: dict[str, str]) -> str | None:
    """None when the output is the one stored; else one paragraph that says what changed
    and how to store the new output when the change is meant."""
    differ = changed(before, now)
    if not differ:
        return None
    shown = ", ".join(differ[:5]) + (", ..." if len(differ) > 5 else "")
    return (
        f"extraction output changed on {len(differ)} of {len(now)} texts ({shown}). "
        f"A speed change must not change it; if the change is meant (better output, or a "
        f"rebase onto a main whose output moved), store the new output with {REGENERATE} "
        f"and commit {DIGESTS.relative_to(ROOT)}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--write", action="store_true", help="store the current digests")
    args = parser.parse_args()
    if not WILD.exists():
        raise SystemExit(f"{SHARED} is absent: nothing to compare")
    if args.write:
        now = current()
        refused = unbumped(*stored_file(), now) if DIGESTS.exists() else None
        if refused:
            raise SystemExit(refused)
        content = {"extractor": VERSION, "digests": now}
        DIGESTS.write_text(json.dumps(content, indent=0, sort_keys=True) + "\n", encoding="utf-8")
        print(f"wrote {len(now)} digests of extractor {VERSION} to {DIGESTS.relative_to(ROOT)}")
        return
    version, before = stored_file()
    if version != VERSION:
        raise SystemExit(f"the digests are of extractor {version}, not {VERSION}: {REGENERATE}")
    found = problem(before, current())
    if found:
        raise SystemExit(found)
    print("extraction output: the same as stored")


if __name__ == "__main__":
    main()
