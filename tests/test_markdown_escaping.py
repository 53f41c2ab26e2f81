"""Scraped text renders as written under every common Markdown extension (importer/render.py),
a bare URL ends where Chinese text begins, and a tag line splits where its tags are separated."""
from __future__ import annotations

import markdown
import pytest
from bs4 import BeautifulSoup

from importer.frontmatter import visible
from importer.model import Block, Page
from importer.render import escape_text, render_body
from importer.parts import _tags

# Block syntax of Python-Markdown and the extensions a MkDocs site commonly enables,
# as the first characters of a scraped line (one block each, as the importer writes them).
LINES = [
    '!!! danger "您的账户存在异常登录风险，请立即验证"',
    "!!!note",
    '??? note "点击展开全文"',
    "???+ warning",
    "~~~",
    "~~~python",
    "```",
    ":   这一行不是定义",
    ": 冒号开头",
    "| 第一列 | 第二列 |",
    "|---|---|",
    "/// warning | 标题",
    "///",
    "$$",
    "$$ E = mc^2 $$",
    '=== "标签页"',
    "--8<-- \"/etc/passwd\"",
    "[TOC]",
    "*[HTML]: 超文本标记语言",
    "[^1]: 脚注",
    "- [ ] 任务",
    "1986. 不是编号",
    "# 不是标题",
    "> 不是引用",
    "+ 不是列表",
    "    缩进四格不是代码",
    "\t制表符开头也不是代码",
    "{: .danger }",
    "<div markdown>不是 HTML</div>",
    "***",
    "___",
]
# The same syntax across lines of one block (a line break inside an HTML paragraph).
MULTILINE = [
    "| a | b |\n| --- | --- |\n| c | d |",
    "术语\n:   定义",
    "正文\n!!! danger \"警告\"\n    内容",
    "正文\n~~~\n代码\n~~~",
    "正文\n??? note\n    折叠",
]
EXTENSIONS = ["toc", "admonition", "attr_list", "tables", "md_in_html", "def_list", "footnotes", "abbr",
              "pymdownx.superfences", "pymdownx.details", "pymdownx.tabbed", "pymdownx.arithmatex",
              "pymdownx.blocks.admonition", "pymdownx.blocks.details", "pymdownx.tasklist", "pymdownx.snippets"]


def rendered(blocks: list[Block]) -> BeautifulSoup:
    body = render_body(Page("zh-Hans", "标题", tuple(blocks)))
    html = markdown.markdown(body, extensions=EXTENSIONS)
    return BeautifulSoup(html, "html.parser")


@pytest.mark.parametrize("line", LINES + MULTILINE)
def test_block_syntax_at_the_start_of_a_line_stays_text(line):
    for kind in ("para", "item", "quote"):  # a list item's or a quote's text starts a block too
        soup = rendered([Block("para", "前一段。"), Block(kind, line), Block("para", "后一段。")])
        wrapper = {"para": [], "item": ["ul", "li"], "quote": ["blockquote"]}[kind]
        made = [t.name for t in soup.find_all(True) if t.name not in ("h1", "p", *wrapper)]
        assert made == [], (kind, line, str(soup)[:300])
        shown = soup.find_all("p")[1] if kind == "para" else soup.find(wrapper[-1])
        assert " ".join(shown.get_text().split()) == " ".join(line.split()), (kind, line, str(shown))


@pytest.mark.parametrize("text, url, after", [
    ("详见https://example.com/page了解更多", "https://example.com/page", "了解更多"),
    ("原文：https://example.com/a?b=1，转载请注明", "https://example.com/a?b=1", "，转载请注明"),
    ("see https://example.com/x.html。下一句", "https://example.com/x.html", "。下一句"),
    ("链接https://example.com/路径", "https://example.com/", "路径"),
    ("https://example.com/ｆｕｌｌ全角", "https://example.com/", "ｆｕｌｌ全角"),
])
def test_a_url_ends_where_chinese_text_begins(text, url, after):
    soup = rendered([Block("para", text)])
    link = soup.find("a")
    assert link["href"] == url and link.get_text() == url
    assert link.next_sibling.startswith(after)
    assert " ".join(soup.p.get_text().split()) == text


@pytest.mark.parametrize("line, tags", [
    ("Open Source, Machine Learning", ("Open Source", "Machine Learning")),
    ("人工智能，芯片、 开源模型", ("人工智能", "芯片", "开源模型")),
    ("AI; Large Language Models ;GPU", ("AI", "Large Language Models", "GPU")),
    ("#AI #芯片 #开源", ("AI", "芯片", "开源")),
    ("#Gate品牌蓝创作挑战#", ("Gate品牌蓝创作挑战",)),
    ("人工智能 芯片 开源", ("人工智能", "芯片", "开源")),  # no separator but spaces: words
])
def test_tag_lines_split_where_tags_are_separated(line, tags):
    assert _tags(line, None) == tags


def test_invisible_characters_leave_titles():
    assert visible("\u202e双语周刊\u202c 2025-04-01") == "双语周刊 2025-04-01"
    assert visible("a\u200bb\u2066c\u2069\ufeffd\u00ade") == "abcde"
    assert visible("👨\u200d👩\u200d👧 ❤\ufe0f") == "👨\u200d👩\u200d👧 ❤\ufe0f"  # emoji keep their joiners


def test_escaped_text_reads_back_as_written():
    """The escapes are entities or backslashes Markdown removes: the text a reader sees is the line."""
    for line in LINES:
        html = markdown.markdown(escape_text(line), extensions=EXTENSIONS)
        assert " ".join(BeautifulSoup(html, "html.parser").get_text().split()) == " ".join(line.split())
