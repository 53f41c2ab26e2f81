"""The preview (`make serve`, python -m preview): the real server on a free port of
127.0.0.1, serving a copy of the site, edited while it runs.

An edit shows on the article's page (the quick build) and then in the listings (the
full build in the background, copied in); the preview leaves nothing behind that
would change what `mkdocs build` publishes. Every wait polls with a generous
deadline; every server is stopped in a `finally`.
"""
from __future__ import annotations

import filecmp
import json
import os
import queue
import re
import shutil
import signal
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

from conftest import SITE_FILES, copy_site, mkdocs_env, run_mkdocs_build

from preview.full import sync

DEADLINE = 300  # seconds; a busy two-core machine builds the small site in well under a minute
ARTICLE = Path("docs/articles/repair-cafe.en.md")
OLD_TITLE = "At the repair café, soldering irons outnumber laptops"
NEW_TITLE = "At the repair café, kettles outnumber laptops"
NEW_SENTENCE = "A late visitor brought a harmonium with a broken bellows."


class Preview:
    """A running `python -m preview` with its log lines read as they come."""

    def __init__(self, project: Path) -> None:
        env = {**mkdocs_env(), "SITE_URL": "http://127.0.0.1:0/"}
        self.proc = subprocess.Popen([sys.executable, "-m", "preview", "--dev-addr", "127.0.0.1:0"],
                                     cwd=project, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                                     text=True, start_new_session=True)
        self.lines: queue.Queue[str] = queue.Queue()
        self.log: list[str] = []
        self.reader = threading.Thread(target=lambda: [self.lines.put(line) for line in self.proc.stdout],
                                       daemon=True)
        self.reader.start()
        self.url = re.search(r"Serving on (http://\S+)", self.until("Serving on"))[1]

    def until(self, text: str) -> str:
        """The first log line from now on that contains `text` (a stuck server fails here)."""
        end = time.monotonic() + DEADLINE
        while True:
            try:
                line = self.lines.get(timeout=max(0.1, end - time.monotonic()))
            except queue.Empty:
                raise AssertionError(f"no {text!r} in the preview's log:\n{''.join(self.log)}") from None
            self.log.append(line)
            if text in line:
                return line

    def stop(self) -> None:
        os.killpg(self.proc.pid, signal.SIGTERM)  # the group: the background build too
        try:
            self.proc.wait(timeout=60)
        except subprocess.TimeoutExpired:
            os.killpg(self.proc.pid, signal.SIGKILL)
            self.proc.wait()


def get(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=DEADLINE) as response:
            return response.read().decode("utf-8")
    except urllib.error.HTTPError as error:
        return f"HTTP {error.code}"


def poll(url: str, text: str) -> str:
    """The page at `url` once it contains `text`; fails past the deadline."""
    end = time.monotonic() + DEADLINE
    while True:
        page = get(url)
        if text in page:
            return page
        assert time.monotonic() < end, f"{url} did not show {text!r} within {DEADLINE} s:\n{page[-2000:]}"
        time.sleep(0.2)


def add_articles(project: Path, count: int) -> None:
    """More Simplified articles (our own sentences), older than the site's, so that an edit
    re-renders only some of them."""
    for n in range(count):
        (project / f"docs/articles/market-day-{n}.zh-Hans.md").write_text(
            f"---\ntitle: 集市日第{n}场：旧零件换新主人\ndate: 2025-04-{n + 1:02d}\nlang: zh-Hans\n"
            f"tags: [集市]\n---\n\n# 集市日第{n}场：旧零件换新主人\n\n"
            f"第{n}场集市上，居民带来旧键盘和收音机零件，换走自己需要的东西。\n", encoding="utf-8")


def page_count(url: str) -> int:
    """Pages in the search bundle of one language (Pagefind's entry file)."""
    return next(iter(json.loads(get(url))["languages"].values()))["page_count"]


def edit(project: Path) -> None:
    page = project / ARTICLE
    text = page.read_text(encoding="utf-8").replace(f"title: {OLD_TITLE}", f"title: {NEW_TITLE}")
    page.write_text(text.rstrip("\n") + f"\n\n{NEW_SENTENCE}\n", encoding="utf-8")


def test_an_edit_shows_on_its_page_then_in_the_listings(tmp_path):
    project = copy_site(tmp_path / "project")
    add_articles(project, 5)
    zh_articles = len(list((project / "docs/articles").glob("*.zh-Hans.md")))
    preview = Preview(project)
    try:
        article, archive, home = (f"{preview.url}en/{path}" for path in ("articles/repair-cafe/", "archive/", ""))
        search = f"{preview.url}pagefind/zh-Hans/pagefind-entry.json"
        assert "soldering irons" in poll(article, "<h1")
        assert NEW_SENTENCE not in get(article) and OLD_TITLE in poll(archive, OLD_TITLE)
        preview.until("Full preview build done")
        assert page_count(search) == zh_articles
        indexed = get(search)
        edit(project)
        (project / "docs/articles/market-day-4.zh-Hans.md").write_text(  # the newest of the added ones
            (project / "docs/articles/market-day-4.zh-Hans.md").read_text(encoding="utf-8") + "\n补记：雨停了。\n",
            encoding="utf-8")
        # The quick build: the page itself and the home page, which lists the newest articles.
        assert NEW_SENTENCE in poll(article, NEW_SENTENCE)
        assert NEW_TITLE in poll(home, NEW_TITLE)
        # The full build, in the background: the archive (not rebuilt by the quick build), and
        # the search bundle, from the re-rendered pages and the text kept of the others.
        page = poll(archive, NEW_TITLE)
        assert OLD_TITLE not in page
        poll(f"{preview.url}articles/market-day-4/", "补记")
        end = time.monotonic() + DEADLINE
        while get(search) == indexed:  # until the bundle is rebuilt with the edited page
            assert time.monotonic() < end, "the search bundle was not rebuilt after the edit"
            time.sleep(0.2)
        assert page_count(search) == zh_articles
        assert preview.proc.poll() is None, "the preview stopped"
    finally:
        preview.stop()
    assert not (project / "site").exists(), "the preview wrote into the project"


