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

from dataclasses import replace

from . import chrome, edges, metadata, titles
from .boilerplate import Known
from .model import Article, plain
from .page import Page
from .rules import RuleSet, load_rules

def clean(article: Article, rules: RuleSet | None = None, known: Known | None = None) -> Article:
    """Cleaned blocks: each keeps its kind (HTML) or stays a raw line (text)."""
    page = Page(list(article.blocks), rules or load_rules(), known or Known(), dict(article.meta), article.markup)
    chrome.inline_placeholders(page)
    chrome.end_markers(page)
    chrome.anywhere_rules(page)
    chrome.stitched_summary(page)
    edges.trim_edges(page)
    chrome.list_rules(page)
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
