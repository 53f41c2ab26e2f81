"""Imported article pages as a reader and a crawler see them (issue 14): byline with a working
source link, a description and link-preview tags of their own, hreflang for the translations
that exist, the interface in the page's language, no empty heading, no failed request.

A weekly issue (three languages), a Traditional-Chinese post (two) and an English post (one)
are imported into a copy of the site with their source URLs and image on a local "source"
server, built with --strict and served as GitHub Pages would; headless Chromium opens each
page at desktop and phone width. Screenshots go to $SHOTS_DIR (default /tmp/shots/).
"""
from __future__ import annotations

import base64
import contextlib
import http.server
import re
import threading
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from browsing import SHOTS, shot
from conftest import LANGUAGES, SiteServer, chromium_context, copy_site, run_mkdocs_build, site_prefix, site_url
from helpers import FIXTURES, import_json, split_page
from listings.labels import LABELS
from listings.summary import CHINESE_LIMIT, LATIN_LIMIT

pytestmark = pytest.mark.browser

PNG = base64.b64decode("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==")
ENGLISH_POST = """A Community Garden Learns to Share Its Tools
Source: {source}/posts/garden
Author: Mara Lind
The tool shed behind the community garden used to stay locked for most of the week. Since spring, a paper sign-up sheet on its door lets any member borrow a spade, a wheelbarrow or the long-handled pruner for a day.
Keeping track
Nothing has gone missing so far. The volunteers who wrote the sheet say the trick was to make returning a tool easier than keeping it.
"""
VIEWPORTS = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 390, "height": 844}}
# Latin words that may appear in a Chinese page's interface: the theme's name in the
# footer credit and the English language's own name in the language menu.
ALLOWED_LATIN = {"Material", "for", "MkDocs", "English"}


class _SourceHandler(http.server.BaseHTTPRequestHandler):
    """The 'original' articles and their image, as the source sites would serve them."""

    def do_GET(self):
        if self.path.endswith(".png"):
            body, kind = PNG, "image/png"
        elif self.path.startswith(("/issues/", "/posts/")):
            body, kind = f"<!doctype html><title>original</title><p>{self.path}</p>".encode(), "text/html"
        else:
            self.send_error(404)
            return
        self.send_response(200)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def source_server():
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _SourceHandler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture(scope="module")
def imported(tmp_path_factory, source_server):
    """(built site, {kind: (report entry, {lang: front matter})}) of the three imported articles."""
    project = copy_site(tmp_path_factory.mktemp("articles"))
    inbox = project / "inbox"
    inbox.mkdir()
    weekly = (FIXTURES / "text" / "weekly-issue.txt").read_text(encoding="utf-8")
    (inbox / "issue.txt").write_text(
        weekly.replace("https://techweekly.example.com", source_server), encoding="utf-8")
    post = (FIXTURES / "text" / "creator-post.txt").read_text(encoding="utf-8")
    post = post.replace("https://images.example.org/charts/dram-price-2026.png", f"{source_server}/img/chart.png")
    # A Latin word in the Chinese text, for the search tests (before the closing byline line).
    post = post.replace("結語\n", "資料中心今年採購的 GPU 伺服器比去年多了一倍,交貨期仍然很長。\n結語\n")
    (inbox / "post.txt").write_text(post + f"原文連結:{source_server}/posts/memory\n", encoding="utf-8")
    (inbox / "garden.txt").write_text(ENGLISH_POST.format(source=source_server), encoding="utf-8")
    report = import_json(inbox, docs=project / "docs")
    assert report["errors"] == [], report["errors"]
    articles = {}
    for article in report["articles"]:
        kind = {"issue.txt": "issue", "post.txt": "post", "garden.txt": "garden"}[Path(article["source"]).name]
        articles[kind] = (article, {lang: split_page(Path(p))[0] for lang, p in article["pages"].items()})
    assert set(articles["issue"][1]) == set(LANGUAGES) and set(articles["post"][1]) == {"zh-Hans", "zh-Hant"}
    site = project / "site"
    proc = run_mkdocs_build(site, project / "mkdocs.yml")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return site, articles


def _pages(articles):
    for kind, (article, metas) in articles.items():
        for lang, meta in metas.items():
            yield kind, lang, f"{LANGUAGES[lang]}articles/{article['slug']}/", meta


