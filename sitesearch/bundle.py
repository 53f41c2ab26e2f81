"""Write one Pagefind bundle per language from the pages of a build.

Each language gets its own bundle, site/pagefind/<lang>/ (the page's
<html lang>), so a reader's search can only return pages of the reader's
language, whatever Pagefind makes of language codes (it would fold zh-Hans
and zh-Hant apart today, but nothing promises that).

Chinese pages are indexed as custom records: the folded text as pair terms
(terms.py) is what Pagefind matches, while the page's own title and text go in
the record's meta, so results show the page in its own script.
"""
from __future__ import annotations

import asyncio
import gzip
import json
from dataclasses import dataclass
from pathlib import Path

from pagefind.index import PagefindIndex

from .fold import fold, table
from .terms import index_text

BUNDLE_DIR = "pagefind"
# The folding table for Chinese queries, gzipped here (a third of the size on
# any server); the browser inflates it with DecompressionStream.
FOLD_TABLE = "bp-fold.json.gz"
# Pagefind's ready-made UIs: the site has its own box (overrides/assets/bp-search/).
UNUSED = ("pagefind-ui.*", "pagefind-modular-ui.*", "pagefind-component-ui.*", "pagefind-highlight.js")


@dataclass(frozen=True)
class Page:
    url: str      # relative to the site root, e.g. "zh-Hant/articles/x/"
    title: str
    date: str     # YYYY-MM-DD or ""
    text: str     # the page body as plain text


def is_chinese(lang: str) -> bool:
    return lang.lower().startswith("zh")


def record(page: Page, lang: str) -> dict:
    meta = {"title": page.title}
    if page.date:
        meta["date"] = page.date
    if is_chinese(lang):
        content = index_text(fold(f"{page.title}\n{page.text}"))
        meta["text"] = page.text  # the excerpt is cut from this in the browser
    else:
        content = f"{page.title}\n{page.text}"
    return {"url": page.url, "content": content, "language": lang.lower(), "meta": meta}


async def _write(pages_by_lang: dict[str, list[Page]], site_dir: Path) -> None:
    for lang, pages in pages_by_lang.items():
        out = site_dir / BUNDLE_DIR / lang
        async with PagefindIndex({"output_path": str(out)}) as index:
            for page in pages:
                await index.add_custom_record(**record(page, lang))
        for pattern in UNUSED:
            for path in out.glob(pattern):
                path.unlink()
        if is_chinese(lang):
            data = json.dumps(table(), ensure_ascii=False, separators=(",", ":")).encode()
            (out / FOLD_TABLE).write_bytes(gzip.compress(data, mtime=0))


def write_bundles(pages_by_lang: dict[str, list[Page]], site_dir: Path) -> None:
    """Write the bundle of each language into site_dir/pagefind/<lang>/."""
    asyncio.run(_write(pages_by_lang, site_dir))
