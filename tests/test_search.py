"""Site search (issue 6): script folding, the Pagefind bundles of the build, and
what a reader sees in headless Chromium (fixtures in conftest.py, helpers in browsing.py).
"""

from __future__ import annotations

import importlib.util
import json
import re
from types import SimpleNamespace
from urllib.parse import urlsplit

import pytest
import yaml

from browsing import ENGLISH_ONLY, TRILINGUAL, search, shot, switch_language, url
from conftest import DOCS, LANGUAGES, ROOT
from helpers import pages_of
from importer.script import convert
from sitesearch.bundle import record
from sitesearch.fold import HAN, _fold_chars, _fold_phrases, fold, table
from sitesearch.terms import han_terms, index_text

FRONT_MATTER = re.compile(r"\A---\n.*?\n---\n", re.S)


def front_matter_title(slug: str, lang: str) -> str:
    text = (DOCS / "articles" / f"{slug}.{lang}.md").read_text("utf-8")
    return yaml.safe_load(FRONT_MATTER.match(text).group(0).strip("-\n"))["title"]


def sample_text(lang: str) -> list[str]:
    """Paragraphs of the sample articles of one language (front matter dropped)."""
    out = []
    for path in sorted((DOCS / "articles").glob(f"*.{lang}.md")):
        body = FRONT_MATTER.sub("", path.read_text("utf-8"))
        out += [line for line in body.splitlines() if HAN.search(line)]
    return out


# --- folding and terms (no browser) --------------------------------------------------

@pytest.mark.parametrize("traditional, simplified", [
    ("微軟", "微软"),          # characters
    ("記憶體", "内存"),        # Taiwan phrases, from OpenCC's phrase tables
    ("軟體", "软件"),
    ("數位", "数字"),
    ("臺積電", "台积电"),      # character variants
    ("裡面", "里面"),
])
def test_both_scripts_fold_alike(traditional, simplified):
    assert fold(traditional) == fold(simplified) == simplified


@pytest.mark.parametrize("text", ["资料", "为什么", "文件", "小屏幕"])
def test_common_simplified_words_stay(text):
    assert fold(text) == text


def test_fold_is_idempotent_and_keeps_non_chinese():
    t = table()
    for line in sample_text("zh-Hans") + sample_text("zh-Hant"):
        assert fold(fold(line)) == fold(line)
        assert fold(line) == _fold_phrases(_fold_chars(line, t["chars"]), t["phrases"])  # fast == reference
    assert fold("Hello, world 2025 — café") == "Hello, world 2025 — café"


def test_fold_agrees_with_opencc_on_traditional_text():
    """Folding a Taiwan text matches OpenCC's tw2sp for almost every character;
    the rest are phrases deliberately kept (资料 is also a Simplified word)."""
    same = total = 0
    for line in sample_text("zh-Hant"):
        ours, opencc = fold(line), fold(convert(line, "tw2sp"))
        assert len(HAN.findall(ours)) > 0
        total += len(ours)
        same += sum(a == b for a, b in zip(ours, opencc)) if len(ours) == len(opencc) else 0
    assert total > 300 and same / total > 0.95, (same, total)


def test_table_is_compact():
    t = table()
    assert 3000 < len(t["chars"]) < 8000 and 300 < len(t["phrases"]) < 5000
    assert all(len(k) == 1 and len(v) == 1 for k, v in t["chars"].items())


def test_chinese_terms_find_words_inside_words():
    indexed = index_text(fold("一家台積電供應商")).split()
    assert set(han_terms(fold("积电"))[:-1]) <= set(indexed)   # the pairs of the query
    assert any(t.startswith(han_terms("积")[0]) for t in indexed)  # one character: by prefix
    assert index_text("AI 芯片 chips").split()[0] == "AI"
    assert all(re.fullmatch(r"[a-z]+", t) for t in han_terms("台积电"))  # nothing for Pagefind to segment


# --- the bundles in the build ----------------------------------------------------------

@pytest.mark.parametrize("lang", LANGUAGES)
def test_one_bundle_per_language(built_site, lang):
    bundle = built_site / "pagefind" / lang
    entry = json.loads((bundle / "pagefind-entry.json").read_text("utf-8"))
    assert list(entry["languages"]) == [lang.lower()]
    assert entry["languages"][lang.lower()]["page_count"] == pages_of(built_site, lang)
    assert (bundle / "pagefind.js").is_file()
    assert (bundle / "bp-fold.json.gz").is_file() == lang.startswith("zh")
    assert not list(bundle.glob("pagefind-ui.*"))
    assert not (built_site / "search" / "search_index.json").exists()  # Material's index is gone


