"""An article's opening as a short text: page descriptions, link previews and listing excerpts.

Search engines show about 120 Chinese characters or 160 Latin ones of a
description, so a description is that long at most and ends where a sentence
ends; only when the first sentence alone is longer is it cut, at a clause or
word boundary, with an ellipsis.
"""
from __future__ import annotations

import re

from bs4 import BeautifulSoup

from importer.han import HAN

CHINESE_LIMIT = 120  # characters
LATIN_LIMIT = 160

# Where a sentence ends: Chinese full stops (with closing quotes), or . ! ? before a space.
_SENTENCE_END = re.compile(r"[。！？…]+[”’」』）]*|[.!?]+[\"'”’)]*(?=\s|$)")
_CLAUSE_END = re.compile(r"[，、；：,;:]|\s+[-–—]\s+")
_CJK_END = re.compile(r"[\u3000-\u303f\uff00-\uffef\u3400-\u9fff”’」』]$")
# Blocks whose text describes a page, and containers whose text does not.
_PROSE = ["p", "li"]
_NOT_PROSE = ("pre", "table", "figure", "nav", ".bp-listing__meta", ".bp-tags", ".admonition", "h1")


def mostly_han(text: str) -> bool:
    """Mostly Chinese: at least a third of the characters that are not spaces are Han."""
    letters = sum(1 for ch in text if not ch.isspace())
    return letters > 0 and len(HAN.findall(text)) * 3 >= letters


def shorten(text: str, limit: int | None = None) -> str:
    """`text` on one line, at most `limit` characters (by default by its script), ending a sentence."""
    text = " ".join(text.split())
    limit = limit or (CHINESE_LIMIT if mostly_han(text) else LATIN_LIMIT)
    if len(text) <= limit:
        return text
    ends = [m.end() for m in _SENTENCE_END.finditer(text, 0, limit + 1) if m.end() <= limit]
    if ends and ends[-1] >= limit // 4:  # whole sentences, unless that leaves next to nothing
        return text[:ends[-1]]
    cut = text[:limit]
    clauses = [m.start() for m in _CLAUSE_END.finditer(cut)]
    if clauses and clauses[-1] >= limit // 2:
        cut = cut[:clauses[-1]]
    elif re.match(r"\w\w", text[limit - 1:limit + 1]) and not HAN.match(text[limit]):
        cut = re.sub(r"\s*\S*$", "", cut) or cut  # do not cut a word in half
    return cut.rstrip(" ,.;:，。；：、-–—") + "…"


def join_blocks(blocks: list[str]) -> str:
    """Paragraphs as one text: Chinese ones run on, Latin ones get a space."""
    out = ""
    for block in blocks:
        if out:
            out += "" if _CJK_END.search(out) and not block[:1].isascii() else " "
        out += block
    return out


def opening(html: str, limit: int | None = None) -> tuple[str, str]:
    """(description, first image URL) of a rendered page: its first paragraphs and list items."""
    soup = BeautifulSoup(html, "html.parser")
    # The first image anywhere (a figure's too), read before the skipped blocks go: one parse.
    image = next((img["src"] for img in soup.find_all("img", src=True)), "")
    for skipped in soup.select(", ".join(_NOT_PROSE)):
        skipped.decompose()
    for anchor in soup.select("a.headerlink"):
        anchor.decompose()
    blocks, size = [], 0
    for block in soup.find_all(_PROSE):
        if block.find_parent(_PROSE):
            continue
        text = " ".join(block.get_text(" ").split())
        if text:
            blocks.append(text)
            size += len(text)
        if size > max(CHINESE_LIMIT, LATIN_LIMIT):
            break
    return shorten(join_blocks(blocks), limit), image
