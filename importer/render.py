"""Render a Page as Markdown with YAML front matter.

Body text is escaped so that scraped text is always shown as text: Markdown
syntax, raw HTML and entity tricks in an article become literal characters,
and so does the block syntax of Markdown extensions a site may enable
(admonitions, details, fences, definitions, tables, blocks, maths) at the start
of a line. The only Markdown markup in a page is what this module writes: links
and emphasis from the importer's own inline markers (model.py), never source
HTML. Titles and metadata are written without invisible formatting characters
(frontmatter.visible).
"""
from __future__ import annotations

import datetime as dt
import functools
import hashlib
import re
from dataclasses import replace
from urllib.parse import quote, urlsplit

from .frontmatter import visible
from .model import (CELL, EM_CLOSE, EM_OPEN, LINK_CLOSE, LINK_OPEN, MARKERS, ROW, STRONG_CLOSE,
                    STRONG_OPEN, Article, Block, Page, plain)


DIGEST_KEY = "import_digest"
# Images stored with the site (importer/images.py): docs/images/<digest>.<ext>, referred to
# relative to the page; the front matter maps each to the address it came from.
IMAGES_DIR = "images"
IMAGE_SOURCES_KEY = "image_sources"
_LOCAL_IMAGE = re.compile(rf"(?:\.\./)*{IMAGES_DIR}/[0-9a-f]{{20}}\.(?:webp|jpg|png|gif)")
# A bare URL ends at whitespace, quotes, brackets, the importer's markers and the first
# CJK or full-width character (详见https://example.com/a了解更多: the link is the URL only).
_NOT_IN_URL = "\\s<>\"'\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef\ue000-\ue00f"
_URL = re.compile(f"https?://[^{_NOT_IN_URL}]+[^{_NOT_IN_URL}.,;:!?)]")
_INLINE_SPECIAL = re.compile(r"([\\`*_{}])")
# Written as character references: "\[…\]" and "$…$" open maths under pymdownx.arithmatex.
_AS_REFERENCE = str.maketrans({"[": "&#91;", "]": "&#93;", "$": "&#36;"})
# Text placed anywhere on a line (the listings' titles, headings and tags, where no
# line-start rule runs): heading, list, table and image marks are escaped too, and a
# link's parentheses (and "\(…\)" maths) are character references.
_ANYWHERE_SPECIAL = re.compile(r"([\\`*_{}#+\-.!|])")
_ANYWHERE_REFERENCE = str.maketrans({"[": "&#91;", "]": "&#93;", "(": "&#40;", ")": "&#41;", "$": "&#36;"})
# What may open a block at the start of a line: headings, quotes, lists and setext
# underlines (# > + - =), admonitions (!!!), details (???), definitions (:), fences
# (~~~), tables (|), blocks (///), a number before "." or ")" (an ordered list), and
# indentation (code). Fences with backticks, attribute lists and footnotes start with
# characters every line escapes anyway, and "$$" with a character reference.
_LINE_START = re.compile(r"^[ \t]*(?:([#>+\-=!?:~|/])|(\d+)(?=[.)]))?", re.M)


# Link targets a page may have: the web and mail, nothing a browser would run.
SAFE_SCHEMES = ("http", "https", "mailto")
_EMPHASIS = {EM_OPEN: "*", EM_CLOSE: "*", STRONG_OPEN: "**", STRONG_CLOSE: "**"}


def safe_url(url: str) -> str | None:
    """`url` percent-encoded for a Markdown link target, or None unless http(s)/mailto."""
    url = url.strip()
    if urlsplit(url).scheme.lower() not in SAFE_SCHEMES:
        return None
    return quote(url, safe="/:?#@!$&'*+,;=%~-._")


def escape_text(text: str, links: tuple[str, ...] = ()) -> str:
    """Scraped text as Markdown that renders to exactly that text; bare URLs become links.

    Inline markers (model.py) become emphasis and links to `links[n]`.
    """
    out: list[str] = []
    pos, n_link, in_link = 0, 0, None
    for m in MARKERS.finditer(text):
        out.append(_escape_run(text[pos : m.start()], autolink=in_link is None))
        marker, pos = m.group(0), m.end()
        if marker in _EMPHASIS:
            out.append(_EMPHASIS[marker])
        elif marker == LINK_OPEN:
            in_link = safe_url(links[n_link]) if n_link < len(links) else None
            n_link += 1
            if in_link:
                if out and out[-1].endswith("!"):  # "![" would start an image
                    out[-1] = out[-1][:-1] + "\\!"
                out.append("[")
        elif marker == LINK_CLOSE:
            if in_link:
                out.append(f"]({in_link})")
            in_link = None
    out.append(_escape_run(text[pos:], autolink=True))
    return _LINE_START.sub(_line_start, "".join(out))


def _line_start(m: re.Match) -> str:
    """The start of a line that opens no block: no indentation, the opening character as
    a character reference (which no block syntax matches), or "1986\\." for "1986."."""
    if m[1]:
        return f"&#{ord(m[1])};"
    return m[2] + "\\" if m[2] else ""


def _escape_run(text: str, autolink: bool) -> str:
    if not autolink:  # inside a link's text: a URL there must not become a nested link
        return _escape_plain(text)
    out, pos = [], 0
    for m in _URL.finditer(text):
        out.append(_escape_plain(text[pos : m.start()]))
        out.append(f"<{m.group(0)}>")
        pos = m.end()
    out.append(_escape_plain(text[pos:]))
    return "".join(out)


