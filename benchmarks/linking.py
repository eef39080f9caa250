"""Story linking and commitment follow-up over synthetic reports: time per report at
growing sizes, which stays flat when the work is near-linear (no all-pairs comparison),
and the pairwise precision and recall of the stories against the generator's truth.

    python benchmarks/linking.py [--sizes 1000 10000 100000] [--years 10] [--seed 7]

The generator draws real events (a random pair of sides from 40 countries, a day within
`--years` years, officials of each side, a venue, a type, domains) and writes each up to
four times, as outlets do: a day off here and there, an official or the venue left out,
now and then no date at all, and some commitments that later events keep.
"""

from __future__ import annotations

import argparse
import random
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta

from accords.lexicon import load
from accords.link.followup import FollowUp, follow_up
from accords.link.stories import StoryLinker, report_of
from accords.model import (
    DOMAINS,
    Actor,
    Commitment,
    CommitmentKind,
    Event,
    EventType,
    Extraction,
    Place,
)

COUNTRIES = (
    "AFG", "ARE", "AZE", "BHR", "CHN", "DEU", "EGY", "ESP", "FRA", "GBR", "IND", "IRN", "IRQ",
    "ITA", "JOR", "KAZ", "KGZ", "KWT", "LBN", "LBY", "MAR", "MYS", "NGA", "OMN", "PAK", "QAT",
    "RUS", "SAU", "SRB", "SYR", "TJK", "TKM", "TUN", "TUR", "UKR", "USA", "UZB", "VNM", "YEM",
    "ZAF",
)  # fmt: skip
SYLLABLES = (
    "ba", "ra", "da", "ka", "ma", "na", "sa", "ta", "za", "la", "ha", "fa", "ja", "ya", "wa",
    "ri", "du", "mo", "se", "ni",
)  # fmt: skip
START = date(2015, 1, 1)


@dataclass(frozen=True, slots=True)
class Sample:
    extractions: list[Extraction]
    truth: list[int]  # the real event behind each report
    days: list[date | None]


def officials(rng: random.Random) -> dict[str, list[Actor]]:
    """Thirty officials per country, with made-up names."""
    out = {}
    for country in COUNTRIES:
        people = []
        for _ in range(30):
            given = "".join(rng.choices(SYLLABLES, k=2)).capitalize()
            family = "".join(rng.choices(SYLLABLES, k=3)).capitalize()
            name = f"{given} {family}"
            people.append(Actor(name, name, country, "minister of interior", None, ()))
        out[country] = people
    return out


def generate(count: int, years: int, rng: random.Random) -> Sample:
    people = officials(rng)
    venues = {
        c: [Place(f"{c.lower()}_{i}", "", f"City {i}", c) for i in range(5)] for c in COUNTRIES
    }
    extractions: list[Extraction] = []
    truth: list[int] = []
    days: list[date | None] = []
    real = 0
    while len(extractions) < count:
        sides = rng.sample(COUNTRIES, 2)
        day = START + timedelta(days=rng.randrange(365 * years))
        kind = rng.choice(list(EventType))
        domains = rng.sample(DOMAINS, 2)
        venue = rng.choice(venues[sides[0]])
        present = [rng.choice(people[s]) for s in sides]
        for _ in range(rng.randint(1, 4)):
            written = day + timedelta(days=rng.choice((0, 0, 0, 1, -1)))
            event = Event(
                kind,
                "meet",
                list(sides),
                [],
                [p for p in present if rng.random() < 0.8],
                domains[: rng.randint(1, 2)],
                venue if rng.random() < 0.7 else None,
                written.isoformat() if rng.random() < 0.95 else None,
                [0],
                [],
            )
            extractions.append(
                Extraction(
                    f"r{len(extractions)}",
                    "en",
                    None,
                    None,
                    [event],
                    promises(sides, kind, rng),
                    [],
                    [],
                )
            )
            truth.append(real)
            days.append(written)
        real += 1
    return Sample(extractions[:count], truth[:count], days[:count])


def promises(sides: list[str], kind: EventType, rng: random.Random) -> list[Commitment]:
    if kind is not EventType.CONSULT or rng.random() > 0.3:
        return []
    action = rng.choice(("will sign a memorandum of understanding", "ready to train officers"))
    return [Commitment(CommitmentKind.PLEDGE, [sides[0]], [sides[1]], [], action, 0, [])]


def pairwise(truth: list[int], found: list[str]) -> tuple[float, float]:
    """Pairwise precision and recall of the stories, counted from cluster sizes."""

    def pairs(counts: Iterator[int]) -> int:
        return sum(n * (n - 1) // 2 for n in counts)

    both = pairs(iter(Counter(zip(truth, found, strict=True)).values()))
    linked = pairs(iter(Counter(found).values()))
    real = pairs(iter(Counter(truth).values()))
    return both / linked if linked else 1.0, both / real if real else 1.0


def link_all(sample: Sample) -> tuple[float, list[str], int]:
    """Seconds to link every report in order, the story of each, and how many stories."""
    lexicon = load()
    start = time.perf_counter()
    linker = StoryLinker()
    found = []
    for index, extraction in enumerate(sample.extractions):
        report = report_of(extraction, f"{index}:{extraction.doc}", lexicon)
        story = linker.add(report) if report else f"none-{index}"
        for event in extraction.events:
            event.story = story
        found.append(story)
    return time.perf_counter() - start, found, len(linker.stories)


def follow_all(sample: Sample) -> tuple[float, list[FollowUp]]:
    start = time.perf_counter()
    rows = zip((x.doc for x in sample.extractions), sample.days, sample.extractions, strict=True)
    followed = follow_up(rows)
    return time.perf_counter() - start, followed


def run(size: int, years: int, seed: int, repeats: int) -> str:
    """One row of the results table; times are the best of `repeats` runs, since the
    machine is shared and a slow run measures the neighbours, not the code."""
    sample = generate(size, years, random.Random(seed))
    linking, found, stories = min(link_all(sample) for _ in range(repeats))
    following, followed = min((follow_all(sample) for _ in range(repeats)), key=lambda r: r[0])
    precision, recall = pairwise(sample.truth, found)
    kept = sum(f.status == "kept" for f in followed)
    return (
        f"| {size:>7,} | {linking:7.2f} | {1e6 * linking / size:6.0f} | {stories:>7,} "
        f"| {precision:.3f} | {recall:.3f} | {following:6.2f} | {1e6 * following / size:6.0f} "
        f"| {len(followed):>6,} | {kept:>6,} |"
    )


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawTextHelpFormatter
    )
    parser.add_argument("--sizes", type=int, nargs="+", default=[1_000, 10_000, 100_000])
    parser.add_argument("--years", type=int, default=10)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    print(
        "| reports | link s | µs/report | stories | pair P | pair R | follow-up s | µs/report "
        "| commitments | kept |"
    )
    print("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    # a first pass fills the memo of actor keys and loads the step terms: one-off costs,
    # not the steady rate
    run(min(args.sizes), args.years, args.seed, 1)
    for size in args.sizes:
        print(run(size, args.years, args.seed, args.repeats))


if __name__ == "__main__":
    main()