def test_ctrl_c_then_a_second_stop_while_shutting_down_end_without_a_traceback(tmp_path):
    project = copy_site(tmp_path / "project")
    preview = Preview(project)
    try:
        preview.until("Full preview build done")  # its child now waits for the next build
        os.killpg(preview.proc.pid, signal.SIGINT)  # Ctrl-C reaches the terminal's whole group: the child too
        preview.until("Shutting down")
        if preview.proc.poll() is None:
            preview.proc.send_signal(signal.SIGTERM)
        preview.proc.wait(timeout=DEADLINE)
    finally:
        if preview.proc.poll() is None:
            preview.stop()
    preview.reader.join(timeout=DEADLINE)
    while not preview.lines.empty():
        preview.log.append(preview.lines.get())
    log = "".join(preview.log)
    assert "Traceback" not in log, log[-3000:]
    assert not (project / "site").exists()


def test_a_build_after_a_preview_session_is_identical_to_a_clean_build(tmp_path):
    project = copy_site(tmp_path / "project")
    preview = Preview(project)
    try:
        preview.until("Full preview build done")
        edit(project)
        poll(f"{preview.url}en/archive/", NEW_TITLE)  # the full build after the edit is in
    finally:
        preview.stop()
    clean = tmp_path / "clean"
    clean.mkdir()
    for name in SITE_FILES:  # the same sources, never previewed
        (shutil.copytree if (project / name).is_dir() else shutil.copy)(project / name, clean / name)
    after, fresh = project / "site", clean / "site"
    for where, site in ((project, after), (clean, fresh)):
        proc = run_mkdocs_build(site, where / "mkdocs.yml")
        assert proc.returncode == 0, proc.stderr[-3000:]
    assert _differences(after, fresh) == []
    assert NEW_SENTENCE in (after / "en/articles/repair-cafe/index.html").read_text(encoding="utf-8")


def _differences(left: Path, right: Path) -> list[str]:
    names = {p.relative_to(left) for p in left.rglob("*") if p.is_file()}
    others = {p.relative_to(right) for p in right.rglob("*") if p.is_file()}
    return sorted(str(name) for name in names ^ others) + sorted(
        str(name) for name in names & others if not filecmp.cmp(left / name, right / name, shallow=False))


def test_the_full_build_is_copied_in_except_pages_the_quick_build_wrote_since(tmp_path):
    staging, served = tmp_path / "staging", tmp_path / "served"
    for path, text in {"index.html": "full home", "a/index.html": "full a", "b/index.html": "full b"}.items():
        (staging / path).parent.mkdir(parents=True, exist_ok=True)
        (staging / path).write_text(text)
    for path, text in {"index.html": "old home", "a/index.html": "quick a", "gone/index.html": "old"}.items():
        (served / path).parent.mkdir(parents=True, exist_ok=True)
        (served / path).write_text(text)
    changed = sync(staging, served, keep={str(served / "a/index.html")})
    files = {str(p.relative_to(served)): p.read_text() for p in served.rglob("*") if p.is_file()}
    assert files == {"index.html": "full home", "a/index.html": "quick a", "b/index.html": "full b"}
    assert changed == 3  # home replaced, b added, gone removed


def test_the_full_builds_rebuild_after_an_edit_equals_a_clean_build(tmp_path):
    """The preview's background build renders again only what an edit changes (the article,
    its old and new neighbours, the listings; the search text of the others is kept): the
    result is the site a clean build makes of the edited sources."""
    project = copy_site(tmp_path / "project")
    add_articles(project, 5)
    url, preview_site, clean_site = "http://127.0.0.1:9/", tmp_path / "preview-site", tmp_path / "clean-site"
    worker = subprocess.Popen([sys.executable, "-m", "preview.full", "mkdocs.yml", str(preview_site), url],
                              cwd=project, env=mkdocs_env(), stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        for change in (None, "market-day-2"):
            if change:  # a new title and a date that moves it to the top of the listings
                page = project / f"docs/articles/{change}.zh-Hans.md"
                text = page.read_text(encoding="utf-8").replace("date: 2025-04-03", "date: 2025-06-30")
                page.write_text(text.replace("title: 集市日第2场", "title: 集市日第2场（补）"), encoding="utf-8")
            worker.stdin.write("build\n")
            worker.stdin.flush()
            assert worker.stdout.readline() == "built\n"
    finally:
        worker.stdin.close()
        worker.wait(timeout=60)
    proc = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(clean_site)],
                          cwd=project, env={**mkdocs_env(), "SITE_URL": url}, capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr[-3000:]
    # Pagefind leaves the chunks of the bundle it replaced beside the new ones; nothing refers to them.
    leftovers = [name for name in _differences(preview_site, clean_site) if not (clean_site / name).exists()]
    assert all(name.startswith("pagefind/") for name in leftovers), leftovers
    assert [name for name in _differences(preview_site, clean_site) if name not in leftovers] == []
    assert "集市日第2场（补）" in (clean_site / "index.html").read_text(encoding="utf-8")