@pytest.fixture(scope="module")
def served(imported, chromium_executable, tmp_path_factory):
    """(server, browser context, requests that tried to leave 127.0.0.1) for the built site."""
    foreign = []
    with SiteServer(imported[0], site_prefix()) as server, \
            chromium_context(chromium_executable, tmp_path_factory.mktemp("profile")) as context:

        def guard(route):
            if urlsplit(route.request.url).hostname != "127.0.0.1":
                foreign.append(route.request.url)
                return route.abort()
            return route.continue_()

        context.route("**/*", guard)
        yield server, context, foreign


@pytest.fixture(scope="module")
def visits(imported, served):
    """Every imported page opened at both widths: what the browser saw of each."""
    _, articles = imported
    server, context, foreign = served
    seen, failures, sitemaps = {}, [], []
    page = context.new_page()
    page.on("response", lambda r: r.status >= 400 and failures.append(f"{r.status} {r.url} on {page.url}"))
    page.on("requestfailed", lambda r: failures.append(f"failed {r.url} on {page.url}"))
    page.on("response", lambda r: "sitemap" in r.url and sitemaps.append((r.url, r.status)))
    for kind, lang, rel, meta in _pages(articles):
        for width, viewport in VIEWPORTS.items():
            page.set_viewport_size(viewport)
            page.goto(server.url(rel), wait_until="networkidle")
            shot(page, f"article-{kind}-{lang}-{width}")
        seen[(kind, lang)] = _read(page, meta)
        # The source link works: it leads to the original, which answers.
        with page.expect_navigation() as navigation:
            page.locator(".bp-byline a").click()
        seen[(kind, lang)]["source_status"] = navigation.value.status
        seen[(kind, lang)]["source_landed"] = page.url
    # One 404 page per language: a missing address under /en/ shows the English one.
    for lang in LANGUAGES:
        response = page.goto(server.url(f"{LANGUAGES[lang]}no-such/page/"), wait_until="networkidle")
        seen[("404", lang)] = {"first_status": response.status, "lang": page.locator("html").get_attribute("lang"),
                               "url": page.url, "h1": page.locator("article h1").inner_text()}
        shot(page, f"not-found-{lang}")
    page.close()
    seen["sitemaps"] = sitemaps
    return seen, [f for f in failures if "/no-such/" not in f], foreign


def _read(page, meta) -> dict:
    head = page.evaluate("""() => {
        const out = {meta: {}, hreflang: {}};
        for (const m of document.querySelectorAll('head meta[name], head meta[property]'))
            out.meta[m.getAttribute('name') || m.getAttribute('property')] = m.content;
        out.locales = Array.from(document.querySelectorAll('meta[property="og:locale:alternate"]'), m => m.content);
        for (const l of document.querySelectorAll('head link[rel=alternate][hreflang]')) out.hreflang[l.hreflang] = l.href;
        out.canonical = document.querySelector('link[rel=canonical]')?.href;
        return out; }""")
    byline = page.locator(".bp-byline")
    return {
        **head,
        "byline": byline.inner_text() if byline.count() else "",
        "byline_visible": byline.count() == 1 and byline.is_visible(),
        "time": page.locator(".bp-byline time").get_attribute("datetime") if byline.count() else None,
        "source_href": page.locator(".bp-byline a").get_attribute("href") if byline.count() else None,
        "first_paragraph": page.locator("article > p:not(.bp-byline)").first.inner_text(),
        "headings": page.evaluate("""() => Array.from(document.querySelectorAll('article h2, article h3, article h4'),
            h => { let n = h.nextElementSibling;
                   return [h.tagName, h.textContent.replace('¶', '').trim(), n ? n.tagName : ''] })"""),
        "interface": page.evaluate("""() => {
            const doc = document.documentElement.cloneNode(true);
            // The article's own words are the article's business; everything else is interface.
            // So are the titles of this and the neighbouring articles in the header and footer.
            doc.querySelectorAll('article > :not(.bp-byline, nav), head, script, style, '
                                 + '.md-header__topic + .md-header__topic, .md-footer__link .md-ellipsis')
                .forEach(e => e.remove());
            const attrs = Array.from(doc.querySelectorAll('[title], [aria-label], [placeholder], [alt]'),
                e => ['title', 'aria-label', 'placeholder', 'alt'].map(a => e.getAttribute(a) || '').join(' '));
            const live = Array.from(document.querySelectorAll('.md-search [placeholder], .md-search [aria-label], .md-search [title], label[title]'),
                e => ['title', 'aria-label', 'placeholder'].map(a => e.getAttribute(a) || '').join(' '));
            return [doc.querySelector('body').textContent, ...attrs, ...live].join(' '); }"""),
    }


