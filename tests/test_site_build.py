"""Whole-build tests: `mkdocs build --strict` of the real docs/, checked file by file.

The build runs once per session (the `built_site` fixture in conftest.py).
"""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import pytest
import yaml
from bs4 import BeautifulSoup

from conftest import DEFAULT_LANGUAGE, DOCS, LANGUAGES, site_url

ARTICLE_NAME = re.compile(r"^(?P<slug>[a-z0-9]+(?:-[a-z0-9]+)*)\.(?P<lang>zh-Hans|zh-Hant|en)\.md$")
FRONT_MATTER = re.compile(r"\A---\n(?P<yaml>.*?)\n---\n(?P<body>.*)\Z", re.S)
FONT_HOSTS = re.compile(r"fonts\.googleapis\.com|fonts\.gstatic\.com", re.I)
CDN_HOSTS = re.compile(r"cdn\.jsdelivr\.net|unpkg\.com|cdnjs\.cloudflare\.com|ajax\.googleapis\.com", re.I)

# A few Material theme strings per language (Material's zh / zh-Hant / en files).
THEME_STRINGS = {
    "zh-Hans": {"select_language": "选择当前语言", "header": "页眉",
                "none": "没有找到符合条件的结果"},
    "zh-Hant": {"select_language": "選擇語言", "header": "頁首",
                "none": "沒有找到符合條件的結果"},
    "en": {"select_language": "Select language", "header": "Header",
           "none": "No matching documents"},
}


# --- helpers --------------------------------------------------------------------

def article_files() -> list[Path]:
    return sorted((DOCS / "articles").glob("*.md"))


def articles_by_language() -> dict[str, set[str]]:
    """Language -> slugs, from docs/articles/<slug>.<lang>.md."""
    found: dict[str, set[str]] = {lang: set() for lang in LANGUAGES}
    for path in article_files():
        match = ARTICLE_NAME.match(path.name)
        if match:
            found[match["lang"]].add(match["slug"])
    return found


def language_of(rel: str) -> str:
    """Language of a built file from its path inside the site."""
    for lang, prefix in LANGUAGES.items():
        if prefix and rel.startswith(prefix):
            return lang
    return DEFAULT_LANGUAGE


def page_url(rel: str) -> str:
    """Public URL of a built HTML file (directory URLs)."""
    if rel == "index.html" or rel.endswith("/index.html"):
        rel = rel[: -len("index.html")]
    return site_url() + rel


def target_file(site: Path, base_url: str, href: str) -> Path | None:
    """The built file a link resolves to, or None when it leaves the site."""
    resolved = urljoin(base_url, href)
    parts = urlsplit(resolved)
    root = urlsplit(site_url())
    if (parts.scheme, parts.netloc) != (root.scheme, root.netloc) and parts.netloc:
        return None
    path = unquote(parts.path)
    if not path.startswith(root.path):
        return None
    rel = path[len(root.path):]
    if rel == "" or rel.endswith("/"):
        rel += "index.html"
    return site / rel


def article_page(lang: str, slug: str) -> str:
    return f"{LANGUAGES[lang]}articles/{slug}/index.html"


def home_page(lang: str) -> str:
    return f"{LANGUAGES[lang]}index.html"


@pytest.fixture(scope="module")
def pages(built_site) -> dict[str, BeautifulSoup]:
    """Every built HTML page, parsed, keyed by its path inside the site."""
    return {
        p.relative_to(built_site).as_posix(): BeautifulSoup(p.read_text("utf-8"), "html.parser")
        for p in sorted(built_site.rglob("*.html"))
    }


# --- the sources ------------------------------------------------------------------

def test_sample_content_covers_the_switcher_cases():
    by_lang = articles_by_language()
    everywhere = set.intersection(*by_lang.values())
    assert everywhere, "need at least one article in all three languages"
    only_one = [
        (lang, slug) for lang, slugs in by_lang.items() for slug in slugs
        if not any(slug in by_lang[other] for other in LANGUAGES if other != lang)
    ]
    assert only_one, "need at least one article that exists in a single language"