def test_index_failure_is_one_clear_line(tmp_path):
    from sitesearch.bundle import Page, write_bundles

    site = tmp_path / "site"
    site.write_text("not a directory")
    with pytest.raises(RuntimeError) as error:
        write_bundles({"en": [Page("a/", "Title", "", "Some text")]}, site)
    message = str(error.value)
    assert message.startswith("pagefind exited with") and "Not a directory" in message
    assert "\n" not in message and "panicked" not in message


# --- in the browser ----------------------------------------------------------------------

def result_paths(results) -> list[str]:
    return [urlsplit(results.nth(i).get_attribute("href")).path for i in range(results.count())]


def article(site_server, lang, slug):
    return urlsplit(url(site_server, lang, f"articles/{slug}/")).path


def other_languages(site_server, lang):
    return [urlsplit(url(site_server, other)).path for other in LANGUAGES if other != lang and LANGUAGES[other]]


@pytest.mark.browser
@pytest.mark.parametrize("lang, query, marked", [
    ("zh-Hans", "微软", "微软"),       # Simplified
    ("zh-Hant", "微軟", "微軟"),       # Traditional
    ("zh-Hant", "微软", "微軟"),       # cross-script: the page's own script is shown
    ("zh-Hans", "微軟", "微软"),
    ("zh-Hant", "内存", "記憶體"),     # phrase variants
    ("zh-Hans", "記憶體", "内存"),
    ("zh-Hans", "积电", "积电"),       # inside a longer word (台积电)
    ("zh-Hant", "積電", "積電"),
])
def test_chinese_queries_find_the_article_in_the_readers_language(page, site_server, lang, query, marked):
    page.goto(url(site_server, lang))
    results = search(page, query)
    assert result_paths(results) == [article(site_server, lang, TRILINGUAL)]
    first = results.first
    assert first.locator("mark").first.inner_text() == marked
    assert first.locator("time").inner_text() == "2025-05-12"
    assert first.locator("h1").inner_text() == front_matter_title(TRILINGUAL, lang)
    if query == "微软" and lang == "zh-Hant":
        shot(page, "search-zh-Hant-cross-script")


@pytest.mark.browser
@pytest.mark.parametrize("query", ["soldering", "solder", "repairs"])
def test_english_query_matches_whole_words_and_stems(page, site_server, query):
    page.goto(url(site_server, "en"))
    results = search(page, query)
    paths = result_paths(results)
    assert paths[0] == article(site_server, "en", ENGLISH_ONLY)
    assert all(p.startswith(urlsplit(url(site_server, "en")).path) for p in paths)
    assert results.first.locator("mark").count() >= 1
    if query == "soldering":
        shot(page, "search-en")


@pytest.mark.browser
def test_no_match_says_so(page, site_server):
    page.goto(url(site_server, "zh-Hans"))
    box = page.locator("input.md-search__input")
    box.click()
    box.fill("量子纠缠")
    meta = page.locator(".md-search-result__meta")
    meta.filter(has_text="没有找到").wait_for()
    assert page.locator("a.md-search-result__link").count() == 0


@pytest.mark.browser
@pytest.mark.parametrize("lang", ["zh-Hans", "en"])
def test_results_stay_in_the_readers_language(page, site_server, lang):
    """The English article exists in English only: on the Chinese site no result leads there."""
    page.goto(url(site_server, lang))
    results = search(page, "Microsoft" if lang == "en" else "微软")
    for path in result_paths(results):
        assert not any(path.startswith(other) for other in other_languages(site_server, lang)), path
        assert path.startswith(urlsplit(url(site_server, lang)).path)


@pytest.mark.browser
def test_keyboard_shortcut_opens_and_escape_closes(page, site_server):
    page.goto(url(site_server, "zh-Hant", f"articles/{TRILINGUAL}/"))
    box = page.locator("input.md-search__input")
    assert not page.locator("#__search").is_checked()
    page.keyboard.press("/")
    assert page.locator("#__search").is_checked()
    assert box.evaluate("e => e === document.activeElement")
    page.keyboard.type("微软")
    page.locator("a.md-search-result__link").first.wait_for()
    page.keyboard.press("ArrowDown")
    assert page.evaluate("document.activeElement.classList.contains('md-search-result__link')")
    page.keyboard.press("Escape")
    assert not page.locator("#__search").is_checked()
    page.keyboard.press("s")  # the other shortcut
    assert page.locator("#__search").is_checked()


