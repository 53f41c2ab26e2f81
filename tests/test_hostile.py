"""Hostile articles, text and HTML: every vector of tests/hostile.py is imported, built and opened.

Two builds: the project's own configuration (also opened in headless
Chromium), and one with every common Markdown extension switched on (raw HTML
in Markdown, attribute lists, snippets that include files…), which shows that
the importer's escaping neutralises the corpus whatever mkdocs.yml enables.
"""
from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from bs4 import BeautifulSoup

from conftest import LANGUAGES, SiteServer, chromium_context, copy_site, run_mkdocs_build, site_prefix
from helpers import import_json
from hostile import VECTORS, vector

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


def enable_all_extensions(config: Path) -> None:
    text = config.read_text(encoding="utf-8")
    assert "markdown_extensions:\n" in text
    config.write_text(text.replace("markdown_extensions:\n", "markdown_extensions:" + EXTRA_EXTENSIONS, 1),
                      encoding="utf-8")


def build_hostile(project: Path) -> tuple[Path, dict]:
    """(site dir, import report) of the corpus imported into the project copy at `project`."""
    write_corpus(project / "corpus")
    report = import_json(project / "corpus", docs=project / "docs")
    assert report["errors"] == [] and len(report["articles"]) == 5 + len(TITLE_VECTORS)
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
            assert not re.search(r"X\d|X-|evil\.example", str(tag)), (html, str(tag)[:200])
        body = soup.select_one("article")
        assert body is not None, html
        for tag in body.find_all(DANGEROUS_TAGS):
            raise AssertionError((html, str(tag)[:200]))
        text = body.get_text(" ")
        missing = {t for t in kept if not re.search(rf"X{t[1:]}(?!\d)", text)}
        assert not missing, (html, sorted(missing))  # shown as text, not lost
        assert "root:x:0" not in text  # the snippet line did not include a local file


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
        # Every page of the site: the articles, and whatever lists their titles.
        for html in sorted(site.rglob("*.html")):
            url = server.url(html.relative_to(site).as_posix())
            page.goto(url, wait_until="load")
            opened.append(url)
            page.wait_for_timeout(50)
            # Interaction-driven handlers get their chance too.
            page.mouse.move(300, 300)
            page.keyboard.press("Tab")
    assert sum("/articles/" in u for u in opened) >= sum(len(a["languages"]) for a in report["articles"])
    assert events == []
