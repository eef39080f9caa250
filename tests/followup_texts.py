"""Short reports written for the follow-up tests: a promise to sign made at a meeting, the
signing reported the next day (two reports that story linking puts in one story), in
English, Persian and Arabic; and a report of other sides, two years later, that makes the
newest date of a collection."""

from __future__ import annotations

import json
from pathlib import Path
from typing import NamedTuple


class Report(NamedTuple):
    lang: str
    published: str
    text: str

    def record(self) -> dict[str, str]:
        """The report as a JSON Lines record of `accords ingest` and `accords batch`."""
        return {"text": self.text, "published": self.published, "lang": self.lang}


PLEDGE_EN = Report(
    "en",
    "2024-03-04",
    "Oman and Iran to sign maritime security memorandum\n"
    "MUSCAT, 4 March 2024 - Iranian Interior Minister Ahmad Vahidi met Oman's Minister of "
    "Interior Hamoud bin Faisal Al Busaidi in Muscat on Monday to discuss maritime security "
    "and drug smuggling in the Gulf.\n"
    "The two ministers will sign a memorandum of understanding on maritime security on "
    "Tuesday, the Omani ministry said.",
)
SIGNING_EN = Report(
    "en",
    "2024-03-05",
    "Iran and Oman sign maritime security memorandum\n"
    "MUSCAT, 5 March 2024 - Iran and Oman signed a memorandum of understanding on maritime "
    "security and combating drug smuggling in Muscat on Tuesday.\n"
    "The memorandum was signed by Iranian Interior Minister Ahmad Vahidi and Omani Interior "
    "Minister Hamoud bin Faisal Al Busaidi.",
)
PLEDGE_FA = Report(
    "fa",
    "2024-03-04",
    "وزیران کشور ایران و عراق فردا تفاهم‌نامه امنیتی امضا می‌کنند\n"
    "تهران، ۱۴ اسفند ۱۴۰۲ — وزیر کشور عراق امروز وارد تهران شد و با احمد وحیدی وزیر کشور "
    "ایران درباره مبارزه با قاچاق مواد مخدر و امنیت مرزها گفت‌وگو کرد.\n"
    "دو طرف فردا یک تفاهم‌نامه همکاری امنیتی در زمینه مبارزه با قاچاق مواد مخدر امضا خواهند "
    "کرد.",
)
SIGNING_FA = Report(
    "fa",
    "2024-03-05",
    "تفاهم‌نامه همکاری امنیتی ایران و عراق امضا شد\n"
    "تهران، ۱۵ اسفند ۱۴۰۲ — احمد وحیدی وزیر کشور ایران و وزیر کشور عراق امروز در تهران "
    "تفاهم‌نامه همکاری امنیتی در زمینه مبارزه با قاچاق مواد مخدر را امضا کردند.",
)
PLEDGE_AR = Report(
    "ar",
    "2024-03-04",
    "وزيرا داخلية العراق والكويت يبحثان مكافحة المخدرات\n"
    "بغداد، 4 آذار 2024 - بحث وزير الداخلية العراقي عبد الأمير الشمري مع نظيره الكويتي في "
    "بغداد يوم الاثنين التعاون في مكافحة تهريب المخدرات وأمن الحدود.\n"
    "وسيوقع الجانبان مذكرة تفاهم للتعاون الأمني في مجال مكافحة المخدرات يوم الثلاثاء.",
)
SIGNING_AR = Report(
    "ar",
    "2024-03-05",
    "العراق والكويت يوقعان مذكرة تفاهم أمنية\n"
    "بغداد، 5 آذار 2024 - وقع وزير الداخلية العراقي عبد الأمير الشمري ونظيره الكويتي في "
    "بغداد يوم الثلاثاء مذكرة تفاهم للتعاون الأمني في مجال مكافحة تهريب المخدرات.",
)
LATER = Report(
    "en",
    "2026-03-10",
    "Turkey and Greece coast guards meet on migrant smuggling\n"
    "ATHENS, 10 March 2026 - The heads of the Turkish and Greek coast guards met in Athens "
    "on Tuesday to discuss migrant smuggling in the Aegean Sea.",
)
PAIRS = {
    "en": (PLEDGE_EN, SIGNING_EN),
    "fa": (PLEDGE_FA, SIGNING_FA),
    "ar": (PLEDGE_AR, SIGNING_AR),
}
SIDES = {"en": {"IRN", "OMN"}, "fa": {"IRN", "IRQ"}, "ar": {"IRQ", "KWT"}}


def write_jsonl(path: Path, *reports: Report) -> Path:
    path.write_text(
        "".join(json.dumps(r.record(), ensure_ascii=False) + "\n" for r in reports),
        encoding="utf-8",
    )
    return path
