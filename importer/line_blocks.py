"""Find the article's shape in plain lines: headings, lists, images and paragraphs.

Scraped text has lost its markup; what is left are conventions a reader
recognises: a short standalone line before a longer paragraph is a heading,
"- " and "1." open list items, a numbered line followed by bullets heads
those bullets. These rules are heuristics by nature, so they live in one place.
"""
from __future__ import annotations

import re
from dataclasses import replace

from .model import Block
from .han import HAN
from .text import is_heading_like, reads_as_text

_BULLET = re.compile(r"(?:[-*+]\s+|[•·●▪◦‣]\s*)(?P<text>\S.*)")
# "1. Item", "2) Item", "3、Item", "(4) Item" — but not "1.1 Section" or "2.5 倍".
_NUMBERED = re.compile(r"(?:(?P<n>\d{1,2})[.)．、](?![\d.])|[（(](?P<p>\d{1,2})[)）])\s*(?P<text>\S.*)")
# "1.1 Section title", "2.3.1 Title": a numbered section.
_SECTION_NUMBER = re.compile(r"\d{1,2}(?:\.\d{1,2})+\.?\s+\S.*")
_BOLD_LINE = re.compile(r"(\*\*|__)(?P<text>[^*_].*?)\1")
_RULE_LINE = re.compile(r"\s*(?:[-*_=~—]\s*){3,}")
_MD_IMAGE = re.compile(r"!\[(?P<alt>[^\]]*)\]\((?P<url>https?://[^\s)]+)(?:\s+\"[^\"]*\")?\)")
_IMAGE_URL = re.compile(r"(?P<url>https?://\S+\.(?:png|jpe?g|gif|webp|svg|avif)(?:\?\S*)?)", re.I)
# A short label ending with a colon ("导读:", "APR与APY:").
_LABEL = re.compile(r"[^，。,.!?！？:：]{1,12}[:：]")
# Short lines in a row beyond this many are a list of lines, never headings.
_MAX_SHORT_RUN = 2


def classify(line: str) -> Block:
    """One raw line to a block, before looking at its neighbours."""
    if _RULE_LINE.fullmatch(line):
        return Block("rule", "")
    m = _MD_IMAGE.fullmatch(line)
    if m:
        return Block("image", m.group("url"), alt=m.group("alt"))
    m = _IMAGE_URL.fullmatch(line)
    if m:
        return Block("image", m.group("url"))
    m = _BOLD_LINE.fullmatch(line)
    if m:  # "**Section**": the scraper kept the Markdown of a bold line
        return Block("para", m.group("text").strip(), level=-1)
    if _SECTION_NUMBER.fullmatch(line):
        return Block("para", line)
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
    short = [raw[i] and b.kind == "para" and is_heading_like(b.text) for i, b in enumerate(blocks)]
    in_list = _short_runs(short)
    out: list[Block] = []
    for i, block in enumerate(blocks):
        nxt = blocks[i + 1] if i + 1 < len(blocks) else None
        if not raw[i]:
            out.append(block)
        elif i and blocks[i - 1].kind == "image" and short[i]:
            out.append(Block("caption", block.text))  # the short line under an image
        elif in_list[i]:
            out.append(replace(block, level=0))
        else:
            out.append(_promote(block, nxt, blocks, i))
    return _nest_labels(out)


def _short_runs(short: list[bool]) -> list[bool]:
    """Lines in runs of more than _MAX_SHORT_RUN short lines: a list of lines, not headings."""
    marked = [False] * len(short)
    i = 0
    while i < len(short):
        j = i
        while j < len(short) and short[j]:
            j += 1
        if j - i > _MAX_SHORT_RUN:
            marked[i:j] = [True] * (j - i)
        i = max(j, i + 1)
    return marked


def _promote(block: Block, nxt: Block | None, blocks: list[Block], i: int) -> Block:
    """A block becomes a heading when its neighbours say it heads a section."""
    if block.kind == "para" and block.level == -1:  # a bold line
        block = replace(block, level=0)
        if nxt is not None and is_heading_like(block.text):
            return Block("heading", block.text)
        return block
    if nxt is None:
        return block
    if block.kind == "para" and _LABEL.fullmatch(block.text) and nxt.kind == "para" and reads_as_text(nxt.text):
        return Block("heading", block.text)  # "导读:", "APR与APY:" over a paragraph
    if block.kind == "para" and is_heading_like(block.text) and not _reads_as_clause(block.text):
        if nxt.kind in ("item", "oitem", "image", "table") or (
            nxt.kind == "para" and len(nxt.text) > len(block.text) and not is_heading_like(nxt.text)
        ) or (nxt.kind == "para" and is_heading_like(nxt.text) and _heads_text(blocks, i + 1)):
            return Block("heading", block.text)
    if block.kind == "oitem" and is_heading_like(block.text) and (
            nxt.kind == "item" or (nxt.kind == "para" and reads_as_text(nxt.text)
                                   and (i == 0 or blocks[i - 1].kind != "oitem"))):
        # "1. Public markets" over bullets or a paragraph: a numbered section title.
        return Block("heading", f"{block.level}. {block.text}")
    if block.kind == "item" and nxt.kind == "item" and _is_group_header(block, nxt, blocks, i):
        return Block("heading", block.text)
    return block


def _reads_as_clause(text: str) -> bool:
    """A Chinese line with a comma, long enough to be a clause of a sentence, not a heading."""
    return bool(HAN.search(text)) and reads_as_text(text)


def _heads_text(blocks: list[Block], i: int) -> bool:
    """Block i is a short line over a paragraph or a list: a heading (so the line above it is its label)."""
    nxt = blocks[i + 1] if i + 1 < len(blocks) else None
    return nxt is not None and (nxt.kind in ("item", "oitem", "image", "table") or (
        nxt.kind == "para" and not is_heading_like(nxt.text)))


def _nest_labels(blocks: list[Block]) -> tuple[Block, ...]:
    """A heading directly followed by another heading is a label over a group of sections
    ("In the News", then each story): it stays at the top level and the headings of its
    group go one level down, until the next label. A heading with nothing under it at the
    end of the text is a line of text."""
    out = list(blocks)
    in_group = False
    for i, block in enumerate(out):
        if block.kind != "heading" or block.level:
            continue
        nxt = out[i + 1] if i + 1 < len(out) else None
        if nxt is None:
            out[i] = Block("para", block.text)
        elif nxt.kind == "heading":
            out[i] = replace(block, level=2)
            in_group = True
        elif in_group:
            out[i] = replace(block, level=3)
    return tuple(out)


def _is_group_header(block: Block, nxt: Block, blocks: list[Block], i: int) -> bool:
    # A flattened two-level list: a short item followed by long items
    # ("- Public Markets: The Shock" / "- CTV News: Microsoft plunges – …").
    return (
        is_heading_like(block.text)
        and not is_heading_like(nxt.text)
        and len(nxt.text) > 2 * len(block.text)
        and (i == 0 or blocks[i - 1].kind != "item" or not is_heading_like(blocks[i - 1].text))
    )
