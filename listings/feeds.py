"""One RSS 2.0 feed per language.

Written with feedgenerator (Django's feed writer as a standalone package, the
one Pelican uses): it escapes text, formats RFC 822 dates and writes the
channel's <language>, so none of that is hand-made here. feedgen would do as
well but pulls in lxml and has had no release since 2023.
"""
from __future__ import annotations

import datetime as dt
from pathlib import Path

from feedgenerator import Rss201rev2Feed

from .index import Entry

FEED_ITEMS = 30  # newest articles per feed
FEED_FILE = "feed.xml"


def write_feed(path: Path, entries: list[Entry], *, lang: str, site_url: str, lang_root: str,
               title: str, description: str, urls: dict[str, str]) -> None:
    """`urls` maps an entry's src_uri to its page URL relative to the site root."""
    home = site_url + lang_root
    feed = Rss201rev2Feed(title=title, link=home, description=description or title,
                          language=lang, feed_url=home + FEED_FILE)
    for entry in entries[:FEED_ITEMS]:
        link = site_url + urls[entry.src_uri]
        feed.add_item(
            title=entry.title, link=link, unique_id=link, unique_id_is_permalink=True,
            description=entry.excerpt,
            # A date has no time of day; noon UTC keeps it on the same day in most time zones.
            pubdate=dt.datetime.combine(entry.date, dt.time(12), tzinfo=dt.timezone.utc),
            author_name=entry.author or title,  # no byline: the publication itself
            categories=list(entry.tags),
        )
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8") as out:
        feed.write(out, "utf-8")
