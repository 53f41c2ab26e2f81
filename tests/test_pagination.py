"""Paginated archive and tag pages (issue 18): a 500-article site, built once, where every
article is reachable from the archive and from each of its tags by following the page
links, pages hold at most 50 articles, page links are in the page's language, and the
feeds keep their 30 newest."""
from __future__ import annotations

import datetime as dt
import math
import re
from pathlib import Path
from urllib.parse import urljoin

import feedparser
import pytest
from bs4 import BeautifulSoup

from conftest import LANGUAGES, copy_site, run_mkdocs_build, site_url
from listings.paging import DEFAULT_PAGE_SIZE, page_size, page_src

N_ZH, N_HANT, N_EN = 500, 110, 120
TAGS = ["城市", "交通", "能源"]  # every article has one of them, the first third has 城市 too
EN_TAGS = {"城市": "city", "交通": "transport", "能源": "energy"}


def write_articles(docs: Path) -> dict[str, set[str]]:
    """N_ZH Simplified articles (the newest N_HANT also in Traditional, N_EN in English),
    our own words; lang -> slugs."""
    articles = docs / "articles"
    start = dt.date(2020, 1, 6)
    slugs: dict[str, set[str]] = {"zh-Hans": set(), "zh-Hant": set(), "en": set()}
    text = {"zh-Hans": ("第 {k} 号札记：街角的变化", "街角的面包店换了招牌，早上排队的人比上周多。"),
            "zh-Hant": ("第 {k} 號札記：街角的變化", "街角的麵包店換了招牌，早上排隊的人比上週多。"),
            "en": ("Note {k}: what changed on the corner",
                   "The bakery on the corner has a new sign, and the morning queue is longer.")}
    for k in range(N_ZH):
        slug = f"note-{k:03d}"
        date = start + dt.timedelta(days=3 * k)
        tags = [TAGS[k % 3]] + (["城市"] if k < N_ZH // 3 and k % 3 else [])
        langs = (["zh-Hans"] + (["zh-Hant"] if k >= N_ZH - N_HANT else [])
                 + (["en"] if k >= N_ZH - N_EN else []))
        for lang in langs:
            title, body = text[lang][0].format(k=k), text[lang][1]
            page_tags = [EN_TAGS[t] for t in tags] if lang == "en" else tags
            (articles / f"{slug}.{lang}.md").write_text(
                f"---\ntitle: '{title}'\ndate: {date}\nlang: {lang}\ntags: [{', '.join(page_tags)}]\n"
                f"translations: [{', '.join(langs)}]\n---\n\n# {title}\n\n{body}\n", encoding="utf-8")
            slugs[lang].add(slug)
    return slugs


@pytest.fixture(scope="module")
def big_site(tmp_path_factory):
    project = copy_site(tmp_path_factory.mktemp("paged"))
    for sample in (project / "docs" / "articles").glob("*.md"):
        sample.unlink()  # only the generated articles: the counts below are theirs
    slugs = write_articles(project / "docs")
    site = project / "site"
    proc = run_mkdocs_build(site, project / "mkdocs.yml")
    log = proc.stdout + proc.stderr
    assert proc.returncode == 0 and "WARNING" not in log, log[-3000:]
    return site, slugs


def soup(site: Path, rel_dir: str) -> BeautifulSoup:
    return BeautifulSoup((site / rel_dir / "index.html").read_text("utf-8"), "html.parser")


def resolve(rel_dir: str, href: str) -> str:
    absolute = urljoin(site_url() + rel_dir, href)
    assert absolute.startswith(site_url()), absolute
    return absolute[len(site_url()):].split("#")[0]


def walk(site: Path, first: str) -> tuple[list[str], list[list[str]]]:
    """Follow a listing's page links from its first page: (pages in order, article dirs on each)."""
    pages, articles, todo = [], [], [first]
    while todo:
        rel = todo.pop(0)
        if rel in pages:
            continue
        pages.append(rel)
        content = soup(site, rel).select_one("article")
        articles.append([resolve(rel, a["href"]) for a in content.select("li > a[href]")])
        pager = content.select_one(".bp-pager")
        if pager is not None:
            todo += [resolve(rel, a["href"]) for a in pager.select("a[href]")]
    return pages, articles


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_article_is_reachable_from_the_archive_pages(big_site, lang):
    site, slugs = big_site
    root = LANGUAGES[lang]
    pages, articles = walk(site, f"{root}archive/")
    expected_pages = math.ceil(len(slugs[lang]) / DEFAULT_PAGE_SIZE)
    assert pages == [f"{root}archive/"] + [f"{root}archive/page/{n}/" for n in range(2, expected_pages + 1)]
    assert all(len(on_page) <= DEFAULT_PAGE_SIZE for on_page in articles)
    reached = [a for on_page in articles for a in on_page]
    assert len(reached) == len(set(reached)) == len(slugs[lang])  # each once
    assert set(reached) == {f"{root}articles/{slug}/" for slug in slugs[lang]}
    assert all((site / a / "index.html").is_file() for a in reached)
    assert articles[0][0] == f"{root}articles/note-{N_ZH - 1:03d}/"  # newest first


@pytest.mark.parametrize("lang, tag, slug", [("zh-Hans", "城市", "cheng-shi"), ("zh-Hans", "能源", "neng-yuan"),
                                             ("en", "city", "city")])
def test_every_article_of_a_tag_is_reachable_from_its_pages(big_site, lang, tag, slug):
    site, _ = big_site
    root = LANGUAGES[lang]
    tagged = set()
    for path in (site.parent / "docs" / "articles").glob(f"*.{lang}.md"):
        if re.search(rf"^tags: \[.*\b{tag}\b", path.read_text("utf-8"), re.M):
            tagged.add(f"{root}articles/{path.name.split('.')[0]}/")
    pages, articles = walk(site, f"{root}tags/{slug}/")
    assert len(pages) == math.ceil(len(tagged) / DEFAULT_PAGE_SIZE)
    assert len(pages) > 1 or lang == "en"  # 40 English articles: one page, no page links
    reached = [a for on_page in articles for a in on_page]
    assert len(reached) == len(set(reached)) and set(reached) == tagged


def test_page_links_are_in_the_page_language_and_mark_the_current_page(big_site):
    site, _ = big_site
    expected = {"zh-Hans": ("第 2 页", "上一页", "下一页", "分页"), "zh-Hant": ("第 2 頁", "上一頁", "下一頁", "分頁"),
                "en": ("Page 2", "Previous page", "Next page", "Pages")}
    for lang, (title, previous, following, label) in expected.items():
        page = soup(site, f"{LANGUAGES[lang]}archive/page/2/")
        pager = page.select_one("article .bp-pager")
        assert pager["aria-label"] == label and pager["role"] == "navigation"
        assert pager.select_one("a[aria-current=page]").get_text() == "2"
        assert [a.get_text() for a in pager.select("a[rel]")] == [previous, following]
        assert page.select_one("article h1").get_text().startswith(("归档", "歸檔", "Archive"))
        assert title in page.select_one("article h1").get_text()


def test_feeds_keep_their_30_newest_and_the_sitemap_lists_the_pages(big_site):
    site, _ = big_site
    feed = feedparser.parse((site / "feed.xml").read_bytes())
    assert len(feed.entries) == 30 and feed.entries[0].link.endswith(f"articles/note-{N_ZH - 1:03d}/")
    sitemap = (site / "sitemap.xml").read_text("utf-8")
    assert f"{site_url()}archive/page/10/" in sitemap and f"{site_url()}archive/page/11/" not in sitemap
    assert f"{site_url()}en/archive/page/3/" in sitemap


def test_page_size_and_page_sources():
    assert page_size({}) == 50 and page_size({"listing_page_size": 20}) == 20
    for bad in (0, -3, "50", True, 2.5):
        with pytest.raises(ValueError, match="extra.listing_page_size must be a whole number"):
            page_size({"listing_page_size": bad})
    assert page_src("archive.md", 1) == "archive.md"
    assert page_src("tags/ai.md", 3) == "tags/ai/page/3.md"
