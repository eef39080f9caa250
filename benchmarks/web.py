"""Web latency: every list page (home, events, stories, commitments, actors, network,
timeline, map, search) and each one's CSV export at the 50th, 95th and 99th percentile over
a store of synthetic events (--events, 100,000 unless told), reported as ratios to a bare
/health request measured in the same run, against the same server (`accords serve`, in its
own process, on 127.0.0.1).

    python benchmarks/web.py [--events 100000] [--requests 300] [--seconds 180] [--postgres]
                             [--keep NAME] [--only PATH ...]

With --postgres, the same again on PostgreSQL (a fresh schema at $ACCORDS_TEST_PG). With
--keep NAME the stores are kept for another run, which measures them again without filling
them (SQLite: the file NAME.db; PostgreSQL: the schema bench_web_ and NAME's last part): a
million events take a quarter of an hour to write, and a store written by an older version
is brought to the current schema (its migrations) before the server starts. The store is built with
the store's own bulk writer (`write.add_articles`: one statement per table for a batch,
the full-text index included). The load is sequential over one kept-alive
connection, the targets taken in turn so that any drift of the machine touches them all
alike; it stops after --requests rounds or --seconds, whichever comes first, and sends
nothing anywhere but 127.0.0.1.
"""

from __future__ import annotations

import argparse
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

import httpx
import sqlalchemy

from accords.model import (
    DOMAINS,
    Actor,
    Article,
    Commitment,
    CommitmentKind,
    Event,
    EventType,
    Evidence,
    Extraction,
    Place,
)
from accords.pipeline import VERSION
from accords.store import Store, write
from accords.store.engine import database_url

HOST = "127.0.0.1"  # the only address the load goes to
COUNTRIES = (
    "IRN", "OMN", "IRQ", "KWT", "AFG", "TJK", "TKM", "PAK", "IND", "CHN", "RUS", "TUR", "SAU",
    "ARE", "QAT", "BHR", "JOR", "SYR", "LBN", "EGY", "AZE", "ARM", "GEO", "KAZ", "UZB", "KGZ",
    "FRA", "DEU", "ITA", "ESP", "GBR", "USA", "BRA", "MEX", "NGA", "KEN", "ETH", "IDN", "MYS",
    "VNM",
)  # fmt: skip
LANGS = ("en", "fa", "ar", "ru", "zh", "tr", "fr", "ur")
TYPES = tuple(EventType)
PEOPLE = 2_000
EVENTS_PER_ARTICLE = 2
BATCH = 1_000  # articles a transaction
TARGETS = {
    "/health": "bare: no database, no template",
    "/": "the home page: counts, the latest, the busiest pairs, languages",
    "/api/events": "newest 50 stories, JSON",
    "/events": "newest 50 stories, HTML page",
    "/api/events?country=IRN&domain=drug_trafficking": "two filters, JSON",
    "/events?pair=IRN-OMN&since=2020": "a pair and a date, HTML",
    "/api/events?page=500": "page 500 of the stories (rows 24,951 to 25,000), JSON",
    "/api/events?page=1000&reports=true": "page 1000 of the reports (rows 49,951 to 50,000)",
    "/api/events.csv?country=IRN&domain=drug_trafficking": "two filters, every row as CSV",
    "/stories": "the latest 50 stories, HTML",
    "/stories?country=IRN": "the latest 50 stories of a country, HTML",
    "/api/stories.csv?country=IRN&domain=drug_trafficking": "two filters, every story as CSV",
    "/commitments": "the board of commitments: open, kept, stale",
    "/api/commitments.csv": "every commitment with its follow-up, CSV",
    "/actors": "the busiest 50 people, HTML",
    "/api/actors.csv": "every person, CSV",
    "/network": "pairs of countries counted in stories, HTML",
    "/api/network.csv": "every pair, CSV",
    "/timeline": "stories by period and domain, HTML",
    "/timeline?country=IRN": "stories of a country by period and domain, HTML",
    "/api/timeline.csv?country=IRN": "a country's periods and domains, CSV",
    "/map": "venues counted in stories, on the world's outlines, HTML",
    "/api/map.csv?country=IRN&since=2020": "venues of a country since a year, as CSV",
    "/search?q=smuggling": "a word of every report, best 50, HTML",
    "/api/search.csv?q=smuggling&country=IRN&domain=drug_trafficking": (
        "its hits under two filters, CSV"
    ),
}
VENUES = (
    Place("muscat", "مسقط", "Muscat", "OMN"), Place("tehran", "تهران", "Tehran", "IRN"),
    Place("baghdad", "بغداد", "Baghdad", "IRQ"), Place("moscow", "Москва", "Moscow", "RUS"),
    Place("beijing", "北京", "Beijing", "CHN"), Place("islamabad", "اسلام‌آباد", "Islamabad", "PAK"),
    Place("ankara", "Ankara", "Ankara", "TUR"), Place("paris", "Paris", "Paris", "FRA"),
)  # fmt: skip


