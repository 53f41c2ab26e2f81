"""Weekly publication end to end: import a new issue into a copy of the site, build it
with --strict and find it first on every home, in its archive month, on its tag pages
and in the feeds. Plus the parts of listings/ that decide what readers see.

One import and one build for the whole session (`published`, tests/weekly_site.py).
"""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import feedparser
import pytest

from conftest import LANGUAGES, copy_site, run_mkdocs_build, site_url
from helpers import docs_files, run_import, split_page
from listings.index import FrontMatterError, excerpt, page_tags, read_entry
from listings.labels import article_count, month_heading
from listings.tags import base_slug, tag_slugs
from weekly_site import CHINESE_ONLY, CHINESE_ONLY_DATE, NEW_MONTH, article_dir, page_url, resolve, soup_of

# --- the new issue everywhere -----------------------------------------------------

@pytest.mark.parametrize("lang", LANGUAGES)
def test_new_issue_is_first_on_each_home(published, lang):
    site, issue, meta, _ = published
    home = soup_of(site, LANGUAGES[lang])
    first = home.select("article h3 a[href]")[0]
    assert resolve(site, LANGUAGES[lang], first["href"]) == article_dir(lang, issue["slug"])
    # Each listing shows that language's own title: Traditional on the zh-Hant home.
    assert first.get_text(strip=True) == meta[lang]["title"]
    listing_text = home.select_one("article").get_text(" ", strip=True)
    assert "2027-01-08" in listing_text
    assert {"zh-Hans": "第 121 期", "zh-Hant": "第 121 期", "en": "Issue 121"}[lang] in listing_text


def test_zh_hant_home_reads_traditional(published):
    site, _, meta, _ = published
    assert meta["zh-Hant"]["title"] != meta["zh-Hans"]["title"]
    text = soup_of(site, "zh-Hant/").select_one("article").get_text()
    assert meta["zh-Hant"]["title"] in text and meta["zh-Hans"]["title"] not in text
    assert "科技週報" in text and "科技周报" not in text


@pytest.mark.parametrize("lang", LANGUAGES)
def test_new_issue_in_the_archive_month(published, lang):
    site, issue, _, _ = published
    archive_dir = LANGUAGES[lang] + "archive/"
    archive = soup_of(site, archive_dir)
    heading = next(h for h in archive.select("article h3")
                   if h.get_text(strip=True).rstrip("¶") == month_heading(lang, *NEW_MONTH))
    items = heading.find_next_sibling("ul").select("a[href]")
    assert resolve(site, archive_dir, items[0]["href"]) == article_dir(lang, issue["slug"])
    # Months run newest first and every article of the language is listed once.
    months = [h.get_text(strip=True).rstrip("¶") for h in archive.select("article h3")]
    assert months[0] == month_heading(lang, *NEW_MONTH)
    listed = [resolve(site, archive_dir, a["href"]) for a in archive.select("article li a[href]")]
    articles = {p.parent.relative_to(site).as_posix() + "/"
                for p in (site / LANGUAGES[lang] / "articles").glob("*/index.html")}
    assert sorted(listed) == sorted(articles)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_new_issue_on_each_of_its_tag_pages(published, lang):
    site, issue, meta, _ = published
    page_dir = article_dir(lang, issue["slug"])
    tag_links = soup_of(site, page_dir).select(".bp-tags a.bp-tag")
    # English pages show the Chinese series tag by its English name (listings/tag_names.yml).
    assert [a.get_text(strip=True) for a in tag_links] == list(page_tags(lang, meta[lang]["tags"]))
    assert lang != "en" or [a.get_text(strip=True) for a in tag_links] == ["Tech Weekly"]
    for a in tag_links:
        tag_dir = resolve(site, page_dir, a["href"])
        assert tag_dir.startswith(LANGUAGES[lang] + "tags/") and tag_dir.isascii()
        assert f"<loc>{page_url(tag_dir)}</loc>" in (site / "sitemap.xml").read_text("utf-8")
        tag_page = soup_of(site, tag_dir)
        assert tag_page.html["lang"] == lang
        assert a.get_text(strip=True) in tag_page.select_one("article h1").get_text()
        first = tag_page.select("article li a[href]")[0]
        assert resolve(site, tag_dir, first["href"]) == page_dir
        # ... and the tag is listed on the language's tag index.
        index_dir = LANGUAGES[lang] + "tags/"
        listed = {resolve(site, index_dir, x["href"]) for x in soup_of(site, index_dir).select("article li a")}
        assert tag_dir in listed


