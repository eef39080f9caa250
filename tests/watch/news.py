"""Short reports written for the watch tests, each of one event, and a feed of them."""

from __future__ import annotations

from xml.sax.saxutils import escape

REPORTS = {
    "iran-russia": (
        "TEHRAN - Iran's interior minister Eskandar Momeni met Russia's interior minister "
        "Vladimir Kolokoltsev in Tehran on 3 March 2025 to discuss cooperation against drug "
        "trafficking."
    ),
    "turkey-iraq": (
        "ANKARA - Turkey and Iraq signed a memorandum on border security in Ankara on "
        "10 March 2025, the interior ministers of the two countries said."
    ),
    "oman-iran": (
        "MUSCAT - The interior ministers of Oman and Iran met in Muscat on 17 March 2025 to "
        "discuss drug trafficking in the Sea of Oman."
    ),
    "iran-russia-fr": (
        "TÉHÉRAN - Le ministre iranien de l'Intérieur Eskandar Momeni a rencontré le ministre "
        "russe de l'Intérieur Vladimir Kolokoltsev à Téhéran le 3 mars 2025 pour discuter de "
        "la coopération contre le trafic de drogue."
    ),
    "iran-russia-pledge": (
        "TEHRAN - Iran's interior minister Eskandar Momeni met Russia's interior minister "
        "Vladimir Kolokoltsev in Tehran on 3 March 2025. Iran and Russia will sign a "
        "memorandum of understanding on combating drug trafficking, Momeni said."
    ),
    "iran-russia-signed": (
        "MOSCOW - Iran and Russia signed a memorandum of understanding on combating drug "
        "trafficking in Moscow on 10 April 2025."
    ),
    "china-pakistan": (
        "ISLAMABAD - Pakistan and China signed an agreement on counter-terrorism cooperation "
        "in Islamabad on 24 March 2025."
    ),
}

# four reports of four events
FOUR = ("iran-russia", "turkey-iraq", "oman-iran", "china-pakistan")


def rss(base: str, *names: str) -> str:
    """An RSS feed with an item for each named report, linking to /news/NAME.html."""
    items = "".join(
        f"<item><title>{name}</title><link>{base}/news/{name}.html</link>"
        f"<guid>{base}/news/{name}.html</guid>"
        f"<description>{escape(REPORTS[name])}</description></item>"
        for name in names
    )
    return (
        "<?xml version='1.0' encoding='utf-8'?><rss version='2.0'><channel>"
        f"<title>Test News</title>{items}</channel></rss>"
    )


def page(name: str) -> str:
    return (
        f"<html><head><title>{name}</title></head>"
        f"<body><article><p>{REPORTS[name]}</p></article></body></html>"
    )
