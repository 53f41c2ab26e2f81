"""MkDocs hook: build the site search (sitesearch/) after the last language build,
from one consistent docs/.

mkdocs-static-i18n builds the default language, then, in its own on_post_build
(priority -100), builds every other language with the same config and plugins,
hooks included (with `building` set). So pages are collected from every build,
and the bundles are written in the outermost on_post_build, which runs after
all of them because this hook's priority is lower than the plugin's.
Works the same for `mkdocs build` and every rebuild of `mkdocs serve`. Under
`mkdocs serve --dirty` (and the preview's full build, preview/full.py) a rebuild
renders only some pages: the text of the others is kept from the builds before.

The same outermost build holds the import lock (docs/.import.lock, shared) from
its first event to its last: an import that starts during the build waits for
it, a build that starts during an import waits for the import, so no language
is built from a half-imported docs/ (which would list articles the other
languages never built, and link to them).
"""
from __future__ import annotations

import contextlib
import html as html_lib
import logging
from pathlib import Path

from bs4 import BeautifulSoup
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

from importer.writing import LOCK_NAME, docs_read_lock
from listings.i18n import i18n_plugin
from sitesearch.bundle import Page, write_bundles

log = logging.getLogger("mkdocs.hooks.search_index")
_pages: dict[str, dict[str, Page]] = {}  # language -> page URL -> what is indexed
_keep_between_builds = False  # `serve --dirty`: pages not rendered again keep their text
_records: dict = {}  # and what Pagefind reads of each page (sitesearch.bundle.write_bundles)
_lock = contextlib.ExitStack()  # the import lock, held by the outermost build
_BLOCK_END = "\u2029"  # Unicode's paragraph separator (whitespace: a break wherever it is)
_BLOCKS = ["p", "li", "dt", "dd", "h2", "h3", "h4", "h5", "h6", "pre", "blockquote", "td", "th", "div", "figcaption"]


def _language(config) -> str:
    i18n = i18n_plugin(config)
    return i18n.current_language if i18n else (config.theme.get("language") or "en")


def _outermost(config) -> bool:
    i18n = i18n_plugin(config)
    return not (i18n and i18n.building)


def on_startup(command, dirty):
    global _keep_between_builds
    _keep_between_builds = dirty


@event_priority(100)  # before anything reads docs/
def on_pre_build(config):
    if _outermost(config):
        if not _keep_between_builds:
            _pages.clear()
        _lock.close()  # left by a build that failed
        docs = Path(config.docs_dir)
        _lock.enter_context(docs_read_lock(docs, waiting=lambda: log.info(
            f"Waiting for the import in progress to finish ({docs / LOCK_NAME})")))


@event_priority(-300)  # after mkdocs-static-i18n (-100) has chosen this language's pages
def on_files(files, config):
    """Forget the pages this language no longer has (kept from an earlier build)."""
    urls = {file.url for file in files.documentation_pages()}
    kept = _pages.get(_language(config), {})
    for url in [url for url in kept if url not in urls]:
        del kept[url]
    return files


def on_page_content(html, page, config, files):
    # Listings (home, archive, tag pages; hooks/publishing.py) repeat the articles'
    # titles and excerpts: indexed, they would outrank the articles they point to.
    if page.meta.get("listing") or page.file.generated_by:
        return html
    lang = _language(config)
    soup = BeautifulSoup(html, "html.parser")
    for anchor in soup.select("a.headerlink, .bp-tags"):  # the ¶ permalinks, the tag links
        anchor.decompose()
    for h1 in soup.find_all("h1", limit=1):  # the title is indexed and shown separately
        h1.decompose()
    # Blocks end with a break; inline markup adds none, so 台<b>积电</b> stays one run.
    # The text keeps one block per line, so that a search excerpt never runs a heading
    # into the paragraph after it (whitespace inside a block becomes single spaces).
    for block in soup.find_all(_BLOCKS):
        block.append(_BLOCK_END)
    blocks = (" ".join(block.split()) for block in soup.get_text().split(_BLOCK_END))
    text = "\n".join(block for block in blocks if block)
    date = page.meta.get("date")
    # Titles reach hooks as HTML (front matter is escaped by hooks/sanitise.py, a title
    # from the <h1> is rendered HTML); the index stores text and escapes it itself.
    title = html_lib.unescape(page.meta.get("title") or page.title or "")
    _pages.setdefault(lang, {})[page.url] = Page(url=page.url, title=title, date=str(date or ""), text=text)
    return html


@event_priority(-200)
def on_post_build(config):
    if not _outermost(config):
        return
    try:
        if _pages:
            write_bundles({lang: list(pages.values()) for lang, pages in _pages.items()}, Path(config.site_dir),
                          records=_records if _keep_between_builds else None)
    except Exception as error:  # one line for the reader of the build log
        raise PluginError(f"search index: could not write {config.site_dir}/pagefind/: {error}") from error
    finally:
        _lock.close()


def on_build_error(error):
    _lock.close()


def on_shutdown():
    _lock.close()
