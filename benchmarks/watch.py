"""The linking cost of one watch round with ten new reports, against stores of growing
size: incremental (accords.store.increment, what `accords watch` does) and, as the
baseline in the same run, a full relink (what `accords ingest` does after it stores).

    python benchmarks/watch.py [--sizes 1000 100000 1000000] [--new 10] [--repeats 5]

Stores are SQLite files of synthetic reports (benchmarks/linking.py's generator), each
published on its event's day as a feed item is, at the same density whatever the size: a
store ten times larger covers ten times the days, as an archive grows (the years are
size / 10,000, at least one). Each round stores ten more reports of random days of the
store's span and links them; after the rounds a full relink must change nothing (the
incremental result equals the full one). A round's time is the best of `--repeats`
(the machine is shared: a slow round measures the neighbours, not the code).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.watch.synthetic import add, reports

from accords.store import Store
from accords.store.increment import link_new
from accords.store.stories import relink

PER_YEAR = 10_000


def run(size: int, new: int, repeats: int, folder: Path) -> str:
    years = max(1, size // PER_YEAR)
    made = reports(size + new * (repeats + 1), years=years, dated=True, seed=11)
    path = folder / f"store-{size}.db"
    with Store.open(str(path)) as store:
        started = time.perf_counter()
        add(store, made[:size], link=True)
        filled = time.perf_counter() - started
        incremental: list[float] = []
        for round_ in range(repeats + 1):  # the first warms up, and is not counted
            batch = made[size + round_ * new : size + (round_ + 1) * new]
            ids = add(store, batch)
            started = time.perf_counter()
            with store.writing() as connection:
                link_new(connection, ids)
            if round_:
                incremental.append(time.perf_counter() - started)
        started = time.perf_counter()
        with store.writing() as connection:
            changed = relink(connection)
        full = time.perf_counter() - started
    path.unlink()
    best = min(incremental)
    return (
        f"| {size:>9,} | {years:>3} | {filled:7.1f} | {1000 * best:8.1f} | {full:8.2f} "
        f"| {full / best:8.0f}x | {changed} |"
    )


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawTextHelpFormatter
    )
    parser.add_argument("--sizes", type=int, nargs="+", default=[1_000, 100_000])
    parser.add_argument("--new", type=int, default=10)
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args()
    print(
        "| reports | years | fill s | round ms (incremental) | full relink s "
        "| full / incremental | changed by full relink |"
    )
    print("| ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    with tempfile.TemporaryDirectory() as folder:
        for size in args.sizes:
            print(run(size, args.new, args.repeats, Path(folder)), flush=True)


if __name__ == "__main__":
    main()