@pytest.mark.parametrize("path", article_files(), ids=lambda p: p.name)
def test_article_file_follows_the_convention(path: Path):
    """docs/articles/<ascii-slug>.<lang>.md with front matter that reads back."""
    match = ARTICLE_NAME.match(path.name)
    assert match, f"{path.name}: expected <ascii-slug>.<zh-Hans|zh-Hant|en>.md"
    text = path.read_text("utf-8")
    fm = FRONT_MATTER.match(text)
    assert fm, f"{path.name}: no front matter block"
    meta = yaml.safe_load(fm["yaml"])  # a YAML error fails here, not silently
    assert isinstance(meta, dict)
    # Other keys (e.g. the importer's bookkeeping) are allowed.
    assert isinstance(meta["title"], str) and meta["title"].strip()
    assert isinstance(meta["date"], dt.date), "date must be YYYY-MM-DD"
    assert meta["lang"] == match["lang"]
    assert isinstance(meta.get("author", ""), str)
    assert str(meta.get("source", "https://")).startswith(("http://", "https://"))
    assert isinstance(meta.get("issue", 0), int)
    assert isinstance(meta.get("tags", []), list)
    existing = {lang for lang in LANGUAGES if (path.parent / f"{match['slug']}.{lang}.md").exists()}
    assert set(meta["translations"]) == existing, "translations must list exactly the existing files"
    assert fm["body"].lstrip("\n").startswith("# "), "the body must start with '# Title'"


# --- the build ----------------------------------------------------------------------

def test_build_is_strict_and_clean(site_build):
    _, log = site_build
    assert "WARNING" not in log, log


def test_expected_pages_per_language(built_site):
    by_lang = articles_by_language()
    for lang, prefix in LANGUAGES.items():
        assert (built_site / home_page(lang)).is_file(), f"missing home of {lang}"
        articles_dir = built_site / prefix / "articles"
        built = {p.relative_to(built_site).as_posix() for p in articles_dir.glob("*/index.html")}
        expected = {article_page(lang, slug) for slug in by_lang[lang]}
        assert built == expected, f"{lang}: built {sorted(built)} expected {sorted(expected)}"
    assert (built_site / "404.html").is_file()
    for lang in LANGUAGES:  # the search bundles (tests/test_search.py)
        assert (built_site / "pagefind" / lang / "pagefind-entry.json").is_file()


def test_exact_set_of_built_pages(built_site):
    """Per language: home, archive, tag index, one page per tag of that language, the
    articles, a feed, a sitemap and a 404 page; nothing else."""
    from listings.index import page_tags  # what a page of each language shows (test_listings.py)
    from listings.tags import tag_slugs

    expected = set()
    by_lang = articles_by_language()
    for lang, prefix in LANGUAGES.items():
        tags = [tag for slug in sorted(by_lang[lang]) for tag in page_tags(lang, yaml.safe_load(FRONT_MATTER.match(
            (DOCS / "articles" / f"{slug}.{lang}.md").read_text("utf-8"))["yaml"]).get("tags", []))]
        expected |= {home_page(lang), f"{prefix}archive/index.html", f"{prefix}tags/index.html",
                     f"{prefix}feed.xml", f"{prefix}sitemap.xml", f"{prefix}404.html"}
        expected |= {f"{prefix}tags/{slug}/index.html" for slug in tag_slugs(tags).values()}
        expected |= {article_page(lang, slug) for slug in by_lang[lang]}
    built = {p.relative_to(built_site).as_posix() for p in built_site.rglob("*")
             if p.suffix in (".html", ".xml", ".gz") and not p.is_relative_to(built_site / "pagefind")}
    assert built == expected, f"extra {sorted(built - expected)} missing {sorted(expected - built)}"
    assert (built_site / "tags" / "ke-ji-zhou" / "index.html").is_file()
    assert (built_site / "zh-Hant" / "tags" / "ke-ji-zhou" / "index.html").is_file()  # 科技週


def test_html_lang_per_language(pages):
    assert len(pages) > len(LANGUAGES)
    for rel, soup in pages.items():
        assert soup.html.get("lang") == language_of(rel), rel


def _languages_of(built_site, rel: str) -> set[str]:
    """The languages a built page exists in: the same path under each language's root."""
    lang = language_of(rel)
    inner = rel[len(LANGUAGES[lang]):]
    return {other for other, prefix in LANGUAGES.items() if (built_site / prefix / inner).is_file()}