def test_tag_page_switcher_finds_the_same_tag_in_the_other_script(published):
    site, issue, meta, _ = published
    assert meta["zh-Hans"]["tags"] != meta["zh-Hant"]["tags"]  # 科技周报 / 科技週報
    page_dir = article_dir("zh-Hant", issue["slug"])
    tag_dir = resolve(site, page_dir, soup_of(site, page_dir).select_one("a.bp-tag")["href"])
    switch = soup_of(site, tag_dir).select_one('a.md-select__link[hreflang="zh-Hans"]')
    target = resolve(site, tag_dir, switch["href"])
    assert target == tag_dir[len("zh-Hant/"):]
    assert meta["zh-Hans"]["tags"][0] in soup_of(site, target).select_one("h1").get_text()


# --- feeds ----------------------------------------------------------------------------

def parse_feed(site: Path, lang: str):
    feed = feedparser.parse((site / LANGUAGES[lang] / "feed.xml").read_bytes())
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.version == "rss20"
    return feed


@pytest.mark.parametrize("lang", LANGUAGES)
def test_feed_per_language_starts_with_the_new_issue(published, lang):
    site, issue, meta, _ = published
    feed = parse_feed(site, lang)
    assert feed.feed.language == lang
    assert feed.feed.link == page_url(LANGUAGES[lang])
    first = feed.entries[0]
    assert first.link == page_url(article_dir(lang, issue["slug"]))
    assert first.title == meta[lang]["title"]
    assert dt.date(*first.published_parsed[:3]) == dt.date(2027, 1, 8)
    dates = [e.published_parsed[:3] for e in feed.entries]
    assert dates == sorted(dates, reverse=True)
    for entry in feed.entries:  # absolute links into this language only
        assert entry.link.startswith(page_url(LANGUAGES[lang] + "articles/"))
        assert (site / entry.link[len(site_url()):] / "index.html").is_file()


def test_feed_entries_carry_authors(published):
    site, issue, _, post = published
    feed = parse_feed(site, "zh-Hant")
    by_link = {e.link: e for e in feed.entries}
    assert by_link[page_url(article_dir("zh-Hant", post["slug"]))].author == "夜市觀察員"
    # The issue has no byline: the publication, in the feed's language, is its author.
    assert by_link[page_url(article_dir("zh-Hant", issue["slug"]))].author == feed.feed.title == "雙語週刊"
    english = parse_feed(site, "en")
    assert {e.author for e in english.entries} == {"The editors", "Bilingual Weekly"}


def test_english_feed_has_no_chinese_only_articles(published):
    site, issue, _, post = published
    english = {e.link for e in parse_feed(site, "en").entries}
    assert page_url(article_dir("en", issue["slug"])) in english
    assert not any(f"/{post['slug']}/" in link for link in english)
    assert not any("/open-data-workshop/" in link for link in english)  # a sample zh-only article
    chinese = {e.link for e in parse_feed(site, "zh-Hans").entries}
    assert page_url(article_dir("zh-Hans", post["slug"])) in chinese


@pytest.mark.parametrize("rel_dir", ["", "archive/", "tags/", "zh-Hant/", "zh-Hant/tags/", "en/archive/"])
def test_every_page_announces_its_language_feed(published, rel_dir):
    site, issue, _, _ = published
    lang = next((code for code, root in LANGUAGES.items() if root and rel_dir.startswith(root)), "zh-Hans")
    for page_dir in (rel_dir, article_dir(lang, issue["slug"])):
        links = soup_of(site, page_dir).select('head link[rel="alternate"][type="application/rss+xml"]')
        assert len(links) == 1, page_dir
        assert resolve(site, page_dir, links[0]["href"]) == LANGUAGES[lang] + "feed.xml"


# --- previous / next ---------------------------------------------------------------------

def test_previous_and_next_follow_the_listing_order(published):
    site, issue, _, post = published
    newest = soup_of(site, article_dir("zh-Hans", issue["slug"]))
    assert not newest.select("a.md-footer__link--next")  # nothing is newer
    older = newest.select_one("a.md-footer__link--prev")
    assert resolve(site, article_dir("zh-Hans", issue["slug"]), older["href"]) == article_dir("zh-Hans", post["slug"])
    back = soup_of(site, article_dir("zh-Hans", post["slug"])).select_one("a.md-footer__link--next")
    assert resolve(site, article_dir("zh-Hans", post["slug"]), back["href"]) == article_dir("zh-Hans", issue["slug"])
    # English skips the Chinese-only post: the newest sample English article comes before.
    english = soup_of(site, article_dir("en", issue["slug"])).select_one("a.md-footer__link--prev")
    assert resolve(site, article_dir("en", issue["slug"]), english["href"]) == article_dir("en", "closing-debate")
    assert "Previous" in english.get_text()


# --- dates --------------------------------------------------------------------------------

