"""The full build of the preview, in the background: the whole site (every article,
listing, tag page, feed, sitemap and the search bundles) built in a child process
into a staging directory, then copied into the directory being served.

A child process, so the preview keeps answering and rebuilding edits while it
runs (MkDocs' server holds every request while its own builder runs, and the
hooks keep their per-build state in module globals, so two builds cannot share
one process).

    python -m preview.full CONFIG_FILE SITE_DIR SERVE_URL   (what the thread below runs)
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

log = logging.getLogger("mkdocs.preview")




def build(config_file: str, site_dir: str, serve_url: str) -> None:
    """What `mkdocs serve` builds (drafts shown, `serve` for the plugins), written to `site_dir`."""
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config

    config = load_config(config_file=config_file, site_dir=site_dir)
    config.plugins.on_startup(command="serve", dirty=False)
    config.site_url = serve_url
    try:
        mkdocs_build(config, serve_url=serve_url)
    finally:
        config.plugins.on_shutdown()


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
    """Runs a full build whenever one is requested (one at a time; requests made while
    one runs start the next when it ends) and copies it into the served directory."""

    def __init__(self, config_file: str, served: str, serve_url: str, quick) -> None:
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
        shutil.rmtree(self.staging, ignore_errors=True)
        self._proc = subprocess.Popen(
            [sys.executable, "-m", "preview.full", self.config_file, str(self.staging), self.serve_url],
            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
        )
        _, errors = self._proc.communicate()
        if self._stopping:
            return
        if self._proc.returncode != 0:
            lines = [line for line in errors.splitlines() if line.strip()]
            log.error("Full preview build failed: %s", lines[-1] if lines else f"exit {self._proc.returncode}")
            return
        with self.quick.lock:
            keep = {path for path, when in self.quick.written.items() if when > started}
            changed = sync(self.staging, self.served, keep)
        log.info("Full preview build done in %.0f s: listings, feeds and search are up to date (%d files changed)",
                 time.time() - started, changed)
        if changed:
            self.on_synced()


def main() -> None:
    # The parent reads only stderr's last line on failure: keep MkDocs' INFO chatter out.
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s - %(message)s")
    if len(sys.argv) != 4:
        sys.exit("usage: python -m preview.full CONFIG_FILE SITE_DIR SERVE_URL")
    try:
        build(*sys.argv[1:])
    except Exception as exc:  # noqa: BLE001 — one line for the preview's log
        sys.exit(f"{type(exc).__name__}: {exc}")


if __name__ == "__main__":
    main()
