"""Helpers of the browser tests: screenshots, the site's URLs, the search box, the language switcher.

The fixtures they run in (`browser`, `page`) are in conftest.py.
"""
from __future__ import annotations

import os
from pathlib import Path

from conftest import LANGUAGES

SHOTS = Path(os.environ.get("SHOTS_DIR", "/tmp/shots"))

# Sample articles (docs/articles/) the scenarios rely on.
TRILINGUAL = "tech-week-opening"
ENGLISH_ONLY = "repair-cafe"


def settled(page) -> None:
    """Wait until every CSS transition and animation on the page has ended (no fixed wait)."""
    page.wait_for_function("() => document.getAnimations().every(a => a.playState === 'finished')")


def shot(page, name: str) -> None:
    settled(page)
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def url(site_server, lang: str, path: str = "") -> str:
    return site_server.url(LANGUAGES[lang] + path)


def search(page, query: str):
    """Type a query into the search box (see tests/test_search.py) and return the result links."""
    box = page.locator("input.md-search__input")
    if not box.is_visible():  # narrow screens show only a search button
        page.locator('label.md-header__button[for="__search"]').click()
    box.click()
    box.fill(query)
    box.press("End")  # a key event too, as a reader's typing or an IME commit sends
    results = page.locator("a.md-search-result__link")
    results.first.wait_for(state="attached")
    return results


def switch_language(page, lang: str):
    page.locator(".md-header__option .md-select").hover()
    page.locator(f'a.md-select__link[hreflang="{lang}"]').click()
    page.wait_for_load_state()
