"""Short news texts written for these tests (nothing copied from news sites): the same
meeting told by two outlets, and reports in Persian, Arabic and English."""

from __future__ import annotations

OMAN_MEETING = (
    "Iran and Oman agree on joint patrols\n\n"
    "Iranian Interior Minister Kamran Farahani met Omani Interior Minister Khalid bin Saif "
    "Al Rawahi in Muscat on Monday, March 4, 2024, and the two sides agreed to exchange "
    "information on drug trafficking in the Sea of Oman.\n"
)
OMAN_MEETING_AGAIN = (
    "Muscat talks on drug smuggling\n\n"
    "MUSCAT, March 4, 2024 - The interior ministers of Iran and Oman, Kamran Farahani and "
    "Khalid bin Saif Al Rawahi, met in Muscat on Monday to discuss drug trafficking and "
    "maritime security.\n"
)
IRAQ_POLICE_FA = (
    "دیدار فرماندهان پلیس ایران و عراق\n\n"
    "سردار احمدرضا رادان فرمانده کل انتظامی در دیدار با وزیر کشور عراق در تهران بر گسترش "
    "همکاری دو کشور در مبارزه با قاچاق مواد مخدر تاکید کرد.\n"
)
JORDAN_UAE_AR = (
    "تعزيز التعاون الأمني بين الأردن والإمارات\n\n"
    "بحث وزير الداخلية الأردني مازن الفراية مع نظيره الإماراتي في أبوظبي يوم 5 شباط 2024 "
    "سبل تعزيز التعاون في مكافحة الإرهاب والجريمة المنظمة.\n"
)
TURKEY_AZERBAIJAN = (
    "Turkey and Azerbaijan to step up border security\n\n"
    "Turkish Interior Minister Ali Yerlikaya met Azerbaijani Interior Minister Vilayat "
    "Eyvazov in Baku on Tuesday, May 14, 2024, to discuss border security and migrant "
    "smuggling.\n"
)
UZBEK_TRAINING = (
    "Uzbekistan and Turkey sign police training pact\n\n"
    "Uzbek Interior Minister Pulat Bobojonov and Turkish Interior Minister Ali Yerlikaya "
    "signed a memorandum of understanding on police training in Ankara on Wednesday, "
    "May 8, 2024.\n"
)
WEATHER = "Sunny skies over the capital\n\nThe weather will stay warm and dry all week.\n"

# one line of a numbered series of reports: the same meeting again, a report a day
OMAN_REPORT = (
    "Iranian Interior Minister Kamran Farahani met Omani Interior Minister Khalid Al Rawahi "
    "in Muscat to discuss drug trafficking. Report {n}."
)
IRAQ_REPORT = (
    "Iraqi Interior Minister Abdul Amir al-Shammari met Iranian police chief Ahmadreza Radan "
    "in Baghdad to discuss border security. Report {n}."
)
