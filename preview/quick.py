"""The quick build of the preview: a plugin object the preview adds to the config, which
tells MkDocs' `--dirty` build which pages to render.

MkDocs' dirty build renders only the pages whose `File.is_modified()` is true, and
mkdocs-static-i18n runs every language's build through the same events, so one
decision per file covers all three languages. What is rendered:

* the first build: every page that is not an article (homes, archives, tag index,
  tag pages, 404) and the newest articles of each language, the ones an editor
  reviews first; the full build in the background brings the rest;
* every later build: the pages whose source changed since the previous one (an
  edit, a new article) and the language homes, so a changed title or date shows
  on the home page too. The archive and the tag pages list every article: they
  are large, and the full build brings them.

A page that is not rendered still exists (links to it resolve); it gets the title
from its front matter, so the previous/next links of the pages rendered beside it
read right.
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

from listings.index import ARTICLES_DIR, scan

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


class QuickBuild:
    """Registered as a plugin of the preview's config (see preview/serve.py)."""

    def __init__(self) -> None:
        self.lock = threading.Lock()  # held while a quick build writes (the full build's sync waits)
        self._stamps: dict[str, tuple[int, int] | None] = {}  # source path -> stamp at the last quick build
        self._first = True
        self._changed: set[str] = set()
        self._skipped: list = []  # pages not rendered by the language build in progress
        self.written: dict[str, float] = {}  # output path -> when a quick build last wrote it
        self._templates = _CompiledTemplates()
        self._title_map: dict[str, str] | None = None

    def prepare(self, watched: list[str]) -> bool:
        """Called before each quick build: which files changed since the previous one.
        False when none did (the import lock, an editor's swap file): no build is needed."""
        stamps = {str(p): _stamp(str(p)) for top in watched for p in _files(Path(top))}
        self._changed = {path for path, stamp in stamps.items() if self._stamps.get(path) != stamp}
        self._changed |= self._stamps.keys() - stamps.keys()  # removed
        self._stamps = stamps
        self._title_map = None
        return self._first or bool(self._changed)

    def finished(self) -> None:
        self._first = False

    def _titles(self, docs_dir: str) -> dict[str, str]:
        """src_uri -> title of every article, once per quick build (all languages)."""
        if self._title_map is None:
            self._title_map = {entry.src_uri: entry.title for entries in scan(docs_dir).values() for entry in entries}
        return self._title_map

    def _renders(self, file, newest: set[str]) -> bool:
        if file.src_uri.startswith(HOME):
            return True
        if self._first:
            return file.src_uri in newest or not file.src_uri.startswith(ARTICLES_DIR + "/")
        return file.abs_src_path in self._changed

    # After mkdocs-static-i18n (-100) and hooks/publishing.py (-200, adds the tag pages).
    @event_priority(-300)
    def on_files(self, files, config):
        newest = set()
        if self._first:
            for entries in scan(config.docs_dir).values():
                newest.update(entry.src_uri for entry in entries[:NEWEST_FIRST])
        self._skipped = []
        for file in files.documentation_pages():
            renders = self._renders(file, newest)
            # An instance attribute shadows the method; build(dirty=True) asks it.
            file.is_modified = (lambda: True) if renders else (lambda: False)
            if not renders:
                self._skipped.append(file)
        return files

    def on_env(self, env, config, files):
        # Every build makes a new Jinja environment; compiled templates are kept across them.
        env.bytecode_cache = self._templates
        # Unread pages have no title: the footer's previous/next links print it.
        titles = self._titles(config.docs_dir)
        for file in self._skipped:
            if file.page is not None and file.page.markdown is None and file.src_uri in titles:
                file.page.markdown = ""
                file.page.meta = {"title": html.escape(titles[file.src_uri])}  # escaped, as hooks/sanitise.py does
        return env

    def on_post_page(self, output, page, config):
        self.written[page.file.abs_dest_path] = time.time()
        return output
