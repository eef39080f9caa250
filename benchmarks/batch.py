"""The batch job's cost curve: articles per second per core for the local and the Spark
engine, peak memory of the whole job (every process), and the time per article at each
size, against the same job on a single core and against pipeline.extract alone.

    python benchmarks/batch.py [--sizes 1000 10000] [--engines local spark] [--keep DIR]
    python benchmarks/batch.py --sizes 100000 1000000      # on request: long

The articles come from our own templates: a meeting of two interior ministers, a signing,
a joint operation, written in English, Persian or Arabic with names and places in each
script; each event is told by one to three outlets, in any of the languages, on the day
or the day after (repeats across outlets, the case story linking is for), and one article
in ten is about something else. Each (engine, size) runs in a fresh process so that one
run's memory is not another's; the memory figure samples every process of the run (the
Spark JVM and its Python workers included), and so does the CPU time. At each size the
local engine runs once with one worker: "× one worker × cores" is a run's rate per core
over that one's, how well the job spreads over the cores. Before the runs,
pipeline.extract alone is timed in one process ("× single core × cores": the job against
the extraction alone, reading, linking and writing included), then in one process per
worker at once: the most the engines can reach on this machine.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

SEED = 11
START = date(2021, 3, 21)
YEARS = 10  # as in benchmarks/linking.py: the same ten years at every size


@dataclass(frozen=True)
class Country:
    code: str
    en: str
    adjective: str
    fa: str
    ar: str
    city: tuple[str, str, str]  # the capital in en, fa, ar
    ministers: tuple[tuple[str, str, str], ...]  # made-up names in en, fa, ar


COUNTRIES = (
    Country("IRN", "Iran", "Iranian", "ایران", "إيران", ("Tehran", "تهران", "طهران"),
            (("Kamran Farahani", "کامران فراهانی", "كامران فراهاني"),
             ("Dariush Rahmani", "داریوش رحمانی", "داريوش رحماني"))),
    Country("IRQ", "Iraq", "Iraqi", "عراق", "العراق", ("Baghdad", "بغداد", "بغداد"),
            (("Salim al-Jubouri", "سلیم الجبوری", "سليم الجبوري"),
             ("Haidar Karim", "حیدر کریم", "حيدر كريم"))),
    Country("OMN", "Oman", "Omani", "عمان", "سلطنة عمان", ("Muscat", "مسقط", "مسقط"),
            (("Khalid al-Rawahi", "خالد الرواحی", "خالد الرواحي"),
             ("Said al-Busaidi", "سعید البوسعیدی", "سعيد البوسعيدي"))),
    Country("TUR", "Turkey", "Turkish", "ترکیه", "تركيا", ("Ankara", "آنکارا", "أنقرة"),
            (("Kemal Aydin", "کمال آیدین", "كمال أيدين"),
             ("Murat Demir", "مراد دمیر", "مراد دمير"))),
    Country("PAK", "Pakistan", "Pakistani", "پاکستان", "باكستان",
            ("Islamabad", "اسلام‌آباد", "إسلام آباد"),
            (("Imran Qureshi", "عمران قریشی", "عمران قريشي"),
             ("Tariq Malik", "طارق ملک", "طارق مالك"))),
    Country("AFG", "Afghanistan", "Afghan", "افغانستان", "أفغانستان", ("Kabul", "کابل", "كابول"),
            (("Nasir Ahmadi", "ناصر احمدی", "ناصر أحمدي"),
             ("Wali Haqqani", "ولی حقانی", "ولي حقاني"))),
    Country("JOR", "Jordan", "Jordanian", "اردن", "الأردن", ("Amman", "امان", "عمّان"),
            (("Mazen Khatib", "مازن خطیب", "مازن الخطيب"),
             ("Omar Nasser", "عمر ناصر", "عمر ناصر"))),
    Country("ARE", "the United Arab Emirates", "Emirati", "امارات", "الإمارات",
            ("Abu Dhabi", "ابوظبی", "أبوظبي"),
            (("Saif al-Nahyan", "سیف النهیان", "سيف آل نهيان"),
             ("Rashid al-Mansouri", "راشد المنصوری", "راشد المنصوري"))),
    Country("RUS", "Russia", "Russian", "روسیه", "روسيا", ("Moscow", "مسکو", "موسكو"),
            (("Viktor Orlov", "ویکتور اورلوف", "فيكتور أورلوف"),
             ("Pavel Sokolov", "پاول سوکولوف", "بافل سوكولوف"))),
    Country("AZE", "Azerbaijan", "Azerbaijani", "جمهوری آذربایجان", "أذربيجان",
            ("Baku", "باکو", "باكو"),
            (("Elchin Mammadov", "الچین محمداف", "إلتشين محمدوف"),
             ("Rauf Aliyev", "رئوف علی‌اف", "رؤوف علييف"))),
)  # fmt: skip

# subject of the talks: (en, fa, ar)
SUBJECTS = (
    ("drug trafficking", "قاچاق مواد مخدر", "تهريب المخدرات"),
    ("terrorism", "تروریسم", "الإرهاب"),
    ("border security", "امنیت مرزها", "أمن الحدود"),
    ("human trafficking", "قاچاق انسان", "الاتجار بالبشر"),
    ("cybercrime", "جرایم سایبری", "الجرائم الإلكترونية"),
    ("money laundering", "پولشویی", "غسل الأموال"),
)
OUTLETS = {
    "en": ("Gulf Wire", "Asia Desk", "Capital Times"),
    "fa": ("خبرگزاری دریا", "پایگاه خبری البرز"),
    "ar": ("وكالة الخليج", "صحيفة الرافدين"),
}
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
FA_WEEKDAYS = ("دوشنبه", "سه‌شنبه", "چهارشنبه", "پنجشنبه", "جمعه", "شنبه", "یکشنبه")
EN_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
             "September", "October", "November", "December")  # fmt: skip
AR_MONTHS = ("يناير", "فبراير", "مارس", "أبريل", "مايو", "يونيو", "يوليو", "أغسطس",
             "سبتمبر", "أكتوبر", "نوفمبر", "ديسمبر")  # fmt: skip

TEMPLATES = {
    "en": (
        "{a.adjective} and {b.adjective} ministers discuss {subject}\n\n"
        "{city_upper}, {month} {day}, {year} ({outlet}) - {a.adjective} Interior Minister "
        "{name_a} met {b.adjective} Interior Minister {name_b} in {city} on {weekday} to "
        "discuss cooperation against {subject}.\n\nThe two ministers agreed to exchange "
        "information and to train police officers together.\n",
        "{a.en} and {b.en} sign security memorandum\n\n"
        "{a.adjective} Interior Minister {name_a} and his {b.adjective} counterpart {name_b} "
        "signed a memorandum of understanding on {subject} in {city} on {weekday}, "
        "{month} {day}, {year}.\n\n{name_a} said {a.en} was ready to share its experience "
        "with {b.en}.\n",
    ),
    "fa": (
        "دیدار وزیران کشور {a.fa} و {b.fa}\n\n"
        "{name_a} وزیر کشور {a.fa} روز {weekday} در {city} با {name_b} وزیر کشور {b.fa} "
        "دیدار و درباره همکاری در مبارزه با {subject} گفتگو کرد.\n"
        "دو طرف بر تبادل اطلاعات و آموزش مشترک پلیس تاکید کردند.\n",
        "امضای تفاهم‌نامه امنیتی میان {a.fa} و {b.fa}\n\n"
        "وزیران کشور {a.fa} و {b.fa} روز {weekday} در {city} تفاهم‌نامه همکاری در زمینه "
        "مبارزه با {subject} را امضا کردند.\n",
    ),
    "ar": (
        "تعزيز التعاون الأمني بين {a.ar} و{b.ar}\n\n"
        "بحث وزير الداخلية في {a.ar} {name_a} مع نظيره في {b.ar} {name_b} في {city} يوم "
        "{day} {month} {year} سبل تعزيز التعاون في مكافحة {subject}.\n",
        "{a.ar} و{b.ar} توقعان مذكرة تفاهم أمنية\n\n"
        "وقع وزير الداخلية في {a.ar} {name_a} ونظيره في {b.ar} {name_b} في {city} يوم "
        "{day} {month} {year} مذكرة تفاهم للتعاون في مكافحة {subject}.\n",
    ),
}
ELSEWHERE = {
    "en": "Rain expected across {city}\n\nForecasters said rain would reach {city} on "
    "{weekday} and stay until the weekend.\n",
    "fa": "پیش‌بینی بارش باران در {city}\n\nبارش باران از روز {weekday} در {city} آغاز می‌شود.\n",
    "ar": "أمطار متوقعة في {city}\n\nتوقعت الأرصاد هطول أمطار على {city} يوم {day} {month} "
    "{year}.\n",
}
LANG_INDEX = {"en": 0, "fa": 1, "ar": 2}


def article(event: int, day: date, lang: str, rng: random.Random) -> str:
    """One outlet's report of event number `event` (the same event, the same draws)."""
    draw = random.Random(event * 7919 + SEED)
    a, b = draw.sample(COUNTRIES, 2)
    subject = draw.choice(SUBJECTS)[LANG_INDEX[lang]]
    template = rng.choice(TEMPLATES[lang])
    return _fill(template, lang, day, a, b, subject, draw, rng)


