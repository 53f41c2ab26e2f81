"""Hostile articles, text and HTML, and hand-written pages with hostile front matter:
every case of tests/hostile.py is imported (or written into docs/), built and opened.

Two builds: the project's own configuration (also opened in headless
Chromium), and one with every common Markdown extension switched on (raw HTML
in Markdown, attribute lists, snippets that include files, details, blocks,
maths…), which shows that the importer's escaping neutralises the corpus
whatever mkdocs.yml enables. The feeds of both are read as a feed reader would.
"""
from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from bs4 import BeautifulSoup
from lxml import etree

from conftest import LANGUAGES, SiteServer, chromium_context, copy_site, run_mkdocs_build, site_prefix
from helpers import import_json
from hostile import DEEP_HTML, HAND_WRITTEN, HAND_WRITTEN_PAGE, TAG_LINE, TITLES, VECTORS, vector

EXTRA_EXTENSIONS = """
  - md_in_html
  - def_list
  - footnotes
  - abbr
  - pymdownx.superfences
  - pymdownx.inlinehilite
  - pymdownx.magiclink
  - pymdownx.details
  - pymdownx.tasklist
  - pymdownx.snippets
  - pymdownx.tabbed
  - pymdownx.arithmatex
  - pymdownx.blocks.admonition
  - pymdownx.blocks.details
"""
TITLE_VECTORS = (0, 2, 9, 12, 30)
# A sentence of its own for each title article: sources that differ only in their
# title are one article edited (importer/identity.py), not five articles.
TITLE_BODIES = ("第一篇用脚本标签做标题，检查页面标题与目录里只出现文字。", "第二篇把图片出错事件藏进标题，正文只是几句普通的说明。",
                "第三篇的标题是一个伪装的链接，作者栏和标签栏也一样。", "第四篇用 Markdown 链接语法写标题，看它会不会变成真的链接。",
                "第五篇的标题先闭合属性再插入脚本，这是常见的属性逃逸写法。")
DANGEROUS_TAGS = ("script", "iframe", "object", "embed", "form", "meta", "base", "style", "link",
                  "input", "button", "svg", "math", "template", "video", "details", "isindex")
