"""Sanitised HTML (article content only) to typed blocks.

Block elements become blocks (headings, paragraphs, list items, quotes, tables,
images with captions); inline links and emphasis become the importer's own
markers (model.py), so render.py writes every bit of Markdown itself and no
source HTML ever reaches a page. Whitespace is collapsed as a browser would.
"""
from __future__ import annotations

import re

import lxml.html

from .model import (CELL, EM_CLOSE, EM_OPEN, LINK_CLOSE, LINK_OPEN, ROW, STRONG_CLOSE, STRONG_OPEN,
                    Block, plain)

HEADINGS = {f"h{n}": n for n in range(1, 7)}
# What the walker understands; sanitise() (html_reading) lets nothing else through.
WALKED_TAGS = {*HEADINGS, "p", "div", "section", "article", "main", "span", "br", "hr", "ul", "ol",
               "li", "dl", "dt", "dd", "blockquote", "pre", "code", "table", "thead", "tbody",
               "tfoot", "tr", "th", "td", "caption", "figure", "figcaption", "img", "a", "em", "i",
               "strong", "b", "u", "s", "del", "sub", "sup", "small", "mark", "abbr", "cite", "q"}
WALKED_ATTRIBUTES = {"a": {"href"}, "img": {"src", "alt"}}
_CONTAINERS = {"div", "section", "article", "main", "figure", "dl", "body", "html"}
_LISTS = {"ul", "ol"}
_EMPHASIS = {"em": (EM_OPEN, EM_CLOSE), "i": (EM_OPEN, EM_CLOSE), "cite": (EM_OPEN, EM_CLOSE),
             "strong": (STRONG_OPEN, STRONG_CLOSE), "b": (STRONG_OPEN, STRONG_CLOSE)}
_BLOCK_TAGS = {*HEADINGS, "p", "ul", "ol", "li", "blockquote", "pre", "table", "figure", "hr",
               "dt", "dd", *_CONTAINERS}
_SPACE = re.compile(r"\s+")
# A space inside an emphasis or link marker moves outside it ("** x **" does not render).
_SPACE_IN_OPEN = re.compile(f"([{EM_OPEN}{STRONG_OPEN}{LINK_OPEN}]) ")
_SPACE_IN_CLOSE = re.compile(f" ([{EM_CLOSE}{STRONG_CLOSE}{LINK_CLOSE}])")
_EMPTY_EMPHASIS = re.compile(f"{EM_OPEN}{EM_CLOSE}|{STRONG_OPEN}{STRONG_CLOSE}")


# libxml2 stops after 256 nested elements and silently drops the rest of the page;
# with huge_tree it reads 2048 levels and reports anything deeper (html_reading refuses it).
PARSER = lxml.html.HTMLParser(huge_tree=True)


def to_blocks(html: str, captions: dict[str, str] | None = None) -> tuple[Block, ...]:
    """Blocks of an HTML fragment; `captions` maps image addresses to their captions."""
    if not html.strip():
        return ()
    root = lxml.html.fragment_fromstring(html, create_parent="div", parser=PARSER)
    walker = _Walker(captions or {})
    walker.container(root)
    return _without_caption_copies(walker.blocks)


def _without_caption_copies(blocks: list[Block]) -> tuple[Block, ...]:
    """The blocks without text that repeats a caption: an extractor keeps a gallery's
    or figure's caption as a paragraph or list item, and the walker puts it under
    its image already."""
    captions = {_SPACE.sub(" ", b.text).strip() for b in blocks if b.kind == "caption"}
    return tuple(b for b in blocks if b.kind in ("caption", "image", "table", "heading")
                 or _SPACE.sub(" ", plain(b.text)).strip() not in captions)


