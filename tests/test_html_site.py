"""Imported web pages and hostile content in a real build, read by headless Chromium.

One copy of the project (mkdocs.yml, overrides, hooks, docs) gets the HTML
fixtures imported plus a hand-written page full of raw-HTML attacks, is built
strictly once for this module and served on 127.0.0.1. No dialog may open and
no request may leave 127.0.0.1 on the hostile pages.
"""
from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from browsing import shot
from conftest import SiteServer, chromium_context, copy_site, run_mkdocs_build, site_prefix
from helpers import FIXTURES, import_json, pages_of
from hostile import HOSTILE_MARKDOWN

pytestmark = pytest.mark.browser

HOSTILE_PAGE = """\
---
title: "<img src=x onerror=alert('title')>攻击样本"
description: "</title><script>alert('description')</script>"
date: 2026-03-01
lang: zh-Hans
translations: [zh-Hans]
---

""" + HOSTILE_MARKDOWN.replace("# 标题", "# <img src=x onerror=alert('h1')>攻击样本")


@pytest.fixture(scope="module")
def html_site(tmp_path_factory):
    """(site dir, {name: article url path}) of the project with the HTML fixtures imported."""
    work = tmp_path_factory.mktemp("html-site")
    copy_site(work)
    report = import_json(FIXTURES / "html", docs=work / "docs")
    assert report["errors"] == [], report
    slugs = {Path(a["source"]).stem: a["slug"] for a in report["articles"]}
    (work / "docs" / "articles" / "raw-hostile.zh-Hans.md").write_text(HOSTILE_PAGE, encoding="utf-8")
    slugs["raw-hostile"] = "raw-hostile"
    proc = run_mkdocs_build(work / "site", config_file=work / "mkdocs.yml")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return work / "site", slugs


@pytest.fixture(scope="module")
def chromium(chromium_executable, tmp_path_factory):
    with chromium_context(chromium_executable, tmp_path_factory.mktemp("chromium-html")) as context:
        yield context


def _visit(chromium, url: str, name: str):
    """Load a page, move over and click its content; return (dialogs, requests, page)."""
    dialogs, requests = [], []
    page = chromium.new_page()
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.on("request", lambda r: requests.append(r.url))
    # Nothing may leave: abort anything that tries (and record it above).
    page.route(lambda u: urlsplit(u).hostname not in ("127.0.0.1", None), lambda route: route.abort())
    page.goto(url, wait_until="networkidle")
    for el in page.locator("article.md-content__inner *").all()[:200]:
        if el.is_visible():
            el.hover(timeout=2000)
    shot(page, name)
    return dialogs, requests, page


def _foreign(requests):
    return [r for r in requests
            if not r.startswith(("data:", "blob:", "about:")) and urlsplit(r).hostname != "127.0.0.1"]


@pytest.mark.parametrize("name", ["hostile-page", "raw-hostile"])
def test_hostile_pages_run_nothing(html_site, chromium, name):
    site, slugs = html_site
    with SiteServer(site, site_prefix()) as server:
        dialogs, requests, page = _visit(chromium, server.url(f"articles/{slugs[name]}/"), f"html-{name}")
        try:
            content = page.locator("article.md-content__inner")
            assert content.locator("script, iframe, object, embed, form, style, svg, meta").count() == 0
            bad = content.evaluate("""el => [...el.querySelectorAll('*')].flatMap(n =>
                [...n.attributes].filter(a => a.name.startsWith('on') ||
                  /^\\s*(javascript|data|vbscript):/i.test(a.value)).map(a => n.tagName + ' ' + a.name))""")
            assert bad == []
            assert "攻击样本" in page.title() or "科学开放日" in page.title()
        finally:
            page.close()
    assert dialogs == []
    assert _foreign(requests) == []


def test_imported_news_page_reads_well(html_site, chromium):
    site, slugs = html_site
    with SiteServer(site, site_prefix()) as server:
        dialogs, requests, page = _visit(chromium, server.url(f"zh-Hant/articles/{slugs['news-page']}/"),
                                         "html-news-page-zh-Hant")
        try:
            content = page.locator("article.md-content__inner")
            assert content.locator("h1").first.inner_text().startswith("湖濱市立圖書館夜間開放試辦三個月")
            assert content.locator("table tr").count() == 4
            assert content.locator("blockquote").count() == 1
            assert "熱門新聞" not in content.inner_text()
        finally:
            page.close()
    assert dialogs == []
    # The article's own image is hot-linked to its source site (aborted here): the
    # only outside request the page makes.
    assert set(_foreign(requests)) <= {"https://news.example.org/images/2026/03/library-night.jpg"}
    # Indexed for search with the rest of its language (tests/test_search.py runs the queries).
    entry = json.loads((site / "pagefind" / "zh-Hant" / "pagefind-entry.json").read_text("utf-8"))
    assert entry["languages"]["zh-hant"]["page_count"] == pages_of(site, "zh-Hant")
