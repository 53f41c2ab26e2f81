"""What a reader sees: the built site served locally, driven by headless Chromium.

Skipped without a Chromium executable, except under CI=true where that fails
(see conftest.py). Screenshots go to $SHOTS_DIR (default /tmp/shots/).
"""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest

from browsing import ENGLISH_ONLY, TRILINGUAL, search, shot, switch_language, url
from conftest import LANGUAGES

pytestmark = pytest.mark.browser



@pytest.mark.parametrize("lang", LANGUAGES)
def test_home_page_loads(page, site_server, lang):
    response = page.goto(url(site_server, lang))
    assert response is not None and response.status == 200
    assert page.locator("html").get_attribute("lang") == lang
    assert page.locator("article h1").first.is_visible()
    shot(page, f"home-{lang}")


@pytest.mark.parametrize(
    "start, target",
    [("zh-Hans", "en"), ("en", "zh-Hant"), ("zh-Hant", "zh-Hans")],
)
def test_switcher_keeps_the_article(page, site_server, start, target):
    page.goto(url(site_server, start, f"articles/{TRILINGUAL}/"))
    title_before = page.locator("article h1").first.inner_text()
    switch_language(page, target)
    assert page.url == url(site_server, target, f"articles/{TRILINGUAL}/")
    assert page.locator("html").get_attribute("lang") == target
    assert page.locator("article h1").first.inner_text() != title_before
    shot(page, f"switch-{start}-to-{target}")


@pytest.mark.parametrize("target", ["zh-Hans", "zh-Hant"])
def test_switcher_falls_back_to_language_home(page, site_server, target):
    page.goto(url(site_server, "en", f"articles/{ENGLISH_ONLY}/"))
    switch_language(page, target)
    assert page.url == url(site_server, target)
    assert page.locator("html").get_attribute("lang") == target
    assert page.locator(".md-content").is_visible()


def test_translation_links_lead_to_the_article(page, site_server):
    page.goto(url(site_server, "zh-Hant", f"articles/{TRILINGUAL}/"))
    shot(page, "article-zh-Hant")
    page.locator('nav.bp-translations a[hreflang="en"]').click()
    page.wait_for_load_state()
    assert page.url == url(site_server, "en", f"articles/{TRILINGUAL}/")


def test_no_request_leaves_localhost(browser, site_server):
    """Load every kind of page and a search; nothing may go to another host."""
    browser.requests.clear()
    page = browser.new_page()
    try:
        for lang in LANGUAGES:
            page.goto(url(site_server, lang), wait_until="networkidle")
            page.goto(url(site_server, lang, f"articles/{TRILINGUAL}/"), wait_until="networkidle")
        response = page.goto(site_server.url("no-such/page/"), wait_until="networkidle")
        assert response.status == 404 and page.locator("html").get_attribute("lang") == "zh-Hans"
        shot(page, "not-found")
        search(page, "微软")  # the 404 page is zh-Hans: its search covers zh-Hans pages
        page.wait_for_load_state("networkidle")
    finally:
        page.close()
    assert len(browser.requests) > 10
    foreign = [
        r for r in browser.requests
        if not r.startswith(("data:", "blob:", "about:"))
        and urlsplit(r).hostname != "127.0.0.1"
    ]
    assert not foreign, foreign