CASES = [(kind, lang) for kind, langs in (("issue", LANGUAGES), ("post", ("zh-Hans", "zh-Hant")), ("garden", ("en",)))
         for lang in langs]


@pytest.mark.parametrize("kind, lang", CASES)
def test_byline_shows_date_author_issue_and_a_working_source_link(imported, visits, kind, lang, source_server):
    seen = visits[0][(kind, lang)]
    meta = imported[1][kind][1][lang]
    assert seen["byline_visible"]
    assert seen["time"] == str(meta["date"])
    assert seen["source_href"] == meta["source"] and meta["source"].startswith(source_server)
    assert seen["source_status"] == 200 and seen["source_landed"] == meta["source"]
    if meta.get("author"):
        assert meta["author"] in seen["byline"]
    words = LABELS[lang]
    if kind == "issue":  # the series in the page's language (English: tag_names.yml)
        series = {"zh-Hans": "科技周报", "zh-Hant": "科技週報", "en": "Tech Weekly"}[lang]
        assert words["series_issue"].format(series=series, n=meta["issue"]) in seen["byline"]
        # the original title differs from the page's: the link shows it
        assert meta["original_title"] in seen["byline"]
    assert words["source"].strip() in seen["byline"]


@pytest.mark.parametrize("kind, lang", CASES)
def test_description_and_link_preview_are_the_pages_own(imported, visits, kind, lang):
    seen = visits[0][(kind, lang)]
    meta = imported[1][kind][1][lang]
    description = seen["meta"]["description"]
    site_descriptions = {"一份以简体中文、繁体中文和英文发布的科技周刊。", "一份以簡體中文、繁體中文和英文發佈的科技週刊。",
                         "A tech weekly published in Simplified Chinese, Traditional Chinese and English."}
    assert description not in site_descriptions
    # The opening of the article, whole sentences, within the length search engines show.
    first = " ".join(seen["first_paragraph"].split())
    assert description.startswith(first[:20])
    assert len(description) <= (LATIN_LIMIT if lang == "en" else CHINESE_LIMIT)
    assert re.search(r"[。！？.!?]$", description), description
    og = seen["meta"]
    assert og["og:title"] == meta["title"] and og["twitter:title"] == meta["title"]
    assert og["og:description"] == description == og["twitter:description"]
    assert og["og:type"] == "article" and og["article:published_time"] == str(meta["date"])
    assert og["og:url"] == seen["canonical"] and seen["canonical"].startswith(site_url())
    assert og["og:locale"] == {"zh-Hans": "zh_CN", "zh-Hant": "zh_TW", "en": "en_US"}[lang]
    assert og["twitter:card"] in ("summary", "summary_large_image")
    if kind == "post":  # the post has a picture: it is the preview image
        assert og["og:image"].endswith("/img/chart.png") and og["twitter:card"] == "summary_large_image"


@pytest.mark.parametrize("kind, lang", CASES)
def test_hreflang_lists_the_translations_that_exist(imported, visits, kind, lang):
    seen = visits[0][(kind, lang)]
    languages = set(imported[1][kind][1])
    assert set(seen["hreflang"]) == (languages | {"x-default"} if len(languages) > 1 else set())
    assert all(href.startswith(site_url()) for href in seen["hreflang"].values())
    assert sorted(seen["locales"]) == sorted({"zh-Hans": "zh_CN", "zh-Hant": "zh_TW", "en": "en_US"}[other]
                                             for other in languages - {lang})


@pytest.mark.parametrize("kind, lang", [c for c in CASES if c[1] != "en"])
def test_no_english_interface_text_on_chinese_pages(visits, kind, lang):
    words = set(re.findall(r"[A-Za-z]{2,}", visits[0][(kind, lang)]["interface"]))
    assert words <= ALLOWED_LATIN, words - ALLOWED_LATIN


@pytest.mark.parametrize("kind, lang", CASES)
def test_no_empty_heading(visits, kind, lang):
    for tag, text, after in visits[0][(kind, lang)]["headings"]:
        assert text, f"empty {tag}"
        level = int(tag[1])
        assert after and not (after[0] == "H" and after[1:].isdigit() and int(after[1:]) <= level), \
            f"{tag} '{text}' has nothing under it"


def test_no_failed_request_and_none_off_site(visits):
    _, failures, foreign = visits
    assert failures == []
    assert foreign == []


