"""Remove what is not the article — placeholders, banners, chrome, footers — lift metadata, find the title.

A scraped page is read as: page chrome and banners, the title, metadata, the
article, then more chrome. The steps, in order (each in its own function):

1. placeholders and `anywhere` rules: image stubs, interface words, counters,
   breadcrumbs, site notices go wherever they are; labelled metadata is lifted;
2. end markers: after a comment section, a related-articles list or "View
   Original" (and the copy of the post under it) nothing is the article;
3. edges (edges.py): from the top and from the bottom, the run of lines whose
   scores (evidence.py) add up highest is a banner or a chrome block, removed
   when strong enough — lines with no signal inside it go with it, prose stops it;
4. head and tail (metadata.py): footers, bylines, dates and other `edges` rules
   apply to the lines before the first paragraph of prose and after the last;
   the byline's name printed again after the text is the author's card, the end;
5. the title (titles.py): the best candidate line before the first paragraph;
   lines before it that are not text are the site's (a column or site name);
6. alt text (chrome.py): a caption printed again where an image was, the
   caption of an image that is gone.

The page being cleaned is a Page (page.py); steps 1, 2, 6 and the author's card are in chrome.py.

Every removal is recorded on the Article (kind, rule, text), so over-stripping
shows up in reports and tests. Rules and weights come from rules/*.yml.
"""
from __future__ import annotations

import re
from dataclasses import replace

from . import chrome, edges, metadata, titles
from .boilerplate import Known
from .model import Article, Block, plain
from .page import Page
from .rules import RuleSet, load_rules

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


def _is_hard_wrapped(lines: list[str]) -> bool:
    # A paragraph wrapped at a fixed width: several lines, all but the last long
    # and of similar length, none of them a list item, and broken mid-sentence
    # (lines of a page that each end a sentence are paragraphs of their own).
    if len(lines) < 2:
        return False
    body = lines[:-1]
    if any(re.match(r"([-*•·]|\d+[.)、])\s", ln) for ln in lines):
        return False
    widths = [len(ln) for ln in body]
    ends = sum(bool(_SENTENCE_END.search(ln)) for ln in body)
    return min(widths) >= 40 and max(widths) - min(widths) <= 12 and ends <= len(body) / 3


def _join_wrapped(lines: list[str]) -> str:
    out = lines[0]
    for ln in lines[1:]:
        ascii_seam = out[-1:].isascii() and ln[:1].isascii()
        out += (" " if ascii_seam else "") + ln
    return out


def clean(article: Article, rules: RuleSet | None = None, known: Known | None = None) -> Article:
    """Cleaned blocks: each keeps its kind (HTML) or stays a raw line (text)."""
    page = Page(list(article.blocks), rules or load_rules(), known or Known(), dict(article.meta), article.markup)
    chrome.inline_placeholders(page)
    chrome.end_markers(page)
    chrome.anywhere_rules(page)
    edges.trim_edges(page)
    metadata.head_and_tail(page)
    chrome.author_card(page)
    titles.choose_title(page)
    chrome.alt_text(page)
    if page.markup:
        # In HTML a block is a real paragraph, so a promo box inside the article
        # (which no extractor removes) is a run of promo blocks; in flattened text
        # only the edges are safe to scan.
        chrome.inner_banners(page)
    found = {k: plain(v) if isinstance(v, str) else v for k, v in page.meta.items() if not article.meta.get(k)}
    return replace(
        article,
        blocks=tuple(b for i, b in enumerate(page.blocks) if i not in page.removed and i not in page.title_lines),
        # What the page itself declares (HTML metadata) wins over lines in the body.
        meta=article.with_meta(**found),
        removals=article.removals + page.removals(),
    )