class _Walker:
    def __init__(self, captions: dict[str, str]):
        self.captions = captions
        self.blocks: list[Block] = []
        # An image shown twice (lazy-loading copies, thumbnail and full size) or a
        # caption shared by renditions of one picture is kept the first time only.
        self.seen_images: set[str] = set()
        self.seen_captions: set[str] = set()

    def container(self, el) -> None:
        """Block children become blocks; loose inline text between them becomes paragraphs."""
        run: list = []  # inline content not inside a block element
        if el.text and el.text.strip():
            run.append(el.text)
        for child in el:
            if not isinstance(child.tag, str):  # comments, processing instructions
                if child.tail:
                    run.append(child.tail)
                continue
            if child.tag in _BLOCK_TAGS or _wraps_blocks(child):
                self.inline_run(run, "para")
                run = []
                # An inline element around blocks (a link around a whole section)
                # is walked as a container: its blocks matter more than its link.
                self.block(child) if child.tag in _BLOCK_TAGS else self.container(child)
                if child.tail and child.tail.strip():
                    run.append(child.tail)
            else:
                run.append(child)
                if child.tail:  # the copy made of an inline child leaves its tail behind
                    run.append(child.tail)
        self.inline_run(run, "para")

    def block(self, el) -> None:
        tag = el.tag
        if tag in HEADINGS:
            text = plain(_inline(el)[0])
            if text:
                self.blocks.append(Block("heading", text, level=HEADINGS[tag]))
        elif tag in ("p", "dt", "dd", "pre"):
            self.inline_run([el], "para")
        elif tag in _LISTS:
            self.list(el)
        elif tag == "li":  # an item outside a list: a paragraph
            self.inline_run([el], "para")
        elif tag == "blockquote":
            self.quote(el)
        elif tag == "table":
            self.table(el)
        elif tag == "hr":
            pass
        elif tag == "figure":
            self.container(el)
        elif tag in _CONTAINERS:
            self.container(el)

    def list(self, el) -> None:
        n = 0
        for li in el.iterchildren("li"):
            n += 1
            nested = [c for c in li if c.tag in _LISTS]
            for c in nested:
                li.remove(c)  # flattened: a nested list's items follow their parent item
            text, links = _inline(li)
            for img in li.iter("img"):
                self.image(img)
            if text:
                kind = "oitem" if el.tag == "ol" else "item"
                self.blocks.append(Block(kind, text, level=n if kind == "oitem" else 0, links=links))
            for c in nested:
                self.list(c)

    def quote(self, el) -> None:
        start = len(self.blocks)
        self.container(el)
        # Everything inside a block quote is quoted text (headings and lists flattened).
        self.blocks[start:] = [Block("quote", b.text, links=b.links) if b.kind != "image" else b
                               for b in self.blocks[start:]]

    def table(self, el) -> None:
        rows = [tr for tr in el.iter("tr")]
        cells = [[_inline(td, cell=True) for td in tr if td.tag in ("td", "th")] for tr in rows]
        cells = [row for row in cells if any(text for text, _ in row)]
        if len(cells) <= 1 and all(len(row) <= 1 for row in cells):
            # A layout table (one cell): its content is ordinary text.
            for td in el.iter("td", "th"):
                self.container(td)
            return
        text = ROW.join(CELL.join(t.replace(ROW, "").replace(CELL, "") for t, _ in row) for row in cells)
        links = tuple(link for row in cells for _, ls in row for link in ls)
        self.blocks.append(Block("table", text, links=links))

    def image(self, img) -> None:
        src = img.get("src") or ""
        if not src or src in self.seen_images:
            return
        self.seen_images.add(src)
        self.blocks.append(Block("image", src, alt=img.get("alt") or ""))
        caption = self.captions.get(src)
        if caption and caption not in self.seen_captions:
            self.seen_captions.add(caption)
            self.blocks.append(Block("caption", caption))

    def inline_run(self, run: list, kind: str) -> None:
        """Paragraphs from inline content; <br> splits paragraphs, images stand alone."""
        if not run:
            return
        wrapper = lxml.html.Element("span")
        for item in run:
            if isinstance(item, str):
                _append_text(wrapper, item)
            elif item.tag in ("p", "dt", "dd", "pre", "li"):
                wrapper.append(_copy_inline(item))
            else:
                wrapper.append(_copy(item))
        images = list(wrapper.iter("img"))
        for img in images:
            self.image(img)
            _remove_keep_tail(img)
        for br in list(wrapper.iter("br")):
            br.tail = "\n" + (br.tail or "")
            _remove_keep_tail(br)
        text, links = _inline(wrapper, keep_newlines=True)
        link_iter = iter(links)
        for piece in text.split("\n"):
            piece = _tidy(piece)
            own = tuple(next(link_iter) for _ in range(piece.count(LINK_OPEN)))
            if plain(piece).strip():
                self.blocks.append(Block(kind, piece, links=own))