def test_switcher_and_hreflang_targets_exist(built_site, pages):
    """The switcher offers every language; hreflang lists, as absolute URLs, only the
    languages the page exists in, plus x-default (the default language's version)."""
    checked = 0
    for rel, soup in pages.items():
        if rel.endswith("404.html"):
            continue
        base = page_url(rel)
        switcher = soup.select("a.md-select__link[hreflang]")
        hreflang = {link["hreflang"]: link["href"] for link in soup.select('link[rel="alternate"][hreflang]')}
        assert {a["hreflang"] for a in switcher} == set(LANGUAGES), f"{rel}: switcher"
        exists_in = _languages_of(built_site, rel)
        assert set(hreflang) == (exists_in | {"x-default"} if len(exists_in) > 1 else set()), rel
        if hreflang:
            assert hreflang[language_of(rel)] == base, rel
            assert hreflang["x-default"] == hreflang.get(DEFAULT_LANGUAGE, base), rel
        for href in [a["href"] for a in switcher] + list(hreflang.values()):
            target = target_file(built_site, base, href)
            assert target is not None and target.is_file(), f"{rel}: {href} -> {target}"
            checked += 1
        assert all(href.startswith(site_url()) for href in hreflang.values()), f"{rel}: hreflang not absolute"
    assert checked >= len(pages) * len(LANGUAGES)


def test_switcher_leads_to_same_article_or_language_home(built_site, pages):
    by_lang = articles_by_language()
    for lang in LANGUAGES:
        for slug in by_lang[lang]:
            rel = article_page(lang, slug)
            soup = pages[rel]
            for other in LANGUAGES:
                link = soup.select_one(f'a.md-select__link[hreflang="{other}"]')
                target = target_file(built_site, page_url(rel), link["href"])
                expected = article_page(other, slug) if slug in by_lang[other] else home_page(other)
                assert target == built_site / expected, f"{rel} -> {other}"


def test_translation_links_follow_front_matter(built_site, pages):
    by_lang = articles_by_language()
    for lang in LANGUAGES:
        for slug in by_lang[lang]:
            rel = article_page(lang, slug)
            meta = yaml.safe_load(FRONT_MATTER.match(
                (DOCS / "articles" / f"{slug}.{lang}.md").read_text("utf-8"))["yaml"])
            links = pages[rel].select("nav.bp-translations a[hreflang]")
            assert {a["hreflang"] for a in links} == set(meta["translations"]) - {lang}, rel
            for a in links:
                target = target_file(built_site, page_url(rel), a["href"])
                assert target == built_site / article_page(a["hreflang"], slug), f"{rel}: {a}"
    for lang in LANGUAGES:  # home pages have no such line
        assert not pages[home_page(lang)].select("nav.bp-translations")


def test_theme_strings_are_localized(pages):
    for rel, soup in pages.items():
        if rel == "404.html":
            continue
        expected = THEME_STRINGS[language_of(rel)]
        assert soup.select_one(".md-select > button")["aria-label"] == expected["select_language"], rel
        assert soup.select_one("header.md-header > nav")["aria-label"] == expected["header"], rel
        config = json.loads(soup.select_one("#__config").string)
        assert config["translations"]["search.result.none"] == expected["none"], rel


def test_no_third_party_resources(built_site, pages):
    """No Google Fonts, CDN or other absolute URLs loaded by HTML or CSS."""
    offenders = []
    for path in list(built_site.rglob("*.html")) + list(built_site.rglob("*.css")):
        text = path.read_text("utf-8", errors="replace")
        if FONT_HOSTS.search(text) or CDN_HOSTS.search(text):
            offenders.append(f"{path}: Google Fonts or CDN URL")
        if path.suffix == ".css":
            for url in re.findall(r"url\(\s*['\"]?(https?:)?//[^)]*\)|@import\s+['\"]?https?://", text):
                offenders.append(f"{path}: {url}")
    loading = {"script": "src", "link": "href", "img": "src", "iframe": "src", "source": "src",
               "video": "src", "audio": "src", "embed": "src", "object": "data"}
    for rel, soup in pages.items():
        for tag, attr in loading.items():
            for element in soup.find_all(tag):
                value = element.get(attr)
                if not value:
                    continue
                if tag == "link" and not set(element.get("rel", [])) & {
                        "stylesheet", "preconnect", "preload", "modulepreload", "prefetch",
                        "dns-prefetch", "icon", "manifest"}:
                    continue
                target = urljoin(page_url(rel), value)
                if not target.startswith(site_url()):
                    offenders.append(f"{rel}: <{tag} {attr}={value}>")
    assert not offenders, "\n".join(offenders)
