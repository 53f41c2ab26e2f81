"""`make serve`: MkDocs' development server with two builds instead of one.

* The quick build runs in the server, like `mkdocs serve`'s: first, and again on
  every change. It is MkDocs' `--dirty` build rendering only some pages
  (preview/selection.py), so an edit shows in seconds whatever the size of the
  archive. The search hook is left out of it: a bundle built from the few pages
  it renders would replace the whole site's.
* The full build runs in a child process (preview/full.py), asked after each
  quick build, and is copied in when it ends: the rest of the articles, the
  archive and tag pages, previous/next links, feeds, sitemaps and the search
  bundles catch up in the background.

`mkdocs build` (the published site) is not touched by any of this: the preview
adds its plugin to its own copy of the config only.
"""
from __future__ import annotations

import logging
import shutil
import signal
import sys
import tempfile
from pathlib import Path
from urllib.parse import urlsplit

from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.livereload import LiveReloadServer, _serve_url

from . import i18n_files
from .full import FullBuilds
from .selection import PageSelection

log = logging.getLogger("mkdocs.preview")

# The search bundles are the full build's: a quick build sees only the pages it renders.
FULL_BUILD_ONLY_HOOKS = ("search_index.py",)


class _DirtyNotice(logging.Filter):
    """MkDocs warns on every dirty build that navigation may be inaccurate; here that
    is the plan (the full build follows), and the warning would bury real ones."""

    NOTICES = ("'dirty' build is being performed", "The directory contains stale files")

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        return not any(notice in message for notice in self.NOTICES)


def _interrupt(signum, frame):
    raise KeyboardInterrupt


def _error_page(site_dir: str, code: int) -> bytes | None:
    """The site's own 404 page, as `mkdocs serve` answers."""
    page = Path(site_dir, f"{code}.html")
    return page.read_bytes() if code == 404 and page.is_file() else None


def serve(config_file: str, dev_addr: str | None = None) -> None:
    # mkdocs-static-i18n builds the other languages dirty only when it sees this in sys.argv.
    if "--dirty" not in sys.argv:
        sys.argv.append("--dirty")
    logging.getLogger("mkdocs.commands.build").addFilter(_DirtyNotice())
    i18n_files.remember()
    preview = _Preview(config_file, dev_addr)
    signal.signal(signal.SIGTERM, _interrupt)  # `kill` stops it as Ctrl-C does: temp dirs and child removed
    try:
        preview.run()
    finally:
        preview.close()


class _Preview:
    """The server, its quick builds and the full builds behind them."""

    def __init__(self, config_file: str, dev_addr: str | None):
        self.config_file, self.site_dir = config_file, tempfile.mkdtemp(prefix="bp-preview-")
        self.quick = PageSelection(full=False)
        self.options = {"site_dir": self.site_dir, **({"dev_addr": dev_addr} if dev_addr else {})}
        self.config = self.get_config()
        self.config.plugins.on_startup(command="serve", dirty=True)
        host, port = self.config.dev_addr
        mount_path = urlsplit(self.config.site_url or "/").path
        self.server = server = LiveReloadServer(builder=self.build, host=host, port=port, root=self.site_dir,
                                                mount_path=mount_path)
        # Bound now, so that port 0 (any free port) gives the address the pages link to.
        server.server_bind()
        server.server_bind = lambda: None
        self.serve_url = server.url = _serve_url(host, server.server_address[1], mount_path)
        self.full = FullBuilds(self.config.config_file_path, self.site_dir, self.serve_url, self.quick)
        self.full.on_synced = self.reload_open_pages
        server.error_handler = lambda code: _error_page(self.site_dir, code)

    def get_config(self):
        config = load_config(config_file=self.config_file, **self.options)
        hooks = [name for name in config.hooks if not name.endswith(FULL_BUILD_ONLY_HOOKS)]
        if len(hooks) != len(config.hooks):
            config = load_config(config_file=self.config_file, hooks=hooks, **self.options)
        config.plugins["bp-preview"] = self.quick
        return config

    def build(self, config=None) -> None:
        """The quick build of what changed, then a request for the full one."""
        config = config or self.get_config()
        config.site_url = self.serve_url
        with self.quick.lock:
            if not self.quick.prepare([config.docs_dir, config.config_file_path, *config.watch]):
                return
            log.info("Building the changed pages...")
            build(config, serve_url=self.serve_url, dirty=True)
            self.quick.finished()
        self.full.request()

    def reload_open_pages(self) -> None:
        # The server's own mechanism: open pages poll for a newer "epoch" and reload.
        server = self.server
        with server._epoch_cond:
            server._visible_epoch = server._wanted_epoch = max(server._wanted_epoch, server._visible_epoch) + 1
            server._epoch_cond.notify_all()

    def run(self) -> None:
        self.build(self.config)
        self.full.start()
        for path in (self.config.docs_dir, self.config.config_file_path, *self.config.watch):
            self.server.watch(path)
        try:
            self.server.serve()
        except KeyboardInterrupt:
            # A second Ctrl-C or kill must not cut the clean-up short (temp site, build child).
            signal.signal(signal.SIGINT, signal.SIG_IGN)
            signal.signal(signal.SIGTERM, signal.SIG_IGN)
            log.info("Shutting down...")
        finally:
            self.server.shutdown()

    def close(self) -> None:
        self.full.stop()
        self.config.plugins.on_shutdown()
        shutil.rmtree(self.site_dir, ignore_errors=True)
