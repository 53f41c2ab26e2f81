"""Measures of a line of text that the cleaner and the structurer both read.

Chinese has no spaces, so "length" is counted as a reader sees it: a Han
character or a Latin word counts one.
"""
from __future__ import annotations

import re
from functools import lru_cache

from .han import HAN

# A full stop with more text after it: two sentences (a title may hold a "?" or "!", rarely a 。).
FULL_STOP_INSIDE = re.compile(r"[。．](?=[^\s。．」”\"')）])")
# A line that is an image: Markdown image syntax or the address of an image file.
IMAGE_LINE = re.compile(r"!\[[^\]]*\]\(https?://[^)\s]+\)|https?://\S+\.(?:png|jpe?g|gif|webp|svg|avif)(?:\?\S*)?", re.I)
# A bullet or numbered list item.
LIST_ITEM = re.compile(r"\s*(?:[-*•·●▪◦]|\d{1,2}[.)、])\s")


_CODE = re.compile(r"[;{]\s*$|^\s*[}\])]|^\s*(?://|#include|return\b|new\s+\w|(?:int|void|def|class|import|if|for|while)\b.*[({:)]\s*$)"
                   r"|^\s*[\w.]+\([^)]*\)\s*;?\s*$|</?\w+[^>]*>|\w\s*=\s*[\w\"'(\[]")


def looks_like_code(text: str) -> bool:
    """A line of program code (braces, assignments, calls) rather than text."""
    return bool(_CODE.search(text))


# The cleaner asks these of the same lines many times over (each rule, each scan from an
# edge): they are pure functions of the text, so each line is measured once.
@lru_cache(maxsize=1 << 16)
def cjk_count(text: str) -> int:
    return len(HAN.findall(text))


_WORD = re.compile(r"[A-Za-z0-9][\w'’$%.,-]*")


@lru_cache(maxsize=1 << 16)
def word_count(text: str) -> int:
    """Latin words and numbers, not counting Chinese."""
    return len(_WORD.findall(HAN.sub(" ", text)))


def display_length(text: str) -> int:
    """Length as a reader sees it: a CJK character or an English word counts one."""
    return cjk_count(text) + word_count(text)


_LETTER = re.compile(r"[A-Za-z]")


def is_chinese_line(text: str) -> bool:
    cjk = cjk_count(text)
    return cjk > 0 and cjk >= 0.3 * (cjk + len(_LETTER.findall(text)))


_CLAUSE = re.compile(r"[，。；！？,;!?](?!\d)")


def clauses(text: str) -> int:
    """How many clause or sentence breaks the line has (commas, full stops, semicolons…)."""
    return len(_CLAUSE.findall(text))


_COMMA = re.compile(r"[，。；,;](?!\d)")


def commas(text: str) -> int:
    """Commas, semicolons and full stops inside the line: how many clauses it strings together."""
    return len(_COMMA.findall(text))


# A line ending like a sentence (not a title: titles may end in ? or !, rarely in 。).
_STATEMENT_END = re.compile(r"(?:[。．；;]|(?<![A-Z0-9])\.|…|\.\.\.)[”」』\"')）]*(?:\s*[（(][^）)]{0,12}[）)])?$")


def is_statement(text: str) -> bool:
    """Ends like a sentence of running text (full stop, semicolon, ellipsis)."""
    return bool(_STATEMENT_END.search(text.strip()))


@lru_cache(maxsize=1 << 16)
def is_prose(text: str) -> bool:
    """A paragraph of running text, not a title, label or menu item.

    Titles can be long and have a comma, so length alone does not decide: a
    paragraph ends like a statement, or is long with several clauses, or very long.
    """
    n = display_length(text)
    return ((is_statement(text) and n >= 10) or (n >= 30 and commas(text) >= 2) or n >= 60
            or (n >= 15 and bool(FULL_STOP_INSIDE.search(text))) or (n >= 20 and full_sentences(text) >= 2))


# Where a sentence ends: its closing punctuation and any closing quotes.
_SENTENCE_BREAK = re.compile(r"(?<=[。．！？!?])[」”』\"')）]*")


def full_sentences(text: str) -> int:
    """Complete sentences of six or more (characters or words) the line strings together.
    A headline may open with a one-word cry ("重磅！") or end with "!", but two whole
    sentences, each ended by its mark, are a paragraph."""
    *sentences, rest = _SENTENCE_BREAK.split(text.strip())
    if rest.strip():
        return 0  # the last sentence is not ended: a headline, a label
    return sum(display_length(p) >= 6 for p in sentences)


def reads_as_text(text: str) -> bool:
    """A line of an article's own text rather than a name or a label: a sentence, or clauses."""
    return is_prose(text) or (commas(text) >= 1 and display_length(text) >= 15)


_ENGLISH_WORD = re.compile(r"\b[A-Za-z][a-z'’]+\b")
_MARKUP = re.compile(r"[<>{}\[\]=]")


def line_language(text: str) -> str:
    """ "en" for a line of English prose, "zh" for a Chinese line, "" for one that is both or
    neither (a number, a vocabulary entry with its phonetics, a line of code)."""
    if is_chinese_line(text):
        return "zh"
    # English, quoting a Chinese word or two at most; not markup or code
    if len(_ENGLISH_WORD.findall(text)) >= 3 and cjk_count(text) * 20 <= len(text) \
            and not _MARKUP.search(text) and not looks_like_code(text):
        return "en"
    return ""


_SENTENCE_END = re.compile(r"[。．.；;，,、…：:]$")
# Formulas, definitions, phonetics, bare numbers: never a heading.
_NOT_HEADING = re.compile(r"[;；=]|/[^/\s]+/|^\s*\d+\s*$")


def is_heading_like(text: str) -> bool:
    """Short, standalone, not a sentence, a formula, a number or code: the shape of a section title."""
    if len(text) > 80 or _SENTENCE_END.search(text) or is_statement(text) or _NOT_HEADING.search(text) \
            or looks_like_code(text):
        return False
    return display_length(text) <= 30 if HAN.search(text) else display_length(text) <= 12
