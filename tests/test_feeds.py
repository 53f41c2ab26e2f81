"""listings/feeds.py: a feed carries an article's text as text, in XML a parser accepts."""
from __future__ import annotations

import datetime as dt

import feedparser
from bs4 import BeautifulSoup
from lxml import etree

from listings.feeds import write_feed
from listings.index import Entry

PIXEL = '<img src="https://evil.example/pixel.gif">'


def hostile_entry() -> Entry:
    return Entry(
        lang="en", slug="pixel", src_uri="articles/pixel.en.md",
        title=f"Tracking {PIXEL} & \ufffeodd\uffff \ufdd0title",
        date=dt.date(2025, 5, 1), issue=None,
        author="<script>alert(1)</script> \ufffe",
        tags=(f"<b>{PIXEL}</b>", "AI\uffff"),
        excerpt=f"The text shows {PIXEL} as written &amp; <script>alert(2)</script>\U0001fffe.",
    )


def test_feed_items_are_text_in_valid_xml(tmp_path):
    path = tmp_path / "feed.xml"
    write_feed(path, [hostile_entry()], lang="en", site_url="https://example.org/", lang_root="en/",
               title="Weekly \ufffe", description="", urls={"articles/pixel.en.md": "en/articles/pixel/"})
    item = etree.fromstring(path.read_bytes()).find("channel/item")  # strict: no recovery
    for field in ("title", "description"):
        value = item.findtext(field)
        # Rendered as HTML (what RSS readers do with both): text only, no element.
        assert BeautifulSoup(value, "html.parser").find_all(True) == [], (field, value)
    assert BeautifulSoup(item.findtext("title"), "html.parser").get_text() == f"Tracking {PIXEL} & odd title"
    assert BeautifulSoup(item.findtext("description"), "html.parser").get_text() \
        == f"The text shows {PIXEL} as written &amp; <script>alert(2)</script>."

    feed = feedparser.parse(path.read_bytes())  # a real feed reader's parser and sanitiser
    assert not feed.bozo, feed.bozo_exception
    entry = feed.entries[0]
    for html in (entry.title, entry.summary):
        assert BeautifulSoup(html, "html.parser").find_all(True) == [], html
    assert PIXEL in BeautifulSoup(entry.summary, "html.parser").get_text()
    assert [t.term for t in entry.tags] == [f"<b>{PIXEL}</b>", "AI"]
    assert feed.feed.title == "Weekly"
