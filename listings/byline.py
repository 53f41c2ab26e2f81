"""The byline under an article's title: date, author, issue and series, and the source it came from.

Built from the page's front matter in the page's language, so every imported
article says where its text came from (the scraped source's own notice is
removed by the importer). Front-matter strings reach hooks HTML-escaped
(hooks/sanitise.py); they are unescaped here and escaped once on output.
"""
from __future__ import annotations

import datetime as dt
import html
from urllib.parse import urlsplit

from importer.han import HAN

from .index import page_tags
from .labels import labels, long_date



def _text(value) -> str:
    return html.unescape(str(value)).strip() if value not in (None, "") else ""


def as_date(value) -> dt.date | None:
    """A front-matter date (YAML date, datetime or YYYY-MM-DD text), or None."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(_text(value)[:10])
    except ValueError:
        return None


def series_name(series: str, lang: str) -> str:
    """The series as the page's language writes it: English pages use the tag table's
    English name (or none), Traditional pages the Traditional form."""
    if not series:
        return ""
    if lang == "en":
        return next(iter(page_tags("en", [series])), "")
    if lang == "zh-Hant" and HAN.search(series):
        from importer.script import DEFAULT_TO_HANT, convert  # OpenCC, loaded only for such a page

        return convert(series, DEFAULT_TO_HANT)
    return series


def byline_html(meta: dict, lang: str, title: str) -> str:
    """The byline as HTML ('' when the front matter has nothing to say)."""
    words = labels(lang)
    e = html.escape
    items = []
    date = as_date(meta.get("date"))
    if date:
        items.append(f'<time datetime="{date.isoformat()}">{e(long_date(lang, date))}</time>')
    author = _text(meta.get("author"))
    if author:
        items.append(f'<span class="bp-byline__author">{e(words["author"].format(author=author))}</span>')
    issue = meta.get("issue")
    if isinstance(issue, int) and not isinstance(issue, bool):
        series = series_name(_text(meta.get("series")), lang)
        text = words["series_issue"].format(series=series, n=issue) if series else words["issue"].format(n=issue)
        items.append(f'<span class="bp-byline__issue">{e(text)}</span>')
    source = _text(meta.get("source") or meta.get("link"))
    if urlsplit(source).scheme in ("http", "https") and urlsplit(source).netloc:
        original = _text(meta.get("original_title"))
        shown = original if original and original != _text(title) else urlsplit(source).netloc
        items.append(f'<span class="bp-byline__source">{e(words["source"])}'
                     f'<a href="{e(source)}" rel="noopener">{e(shown)}</a></span>')
    if not items:
        return ""
    return '<p class="bp-byline">' + "".join(items) + "</p>"