BAD_URL = re.compile(r"^\s*(javascript|vbscript|data):", re.I)
MARKERS = re.compile(r"X\d|X-|F\d|evil\.example")
# What an extension makes of block syntax: none of it may come from scraped text.
EXTENSION_BLOCKS = "div.admonition, details, dl, table, pre, code, .tabbed-set, .arithmatex, .footnote, abbr, sup"
# Characters that reorder the text around them.
BIDI = re.compile("[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def write_corpus(folder: Path) -> None:
    """Articles carrying every vector as paragraph, standalone line, list item, title and metadata
    (text), and as live markup (a saved page and a fragment)."""
    folder.mkdir()
    lines = [f"第{n}段正文，其中夹带了 {vector(n)} 以及更多文字，用来确认内容没有丢失。" for n in range(len(VECTORS))]
    (folder / "paragraphs.txt").write_text("恶意输入测试：段落\n\n" + "\n\n".join(lines) + "\n", encoding="utf-8")
    standalone = [vector(n) for n in range(len(VECTORS))]
    (folder / "standalone.txt").write_text(
        "惡意輸入測試:獨立行\n\n這篇文章的每一行都是一個獨立的注入向量,用來測試標題與段落的判斷。\n\n"
        + "\n\n".join(standalone) + "\n", encoding="utf-8")
    items = [f"- item {n}: {vector(n)}" for n in range(len(VECTORS))]
    (folder / "list.txt").write_text(
        "Hostile input: lists\n\nEvery item of this list carries one injection vector.\n\n"
        + "\n".join(items) + "\n", encoding="utf-8")
    for n, own in zip(TITLE_VECTORS, TITLE_BODIES):
        (folder / f"title-{n}.txt").write_text(
            f"{vector(n)} 标题注入\n\n"
            f"作者:{vector(n)}\n内容来源:javascript:alert('X{n}')\n标签:{vector(n)}\n\n"
            f"{own}这篇文章的标题和元数据里都夹带了注入向量，正文是普通的文字，用来检查标题的转义。\n",
            encoding="utf-8")
    # HTML inputs: every vector as live markup in a saved page and in a CMS fragment.
    markup = "\n".join(f"<p>第{n}段：{vector(n)} 后面还有正文。</p>" for n in range(len(VECTORS)))
    (folder / "page.html").write_text(
        "<!DOCTYPE html><html lang=zh-Hans><head><meta charset=utf-8>"
        "<title>\"><script>alert('X-title')</script>恶意网页</title>"
        "<meta name=author content=\"\\\"><script>alert('X-author')</script>\">"
        "<script>alert('X-head')</script></head><body onload=alert('X-body')>"
        "<nav><a href=/>首页</a></nav><article><h1>恶意网页测试</h1>"
        "<p>这是一篇保存下来的网页，正文里的每一段都夹带了一个注入向量，导入后不能有任何脚本运行。</p>"
        f"{markup}</article><footer>版权所有</footer></body></html>", encoding="utf-8")
    fragment = "\n".join(f"<p>片段第{n}行藏着 {vector(n)}，前后都是普通的字。</p>" for n in range(len(VECTORS)))
    (folder / "fragment.htm").write_text(  # its own words: the same paragraphs would make it the page's article
        "<div><h2>Hostile fragment</h2><p>A fragment copied from a CMS, one vector per paragraph.</p>"
        f"{fragment}</div>", encoding="utf-8")
    bodies = ("标题里夹带了会颠倒旁边文字方向的控制字符，正文是普通的文字。",
              "标题里有不能写进订阅源的非字符，这一篇的正文另写了几句。")
    for (name, title), body in zip(TITLES.items(), bodies, strict=True):  # two articles: their own words
        (folder / f"title-{name}.txt").write_text(
            f"{title} 2025-04-01\n\n作者:\u202e{title}\n标签:{title}\n\n{body}\n", encoding="utf-8")
    # Non-characters in a saved page's title, text, image description and link.
    (folder / "nonchar.html").write_text(
        "<!DOCTYPE html><html><head><meta charset=utf-8><title>非字符网页 \ufffe X-page</title></head><body>"
        "<article><h1>非字符网页 \ufffe X-page</h1><p>正文里有\uffff非字符，图片的说明和链接里也有。"
        "<img src=\"http://127.0.0.1:9/a.png\" alt=\"说明\ufffe\"> <a href=\"https://example.org/\uffff\">链接\ufffe</a>"
        "</p><p>" + "这是一段足够长的正文，用来让提取器把它当成文章。" * 12 + "</p></article></body></html>",
        encoding="utf-8")

    (folder / "formatting.txt").write_text(
        f"Formatting that scrapers keep\n\n{TAG_LINE[0]}\n\nA short article whose tag line has tags of two words;"
        " see https://example.com/article详见原文 for the rest.\n", encoding="utf-8")
    (folder / "deep.html").write_text(DEEP_HTML, encoding="utf-8")


def write_hand_written(docs: Path) -> None:
    """Pages edited by hand: hostile front matter over an ordinary body."""
    for name, front in HAND_WRITTEN.items():
        (docs / "articles" / f"{name}.zh-Hans.md").write_text(
            f"---\n{front}---\n\n# 手写页面\n\n这一页是手写的，前言里的每个值都必须显示为文字。\n", encoding="utf-8")
    (docs / "notes.zh-Hans.md").write_text(HAND_WRITTEN_PAGE, encoding="utf-8")


def enable_all_extensions(config: Path) -> None:
    text = config.read_text(encoding="utf-8")
    assert "markdown_extensions:\n" in text
    config.write_text(text.replace("markdown_extensions:\n", "markdown_extensions:" + EXTRA_EXTENSIONS, 1),
                      encoding="utf-8")


def build_hostile(project: Path) -> tuple[Path, dict]:
    """(site dir, import report) of the corpus imported into the project copy at `project`."""
    write_corpus(project / "corpus")
    report = import_json(project / "corpus", docs=project / "docs")
    assert report["errors"] == [] and len(report["articles"]) == 8 + len(TITLE_VECTORS) + len(TITLES)
    write_hand_written(project / "docs")
    languages = {Path(a["source"]).name: a["languages"] for a in report["articles"]}
    assert languages["paragraphs.txt"] == languages["title-0.txt"] == ["zh-Hans", "zh-Hant"]
    proc = run_mkdocs_build(project / "site", project / "mkdocs.yml")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return project / "site", report


@pytest.fixture(scope="module")
def project_build(tmp_path_factory):
    return build_hostile(copy_site(tmp_path_factory.mktemp("project")))


@pytest.fixture(scope="module")
def all_extensions_build(tmp_path_factory):
    project = copy_site(tmp_path_factory.mktemp("all-extensions"))
    enable_all_extensions(project / "mkdocs.yml")
    return build_hostile(project)


def built_pages(site: Path, report: dict):
    """(language, built HTML path, tokens its body must show) for every imported page."""
    for art in report["articles"]:
        source = Path(art["source"]).read_text(encoding="utf-8")
        removed = " ".join(r["text"] for r in art["removed"])
        kept_tokens = set(re.findall(r"X\d+", source)) - set(re.findall(r"X\d+", removed))
        if art["source"].endswith((".html", ".htm")):
            kept_tokens = set()  # live markup is removed, not shown: the other checks apply
        for lang in art["languages"]:
            yield lang, site / LANGUAGES[lang] / "articles" / art["slug"] / "index.html", kept_tokens
    for name in HAND_WRITTEN:
        yield "zh-Hans", site / "articles" / name / "index.html", set()
    yield "zh-Hans", site / "notes" / "index.html", {"F8"}


def text_articles(site: Path, report: dict):
    """Bodies of the built pages of articles imported from text."""
    for art in report["articles"]:
        if art["source"].endswith(".txt"):
            for lang in art["languages"]:
                html = site / LANGUAGES[lang] / "articles" / art["slug"] / "index.html"
                yield html, BeautifulSoup(html.read_text(encoding="utf-8"), "html.parser").select_one("article")


@pytest.mark.parametrize("build", ["project_build", "all_extensions_build"])
def test_no_executable_markup_in_any_built_page(build, request):
    site, report = request.getfixturevalue(build)
    for lang, html, kept in built_pages(site, report):
        soup = BeautifulSoup(html.read_text(encoding="utf-8"), "html.parser")
        for tag in soup.find_all(True):  # the whole page: head, header and title too
            for attr, value in tag.attrs.items():
                assert not attr.lower().startswith("on"), (html, str(tag)[:200])
                values = value if isinstance(value, list) else [value]
                assert not any(BAD_URL.match(v) for v in values), (html, str(tag)[:200])
        for tag in soup.find_all(DANGEROUS_TAGS):  # none carries a vector, wherever it landed
            if tag.name == "meta" and "http-equiv" not in tag.attrs:
                continue  # <meta name="author" content="…">: inert text
            assert not MARKERS.search(str(tag)), (html, str(tag)[:200])
        body = soup.select_one("article")
        assert body is not None, html
        for tag in body.find_all(DANGEROUS_TAGS):
            raise AssertionError((html, str(tag)[:200]))
        text = body.get_text(" ")
        missing = {t for t in kept if not re.search(rf"{t}(?!\d)", text)}
        assert not missing, (html, sorted(missing))  # shown as text, not lost
        assert "root:x:0" not in text  # the snippet line did not include a local file


@pytest.mark.parametrize("build", ["project_build", "all_extensions_build"])
def test_scraped_block_syntax_stays_text(build, request):
    """Admonitions, details, fences, definitions, tables, blocks, maths, footnotes, indented
    code: a scraped line that starts like one is shown as written."""
    site, report = request.getfixturevalue(build)
    for html, body in text_articles(site, report):
        assert body.select(EXTENSION_BLOCKS) == [], (html, [str(t)[:120] for t in body.select(EXTENSION_BLOCKS)])
        for link in body.select("a[href^=http]"):  # a URL ends where Chinese text begins
            assert not re.search(r"[\u4e00-\u9fff]", link["href"]), (html, str(link))


def test_scraped_formatting_and_deep_html_survive(project_build):
    site, report = project_build
    pages = {Path(a["source"]).name: a for a in report["articles"]}
    html = site / LANGUAGES["en"] / "articles" / pages["formatting.txt"]["slug"] / "index.html"
    soup = BeautifulSoup(html.read_text(encoding="utf-8"), "html.parser")
    assert [a.get_text() for a in soup.select("article a.bp-tag")] == TAG_LINE[1]
    assert [a["href"] for a in soup.select("article a[href^=http]")] == ["https://example.com/article"]
    deep = pages["deep.html"]
    for lang in deep["languages"]:
        text = (site / LANGUAGES[lang] / "articles" / deep["slug"] / "index.html").read_text(encoding="utf-8")
        assert "X-deep-inside" in text and "X-deep-tail" in text, lang


def test_hand_written_front_matter_shows_as_text(project_build):
    site, _ = project_build
    soup = BeautifulSoup((site / "articles" / "hand-markup" / "index.html").read_text(encoding="utf-8"), "html.parser")
    # Escaped once: the reader sees the title as written, not as markup nor as "&lt;".
    assert soup.title.get_text().startswith("<img src=x onerror=alert('F0')>手写页面 F0")
    assert soup.select_one('meta[name="author"]')["content"] == "\"><script>alert('F1')</script>"
    assert soup.select_one('meta[name="description"]')["content"] == "</title><script>alert('F2')</script>"
    tags = [a.get_text() for a in soup.select("article a.bp-tag")]
    assert tags == ["</title><b onmouseover=alert('F3')>标签</b>", "2025"]
    for page in ("notes", f"tags/{soup.select_one('article a.bp-tag')['href'].rstrip('/').split('/')[-1]}"):
        # A title taken from the page's heading, not its front matter: Material prints it through
        # `striptags`, which turns "&lt;/title&gt;" back into markup unless the hook prevents it.
        other = BeautifulSoup((site / page / "index.html").read_text(encoding="utf-8"), "html.parser")
        assert other.head.find_all(["img", "b"]) == [] and "</title>" in other.title.get_text(), page


@pytest.mark.parametrize("build", ["project_build", "all_extensions_build"])
def test_no_character_reorders_the_listings(build, request):
    """A right-to-left override in a title would reverse the date the archive prints after it."""
    site, _ = request.getfixturevalue(build)
    for page in [*site.rglob("*.html"), *site.rglob("feed.xml")]:
        found = BIDI.search(page.read_text(encoding="utf-8"))
        assert not found, (page, hex(ord(found.group())))
    archive = (site / "archive" / "index.html").read_text(encoding="utf-8")
    assert "手写反转标题 F6" in archive and "双语周刊 X-bidi 标题反转" in archive


@pytest.mark.parametrize("build", ["project_build", "all_extensions_build"])
def test_feeds_are_valid_xml_and_carry_text(build, request):
    """Every feed parses as strict XML, and each title and description is text: a reader
    rendering it as HTML finds no element (no remote image, no script)."""
    site, _ = request.getfixturevalue(build)
    feeds = sorted(site.rglob("feed.xml"))
    assert len(feeds) == len(LANGUAGES)
    seen = []
    for feed in feeds:
        channel = etree.fromstring(feed.read_bytes()).find("channel")  # raises on characters XML cannot hold
        for item in channel.iter("item"):
            for field in ("title", "description"):
                value = item.findtext(field) or ""
                assert BeautifulSoup(value, "html.parser").find_all(True) == [], (feed, field, value[:200])
                seen.append(BeautifulSoup(value, "html.parser").get_text())
    shown = "\n".join(seen)
    assert "<img src=x onerror=alert('F0')>手写页面 F0" in shown  # as text, not lost
    assert "手写非字符" in shown and "非字符 X-nonchar" in shown


class ScriptProbe:
    """What Chromium compiles in a page's own world, from its debugger: every <script>,
    every event handler attribute when its event fires, every javascript: URL followed.
    A hostile script is seen whenever it would run, with no waiting: error and load
    handlers fire before `load`, interaction handlers during the input a test sends."""

    def __init__(self, context, page):
        self.session = context.new_cdp_session(page)
        self.compiled: list[dict] = []
        self.session.on("Debugger.scriptParsed", lambda event: self.compiled.append(event))
        self.session.send("Debugger.enable")

    def take(self) -> list[tuple[str, str]]:
        """(URL, source) of each script compiled since the last call (not Playwright's own
        evaluations, which have no URL)."""
        # A command's answer comes after every event sent before it: all compiled so far are in.
        self.session.send("Debugger.setSkipAllPauses", {"skip": True})
        found = [(e["url"], self.session.send("Debugger.getScriptSource", {"scriptId": e["scriptId"]})["scriptSource"])
                 for e in self.compiled if e.get("executionContextAuxData", {}).get("isDefault") and e["url"]]
        self.compiled.clear()
        return found


def _relative_urls(script: str) -> str:
    """An inline script of the theme as on every page: its URLs relative to the page vary with depth."""
    return re.sub(r'new URL\("[^"]*",location\)', "new URL(…,location)", script)


def visit(page, url: str) -> None:
    page.goto(url, wait_until="load")
    # Interaction-driven handlers get their chance too.
    page.mouse.move(300, 300)
    page.keyboard.press("Tab")


@pytest.mark.browser
def test_nothing_runs_in_the_browser(project_build, chromium_executable, tmp_path):
    site, report = project_build
    events: list[str] = []
    opened: list[str] = []
    with SiteServer(site, site_prefix()) as server, chromium_context(chromium_executable, tmp_path) as context:

        def guard(route):
            if urlsplit(route.request.url).hostname != "127.0.0.1":
                events.append(f"request left 127.0.0.1: {route.request.url}")
                return route.abort()
            return route.continue_()

        context.route("**/*", guard)
        page = context.new_page()
        page.on("dialog", lambda d: (events.append(f"dialog on {page.url}: {d.message}"), d.dismiss()))
        probe = ScriptProbe(context, page)
        page.set_content('<img src="data:," onerror="void 0">')
        assert probe.take() == [("about:blank", "void 0")]  # the probe sees a handler that ran
        # The site's own scripts: the files of the theme and the search, and the inline scripts
        # of pages no imported text reaches (the 404 pages, a sample article in three languages).
        own_files = server.url("assets/"), server.url("pagefind/")
        own = set()
        for html in [*sorted(site.rglob("404.html")), *(site / LANGUAGES[lang] / "articles" / "tech-week-opening" /
                                                         "index.html" for lang in LANGUAGES)]:
            visit(page, server.url(html.relative_to(site).as_posix()))
            own |= {_relative_urls(source) for url, source in probe.take() if not url.startswith(own_files)}
        # Every page of the site: the articles, and whatever lists their titles.
        for html in sorted(site.rglob("*.html")):
            url = server.url(html.relative_to(site).as_posix())
            visit(page, url)
            opened.append(url)
            events += [f"script ran on {url}: {source[:120]!r}" for script_url, source in probe.take()
                       if not script_url.startswith(own_files) and _relative_urls(source) not in own]
    assert sum("/articles/" in u for u in opened) >= sum(len(a["languages"]) for a in report["articles"])
    assert own and events == []
