"""A reader finds the new weekly issue: home -> issue -> its translation, in headless Chromium.

Runs on the site of tests/weekly_site.py (the sample site plus a newly imported issue).
Screenshots of the generated pages go to $SHOTS_DIR (default /tmp/shots/).
"""
from __future__ import annotations

import pytest

from browsing import shot
from conftest import LANGUAGES, SiteServer, chromium_context, site_prefix
from weekly_site import article_dir

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def weekly_server(published):
    with SiteServer(published[0], site_prefix()) as server:
        yield server


@pytest.fixture(scope="module")
def page(chromium_executable, tmp_path_factory):
    with chromium_context(chromium_executable, tmp_path_factory.mktemp("chromium-profile")) as context:
        yield context.new_page()


def test_home_to_new_issue_to_its_translation(page, weekly_server, published):
    _, issue, meta, _ = published
    page.goto(weekly_server.url())
    shot(page, "listing-home-zh-Hans")
    page.locator("article h3 a").first.click()
    page.wait_for_load_state()
    assert page.url == weekly_server.url(article_dir("zh-Hans", issue["slug"]))
    assert page.locator("article h1").first.inner_text().rstrip("¶") == meta["zh-Hans"]["title"]
    shot(page, "listing-article-zh-Hans")
    page.locator('nav.bp-translations a[hreflang="en"]').click()
    page.wait_for_load_state()
    assert page.url == weekly_server.url(article_dir("en", issue["slug"]))
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.locator("article h1").first.inner_text().rstrip("¶") == meta["en"]["title"]


def test_older_article_link_and_generated_pages(page, weekly_server, published):
    _, issue, _, _ = published
    page.goto(weekly_server.url(article_dir("en", issue["slug"])))
    shot(page, "listing-article-en")
    page.locator("a.md-footer__link--prev").click()
    page.wait_for_load_state()
    assert page.url == weekly_server.url(article_dir("en", "closing-debate"))
    page.locator(".bp-tags a.bp-tag").first.click()
    page.wait_for_load_state()
    assert page.url.startswith(weekly_server.url("en/tags/"))
    assert page.locator("article li a").count() >= 1
    shot(page, "listing-tag-en")
    for lang in LANGUAGES:
        page.goto(weekly_server.url(LANGUAGES[lang] + "archive/"))
        assert page.locator("html").get_attribute("lang") == lang
        shot(page, f"listing-archive-{lang}")
    page.goto(weekly_server.url("zh-Hant/"))
    shot(page, "listing-home-zh-Hant")
    page.goto(weekly_server.url("tags/"))
    shot(page, "listing-tags-zh-Hans")