def elsewhere(day: date, lang: str, rng: random.Random) -> str:
    country = rng.choice(COUNTRIES)
    return _fill(ELSEWHERE[lang], lang, day, country, country, "", rng, rng)


def _fill(
    template: str,
    lang: str,
    day: date,
    a: Country,
    b: Country,
    subject: str,
    draw: random.Random,
    rng: random.Random,
) -> str:
    index = LANG_INDEX[lang]
    host = draw.choice((a, b))
    city = host.city[index]
    month = {"en": EN_MONTHS, "ar": AR_MONTHS, "fa": EN_MONTHS}[lang][day.month - 1]
    weekday = (FA_WEEKDAYS if lang == "fa" else WEEKDAYS)[day.weekday()]
    return template.format(
        a=a,
        b=b,
        subject=subject,
        name_a=draw.choice(a.ministers)[index],
        name_b=draw.choice(b.ministers)[index],
        city=city,
        city_upper=city.upper(),
        month=month,
        day=day.day,
        year=day.year,
        weekday=weekday,
        outlet=rng.choice(OUTLETS[lang]),
    )


def generate(count: int, path: Path) -> dict[int, int]:
    """`count` articles as JSON Lines; the real event behind each line (-1: none)."""
    rng = random.Random(SEED)
    truth: dict[int, int] = {}
    event = 0
    with path.open("w", encoding="utf-8") as out:
        line = 0
        while line < count:
            day = START + timedelta(days=rng.randrange(365 * YEARS))
            if rng.random() < 0.1:
                lang = rng.choice(("en", "fa", "ar"))
                tellings = [(elsewhere(day, lang, rng), lang, day, -1)]
            else:
                tellings = []
                for _ in range(rng.choice((1, 1, 2, 2, 3))):
                    lang = rng.choice(("en", "en", "fa", "ar"))
                    told = day + timedelta(days=rng.choice((0, 0, 1)))
                    tellings.append((article(event, day, lang, rng), lang, told, event))
                event += 1
            for text, lang, published, real in tellings[: count - line]:
                line += 1
                truth[line] = real
                record = {
                    "text": text,
                    "lang": lang,
                    "published": published.isoformat(),
                    "outlet": rng.choice(OUTLETS[lang]),
                }
                out.write(json.dumps(record, ensure_ascii=False) + "\n")
    return truth


