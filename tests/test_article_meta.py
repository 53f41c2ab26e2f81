"""The parts of an article page that are computed (listings/byline.py, summary.py, sitemap.py,
labels.py) on their own, and in the session's strict build of the site's sample docs/."""
from __future__ import annotations

import datetime as dt
import html
from xml.etree import ElementTree as ET

import pytest
from bs4 import BeautifulSoup

from conftest import LANGUAGES, site_url
from listings.byline import byline_html
from listings.labels import LABELS
from listings.summary import opening, shorten

SITEMAP_NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}


def _escaped(meta: dict) -> dict:
    """Front matter as hooks see it: strings HTML-escaped by hooks/sanitise.py."""
    return {k: html.escape(v) if isinstance(v, str) else v for k, v in meta.items()}


ISSUE = {"date": dt.date(2026, 7, 3), "author": "周报编辑部", "issue": 118, "series": "科技周报",
         "source": "https://weekly.example.org/issues/118?a=1&b=2",
         "original_title": "科技周报 - 第118期:开源模型的夏天"}


@pytest.mark.parametrize("lang, parts", [
    ("zh-Hans", ["2026 年 7 月 3 日", "作者：周报编辑部", "科技周报 第 118 期", "来源："]),
    ("zh-Hant", ["2026 年 7 月 3 日", "作者：周报编辑部", "科技週報 第 118 期", "來源："]),
    ("en", ["July 3, 2026", "By 周报编辑部", "Tech Weekly, issue 118", "Source:"]),
])
def test_byline_in_the_pages_language(lang, parts):
    soup = BeautifulSoup(byline_html(_escaped(ISSUE), lang, "另一个标题"), "html.parser")
    text = soup.get_text(" ")
    for part in parts:
        assert part in text, (part, text)
    assert soup.time["datetime"] == "2026-07-03"
    link = soup.select_one("a")
    assert link["href"] == ISSUE["source"]  # unescaped once, escaped once: the URL as written
    assert link.get_text() == ISSUE["original_title"]


def test_byline_shows_the_source_host_when_the_titles_agree():
    meta = dict(ISSUE, original_title="同一个标题")
    soup = BeautifulSoup(byline_html(_escaped(meta), "zh-Hans", "同一个标题"), "html.parser")
    assert soup.select_one("a").get_text() == "weekly.example.org"


def test_byline_refuses_other_link_schemes_and_keeps_markup_as_text():
    meta = {"date": "2026-07-03", "source": "javascript:alert(1)", "author": "<img src=x onerror=alert(1)>"}
    out = byline_html(_escaped(meta), "en", "T")
    soup = BeautifulSoup(out, "html.parser")
    assert soup.select("a") == [] and soup.select("img") == []
    assert "By <img src=x onerror=alert(1)>" in soup.get_text()


def test_no_byline_without_anything_to_say():
    assert byline_html({}, "en", "T") == ""


@pytest.mark.parametrize("text, expected", [
    # whole sentences that fit
    ("第一句话。" * 30, "第一句话。" * 24),
    ("Short one. " + "A second sentence that is long enough to pass the limit of Latin text. " * 3,
     "Short one. A second sentence that is long enough to pass the limit of Latin text. "
     "A second sentence that is long enough to pass the limit of Latin text."),
    # one long sentence: cut at a clause boundary, with an ellipsis
    ("这是一个没有句号的很长的句子，" * 12, ("这是一个没有句号的很长的句子，" * 8)[:-1] + "…"),
    # never in the middle of a word
    ("word " * 60, ("word " * 32).strip() + "…"),
    # short text as it is, on one line
    ("  两行\n文字。 ", "两行 文字。"),
])
def test_shorten_ends_at_a_sentence_or_a_boundary(text, expected):
    assert shorten(text) == expected


def test_opening_reads_paragraphs_and_items_not_headings_listings_or_tags():
    page = ('<h1>标题<a class="headerlink">¶</a></h1><h2>小节</h2><p class="bp-listing__meta">2026-01-01</p>'
            '<p>第一段。</p><ul><li>一项。</li></ul><pre>code()</pre><p class="bp-tags">标签：甲</p>'
            '<p><img src="https://img.example.org/a.png" alt=""></p>')
    assert opening(page) == ("第一段。一项。", "https://img.example.org/a.png")


# --- in the built sample site ----------------------------------------------------------

def _sitemap(built_site, prefix: str) -> dict[str, dict]:
    root = ET.parse(built_site / prefix / "sitemap.xml").getroot()
    return {url.find("s:loc", SITEMAP_NS).text: {
        "lastmod": getattr(url.find("s:lastmod", SITEMAP_NS), "text", None),
        "alternates": {a.get("hreflang"): a.get("href") for a in url.findall("x:link", SITEMAP_NS)},
    } for url in root.findall("s:url", SITEMAP_NS)}


def test_each_language_root_has_a_sitemap_with_alternates(built_site):
    everything = _sitemap(built_site, "")
    for lang, prefix in LANGUAGES.items():
        own = _sitemap(built_site, prefix) if prefix else {u: e for u, e in everything.items()
                                                            if not u.startswith((site_url() + "zh-Hant/", site_url() + "en/"))}
        assert site_url() + prefix in own and all(url.startswith(site_url() + prefix) for url in own)
        assert set(own) <= set(everything)
        for url, entry in own.items():
            html_file = built_site / url[len(site_url()):] / "index.html"
            assert html_file.is_file(), url
            alternates = entry["alternates"]
            if alternates:  # the page and its translations, each built, and x-default
                assert alternates[lang] == url and "x-default" in alternates
                assert all((built_site / href[len(site_url()):] / "index.html").is_file() for href in alternates.values())
    tech_week = everything[site_url() + "articles/tech-week-opening/"]
    assert tech_week["lastmod"] == "2025-05-12" and set(tech_week["alternates"]) == {*LANGUAGES, "x-default"}
    repair = everything[site_url() + "en/articles/repair-cafe/"]
    assert repair["alternates"] == {}  # in English only


@pytest.mark.parametrize("lang", LANGUAGES)
def test_theme_interface_words_follow_the_language(built_site, lang):
    soup = BeautifulSoup((built_site / LANGUAGES[lang] / "articles/tech-week-opening/index.html")
                         .read_text("utf-8"), "html.parser")
    words = LABELS[lang]
    assert {a["title"] for a in soup.select("a.headerlink")} == {words["permalink"]}
    assert "Made with" not in soup.select_one(".md-copyright").get_text() or lang == "en"
    toggles = [label["title"] for label in soup.select("form[data-md-component=palette] label")]
    assert toggles == {"zh-Hans": ["切换到深色模式", "切换到浅色模式"], "zh-Hant": ["切換到深色模式", "切換到淺色模式"],
                       "en": ["Switch to dark mode", "Switch to light mode"]}[lang]
    assert soup.select_one("nav.bp-translations")["aria-label"] == words["other_languages"]
