"""Find the article's shape in plain lines: headings, lists, images and paragraphs.

Scraped text has lost its markup; what is left are conventions a reader
recognises: a short standalone line before a longer paragraph is a heading,
"- " and "1." open list items, a numbered line followed by bullets heads
those bullets. These rules are heuristics by nature, so they live in one place.
"""
from __future__ import annotations

import re

from .model import Block
from .text import is_heading_like

_BULLET = re.compile(r"[-*•·●▪◦‣]\s*(?P<text>.+)")
_NUMBERED = re.compile(r"(?:(?P<n>\d{1,2})[.)．、]|[（(](?P<p>\d{1,2})[)）])\s*(?P<text>\S.*)")
_MD_IMAGE = re.compile(r"!\[(?P<alt>[^\]]*)\]\((?P<url>https?://[^\s)]+)(?:\s+\"[^\"]*\")?\)")
_IMAGE_URL = re.compile(r"(?P<url>https?://\S+\.(?:png|jpe?g|gif|webp|svg|avif)(?:\?\S*)?)", re.I)


def classify(line: str) -> Block:
    """One raw line to a block, before looking at its neighbours."""
    m = _MD_IMAGE.fullmatch(line)
    if m:
        return Block("image", m.group("url"), alt=m.group("alt"))
    m = _IMAGE_URL.fullmatch(line)
    if m:
        return Block("image", m.group("url"))
    m = _BULLET.fullmatch(line)
    if m:
        return Block("item", m.group("text").strip())
    m = _NUMBERED.fullmatch(line)
    if m:
        return Block("oitem", m.group("text").strip(), level=int(m.group("n") or m.group("p")))
    return Block("para", line)


def structure(blocks_in: list[Block]) -> tuple[Block, ...]:
    """Typed blocks for a run of blocks in one language.

    Only raw "line" blocks (text input) are classified and may be promoted;
    blocks that came typed from HTML markup are kept as they are.
    """
    blocks = [classify(b.text) if b.kind == "line" else b for b in blocks_in]
    raw = [b.kind == "line" for b in blocks_in]
    out: list[Block] = []
    for i, block in enumerate(blocks):
        nxt = blocks[i + 1] if i + 1 < len(blocks) else None
        if not raw[i]:
            out.append(block)
        elif i and blocks[i - 1].kind == "image" and block.kind == "para" and is_heading_like(block.text):
            out.append(Block("caption", block.text))  # the short line under an image
        else:
            out.append(_promote(block, nxt, blocks, i))
    return tuple(out)


def _promote(block: Block, nxt: Block | None, blocks: list[Block], i: int) -> Block:
    """A block becomes a heading when its neighbours say it heads a section."""
    if nxt is None:
        return block
    if block.kind == "para" and is_heading_like(block.text):
        if nxt.kind in ("item", "oitem", "image") or (
            nxt.kind == "para" and len(nxt.text) > len(block.text)
        ) or (nxt.kind == "para" and is_heading_like(nxt.text)):
            return Block("heading", block.text)
    if block.kind == "oitem" and nxt.kind == "item" and is_heading_like(block.text):
        # "1. Public markets" followed by bullets: a numbered section title.
        return Block("heading", f"{block.level}. {block.text}")
    if block.kind == "item" and nxt.kind == "item" and _is_group_header(block, nxt, blocks, i):
        return Block("heading", block.text)
    return block


def _is_group_header(block: Block, nxt: Block, blocks: list[Block], i: int) -> bool:
    # A flattened two-level list: a short item followed by long items
    # ("- Public Markets: The Shock" / "- CTV News: Microsoft plunges – …").
    return (
        is_heading_like(block.text)
        and not is_heading_like(nxt.text)
        and len(nxt.text) > 2 * len(block.text)
        and (i == 0 or blocks[i - 1].kind != "item" or not is_heading_like(blocks[i - 1].text))
    )
