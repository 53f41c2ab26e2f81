"""Render a Page as Markdown with YAML front matter.

Body text is escaped so that scraped text is always shown as text: Markdown
syntax, raw HTML and entity tricks in an article become literal characters.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import re

import yaml

from .model import Article, Block, Page

# libyaml's emitter when PyYAML has it: same output, many times faster.
_Dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)

DIGEST_KEY = "import_digest"
_URL = re.compile(r"https?://[^\s<>\"'，。、）】]+[^\s<>\"'，。、）】.,;:!?)]")
_INLINE_SPECIAL = re.compile(r"([\\`*_\[\]{}])")
_LINE_START = re.compile(r"^(\s*)([#>+\-=]|\d+(?=[.)])|!(?=\[))")


def escape_text(text: str) -> str:
    """Scraped text as Markdown that renders to exactly that text; bare URLs become links."""
    out, pos = [], 0
    for m in _URL.finditer(text):
        out.append(_escape_plain(text[pos : m.start()]))
        out.append(f"<{m.group(0)}>")
        pos = m.end()
    out.append(_escape_plain(text[pos:]))
    line = "".join(out)
    return _LINE_START.sub(lambda m: m.group(1) + "\\" + m.group(2) if not m.group(2)[0].isdigit()
                           else m.group(1) + m.group(2) + "\\", line, count=1)


def _escape_plain(text: str) -> str:
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return _INLINE_SPECIAL.sub(r"\\\1", text)


def _image(block: Block) -> str:
    url = block.text.replace(" ", "%20").replace("(", "%28").replace(")", "%29")
    return f"![{_escape_plain(block.alt)}]({url})"


def render_body(page: Page) -> str:
    lines = [f"# {escape_text(page.title)}", ""]
    prev = None
    for block in page.blocks:
        in_list = block.kind in ("item", "oitem") and prev is not None and prev.kind == block.kind
        if prev is not None and not in_list:
            lines.append("")
        if block.kind == "heading":
            lines.append("#" * max(block.level, 2) + " " + escape_text(block.text))
        elif block.kind == "item":
            lines.append("- " + escape_text(block.text))
        elif block.kind == "oitem":
            lines.append(f"{block.level or 1}. " + escape_text(block.text))
        elif block.kind == "image":
            lines.append(_image(block))
        elif block.kind == "caption":
            lines.append(f"*{escape_text(block.text)}*")
        else:
            lines.append(escape_text(block.text))
        prev = block
    return "\n".join(lines) + "\n"


def front_matter(article: Article, page: Page, date: dt.date) -> dict:
    meta = article.meta
    fm = {"title": page.title, "date": date, "lang": page.lang}
    for key in ("author", "source", "link", "original_title", "issue", "series"):
        if meta.get(key) not in (None, ""):
            fm[key] = meta[key]
    if page.tags:
        fm["tags"] = list(page.tags)
    fm["slug"] = article.slug
    fm["translations"] = list(article.pages)
    fm["article_id"] = meta["article_id"]
    fm["imported_from"] = meta.get("imported_from", "")
    return fm


def render_page(article: Article, page: Page, date: dt.date) -> str:
    """The complete file: front matter (ending with a digest of the file) and body."""
    head = yaml.dump(front_matter(article, page, date), Dumper=_Dumper,
                     allow_unicode=True, sort_keys=False, width=10_000)
    body = render_body(page)
    digest = content_digest(f"---\n{head}---\n\n{body}")
    return f"---\n{head}{DIGEST_KEY}: {digest}\n---\n\n{body}"


def content_digest(text: str) -> str:
    """Digest of a page without its own digest line: tells hand edits from our output."""
    without = re.sub(rf"^{DIGEST_KEY}: .*\n", "", text, count=1, flags=re.M)
    return hashlib.sha256(without.encode("utf-8")).hexdigest()[:16]
