"""Which pages a preview build renders: a plugin object the preview adds to its own
copy of the config, which answers MkDocs' `--dirty` build for each page.

MkDocs' dirty build renders only the pages whose `File.is_modified()` is true, and
mkdocs-static-i18n runs every language's build through the same events, so one
decision per file covers all three languages. Two builds use it:

* the quick build, in the server (preview/serve.py). First: the pages that are not
  articles (homes, archives, tag pages, 404) and the newest articles of each
  language, the ones an editor reviews first. Then, on every change: the pages
  whose source changed (an edit, a new article) and the language homes, so a
  changed title shows on the home page too. The archive and the tag pages list
  every article; they are large, and the full build brings them.
* the full build, in a child process (preview/full.py). First: everything. Then:
  the changed pages, their previous and next articles (whose footers name them),
  and every page that is not an article (the listings, which are cheap next to
  the articles). The search hook keeps the text of the other pages from the
  builds before (hooks/search_index.py).

A page that is not rendered still exists (links to it resolve); it gets the title
and date from its front matter, so the previous/next links and the sitemap of the
pages rendered beside it read right.
"""
from __future__ import annotations

import html
import os
import threading
import time
from pathlib import Path

import jinja2
import jinja2.bccache
from mkdocs.plugins import event_priority

from listings.index import ARTICLES_DIR, Entry, scan

NEWEST_FIRST = 20  # articles per language rendered by the first build
HOME = "index."  # index.<lang>.md: the language homes, with the newest articles


def _stamp(path: str) -> tuple[int, int] | None:
    try:
        stat = os.stat(path)
    except OSError:
        return None
    return stat.st_mtime_ns, stat.st_size


def _files(top: Path):
    """The files under `top` (or `top` itself) that MkDocs reads: hidden ones are not."""
    if top.is_file():
        yield top
        return
    for path in top.rglob("*"):
        if path.is_file() and not any(part.startswith(".") for part in path.relative_to(top).parts):
            yield path


class _CompiledTemplates(jinja2.BytecodeCache):
    """Jinja's compiled templates, in memory (its API for keeping them between environments)."""

    def __init__(self) -> None:
        self._code: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        if bucket.key in self._code:
            bucket.bytecode_from_string(self._code[bucket.key])

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self._code[bucket.key] = bucket.bytecode_to_string()


class PageSelection:
    """Registered as a plugin of a preview build's config (see preview/serve.py, full.py)."""

    def __init__(self, full: bool = False) -> None:
        self.full = full  # the full build's choice of pages (above), else the quick build's
        self.lock = threading.Lock()  # held while a quick build writes (the full build's sync waits)
        self.written: dict[str, float] = {}  # output path -> when a build last wrote it
        self._first = True
        self._stamps: dict[str, tuple[int, int] | None] = {}  # source path -> stamp at the last build
        self._next_stamps: dict[str, tuple[int, int] | None] = {}
        self._changed: set[str] = set()  # source paths changed since the last build
        self._order: dict[str, list[str]] = {}  # language -> its articles' src_uris, newest first
        self._templates = _CompiledTemplates()
        # Per build:
        self._entries: dict[str, Entry] | None = None  # src_uri -> listing entry
        self._wanted_uris: set[str] | None = None
        self._skipped: list = []  # pages not rendered by the language build in progress

    def prepare(self, watched: list[str]) -> bool:
        """Called before each build: which files changed since the previous one.
        False when none did (the import lock, an editor's swap file): no build is needed."""
        stamps = {str(p): _stamp(str(p)) for top in watched for p in _files(Path(top))}
        self._changed = {path for path, stamp in stamps.items() if self._stamps.get(path) != stamp}
        self._changed |= self._stamps.keys() - stamps.keys()  # removed
        self._next_stamps = stamps  # taken when the build succeeds: a failed one is redone whole
        self._entries = self._wanted_uris = None
        return self._first or bool(self._changed)

    def finished(self) -> None:
        self._first = False
        self._stamps = self._next_stamps

    def _front_matter(self, docs_dir: str) -> dict:
        """src_uri -> the article's listing entry, once per build (all languages)."""
        if self._entries is None:
            self._entries = {entry.src_uri: entry for entries in scan(docs_dir).values() for entry in entries}
        return self._entries

    def _renders(self, file, wanted: set[str]) -> bool:
        article = file.src_uri.startswith(ARTICLES_DIR + "/")
        if self.full:
            return self._first or not article or file.abs_src_path in self._changed or file.src_uri in wanted
        if file.src_uri.startswith(HOME):
            return True
        if self._first:
            return file.src_uri in wanted or not article
        return file.abs_src_path in self._changed

    def _wanted(self, docs_dir: str) -> set[str]:
        """Articles to render besides the changed ones: the newest (the quick build's first),
        or the neighbours of the changed ones before and after the change (the full build's)."""
        by_lang = {lang: [entry.src_uri for entry in entries] for lang, entries in scan(docs_dir).items()}
        wanted = set()
        if not self.full:
            if self._first:
                wanted.update(uri for uris in by_lang.values() for uri in uris[:NEWEST_FIRST])
            return wanted
        articles = Path(docs_dir, ARTICLES_DIR)
        changed = {f"{ARTICLES_DIR}/{Path(path).name}" for path in self._changed if Path(path).parent == articles}
        for order in (*self._order.values(), *by_lang.values()):
            for at, uri in enumerate(order):
                if uri in changed:
                    wanted.update(order[max(at - 1, 0):at + 2])
        self._order = by_lang
        return wanted

    # After mkdocs-static-i18n (-100) and hooks/publishing.py (-200, adds the tag pages).
    @event_priority(-300)
    def on_files(self, files, config):
        if self._wanted_uris is None:  # once per build, for all languages
            self._wanted_uris = self._wanted(config.docs_dir)
        self._skipped = []
        for file in files.documentation_pages():
            renders = self._renders(file, self._wanted_uris)
            # An instance attribute shadows the method; build(dirty=True) asks it.
            file.is_modified = (lambda: True) if renders else (lambda: False)
            if not renders:
                self._skipped.append(file)
        return files

    def on_env(self, env, config, files):
        # Every build makes a new Jinja environment; compiled templates are kept across them.
        env.bytecode_cache = self._templates
        # Unread pages have no title or date: the footer's links and the sitemap print them.
        entries = self._front_matter(config.docs_dir)
        for file in self._skipped:
            entry = entries.get(file.src_uri)
            if file.page is not None and file.page.markdown is None and entry is not None:
                file.page.markdown = ""
                # Escaped, as hooks/sanitise.py leaves the front matter of the pages it reads.
                file.page.meta = {"title": html.escape(entry.title), "date": entry.date}
        return env

    def on_post_page(self, output, page, config):
        self.written[page.file.abs_dest_path] = time.time()
        return output
