"""The full build of the preview, in the background: the whole site (every article,
listing, tag page, feed, sitemap and the search bundles) built by a child process
into a staging directory of its own, then copied into the directory being served.

A child process, so the preview keeps answering and rebuilding edits while it
runs (MkDocs' server holds every request while its own builder runs, and the
hooks keep their per-build state in module globals, so two builds cannot share
one process). The child stays: its first build renders everything, the next ones
only what changed and the listings (preview/selection.py), with the hooks' per-page
results (front matter, search text) kept in its memory between builds.

    python -m preview.full CONFIG_FILE SITE_DIR SERVE_URL
        builds for each line read on stdin, answers one line per build on stdout:
        "built" or "failed <reason>"
"""
from __future__ import annotations

import filecmp
import logging
import os
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path

from . import i18n_files
from .selection import PageSelection

log = logging.getLogger("mkdocs.preview")


class _Errors(logging.Handler):
    """The build's error lines (MkDocs logs a build error, then raises a generic Abort)."""

    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(record.getMessage())


def work(config_file: str, site_dir: str, serve_url: str) -> None:
    """The child's loop: what `mkdocs serve --dirty` builds (drafts shown, `serve` for the
    plugins), once per line read."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    # mkdocs-static-i18n builds the other languages dirty only when it sees this in sys.argv.
    sys.argv.append("--dirty")
    i18n_files.remember()
    errors = _Errors()
    mkdocs_log = logging.getLogger("mkdocs")
    mkdocs_log.addHandler(errors)
    mkdocs_log.propagate = False  # the quick build shows the same warnings in the terminal
    selection = PageSelection(full=True)
    config = None
    for _ in sys.stdin:
        errors.lines.clear()
        try:
            first = config is None
            config = load_config(config_file=config_file, site_dir=site_dir)
            if first:
                config.plugins.on_startup(command="serve", dirty=True)
            config.plugins["bp-preview"] = selection
            config.site_url = serve_url
            selection.prepare([config.docs_dir, config.config_file_path, *config.watch])
            build(config, serve_url=serve_url, dirty=not first)
            selection.finished()
            print("built", flush=True)
        except Exception as exc:  # noqa: BLE001 - one line for the preview's log
            reason = errors.lines[-1] if errors.lines else f"{type(exc).__name__}: {exc}"
            print("failed " + " ".join(reason.split()), flush=True)


def sync(staging: Path, served: Path, keep: set[str]) -> int:
    """Make `served` a copy of `staging`, except the paths in `keep` (newer there).
    Each file is replaced whole (a reader never gets half a page). Returns files changed."""
    changed = 0
    for src in staging.rglob("*"):
        if src.is_dir():
            continue
        dest = served / src.relative_to(staging)
        if str(dest) in keep or (dest.is_file() and filecmp.cmp(src, dest, shallow=False)):
            continue
        dest.parent.mkdir(parents=True, exist_ok=True)
        tmp = dest.with_name(f".{dest.name}.bp-preview")
        shutil.copyfile(src, tmp)
        os.replace(tmp, dest)
        changed += 1
    for dest in served.rglob("*"):
        if dest.is_file() and str(dest) not in keep and not (staging / dest.relative_to(served)).exists():
            dest.unlink()  # a page the site no longer has
            changed += 1
    return changed


class FullBuilds(threading.Thread):
    """Asks the child for a full build whenever one is requested (one at a time; requests
    made while one runs start the next when it ends) and copies it into the served directory."""

    def __init__(self, config_file: str, served: str, serve_url: str, quick: PageSelection) -> None:
        super().__init__(name="preview-full-build", daemon=True)
        self.config_file, self.served, self.serve_url, self.quick = config_file, Path(served), serve_url, quick
        self.staging = Path(served + "-full")
        self.on_synced = lambda: None  # set by the server: reload open pages
        self._wanted = threading.Event()
        self._stopping = False
        self._proc: subprocess.Popen | None = None

    def request(self) -> None:
        self._wanted.set()

    def stop(self) -> None:
        self._stopping = True
        self._wanted.set()
        if self._proc and self._proc.poll() is None:
            self._proc.terminate()
            self._proc.wait(timeout=30)
        self.join(timeout=10)
        shutil.rmtree(self.staging, ignore_errors=True)

    def run(self) -> None:
        while True:
            self._wanted.wait()
            if self._stopping:
                return
            self._wanted.clear()
            self._build_once()

    def _build_once(self) -> None:
        started = time.time()
        if self._proc is None or self._proc.poll() is not None:
            self._proc = subprocess.Popen(
                [sys.executable, "-m", "preview.full", self.config_file, str(self.staging), self.serve_url],
                stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
        try:
            self._proc.stdin.write("build\n")
            self._proc.stdin.flush()
            answer = self._proc.stdout.readline().strip()
        except OSError:
            answer = ""
        if self._stopping:
            return
        if answer != "built":
            log.error("Full preview build failed: %s", answer.removeprefix("failed ") or "the build process stopped")
            return
        with self.quick.lock:
            keep = {path for path, when in self.quick.written.items() if when > started}
            changed = sync(self.staging, self.served, keep)
        log.info("Full preview build done in %.0f s: listings, feeds and search are up to date (%d files changed)",
                 time.time() - started, changed)
        if changed:
            self.on_synced()


def main() -> None:
    if len(sys.argv) != 4:
        sys.exit("usage: python -m preview.full CONFIG_FILE SITE_DIR SERVE_URL")
    try:
        work(*sys.argv[1:])
    except KeyboardInterrupt:  # Ctrl-C reaches the whole terminal group: the server cleans up
        sys.exit(130)


if __name__ == "__main__":
    main()
