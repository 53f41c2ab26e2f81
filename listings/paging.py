"""Long listings (the archive, each tag page) split into numbered pages.

Page 1 is where it always was (archive/, tags/<slug>/); page n is beside it,
archive/page/n/ and tags/<slug>/page/n/. Each page ends with links to every
page (numbers in the page's language for screen readers, "上一页 / 下一页"),
as Markdown links between the pages' sources, so MkDocs checks and resolves
them like every other link of the site.

The size comes from mkdocs.yml, `extra: listing_page_size:` (default 50).
"""
from __future__ import annotations

from .index import Entry
from .labels import labels
from .render import link

PAGE_SIZE_KEY = "listing_page_size"  # under mkdocs.yml `extra:`
DEFAULT_PAGE_SIZE = 50


def page_size(extra: dict) -> int:
    """The configured page size; ValueError naming the setting when it is not a positive number."""
    size = extra.get(PAGE_SIZE_KEY, DEFAULT_PAGE_SIZE)
    if isinstance(size, bool) or not isinstance(size, int) or size < 1:
        raise ValueError(f"mkdocs.yml: extra.{PAGE_SIZE_KEY} must be a whole number above 0 (found {size!r})")
    return size


def split(entries: list[Entry], size: int) -> list[list[Entry]]:
    """The entries page by page; an empty listing is one empty page."""
    return [entries[i:i + size] for i in range(0, len(entries), size)] or [[]]


def page_src(first: str, n: int) -> str:
    """Source of page n of the listing whose first page is `first`:
    archive.md, 2 -> archive/page/2.md; tags/ai.md, 3 -> tags/ai/page/3.md."""
    return first if n == 1 else f"{first.removesuffix('.md')}/page/{n}.md"


def pager(first: str, n: int, count: int, lang: str, src_uri: str) -> str:
    """Markdown of the links to the other pages, shown under page n of `count` ('' for one page)."""
    if count < 2:
        return ""
    words = labels(lang)

    def to(k: int, text: str, *attrs: str) -> str:
        title = words["page_n"].format(n=k)
        extra = " ".join((f'title="{title}"',) + attrs)
        return f"[{text}]({link(page_src(first, k), src_uri)}){{ {extra} }}"

    links = []
    if n > 1:
        links.append(to(n - 1, words["previous_page"], "rel=prev", ".bp-pager__step"))
    links += [to(k, str(k), *(("aria-current=page",) if k == n else ())) for k in range(1, count + 1)]
    if n < count:
        links.append(to(n + 1, words["next_page"], "rel=next", ".bp-pager__step"))
    return "\n".join(links) + f'\n{{: .bp-pager role=navigation aria-label="{words["pages"]}" }}\n'
