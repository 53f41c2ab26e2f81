"""Write one Pagefind bundle per language from the pages of a build.

Each language gets its own bundle, site/pagefind/<lang>/ (the page's
<html lang>), so a reader's search can only return pages of the reader's
language, whatever Pagefind makes of language codes (it keeps zh-Hans and
zh-Hant apart today, but nothing promises that).

Each page becomes a small HTML "record" in a temporary directory, indexed by
the Pagefind binary: the body is what Pagefind matches (for Chinese the folded
text as pair terms, terms.py), the page's own title, date and text are meta,
so results show the page in its own script. (Pagefind's Python API would do
the same with custom records, but its service answers about ten records a
second: minutes for an archive. The binary indexes thousands per second.)
"""
from __future__ import annotations

import gzip
import json
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from html import escape
from pathlib import Path

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
    text: str     # the page body as plain text, one block (paragraph, heading, item) per line


def is_chinese_lang(lang: str) -> bool:
    return lang.lower().startswith("zh")


def record(page: Page, lang: str) -> str:
    """The HTML that Pagefind indexes for `page`."""
    # The excerpt is cut in the browser (search.js) from the page's own words, block by
    # block: Pagefind's excerpt would show the Chinese pair terms, and Pagefind folds the
    # line breaks of a meta value into spaces, so the blocks travel as a JSON list.
    blocks = json.dumps(page.text.split("\n"), ensure_ascii=False, separators=(",", ":"))
    meta = [("title", page.title)] + ([("date", page.date)] if page.date else []) + [("blocks", blocks)]
    if is_chinese_lang(lang):
        body = index_text(fold(f"{page.title}\n{page.text}"))
    else:
        body = f"{page.title}\n{page.text}"
    fields = "".join(f'<div data-pagefind-meta="{key}">{escape(value)}</div>' for key, value in meta)
    return (f'<!doctype html><html lang="{escape(lang)}"><head><meta charset="utf-8"></head><body>'
            f"{fields}<main data-pagefind-body>{escape(body)}</main></body></html>")


def _record_path(root: Path, url: str) -> Path:
    """Where Pagefind finds the record so that the result's URL is the page's URL."""
    return root / (url + "index.html" if url == "" or url.endswith("/") else url)


def _reason(output: str) -> str:
    """The telling line of Pagefind's output (not the panic banner or backtrace notes)."""
    noise = ("thread '", "stack backtrace", "note:")
    lines = [line.strip() for line in output.splitlines() if line.strip() and not line.strip().startswith(noise)]
    return lines[0] if lines else "no output"


def write_bundles(pages_by_lang: dict[str, list[Page]], site_dir: Path,
                  records: dict[tuple[str, Page], str] | None = None) -> None:
    """Write the bundle of each language into site_dir/pagefind/<lang>/. `records`, when
    given, keeps each page's record from one call to the next (`mkdocs serve --dirty`
    rebuilds a few pages and indexes them all): it ends holding this call's pages."""
    made: dict[tuple[str, Page], str] = {}
    with tempfile.TemporaryDirectory(prefix="bp-search-") as tmp:
        for lang, pages in pages_by_lang.items():
            src, out = Path(tmp) / lang, site_dir / BUNDLE_DIR / lang
            for page in pages:
                path = _record_path(src, page.url)
                path.parent.mkdir(parents=True, exist_ok=True)
                text = (records or {}).get((lang, page)) or record(page, lang)
                path.write_text(text, encoding="utf-8")
                if records is not None:
                    made[(lang, page)] = text
            proc = subprocess.run(
                [sys.executable, "-m", "pagefind", "--site", str(src), "--output-path", str(out), "--quiet"],
                capture_output=True, text=True,
            )
            if proc.returncode != 0:
                raise RuntimeError(f"pagefind exited with {proc.returncode}: {_reason(proc.stderr + proc.stdout)}")
            for pattern in UNUSED:
                for path in out.glob(pattern):
                    path.unlink()
            if is_chinese_lang(lang):
                data = json.dumps(table(), ensure_ascii=False, separators=(",", ":")).encode()
                (out / FOLD_TABLE).write_bytes(gzip.compress(data, mtime=0))
    if records is not None:
        records.clear()
        records.update(made)
