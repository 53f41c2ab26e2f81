"""Index terms for Chinese: folded text as overlapping character pairs.

Pagefind matches the start of words only, so with its Chinese segmentation
"软" misses "微软" and "桌" misses "圆桌". So Chinese runs are indexed as
overlapping pairs (台积 积电 电), each written as a plain ASCII word, so that
Pagefind neither segments nor stems them: a query of two or more characters
becomes the same pairs, a single character matches every pair that starts
with it. overrides/assets/bp-search/search.js builds query terms the same way
and confirms the exact run in the page's text before showing a result.
"""
from __future__ import annotations

import re

from .fold import HAN

# Han runs, and everything else between spaces (English words, numbers).
_RUNS = re.compile(rf"(?:{HAN.pattern})+|[^\s]+?(?=(?:{HAN.pattern})|\s|$)")
# A Han character as 4 letters (26**4 > U+2FFFF); letters only, because
# Pagefind would split a word at digits. The prefix keeps the terms apart from
# English words.
PREFIX = "zz"
_LETTERS = "abcdefghijklmnopqrstuvwxyz"


def _code(ch: str) -> str:
    n, out = ord(ch), ""
    for _ in range(4):
        n, r = divmod(n, 26)
        out = _LETTERS[r] + out
    return out


def han_terms(run: str) -> list[str]:
    """Terms of one run of Han characters: the pairs, then the last character."""
    codes = [_code(c) for c in run]
    return [PREFIX + a + b for a, b in zip(codes, codes[1:])] + [PREFIX + codes[-1]]


def index_text(folded: str) -> str:
    """The text Pagefind indexes for a page whose content is `folded`."""
    out = []
    for m in _RUNS.finditer(folded):
        run = m.group(0)
        out.extend(han_terms(run) if HAN.match(run) else [run])
    return " ".join(out)