def _wraps_blocks(el) -> bool:
    return any(isinstance(d.tag, str) and d.tag in _BLOCK_TAGS for d in el.iterdescendants())


def _inline(el, keep_newlines: bool = False, cell: bool = False) -> tuple[str, tuple[str, ...]]:
    """The text of an element with emphasis and link markers, and the link targets.

    Block elements inside (a list item's paragraphs, a cell's heading) are kept
    apart by a space; a table cell (`cell`) keeps the text of its lists too.
    """
    inline = _Inline(cell)
    inline.walk(el, False)
    text = "".join(inline.out)
    if keep_newlines:
        text = "\n".join(_SPACE.sub(" ", part) for part in text.split("\n"))
    else:
        text = _tidy(text)
    return text, tuple(inline.links)


class _Inline:
    """Collects an element's text with emphasis and link markers, and its link targets."""

    def __init__(self, cell: bool):
        self.cell = cell
        self.out: list[str] = []
        self.links: list[str] = []

    def walk(self, node, in_link: bool) -> None:
        if node.text:
            self.out.append(node.text)
        for child in node:
            if not isinstance(child.tag, str):
                pass
            elif child.tag == "a" and child.get("href") and not in_link:
                self.link(child)
            elif child.tag in _EMPHASIS:
                open_, close = _EMPHASIS[child.tag]
                self.out.append(open_)
                self.walk(child, in_link)
                self.out.append(close)
            elif (child.tag in _LISTS and not self.cell) or child.tag in ("table", "img"):
                pass  # nested blocks inside inline content are handled by the walker
            elif child.tag in _BLOCK_TAGS or child.tag == "br":
                self.out.append(" ")
                self.walk(child, in_link)
                self.out.append(" ")
            else:
                self.walk(child, in_link)
            if child.tail:
                self.out.append(child.tail)

    def link(self, child) -> None:
        start = len(self.out)
        self.out.append(LINK_OPEN)
        self.links.append(child.get("href"))
        self.walk(child, True)
        if not plain("".join(self.out[start + 1:])).strip():  # no text: no link
            del self.out[start:]
            self.links.pop()
        else:
            self.out.append(LINK_CLOSE)


def _tidy(text: str) -> str:
    text = _SPACE.sub(" ", text)
    text = _SPACE_IN_OPEN.sub(r" \1", text)
    text = _SPACE_IN_CLOSE.sub(r"\1 ", text)
    text = _EMPTY_EMPHASIS.sub("", text)
    return _SPACE.sub(" ", text).strip()


def _append_text(parent, text: str) -> None:
    if len(parent):
        parent[-1].tail = (parent[-1].tail or "") + text
    else:
        parent.text = (parent.text or "") + text


def _copy(el):
    html = lxml.html.tostring(el, encoding="unicode", with_tail=False)
    return lxml.html.fragment_fromstring(html, parser=PARSER)


def _copy_inline(el):
    """A block element's content as a span, followed by a line break (its own paragraph)."""
    span = _copy(el)
    span.tag = "span"
    span.append(lxml.html.Element("br"))
    return span


def _remove_keep_tail(el) -> None:
    parent = el.getparent()
    if el.tail:
        prev = el.getprevious()
        if prev is not None:
            prev.tail = (prev.tail or "") + el.tail
        else:
            parent.text = (parent.text or "") + el.tail
    parent.remove(el)
