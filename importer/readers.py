"""Readers chosen by file type: a source's bytes to an Article with blocks.

Every reader has the same interface (bytes → Article with blocks and what the file
declares), so cleaning and everything after it is shared. Text is read here,
saved web pages and CMS fragments in html_reading.py; bytes become text in
reading.py, which both readers use and which imports neither.
"""
from __future__ import annotations

import re
from pathlib import Path

from .model import Article, Block
from .reading import read_text

TEXT_SUFFIXES = {".txt", ".text", ".md", ".markdown"}
HTML_SUFFIXES = {".html", ".htm"}

_LITERAL_NEWLINES = re.compile(r"(?:\\n){2,}|(?:\\n)(?=\S)")
_SENTENCE_END = re.compile(r"[。！？!?.…」”\"')）)]$")


def split_lines(text: str) -> tuple[Block, ...]:
    """Text to raw line blocks; hard-wrapped paragraphs (blank-line separated) are joined.

    A scraper that saved a post's line breaks as the two characters "\\n" wrote one
    line for the whole post: those become line breaks again.
    """
    text = _LITERAL_NEWLINES.sub("\n", text) if "\\n" in text else text
    groups = [g.splitlines() for g in re.split(r"\n\s*\n", text)]
    blocks: list[Block] = []
    for group in groups:
        lines = [ln.strip() for ln in group if ln.strip()]
        if _is_hard_wrapped(lines):
            lines = [_join_wrapped(lines)]
        blocks.extend(Block("line", ln, gap=bool(blocks) and n == 0) for n, ln in enumerate(lines))
    return tuple(blocks)


_BREADCRUMB = re.compile(r"\s[»›>]\s.*\s[»›>]\s")


def _is_hard_wrapped(lines: list[str]) -> bool:
    # A paragraph wrapped at a fixed width: several lines, all but the last long
    # and of similar length, none of them a list item, and broken mid-sentence
    # (lines of a page that each end a sentence are paragraphs of their own).
    if len(lines) < 2:
        return False
    body = lines[:-1]
    if any(re.match(r"([-*•·]|\d+[.)、])\s", ln) or _BREADCRUMB.search(ln) for ln in lines):
        return False  # list items, and a breadcrumb ("Home » News » …"), are lines of their own
    widths = [len(ln) for ln in body]
    ends = sum(bool(_SENTENCE_END.search(ln)) for ln in body)
    return min(widths) >= 40 and max(widths) - min(widths) <= 12 and ends <= len(body) / 3


def _join_wrapped(lines: list[str]) -> str:
    out = lines[0]
    for ln in lines[1:]:
        ascii_seam = out[-1:].isascii() and ln[:1].isascii()
        out += (" " if ascii_seam else "") + ln
    return out


def read_text_article(data: bytes) -> Article:
    """Reader for plain text: raw lines, cleaned and structured by the rules later."""
    return Article(source="", blocks=split_lines(read_text(data)))


def _read_html_article(data: bytes) -> Article:
    from .html_reading import read_html  # trafilatura/lxml load only when HTML is imported
    return read_html(data)


# File type -> reader: bytes to an Article with blocks (and metadata the file declares).
READERS = {suffix: read_text_article for suffix in TEXT_SUFFIXES}
READERS.update({suffix: _read_html_article for suffix in HTML_SUFFIXES})


def reader_for(path: Path):
    """The reader for this file type, or None when the importer does not read it."""
    return READERS.get(path.suffix.lower())
