"""One RSS 2.0 feed per language.

Written with feedgenerator (Django's feed writer as a standalone package, the
one Pelican uses): it escapes for XML, formats RFC 822 dates and writes the
channel's <language>, so none of that is hand-made here. feedgen would do as
well but pulls in lxml and has had no release since 2023.

Feed readers render an item's <title> and <description> as HTML, so an
article's text goes in HTML-escaped: a scraped `<img src="https://…">` arrives
as the text the page shows, not as an image loaded from a third party. And
every string leaves out the characters XML cannot hold (controls, U+FFFE/U+FFFF
and the other non-characters): one of them in a title makes the whole feed
unreadable.
"""
from __future__ import annotations

import datetime as dt
import html
import re
from pathlib import Path

from feedgenerator import Rss201rev2Feed

from .index import Entry

FEED_ITEMS = 30  # newest articles per feed
FEED_FILE = "feed.xml"

# Not XML 1.0 characters (C0 controls but tab and newlines, surrogates, U+FFFE/U+FFFF),
# and the non-characters XML allows but discourages (U+FDD0–U+FDEF, U+nFFFE/U+nFFFF).
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufdd0-\ufdef"
                      + "".join(chr(p + 0xFFFE) + chr(p + 0xFFFF) for p in range(0, 0x110000, 0x10000)) + "]")


def xml_text(text: str) -> str:
    """`text` without the characters XML cannot hold."""
    return _NOT_XML.sub("", text)


def html_text(text: str) -> str:
    """`text` as HTML that a feed reader shows as exactly that text."""
    return html.escape(xml_text(text), quote=False)


def write_feed(path: Path, entries: list[Entry], *, lang: str, site_url: str, lang_root: str,
               title: str, description: str, urls: dict[str, str]) -> None:
    """`urls` maps an entry's src_uri to its page URL relative to the site root."""
    home = site_url + lang_root
    feed = Rss201rev2Feed(title=html_text(title), link=home, description=html_text(description or title),
                          language=lang, feed_url=home + FEED_FILE)
    for entry in entries[:FEED_ITEMS]:
        link = site_url + urls[entry.src_uri]
        feed.add_item(
            title=html_text(entry.title), link=link, unique_id=link, unique_id_is_permalink=True,
            description=html_text(entry.excerpt),
            # A date has no time of day; noon UTC keeps it on the same day in most time zones.
            pubdate=dt.datetime.combine(entry.date, dt.time(12), tzinfo=dt.timezone.utc),
            author_name=xml_text(entry.author or title),  # no byline: the publication itself
            categories=[xml_text(tag) for tag in entry.tags],
        )
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8") as out:
        feed.write(out, "utf-8")