# The measuring side: one run in a child process, its memory sampled from outside.


def tree(root: int) -> list[int]:
    """A process and all its descendants."""
    parents: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", encoding="utf-8") as stat:
                parents[int(entry)] = int(stat.read().rsplit(")", 1)[1].split()[1])
        except (OSError, IndexError, ValueError):
            continue
    family = {root}
    grew = True
    while grew:
        grew = False
        for pid, parent in parents.items():
            if parent in family and pid not in family:
                family.add(pid)
                grew = True
    return sorted(family)


def usage(pid: int) -> tuple[int, float]:
    """Resident bytes and CPU seconds (user and system) of one process; zeros once gone."""
    try:
        with open(f"/proc/{pid}/statm", encoding="utf-8") as statm:
            rss = int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
        with open(f"/proc/{pid}/stat", encoding="utf-8") as stat:
            fields = stat.read().rsplit(")", 1)[1].split()
        return rss, (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except (OSError, IndexError, ValueError):
        return 0, 0.0


def measure(command: list[str]) -> tuple[dict[str, float], int, float]:
    """Run a child, sampling its process tree; its JSON result, the peak resident memory of
    the tree and the CPU seconds it used. CPU time is what other work on a shared machine
    disturbs least: the clock counts the waits for a busy core, CPU time does not."""
    child = subprocess.Popen(command, stdout=subprocess.PIPE, text=True)
    peak = 0
    cpu: dict[int, float] = {}
    done = threading.Event()

    def sample() -> None:
        nonlocal peak
        while not done.is_set():
            total = 0
            for pid in tree(child.pid):
                rss, seconds = usage(pid)
                total += rss
                cpu[pid] = max(cpu.get(pid, 0.0), seconds)
            peak = max(peak, total)
            done.wait(0.2)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    output, _ = child.communicate()
    done.set()
    sampler.join()
    if child.returncode:
        raise SystemExit(f"run failed: {' '.join(command)}")
    return json.loads(output.strip().splitlines()[-1]), peak, sum(cpu.values())


def run_one(engine: str, source: str, out: str, workers: int) -> None:
    """The child: one batch job, its figures as one JSON line."""
    from accords.scale.batch import batch

    started = time.perf_counter()
    summary = batch([source], out=out, engine=engine, workers=workers)
    print(
        json.dumps(
            {
                "seconds": time.perf_counter() - started,
                "extract_seconds": summary.extract_seconds,
                "finish_seconds": summary.finish_seconds,
                "articles": summary.articles,
                "events": summary.events,
                "stories": summary.stories,
                "failed": summary.failed,
            }
        )
    )


def single_core_rate(source: Path, count: int, ready: Any = None) -> float:
    """Articles per second of pipeline.extract alone, in this process: the best of three
    passes after a warm-up (the machine is shared; the best pass is the least disturbed).
    `ready` is a barrier the processes measured together wait at before they start."""
    from accords.ingest.jsonl import parse_line
    from accords.lexicon import load
    from accords.pipeline import extract

    lexicon = load()
    with source.open("rb") as lines:
        articles = [
            parse_line(line, source=f"x:{i}")
            for i, line in zip(range(count), lines, strict=False)  # the first `count`
        ]
    for item in articles[:50]:
        extract(item, lexicon)
    if ready is not None:
        ready.wait()
    best = float("inf")
    for _ in range(3):
        started = time.perf_counter()
        for item in articles:
            extract(item, lexicon)
        best = min(best, time.perf_counter() - started)
    return len(articles) / best


def parallel_rate(source: Path, count: int, processes: int) -> float:
    """The same measure in `processes` processes at once: articles per second of each, on
    average. What the cores give together with no batch plumbing at all, the ceiling of
    the engines' "× single core × cores" on this machine (cores that share caches, or a
    host that shares them with other machines, give less than one core each)."""
    import multiprocessing

    with multiprocessing.Manager() as manager:
        ready = manager.Barrier(processes)
        with multiprocessing.Pool(processes) as pool:
            rates = pool.starmap(single_core_rate, [(source, count, ready)] * processes)
    return sum(rates) / len(rates)


def story_quality(stories: dict[int, str], truth: dict[int, int]) -> tuple[float, float]:
    """Pairwise precision and recall of stories (by line) against the generator's events."""
    by_story: dict[str, list[int]] = {}
    by_event: dict[int, list[int]] = {}
    for line, story in stories.items():
        by_story.setdefault(story, []).append(line)
        if truth.get(line, -1) >= 0:
            by_event.setdefault(truth[line], []).append(line)

    def pairs(groups: list[list[int]]) -> set[tuple[int, int]]:
        return {(x, y) for g in groups for x in g for y in g if x < y}

    predicted = pairs(list(by_story.values()))
    real = pairs(list(by_event.values()))
    precision = len(predicted & real) / len(predicted) if predicted else 1.0
    recall = len(predicted & real) / len(real) if real else 1.0
    return precision, recall


def batch_stories(out: Path) -> dict[int, str]:
    """The stories the job wrote, by input line."""
    import pyarrow.dataset as ds

    table = ds.dataset(out / "stories", format="parquet", partitioning="hive").to_table(
        columns=["doc", "story"]
    )
    docs, stories = table.column("doc").to_pylist(), table.column("story").to_pylist()
    return {int(doc.rsplit(":", 1)[1]): story for doc, story in zip(docs, stories, strict=True)}


def incremental_stories(out: Path) -> dict[int, str]:
    """The same reports linked one by one, in date order, by accords.link.stories alone:
    what the blocks are measured against."""
    import pyarrow.parquet as pq

    from accords.link.stories import link
    from accords.scale.tables import report_from

    reports = [
        report_from(row)
        for path in sorted((out / "_chunks").glob("*/reports.parquet"))
        for row in pq.read_table(path).to_pylist()
    ]
    reports.sort(key=lambda r: (min(r.days).toordinal() if r.days else 0, r.key))
    return {int(key.rsplit(":", 1)[1]): story for key, story in link(reports).items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--engines", nargs="+", default=["local", "spark"])
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--keep", type=Path, help="Keep inputs and outputs in this folder.")
    parser.add_argument(
        "--run", nargs=3, metavar=("ENGINE", "SOURCE", "OUT"), help=argparse.SUPPRESS
    )
    args = parser.parse_args()
    if args.run:
        run_one(args.run[0], args.run[1], args.run[2], args.workers)
        return
    work = args.keep or Path(tempfile.mkdtemp(prefix="accords-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    print(f"machine: {os.cpu_count()} cores, Python {sys.version.split()[0]}; work in {work}")
    header = (
        "| engine | workers | articles | s | s extracting | s linking, writing | ms/article "
        "| articles/s/core | × one worker × cores | × single core × cores | CPU ms/article "
        "| × by CPU | peak MB | stories | pair P | pair R | incremental P / R |"
    )
    rows = []
    base = None
    for size in args.sizes:
        source = work / f"articles-{size}.jsonl"
        truth = generate(size, source)
        if base is None:
            base = single_core_rate(source, min(size, 1000))
            print(
                f"single-core extraction: {base:,.0f} articles/s ({1000 / base:.2f} ms/article); "
                f"load average {os.getloadavg()[0]:.1f}",
                flush=True,
            )
            together = parallel_rate(source, min(size, 1000), args.workers)
            print(
                f"extraction alone in {args.workers} processes at once: {together:,.0f} "
                f"articles/s each, {together / base:.2f} × single core × cores; "
                f"load average {os.getloadavg()[0]:.1f}",
                flush=True,
            )
        # the local engine on one worker first: the job's own rate on a single core, reading,
        # extracting, linking and writing, which the runs on every core are measured against
        runs = [("local", 1)] if "local" in args.engines and args.workers > 1 else []
        runs += [(engine, args.workers) for engine in args.engines]
        one_worker = None
        for engine, workers in runs:
            out = work / f"out-{engine}-{workers}-{size}"
            command = [sys.executable, __file__, "--workers", str(workers), "--run", engine,
                       str(source), str(out)]  # fmt: skip
            if out.exists():
                import shutil

                shutil.rmtree(out)
            result, peak, cpu = measure(command)
            seconds = result["seconds"]
            per_core = result["articles"] / seconds / workers
            if one_worker is None and engine == "local":
                one_worker = per_core
            precision, recall = story_quality(batch_stories(out), truth)
            one_by_one = story_quality(incremental_stories(out), truth)
            cpu_per_article = 1000 * cpu / result["articles"]
            rows.append(
                f"| {engine} | {workers} | {size:,} | {seconds:.1f} "
                f"| {result['extract_seconds']:.1f} | {result['finish_seconds']:.1f} "
                f"| {1000 * seconds / result['articles']:.2f} | {per_core:,.0f} "
                f"| {per_core / one_worker if one_worker else float('nan'):.2f} "
                f"| {per_core / base:.2f} | {cpu_per_article:.2f} "
                f"| {1000 / base / cpu_per_article:.2f} "
                f"| {peak / 2**20:,.0f} | {result['stories']:,.0f} "
                f"| {precision:.3f} | {recall:.3f} | {one_by_one[0]:.3f} / {one_by_one[1]:.3f} |"
            )
            print(rows[-1], flush=True)
    print()
    print(header)
    print("| --- |" + " ---: |" * 16)
    for row in rows:
        print(row)


if __name__ == "__main__":
    main()