def test_undated_article_keeps_its_import_date_on_reimport(published, tmp_path):
    _, _, _, post = published
    for path in post["pages"].values():
        assert split_page(Path(path))[0]["date"] == dt.date.fromisoformat(CHINESE_ONLY_DATE)
    source = tmp_path / "night-market.txt"
    source.write_text(CHINESE_ONLY, encoding="utf-8")
    docs = tmp_path / "docs"
    run_import(source, docs=docs, date="2027-01-02", check=True)
    run_import(source, docs=docs, date="2027-03-09", check=True)
    dates = {split_page(p)[0]["date"] for p in (docs / "articles").glob("*.md")}
    assert dates == {dt.date(2027, 1, 2)}


# --- the parts ------------------------------------------------------------------------------

def test_tag_slugs_are_ascii_and_shared_across_scripts():
    assert base_slug("科技周") == base_slug("科技週") == "ke-ji-zhou"
    assert base_slug("Open Source") == "open-source"
    assert base_slug("AI 芯片") == "ai-xin-pian"
    slugs = tag_slugs(["公式", "攻势", "搜索", "🙂"])  # two homophones and a tag with no letters
    assert slugs["搜索"] == "sou-suo"
    assert slugs["公式"] != slugs["攻势"] and slugs["公式"].startswith("gong-shi-")
    assert slugs["🙂"].startswith("tag-") and all(s.isascii() for s in slugs.values())
    assert tag_slugs(["攻势", "公式"]) == {"攻势": slugs["攻势"], "公式": slugs["公式"]}


def test_excerpt_is_plain_text_of_the_first_paragraph():
    body = ("# Title\n\n## Heading\n\n![chart](https://x.example/c.png)\n\n"
            "Prices rose 5\\% in Q1 \\*again\\* &amp; see <https://x.example/a>.\n\nSecond.\n")
    assert excerpt(body) == "Prices rose 5% in Q1 *again* & see https://x.example/a."
    assert excerpt("# T\n\n- only a list item\n") == "only a list item"
    long_zh = "# 标题\n\n" + "长" * 200 + "\n"
    assert excerpt(long_zh) == "长" * 120 + "…"  # no boundary at all: cut at the limit
    long_en = "# T\n\n" + "word " * 100 + "\n"
    short = excerpt(long_en)
    assert short.endswith("word…") and len(short) <= 161
    # Sentences: as many whole ones as fit in 120 Chinese or 160 Latin characters.
    zh = "# 标题\n\n" + "湖畔的夜市今晚开张。" * 12 + "最后一句不会出现。\n"
    assert excerpt(zh) == "湖畔的夜市今晚开张。" * 12
    en = "# T\n\n" + "The night market opens tonight by the lake. " * 5 + "\n"
    assert excerpt(en) == ("The night market opens tonight by the lake. " * 3).strip()


@pytest.mark.parametrize("lang, one, many", [
    ("en", "1 article", "2 articles"), ("zh-Hans", "1 篇", "2 篇"), ("zh-Hant", "1 篇", "2 篇")])
def test_article_counts_agree_with_their_number(lang, one, many):
    assert article_count(lang, 1) == one and article_count(lang, 2) == many


def test_english_pages_show_english_tags_only():
    assert page_tags("en", ["AI周刊", "open source", "开源", "open source"]) == ("AI Weekly", "open source")
    assert page_tags("zh-Hans", ["AI周刊", "开源"]) == ("AI周刊", "开源")


@pytest.mark.parametrize("front, reason", [
    ("title: [unclosed\ndate: 2025-01-01\n", "not valid YAML"),
    ("title: Fine\n", "needs 'date: YYYY-MM-DD'"),
    ("title: Fine\ndate: 2025-01-01\nissue: seven\n", "'issue' must be a whole number"),
    ("date: 2025-01-01\n", "needs a 'title'"),
])
def test_bad_front_matter_names_the_file_and_reason(tmp_path, front, reason):
    path = tmp_path / "bad.en.md"
    path.write_text(f"---\n{front}---\n\n# Body\n", encoding="utf-8")
    with pytest.raises(FrontMatterError) as info:
        read_entry(path, "en", "bad")
    assert str(path) in str(info.value) and reason in str(info.value)


def test_build_stops_on_a_bad_article_and_leaves_docs_alone(tmp_path):
    project = copy_site(tmp_path / "site-src")
    bad = project / "docs" / "articles" / "broken.en.md"
    bad.write_text("---\ntitle: Broken\ndate: someday\n---\n\n# Broken\n", encoding="utf-8")
    before = docs_files(project / "docs")
    proc = run_mkdocs_build(project / "site", project / "mkdocs.yml")
    assert proc.returncode != 0
    errors = [line for line in (proc.stdout + proc.stderr).splitlines() if "broken.en.md" in line]
    assert len(errors) == 1 and "date: YYYY-MM-DD" in errors[0], proc.stdout + proc.stderr
    assert docs_files(project / "docs") == before