def _escape_plain(text: str) -> str:
    return _escape(text, _INLINE_SPECIAL, _AS_REFERENCE)


def escape_anywhere(text: str) -> str:
    """Plain text as Markdown that renders to exactly that text wherever on a line it
    stands (a heading, a list item, a link's text): what listings/render.py writes."""
    return _escape(text, _ANYWHERE_SPECIAL, _ANYWHERE_REFERENCE)


def _escape(text: str, special: re.Pattern, references: dict) -> str:
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return special.sub(r"\\\1", text).translate(references)


def _image(block: Block) -> str:
    url = block.text if _LOCAL_IMAGE.fullmatch(block.text) else safe_url(block.text)
    alt = _escape_plain(plain(block.alt))
    return f"![{alt}]({url})" if url else alt  # readers only keep http(s) images; never a script URL


def _table(block: Block) -> list[str]:
    """A Markdown table; the first row is the header, short rows are padded."""
    rows = [row.split(CELL) for row in block.text.split(ROW)]
    width = max(len(r) for r in rows)
    links = iter(block.links)
    lines = []
    for n, row in enumerate(rows):
        cells = []
        for cell in row + [""] * (width - len(row)):
            own = tuple(next(links, "") for _ in range(cell.count(LINK_OPEN)))
            cells.append(escape_text(cell.strip(), own).replace("|", "\\|") or " ")
        lines.append("| " + " | ".join(cells) + " |")
        if n == 0:
            lines.append("|" + " --- |" * width)
    return lines


def render_body(page: Page) -> str:
    lines = [f"# {escape_text(page.title)}", ""]
    prev = None
    for block in page.blocks:
        in_list = block.kind in ("item", "oitem") and prev is not None and prev.kind == block.kind
        if prev is not None and not in_list:
            # ">" keeps consecutive quote paragraphs in one block quote
            lines.append(">" if block.kind == "quote" and prev.kind == "quote" else "")
        text = "" if block.kind in ("image", "table") else escape_text(block.text, block.links)
        if block.kind == "heading":
            lines.append("#" * min(max(block.level, 2), 6) + " " + text)
        elif block.kind == "item":
            lines.append("- " + text)
        elif block.kind == "oitem":
            lines.append(f"{block.level or 1}. " + text)
        elif block.kind == "image":
            lines.append(_image(block))
        elif block.kind == "caption":
            lines.append(f"*{text}*")
        elif block.kind == "quote":
            lines.append("> " + text)
        elif block.kind == "table":
            lines.extend(_table(block))
        elif block.kind == "rule":
            lines.append("---")
        else:
            lines.append(text)
        prev = block
    return "\n".join(lines) + "\n"


def front_matter(article: Article, page: Page, date: dt.date) -> dict:
    meta = article.meta
    fm = {"title": page.title, "date": date, "lang": page.lang}
    if meta.get("draft"):
        fm["draft"] = True
    for key in ("author", "source", "source_name", "link", "original_title", "issue", "series", "site_name",
                "source_lang", "content_lang"):
        value = page.author if key == "author" and page.author else meta.get(key)
        value = visible(value) if isinstance(value, str) else value
        if value not in (None, ""):
            fm[key] = value
    if page.tags:
        fm["tags"] = list(page.tags)
    if meta.get(IMAGE_SOURCES_KEY):
        fm[IMAGE_SOURCES_KEY] = dict(meta[IMAGE_SOURCES_KEY])
    fm["slug"] = article.slug
    fm["translations"] = list(article.pages)
    fm["article_id"] = _Quoted(meta["article_id"])
    fm["imported_from"] = meta.get("imported_from", "")
    return fm


def render_page(article: Article, page: Page, date: dt.date) -> str:
    """The complete file: front matter (ending with a digest of the file) and body."""
    import yaml  # here, not at the top: a re-import that changes nothing never loads it

    page = replace(page, title=visible(page.title), tags=tuple(filter(None, map(visible, page.tags))))
    head = yaml.dump(front_matter(article, page, date), Dumper=_dumper(), allow_unicode=True,
                     sort_keys=False, width=10_000)
    body = render_body(page)
    digest = content_digest(f"---\n{head}---\n\n{body}")
    return f"---\n{head}{DIGEST_KEY}: '{digest}'\n---\n\n{body}"


class _Quoted(str):
    """A string always written in quotes: an id of digits (or 1e5) must read back as a string in any YAML."""


@functools.lru_cache(maxsize=None)
def _dumper():
    import yaml

    # libyaml's emitter when PyYAML has it: same output, many times faster.
    class Dumper(getattr(yaml, "CSafeDumper", yaml.SafeDumper)):
        pass

    Dumper.add_representer(_Quoted, lambda d, v: d.represent_scalar("tag:yaml.org,2002:str", str(v), style="'"))
    return Dumper


def content_digest(text: str) -> str:
    """Digest of a page without its own digest line: tells hand edits from our output."""
    without = re.sub(rf"^{DIGEST_KEY}: .*\n", "", text, count=1, flags=re.M)
    return hashlib.sha256(without.encode("utf-8")).hexdigest()[:16]
