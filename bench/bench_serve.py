"""Preview benchmark: N synthetic articles imported into a copy of the site, then served
by the project's preview (`make serve`, python -m preview) and by a plain `mkdocs serve`
of the same pages, one after the other, in the same run.

For each it prints the time to the first page, to the whole site (the oldest article and
the search bundle served), until an edit (a new sentence and a new title in one
article's front matter) shows on the article's page and on the home page, until the
archive and the article's tag page list the new title, until the search bundle is
rebuilt with it, and the peak memory of the server's process tree, with the targets.

    python bench/bench_serve.py [--n 1000] [--keep DIR]
"""
from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

import psutil

sys.path.insert(0, str(Path(__file__).parent))
from bench_build import ROOT, UNDATED, copy_site  # noqa: E402
from synth import generate  # noqa: E402

sys.path.insert(0, str(ROOT))
from listings.index import scan  # noqa: E402
from listings.tags import tag_slugs  # noqa: E402

TARGET_FIRST_PAGE = 20.0
TARGET_EDIT = 5.0
TARGET_CATCH_UP = 60.0
DEADLINE = 900.0  # seconds any one wait may take before it is reported as not reached
LANG = "zh-Hans"  # the default language, served at the root
MARK = "修订标记"  # in the edited sentence and title


class PeakMemory(threading.Thread):
    """Largest total RSS of a process and all its descendants, sampled every 0.2 s."""

    def __init__(self, pid: int) -> None:
        super().__init__(daemon=True)
        self.proc, self.peak, self.done = psutil.Process(pid), 0, threading.Event()

    def run(self) -> None:
        while not self.done.wait(0.2):
            total = 0
            try:
                for proc in [self.proc, *self.proc.children(recursive=True)]:
                    try:
                        total += proc.memory_info().rss
                    except psutil.Error:
                        pass
            except psutil.Error:
                return
            self.peak = max(self.peak, total)


def fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=DEADLINE) as response:
            return response.read().decode("utf-8", "replace")
    except (urllib.error.URLError, OSError):
        return None


def until(start: float, check) -> float | None:
    """Seconds from `start` until `check()` is true (polled), None past the deadline."""
    while time.perf_counter() - start < DEADLINE:
        if check():
            return time.perf_counter() - start
        time.sleep(0.2)
    return None


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def pick_article(docs: Path) -> tuple[str, str, str]:
    """(slug, title, tag slug) of the article in the middle of the default language's archive:
    an old one, which the preview does not render first."""
    entries = scan(docs)[LANG]
    tagged = [e for e in entries if e.tags]
    entry = tagged[len(tagged) // 2]
    slugs = tag_slugs(tag for e in entries for tag in e.tags)
    return entry.slug, entry.title, slugs[entry.tags[0]]


def edit(page: Path, title: str) -> str:
    """A new sentence in the body and a new title in the front matter; returns the new title."""
    text = page.read_text(encoding="utf-8")
    new_title = f"{title}（{MARK}）"
    text = text.replace(f"title: {title}\n", f"title: {new_title}\n", 1)
    assert new_title in text, f"{page}: title line not found"
    page.write_text(text.rstrip("\n") + f"\n\n编辑新增的一句话，{MARK}。\n", encoding="utf-8")
    return new_title


def measure(name: str, project: Path, command: list[str], port: int | None) -> dict:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SITE_URL": f"http://127.0.0.1:{port or 0}/"}
    log_path = project / "serve.log"
    start = time.perf_counter()
    with log_path.open("w") as log:
        proc = subprocess.Popen(command, cwd=project, env=env, stdout=log, stderr=subprocess.STDOUT,
                                start_new_session=True)
    memory = PeakMemory(proc.pid)
    memory.start()
    out: dict = {}
    try:
        base = None
        if port:
            base = f"http://127.0.0.1:{port}/"
        else:
            def served() -> bool:
                nonlocal base
                found = re.search(r"Serving on (http://\S+)", log_path.read_text(errors="replace"))
                base = found and found[1]
                return bool(base)
            until(start, served)
        print(f"{name}: serving at {base}", file=sys.stderr)
        slug, title, tag = pick_article(project / "docs")
        page_url, home_url = f"{base}articles/{slug}/", base
        archive_url, tag_url = f"{base}archive/", f"{base}tags/{tag}/"
        entry_url = f"{base}pagefind/{LANG}/pagefind-entry.json"
        out["first page"] = until(start, lambda: "<h1" in (fetch(home_url) or ""))
        out["whole site"] = until(start, lambda: fetch(page_url) is not None and fetch(entry_url) is not None)
        before = json.loads(fetch(entry_url) or "{}")
        time.sleep(2)  # the server idle again before the edit (a pending build would blur the figures)
        edited = time.perf_counter()
        new_title = edit(project / "docs" / "articles" / f"{slug}.{LANG}.md", title)
        print(f"{name}: edited articles/{slug}.{LANG}.md", file=sys.stderr)
        out["edit on its page"] = until(edited, lambda: MARK in (fetch(page_url) or "").split("<article", 1)[-1])
        out["archive and tag page"] = until(edited, lambda: new_title in (fetch(archive_url) or "")
                                            and new_title in (fetch(tag_url) or ""))
        out["search bundle"] = until(edited, lambda: json.loads(fetch(entry_url) or "{}") not in ({}, before))
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=60)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
        memory.done.set()
        memory.join()
    out["peak memory"] = memory.peak
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=1000, help="synthetic articles (default 1000)")
    parser.add_argument("--keep", type=Path, help="keep the projects and logs in this new directory")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        work = args.keep or Path(tmp)
        generate(work / "inbox", args.n)
        site = copy_site(work / "site")
        print(f"importing {args.n} synthetic articles...", file=sys.stderr)
        out = subprocess.run([sys.executable, "-m", "importer", "import", str(work / "inbox"),
                              "--docs", str(site / "docs"), "--json", "--date", UNDATED],
                             cwd=ROOT, capture_output=True, text=True)
        report = json.loads(out.stdout)
        if report["errors"]:
            sys.exit(f"import failed: {report['errors'][:3]}")
        pages = sum(len(a["pages"]) for a in report["articles"])
        port = free_port()  # `mkdocs serve` prints port 0 as it is, not the port it got
        variants = {
            "preview": ([sys.executable, "-m", "preview", "--dev-addr", "127.0.0.1:0"], None),
            "mkdocs serve": ([sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}"], port),
        }
        results = {}
        for name, (command, port) in variants.items():
            project = work / name.replace(" ", "-")
            shutil.copytree(site, project)
            results[name] = measure(name, project, command, port)

    targets = {"first page": TARGET_FIRST_PAGE, "edit on its page": TARGET_EDIT,
               "archive and tag page": TARGET_CATCH_UP, "search bundle": TARGET_CATCH_UP}
    print(f"{args.n} synthetic articles, {pages} pages in zh-Hans/zh-Hant/en")
    print(f"{'':24}{'preview':>12}{'mkdocs serve':>14}   target (preview)")
    for row in results["preview"]:
        cells = []
        for name in variants:
            value = results[name][row]
            if row == "peak memory":
                cells.append(f"{value / 2**20:.0f} MB")
            else:
                cells.append("not reached" if value is None else f"{value:.1f} s")
        mark = ""
        if row in targets:
            value = results["preview"][row]
            met = value is not None and value <= targets[row]
            mark = f"   <= {targets[row]:.0f} s {'[target met]' if met else '[TARGET MISSED]'}"
        print(f"{row:24}{cells[0]:>12}{cells[1]:>14}{mark}")


if __name__ == "__main__":
    main()
