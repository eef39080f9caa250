"""Extraction cost per kilobyte of long texts, as a ratio to the cost per kilobyte of
article-length texts measured beside it: a cost linear in length keeps the ratio flat.

    python benchmarks/long_texts.py [--sizes 50000,500000,5000000] [--langs en,fa,ar]

Three kinds of long text, each to the sizes asked (bytes of UTF-8):
- repeated: a short article written here, over and over (its events, commitments, names
  and dates, thousands of times); the baseline is that article alone.
- wild: the articles of ../shared/eval/wild of one language, one after another, the
  keyword-ranked subset first (events and names of every kind); the baseline is the same
  articles one by one (the first 200). Skipped when ../shared is absent.
- no stops: the repeated article without its stops and line breaks, one "sentence" as
  long as the text; the baseline is the article alone.

A text over pipeline.LONGEST_TEXT characters is cut (its row ends with the note): the cost
is per kilobyte of what is read. Times are the process's CPU time, and each long text's
baseline is measured right before it: a shared machine's speed drifts.
"""

from __future__ import annotations

import argparse
import itertools
import re
import sys
import time
from collections.abc import Iterator
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.corpus import WILD, read_wild

from accords.lexicon import Lexicon, load
from accords.model import Article
from accords.pipeline import cut, extract

ARTICLES = {
    "en": (
        "Iran and Oman sign security cooperation deal\n"
        "MUSCAT, March 3 - The interior ministers of Iran and Oman met in Muscat on Tuesday "
        "and signed a memorandum on fighting drug trafficking and organised crime.\n"
        "Police chief Ahmad Reza Radan said the two countries would share information on "
        "smugglers and hold joint training for border guards.\n"
        "Oman offered to train Iranian coastguard officers, and both sides pledged to set up "
        "a joint committee before the end of the year.\n"
        "Police seized 450 kilograms of opium and arrested 12 people near the border last "
        "week, officials said.\n"
    ),
    "fa": (
        "همکاری امنیتی ایران و عمان\n"
        "تهران - وزیران کشور ایران و عمان روز سه‌شنبه در مسقط دیدار کردند و تفاهم‌نامه‌ای "
        "برای مبارزه با قاچاق مواد مخدر و جرایم سازمان‌یافته امضا کردند.\n"
        "سردار احمدرضا رادان فرمانده انتظامی گفت دو کشور اطلاعات قاچاقچیان را مبادله "
        "می‌کنند و برای مرزبانان دوره‌های آموزشی مشترک برگزار می‌شود.\n"
        "عمان پیشنهاد داد افسران گارد ساحلی ایران را آموزش دهد و دو طرف متعهد شدند تا پایان "
        "سال کمیته مشترکی تشکیل دهند.\n"
        "پلیس هفته گذشته ۴۵۰ کیلوگرم تریاک کشف و ۱۲ نفر را در نزدیکی مرز دستگیر کرد.\n"
    ),
    "ar": (
        "تعاون أمني بين إيران وسلطنة عمان\n"
        "مسقط - التقى وزيرا الداخلية في إيران وسلطنة عمان يوم الثلاثاء في مسقط ووقعا مذكرة "
        "تفاهم لمكافحة تهريب المخدرات والجريمة المنظمة.\n"
        "وقال قائد الشرطة إن البلدين سيتبادلان المعلومات عن المهربين وسيعقدان دورات "
        "تدريبية مشتركة لحرس الحدود.\n"
        "وعرضت عمان تدريب ضباط خفر السواحل الإيرانيين، وتعهد الجانبان بتشكيل لجنة مشتركة "
        "قبل نهاية العام.\n"
        "وضبطت الشرطة 450 كيلوغراما من الأفيون واعتقلت 12 شخصا قرب الحدود الأسبوع الماضي.\n"
    ),
}
_STOPS = re.compile(r"[.!?؟\n]+")


def repeated(article: str, size: int) -> str:
    count = max(1, size // len(article.encode("utf-8")))
    return article * count


def wild_articles(lang: str, size: int) -> list[str]:
    """Articles of one language adding up to `size` bytes, read again from the first
    when the corpus has fewer."""

    def records() -> Iterator[dict[str, str]]:
        if (WILD / f"{lang}-security.jsonl").exists():
            yield from read_wild(lang, security=True)
        yield from read_wild(lang)

    out: list[str] = []
    total = 0
    for record in itertools.cycle(list(records())):
        out.append(record["text"])
        total += len(record["text"].encode("utf-8")) + 2
        if total >= size:
            break
    return out


def per_kb(texts: list[str], lexicon: Lexicon) -> tuple[float, list[str]]:
    """Seconds per kilobyte read of extraction over the texts, and the notes of the last."""
    size = sum(len(t[: cut(t)].encode("utf-8")) for t in texts) / 1024
    start = time.process_time()
    notes: list[str] = []
    for text in texts:
        notes = getattr(extract(Article(text=text), lexicon), "notes", [])
    return (time.process_time() - start) / size, notes


def baseline(articles: list[str], lexicon: Lexicon, least: int = 200_000) -> float:
    """Seconds per kilobyte of the articles one by one: the best of three passes over at
    least `least` bytes of them."""
    count = max(1, least // max(1, sum(len(a.encode("utf-8")) for a in articles)))
    texts = articles * count
    return min(per_kb(texts, lexicon)[0] for _ in range(3))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", default="50000,500000,5000000")
    parser.add_argument("--langs", default="en,fa,ar")
    parser.add_argument("--kinds", default="repeated,wild,no stops")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    lexicon = load()
    for text in ARTICLES.values():  # warm the caches: word lists, folding tables
        extract(Article(text=text), lexicon)
    print(f"{'kind':<10}{'lang':<6}{'bytes':>10}{'read':>10}{'seconds':>9}{'ms/KB':>8}"
          f"{'article':>9}{'ratio':>7}")  # fmt: skip
    for kind in args.kinds.split(","):
        if kind == "wild" and not WILD.exists():
            print("wild: ../shared/eval/wild is absent, skipped")
            continue
        for lang in args.langs.split(","):
            for size in sizes:
                if kind == "wild":
                    articles = wild_articles(lang, size)
                    text = "\n\n".join(articles)
                    base = baseline(articles[:200], lexicon)
                else:
                    article = ARTICLES[lang]
                    if kind == "no stops":
                        article = _STOPS.sub(" ", article)
                    text = repeated(article, size)
                    base = baseline([article], lexicon)
                seconds, notes = per_kb([text], lexicon)
                read = len(text[: cut(text)].encode("utf-8"))
                print(
                    f"{kind:<10}{lang:<6}{len(text.encode('utf-8')):>10,}{read:>10,}"
                    f"{seconds * read / 1024:>9.2f}{seconds * 1000:>8.2f}{base * 1000:>9.2f}"
                    f"{seconds / base:>6.1f}x{'  cut: ' + notes[0] if notes else ''}",
                    flush=True,
                )


if __name__ == "__main__":
    main()