def synthetic(count: int, seed: int) -> list[write.Entry]:
    """Articles of EVENTS_PER_ARTICLE events each: random sides among 40 countries, one to
    three domains, a day in ten years, people from a pool, evidence, a story, and a pledge
    in one article out of ten."""
    rng = random.Random(seed)
    people = [
        (f"Person {n}", rng.choice(COUNTRIES), f"person_{n}" if n % 3 == 0 else None)
        for n in range(PEOPLE)
    ]
    start = date(2015, 1, 1)
    entries = []
    for number in range((count + EVENTS_PER_ARTICLE - 1) // EVENTS_PER_ARTICLE):
        lang = rng.choice(LANGS)
        published = start + timedelta(days=rng.randrange(3650))
        text = (
            f"Report {number}: ministers met on {published.isoformat()} to discuss cooperation "
            f"against drug trafficking, smuggling and organised crime; officers {number % 97} "
            "and their counterparts agreed to share information and to meet again. "
        ) * 2
        found = []
        for position in range(min(EVENTS_PER_ARTICLE, count - number * EVENTS_PER_ARTICLE)):
            sides = rng.sample(COUNTRIES, 3 if rng.random() < 0.1 else 2)
            if rng.random() < 0.15:
                sides[:2] = ["IRN", "OMN"]
            day = published - timedelta(days=rng.randrange(3))
            actors = [
                Actor(name, name, country, "minister of interior", None, (0,), id=gazetteer,
                      evidence=(Evidence(20, 30),))
                for name, country, gazetteer in rng.sample(people, rng.randrange(3))
            ]  # fmt: skip
            kind = rng.choice(TYPES)
            found.append(
                Event(
                    kind, "meet", sides, [], actors, rng.sample(DOMAINS, rng.randrange(1, 4)),
                    rng.choice(VENUES) if rng.random() < 0.3 else None,
                    day.isoformat(), [0], [Evidence(0, 60 + position)],
                    gist=f"{kind} between {' and '.join(sides)} on {day.isoformat()}",
                    story=f"s-{number // 3:08x}{position}",
                )
            )  # fmt: skip
        promises = (
            [Commitment(CommitmentKind.PLEDGE, found[0].countries[:1], found[0].countries[1:2],
                        found[0].domains, "sign a memorandum of understanding", 1,
                        [Evidence(61, 90)])]
            if number % 10 == 0
            else []
        )  # fmt: skip
        article = Article(
            text=text, doc=f"synthetic/{number}.txt", title=f"Report {number}",
            outlet=f"Outlet {number % 50}", lang=lang, published=published,
        )  # fmt: skip
        extraction = Extraction(
            article.doc, lang, article.title, published.isoformat(), found, promises, [], []
        )
        entries.append(write.Entry(article, extraction, write.article_hash(text)))
    return entries


def build(db: str, count: int, seed: int) -> tuple[float, int]:
    started = time.perf_counter()
    entries = synthetic(count, seed)
    with Store.open(db) as store:
        for first in range(0, len(entries), BATCH):
            with store.writing() as connection:
                write.add_articles(connection, entries[first : first + BATCH], version=VERSION)
    return time.perf_counter() - started, len(entries)


def postgres_schema(server: str, schema: str | None = None) -> tuple[str, str, bool]:
    """A schema on the server (a fresh one, or `schema` made unless it is there), the URL
    that works in it, and whether it was made now."""
    schema = schema or f"bench_web_{uuid.uuid4().hex[:10]}"
    engine = sqlalchemy.create_engine(database_url(server))
    with engine.begin() as connection:
        there = connection.scalar(
            sqlalchemy.text("SELECT 1 FROM information_schema.schemata WHERE schema_name = :s"),
            {"s": schema},
        )
        if not there:
            connection.execute(sqlalchemy.text(f"CREATE SCHEMA {schema}"))
    engine.dispose()
    separator = "&" if "?" in server else "?"
    return schema, f"{server}{separator}options=-csearch_path%3D{schema}", not there


def drop_schema(server: str, schema: str) -> None:
    engine = sqlalchemy.create_engine(database_url(server))
    with engine.begin() as connection:
        connection.execute(sqlalchemy.text(f"DROP SCHEMA {schema} CASCADE"))
    engine.dispose()


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return int(probe.getsockname()[1])


def serve(db: str, port: int) -> subprocess.Popen[bytes]:
    environment = {k: v for k, v in os.environ.items() if k != "ACCORDS_TOKEN"}
    command = [sys.executable, "-m", "accords", "serve", "--db", db, "--host", HOST,
               "--port", str(port)]  # fmt: skip
    return subprocess.Popen(
        command, env=environment, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )


def wait_until_up(client: httpx.Client, seconds: float) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            if client.get("/health").status_code == 200:
                return
        except httpx.TransportError:
            time.sleep(0.1)
    raise SystemExit(f"the server did not answer within {seconds:.0f} s")


def load(
    client: httpx.Client,
    targets: list[str],
    rounds: int,
    seconds: float,
    warm_up: int,
    restart: Callable[[], None],
) -> tuple[dict[str, list[float]], dict[str, str]]:
    """Milliseconds per request, for every target, taken in turn; and the targets left
    out, with why: one that fails or passes the client's timeout in the warm-up is named
    and left out, and the others are measured. After a failure the server is started
    again: it would go on with the work the client gave up on while the others are timed."""
    failed: dict[str, str] = {}
    for path in targets:  # warm-up: first queries, templates, caches
        for _ in range(warm_up):
            if why := _failure(client, path):
                failed[path] = why
                print(f"left out: {path}: {why}", flush=True)
                restart()
                break
    measured = [path for path in targets if path not in failed]
    timings: dict[str, list[float]] = {path: [] for path in measured}
    deadline = time.monotonic() + seconds
    for _ in range(rounds):
        if time.monotonic() > deadline:
            break
        for path in measured:
            started = time.perf_counter()
            answer = client.get(path)
            timings[path].append((time.perf_counter() - started) * 1000)
            assert answer.status_code == 200, (path, answer.status_code)
    return timings, failed


def _failure(client: httpx.Client, path: str) -> str | None:
    """Why a request failed (its status, or the timeout it passed); None when it did not."""
    started = time.perf_counter()
    try:
        answer = client.get(path)
    except httpx.TimeoutException:
        return f"no answer within {time.perf_counter() - started:.0f} s (the client's timeout)"
    return None if answer.status_code == 200 else f"HTTP {answer.status_code}"


def wanted(path: str, only: list[str] | None) -> bool:
    """Whether a target is measured: every one, or those whose path starts with one of
    `only` (`/health` always is: it is the baseline)."""
    return not only or any(path.startswith(prefix) for prefix in only)


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def measure(db: str, args: argparse.Namespace, label: str, *, reuse: bool = False) -> None:
    if reuse:
        started = time.perf_counter()
        # migrated here, not in the server's first seconds; not linked (create=False): the
        # stories are the ones the store was built with
        Store.open(db, create=False).close()
        print(f"\n{label}: the kept store, opened in {time.perf_counter() - started:.1f} s")
    else:
        seconds, articles = build(db, args.events, args.seed)
        print(
            f"\n{label}: {args.events:,} events in {articles:,} articles, built in {seconds:.0f} s"
        )
    targets = ["/health", *(p for p in TARGETS if p != "/health" and wanted(p, args.only))]
    port = free_port()
    servers = [serve(db, port)]

    def restart() -> None:
        servers[-1].kill()  # not terminate: uvicorn would finish the request first
        servers[-1].wait(timeout=30)
        servers.append(serve(db, port))
        wait_until_up(client, 60)

    try:
        with httpx.Client(base_url=f"http://{HOST}:{port}", timeout=args.timeout) as client:
            wait_until_up(client, 60)
            started = time.monotonic()
            timings, failed = load(
                client, targets, args.requests, args.seconds, args.warm_up, restart
            )
            took = time.monotonic() - started
    finally:
        servers[-1].kill()
        servers[-1].wait(timeout=30)
    bare = percentile(timings["/health"], 0.95)
    print(f"{len(timings['/health'])} rounds in {took:.0f} s\n")
    print("| request | what | p50 ms | p95 ms | p99 ms | p95 × /health |")
    print("| --- | --- | ---: | ---: | ---: | ---: |")
    for path in targets:
        what = TARGETS[path]
        if path in failed:
            print(f"| `{path}` | {what} | left out: {failed[path]} | | | |")
            continue
        values = timings[path]
        p95 = percentile(values, 0.95)
        print(
            f"| `{path}` | {what} | {statistics.median(values):.1f} | {p95:.1f} "
            f"| {percentile(values, 0.99):.1f} | {p95 / bare:.1f} |"
        )


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawTextHelpFormatter
    )
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--requests", type=int, default=300, help="rounds over the targets")
    parser.add_argument("--seconds", type=float, default=180.0, help="the load's time limit")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument(
        "--postgres", action="store_true", help="also on PostgreSQL at $ACCORDS_TEST_PG"
    )
    parser.add_argument("--timeout", type=float, default=30.0, help="the client's, seconds")
    parser.add_argument("--warm-up", type=int, default=5, help="requests of each target first")
    parser.add_argument(
        "--keep", metavar="NAME", help="keep the stores for another run, or reuse the kept ones"
    )
    parser.add_argument("--no-sqlite", action="store_true", help="PostgreSQL only")
    parser.add_argument(
        "--only", nargs="+", metavar="PATH", help="measure only the targets starting so"
    )
    args = parser.parse_args()
    if not args.no_sqlite:
        if args.keep:
            kept = Path(f"{args.keep}.db")
            measure(str(kept), args, "SQLite", reuse=kept.exists())
        else:
            with tempfile.TemporaryDirectory() as folder:
                measure(str(Path(folder) / "web.db"), args, "SQLite")
    server = os.environ.get("ACCORDS_TEST_PG")
    if args.postgres and server:
        if args.keep:
            _, url, made = postgres_schema(server, f"bench_web_{Path(args.keep).name}")
            measure(url, args, "PostgreSQL", reuse=not made)
            return
        schema, url, _ = postgres_schema(server)
        try:
            measure(url, args, "PostgreSQL")
        finally:
            drop_schema(server, schema)


if __name__ == "__main__":
    main()
