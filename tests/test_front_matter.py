"""Front matter of hand-written pages (importer/frontmatter.py, hooks/sanitise.py, listings/index.py):
read strictly, checked once, every value printed as text, every problem one line naming the file."""
from __future__ import annotations

import importlib.util
import queue
import resource
import shutil
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from mkdocs.exceptions import PluginError

from conftest import DOCS, ROOT, copy_site, mkdocs_env
from helpers import docs_files
from hostile import BROKEN_FRONT_MATTER, HAND_WRITTEN

from importer.frontmatter import MAX_BYTES, FrontMatterError, check, load, split
from importer.writing import read_existing

_spec = importlib.util.spec_from_file_location("sanitise_hook", ROOT / "hooks" / "sanitise.py")
hook = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(hook)

MEMORY_LIMIT = 2 << 30  # an expanding alias bomb fails the build instead of the machine


def _limit_memory():
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))


def build(project: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(project / "site")],
        cwd=project, env=mkdocs_env(), capture_output=True, text=True, timeout=600, preexec_fn=_limit_memory)


# --- the loader and the checks -------------------------------------------------------

@pytest.mark.parametrize("name, front, reason", BROKEN_FRONT_MATTER, ids=[c[0] for c in BROKEN_FRONT_MATTER])
def test_broken_front_matter_is_refused_with_its_reason(name, front, reason):
    with pytest.raises(FrontMatterError) as info:
        check(load(front))
    assert reason in str(info.value) and "\n" not in str(info.value)


def test_every_page_of_the_site_and_every_hostile_value_loads():
    for path in DOCS.rglob("*.md"):
        head, _ = split(path.read_text(encoding="utf-8"))
        assert head is not None and check(load(head)), path
    for front in HAND_WRITTEN.values():
        assert check(load(front))["date"]


def test_limits_leave_room_for_real_front_matter():
    ordinary = "title: " + "长" * 2000 + "\ntags: [" + ", ".join(f"标签{i}" for i in range(200)) + "]\n" \
        + "nested: " + "{a: " * 10 + "1" + "}" * 10 + "\nanchor_only: &x 1\n"
    assert len(ordinary.encode()) < MAX_BYTES and check(load(ordinary))["nested"]


def test_checked_values_are_visible_text():
    meta = check(load('title: "\\u202e标题\\u2066"\nauthor: "\\u200b编辑"\ntags: [AI, 2025, " ", "\\u202e芯片"]\n'))
    assert meta["title"] == "标题" and meta["author"] == "编辑" and meta["tags"] == ["AI", "2025", "芯片"]


def test_an_unreadable_page_counts_as_hand_edited(tmp_path):
    """The importer never overwrites a page whose front matter it cannot read (unless --force)."""
    page = tmp_path / "bomb.en.md"
    page.write_text(f"---\n{BROKEN_FRONT_MATTER[5][1]}import_digest: 0123456789abcdef\n---\n\n# T\n", encoding="utf-8")
    existing = read_existing(page)
    assert existing.meta == {} and existing.hand_edited


def test_the_hook_escapes_keys_and_refuses_other_types():
    class File:
        abs_src_path, src_path = "/site/docs/notes.en.md", "notes.en.md"

    class Page:
        file = File()
        meta = {"title": "a < b", "extra": {"<img src=x onerror=alert(1)>": ["<b>", 1, None]}}

    page = Page()
    hook.on_page_markdown("", page, None, None)
    assert page.meta == {"title": "a &lt; b", "extra": {"&lt;img src=x onerror=alert(1)&gt;": ["&lt;b&gt;", 1, None]}}
    page = Page()
    page.meta = {"title": "ok", "extra": {b"<img>"}}
    with pytest.raises(PluginError, match=r"^/site/docs/notes\.en\.md: 'extra' holds a set"):
        hook.on_page_markdown("", page, None, None)


# --- the build -------------------------------------------------------------------------

@pytest.fixture(scope="module")
def project(tmp_path_factory):
    return copy_site(tmp_path_factory.mktemp("front-matter"))


# Every case on a page, and the two of the original report on an article (also read by the listings).
BUILDS = [(*case, "page") for case in BROKEN_FRONT_MATTER] + \
    [(*case, "article") for case in BROKEN_FRONT_MATTER if case[0] in ("impossible-date", "alias-bomb")]


@pytest.mark.parametrize("name, front, reason, where", BUILDS, ids=[f"{c[0]}-{c[3]}" for c in BUILDS])
def test_the_build_stops_with_one_line_naming_the_file(project, name, front, reason, where):
    """A hand-written page or article: exit 1, one line with the file and the reason, before any
    HTML is written, no traceback, docs/ untouched."""
    if where == "page":
        bad = project / "docs" / "notes.en.md"
    else:
        bad = project / "docs" / "articles" / "hand-edited.en.md"
        front += "" if "date:" in front else "date: 2025-01-01\n"
    bad.write_text(f"---\n{front}lang: en\n---\n\n# Notes\n\nText.\n", encoding="utf-8")
    try:
        before = docs_files(project / "docs")
        shutil.rmtree(project / "site", ignore_errors=True)
        proc = build(project)
        log = proc.stdout + proc.stderr
        assert proc.returncode == 1, log[-3000:]
        lines = [line for line in log.splitlines() if bad.name in line]
        assert len(lines) == 1 and f"{bad}: " in lines[0] and reason in lines[0], log[-3000:]
        assert "Traceback" not in log and "search index" not in log, log[-3000:]
        assert not list((project / "site").rglob("*.html")), "HTML was written before the error"
        assert docs_files(project / "docs") == before
    finally:
        bad.unlink()


def test_serve_reports_a_bad_page_in_one_line_and_recovers(tmp_path):
    """`mkdocs serve`: a page saved with an impossible date is one error line; once it is
    fixed the site rebuilds."""
    project = copy_site(tmp_path / "project")
    proc = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "--dev-addr", "127.0.0.1:0"],
                            cwd=project, env=mkdocs_env(), stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                            text=True, preexec_fn=_limit_memory)
    lines: queue.Queue[str] = queue.Queue()
    threading.Thread(target=lambda: [lines.put(line) for line in proc.stdout], daemon=True).start()

    def until(text: str) -> list[str]:
        """The log lines up to the first one containing `text` (a stuck server fails here)."""
        seen = []
        while not seen or text not in seen[-1]:
            seen.append(lines.get(timeout=300))
        return seen

    try:
        until("Serving on")
        bad = project / "docs" / "articles" / "typo.en.md"
        bad.write_text("---\ntitle: Typo\ndate: 2026-02-30\nlang: en\n---\n\n# Typo\n\nText.\n", encoding="utf-8")
        seen = until("An error happened during the rebuild")
        errors = [line for line in seen if "typo.en.md" in line]
        assert len(errors) == 1 and "impossible date '2026-02-30'" in errors[0], "".join(seen)
        assert not any("Traceback" in line for line in seen), "".join(seen)
        bad.write_text("---\ntitle: Typo\ndate: 2026-02-28\nlang: en\n---\n\n# Typo\n\nText.\n", encoding="utf-8")
        seen = until("Reloading browsers")
        assert not any("ERROR" in line for line in seen), "".join(seen)
    finally:
        proc.terminate()
        proc.wait(timeout=60)