def test_the_language_menu_finds_the_sitemap_of_each_language_root(visits):
    """Material's language menu fetches sitemap.xml beside the page's alternate links: only
    the language roots' (from the feed link), never one beside an article."""
    fetched = visits[0]["sitemaps"]
    roots = {site_prefix() + prefix + "sitemap.xml" for prefix in LANGUAGES.values()}
    assert {urlsplit(url).path for url, _ in fetched} == roots
    assert all(status == 200 for _, status in fetched)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_each_language_has_its_own_404_page(visits, lang):
    seen = visits[0][("404", lang)]
    assert seen["first_status"] == 404 and seen["lang"] == lang
    assert seen["h1"] == LABELS[lang]["not_found_title"]
    # the reader still sees the address they asked for
    assert urlsplit(seen["url"]).path == f"{site_prefix()}{LANGUAGES[lang]}no-such/page/"


# --- search over the imported pages -------------------------------------------------------

def _search(page, query: str) -> list[str]:
    """Open the box with the keyboard shortcut, type; the result excerpts as HTML."""
    page.keyboard.press("/")
    page.keyboard.type(query)
    page.locator("a.md-search-result__link").first.wait_for(state="attached")
    return [p.inner_html() for p in page.locator("a.md-search-result__link article p").all()]


def _blocks(page) -> list[str]:
    """The page's text blocks as the index keeps them (one per paragraph, heading or item)."""
    return [" ".join(t.replace("¶", "").split()) for t in page.locator(
        "article :is(p, li, h2, h3, h4):not(.bp-byline, .bp-tags, .bp-listing__meta)").all_inner_texts()]


def _plain(excerpt: str) -> str:
    return re.sub(r"<[^>]+>", "", excerpt).replace("&amp;", "&")


@pytest.mark.parametrize("lang, query, marked", [
    ("zh-Hans", "GPU", "GPU"),      # a Latin word on a Chinese site: the page's words, not index terms
    ("zh-Hant", "gpu", "GPU"),
    ("zh-Hans", "供应链", "供应链"),  # in a heading: the heading alone, not run into the next paragraph
    ("zh-Hans", "晶圆", "晶圆"),
    ("en", "borrow", "borrow"),
    ("en", "volunteers", "volunteers"),
])
def test_search_excerpts_are_the_pages_own_words_from_a_boundary(imported, served, lang, query, marked):
    server, context, _ = served
    article = imported[1]["garden" if lang == "en" else "post"][0]
    page = context.new_page()
    try:
        page.goto(server.url(f"{LANGUAGES[lang]}articles/{article['slug']}/"))
        blocks = _blocks(page)
        excerpt = _search(page, query)[0]
    finally:
        page.close()
    assert f"<mark>{marked}</mark>" in excerpt
    assert not re.search(r"\bzz[a-z]{4,}", excerpt), excerpt  # no pair terms of the index
    text = _plain(excerpt)
    shown = text.strip("…")
    block = next((b for b in blocks if shown in b), None)
    assert block is not None, f"{text!r} is not within one block of {blocks}"
    start = block.index(shown)
    # from the block's start, or from a sentence, clause or word boundary inside it
    assert start == 0 or re.match(r"[\s。！？.!?，、；：,;:]", block[start - 1]), (block[start - 1], text)
    assert text.startswith("…") == (start > 0)


def test_search_box_fits_a_phone_however_it_is_opened(imported, served):
    server, context, _ = served
    page = context.new_page()
    try:
        page.set_viewport_size(VIEWPORTS["phone"])
        article = imported[1]["post"][0]
        for opener in ("keyboard", "button"):
            page.goto(server.url(f"articles/{article['slug']}/"))
            if opener == "keyboard":
                page.keyboard.press("/")
            else:
                page.locator('label.md-header__button[for="__search"]').click()
            # The box takes the focus a moment after it opens (search.js): type into it then.
            page.wait_for_function("document.activeElement?.matches('input.md-search__input')")
            page.keyboard.type("晶圆")
            page.locator("a.md-search-result__link").first.wait_for(state="attached")
            measure = """() => [document.documentElement.scrollWidth,
                Math.round(document.querySelector('.bp-search .md-search__inner').getBoundingClientRect().right)]"""
            # Poll until the box has opened (its transition ends), then read what it came to.
            with contextlib.suppress(PlaywrightTimeout):
                page.wait_for_function(f"({measure})().every(w => w === 390)", timeout=10_000)
            widths = page.evaluate(measure)
            assert widths == [390, 390], (opener, widths)
            # What the phone shows (a full-page capture of a scroll-locked page is not that).
            SHOTS.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(SHOTS / f"search-phone-{opener}.png"))
    finally:
        page.close()