@pytest.mark.browser
def test_search_works_after_switching_language(page, site_server):
    page.goto(url(site_server, "zh-Hans", f"articles/{TRILINGUAL}/"))
    assert result_paths(search(page, "内存")) == [article(site_server, "zh-Hans", TRILINGUAL)]
    page.keyboard.press("Escape")
    switch_language(page, "zh-Hant")
    assert page.locator("html").get_attribute("lang") == "zh-Hant"
    assert result_paths(search(page, "内存")) == [article(site_server, "zh-Hant", TRILINGUAL)]
    page.keyboard.press("Escape")
    switch_language(page, "en")
    assert result_paths(search(page, "memory")) == [article(site_server, "en", TRILINGUAL)]


def luminance(css_color: str) -> float:
    r, g, b = (int(x) for x in re.findall(r"\d+", css_color)[:3])
    return (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255


@pytest.mark.browser
def test_search_in_dark_mode(page, site_server):
    page.goto(url(site_server, "zh-Hant"))
    light = page.evaluate("getComputedStyle(document.body).backgroundColor")
    page.locator('label.md-header__button[for^="__palette"]:visible').first.click()
    assert page.locator("body").get_attribute("data-md-color-scheme") == "slate"
    results = search(page, "微软")
    assert result_paths(results) == [article(site_server, "zh-Hant", TRILINGUAL)]
    panel = page.evaluate("getComputedStyle(document.querySelector('.md-search__scrollwrap')).backgroundColor")
    title = results.first.locator("h1").evaluate("e => getComputedStyle(e).color")
    assert luminance(light) > 0.8 and luminance(panel) < 0.3 and luminance(title) > 0.6, (light, panel, title)
    shot(page, "search-zh-Hant-dark")
    page.keyboard.press("Escape")
    page.locator('label.md-header__button[for^="__palette"]:visible').first.click()  # leave light mode for others
    assert page.locator("body").get_attribute("data-md-color-scheme") == "default"


@pytest.mark.browser
def test_browser_folding_matches_the_index(page, site_server):
    """The query folding in search.js and sitesearch.fold give the same text and terms."""
    page.goto(url(site_server, "zh-Hant"))
    lines = sample_text("zh-Hant")[:12] + sample_text("zh-Hans")[:4] + ["柔软体操 數位相機 AI 晶片"]
    got = page.evaluate(
        """async (lines) => {
            const body = (await fetch('../pagefind/zh-Hant/bp-fold.json.gz')).body;
            const table = await new Response(body.pipeThrough(new DecompressionStream('gzip'))).json();
            return lines.map((l) => [window.bpSearch.foldMapped(l, table).text, window.bpSearch.queryTerms(l, table).terms]);
        }""", lines)
    assert got == [[fold(line), " ".join(index_text(fold(line)).split())] for line in lines]


@pytest.mark.browser
def test_search_requests_stay_on_localhost_and_in_the_language_bundle(browser, site_server):
    browser.requests.clear()
    page = browser.new_page()
    try:
        for lang, query in (("zh-Hans", "微軟"), ("zh-Hant", "积电"), ("en", "memory")):
            page.goto(url(site_server, lang), wait_until="networkidle")
            before = len(browser.requests)
            search(page, query)
            page.wait_for_load_state("networkidle")
            bundles = {m.group(1) for r in browser.requests[before:] if (m := re.search(r"/pagefind/([^/]+)/", r))}
            assert bundles == {lang}, bundles
    finally:
        page.close()
    foreign = [r for r in browser.requests
               if not r.startswith(("data:", "blob:", "about:")) and urlsplit(r).hostname != "127.0.0.1"]
    assert not foreign, foreign


def test_titles_reach_the_index_as_text():
    """Front matter arrives HTML-escaped (hooks/sanitise.py); the index must not escape it twice."""
    spec = importlib.util.spec_from_file_location("search_index_hook", ROOT / "hooks" / "search_index.py")
    hook = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(hook)
    article = SimpleNamespace(meta={"title": "AT&amp;T &lt;b&gt; 微軟"}, url="en/articles/x/", title=None,
                              file=SimpleNamespace(generated_by=None))
    config = SimpleNamespace(plugins={}, theme={"language": "en"})
    hook.on_page_content("<h1>t</h1><p>body</p>", article, config, None)
    indexed = hook._pages["en"]["en/articles/x/"]
    assert indexed.title == "AT&T <b> 微軟"
    assert "AT&amp;T &lt;b&gt;" in record(indexed, "en")  # escaped once, in the record
