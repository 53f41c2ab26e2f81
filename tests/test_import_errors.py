"""Faults an editor can cause while importing: one line naming the file and the reason, exit 1
(bad input, a docs/ that cannot be written) or 2 (usage), never a traceback, nothing half-written;
and deeply nested HTML is read whole."""
from __future__ import annotations

import os
import resource
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT
from helpers import FIXED_DATE, FIXTURES, page_text, run_import

POST = FIXTURES / "text" / "creator-post.txt"
WEEKLY = FIXTURES / "text" / "weekly-issue.txt"


def import_limited(*sources, docs: Path, max_file_bytes: int = resource.RLIM_INFINITY) -> subprocess.CompletedProcess:
    """The importer with files limited to `max_file_bytes`: every larger write fails in the
    kernel as on a full disk (EFBIG instead of ENOSPC; SIGXFSZ ignored, as a full disk sends
    none). Its temporary files (OpenCC's configuration) go beside docs/, out of other runs' way."""
    def limit():
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (max_file_bytes, max_file_bytes))

    tmp = docs.parent / "tmp"
    tmp.mkdir(exist_ok=True)
    cmd = [sys.executable, "-m", "importer", "import", *map(str, sources), "--docs", str(docs), "--date", FIXED_DATE]
    return subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT, timeout=300, preexec_fn=limit,
                          env={**os.environ, "TMPDIR": str(tmp)})


def one_error_line(proc: subprocess.CompletedProcess) -> str:
    assert "Traceback" not in proc.stderr and "internal error" not in proc.stderr, proc.stderr
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1, proc.stderr
    return lines[0]


# --- docs/ ---------------------------------------------------------------------------

def test_docs_naming_a_file_is_a_usage_error(tmp_path):
    not_a_folder = tmp_path / "docs.txt"
    not_a_folder.write_text("notes", encoding="utf-8")
    proc = run_import(POST, docs=not_a_folder)
    assert proc.returncode == 2
    assert one_error_line(proc) == f"error: --docs {not_a_folder}: not a folder"
    assert not_a_folder.read_text(encoding="utf-8") == "notes"


def _read_only(folder: Path):
    """Make `folder` read-only for this process's children: permissions, or for root (whom
    permissions do not stop) a read-only mount."""
    if os.geteuid() != 0:
        folder.chmod(0o555)
        return lambda: folder.chmod(0o755)
    proc = subprocess.run(["mount", "--bind", "-o", "ro", str(folder), str(folder)], capture_output=True)
    if proc.returncode != 0:
        pytest.skip("running as root without mount privileges: nothing can make a folder read-only "
                    "(test_docs_where_nothing_can_be_written covers the same failure)")
    subprocess.run(["mount", "-o", "remount,bind,ro", str(folder)], check=True)
    return lambda: subprocess.run(["umount", str(folder)], check=True)


def test_a_read_only_docs_folder_is_one_line(tmp_path):
    docs = tmp_path / "docs"
    (docs / "articles").mkdir(parents=True)
    restore = _read_only(docs)
    try:
        proc = run_import(POST, docs=docs)
    finally:
        restore()
    assert proc.returncode == 1
    line = one_error_line(proc)
    assert line.startswith(f"error: {docs}: cannot write") and ("Read-only" in line or "denied" in line), line
    assert list(docs.rglob("*")) == [docs / "articles"]


def test_docs_where_nothing_can_be_written(tmp_path):
    """Whatever the privileges: the lock file's place is taken by a folder."""
    docs = tmp_path / "docs"
    (docs / ".import.lock").mkdir(parents=True)
    proc = run_import(POST, docs=docs)
    assert proc.returncode == 1
    assert one_error_line(proc).startswith(f"error: {docs}: cannot write")


# --- writing pages ----------------------------------------------------------------------

def test_a_full_disk_fails_each_page_in_one_line_and_leaves_no_half_page(tmp_path):
    """Room for the short post's pages but not for a long article's: the post imports, the long
    article is one line per failure, and no partial or temporary file is left."""
    long = tmp_path / "long.txt"
    long.write_text("一篇很长的文章\n\n" + "\n\n".join(f"第{n}段：这一段写得很长，用来让页面超过磁盘剩下的空间。" * 5
                                              for n in range(30)) + "\n", encoding="utf-8")
    sizes = tmp_path / "sizes"  # what the post needs (unlimited: this also prepares OpenCC's files)
    assert import_limited(POST, docs=sizes).returncode == 0
    assert import_limited(long, docs=tmp_path / "scratch").returncode == 0
    room = max(p.stat().st_size for p in (sizes / "articles").iterdir()) + 100
    docs = tmp_path / "docs"
    proc = import_limited(POST, long, docs=docs, max_file_bytes=room)
    assert proc.returncode == 1
    assert "Traceback" not in proc.stderr and "internal error" not in proc.stderr, proc.stderr
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"error: {long}: cannot write {docs}/articles/") \
        and lines[0].endswith(": File too large"), proc.stderr
    assert sorted(p.name for p in (docs / "articles").iterdir()) \
        == sorted(p.name for p in (sizes / "articles").iterdir())  # the post; nothing else
    # With room again, the same import writes everything.
    again = import_limited(POST, long, docs=docs)
    assert again.returncode == 0, again.stderr
    assert len(list((docs / "articles").glob("*.md"))) == 4


def test_a_page_that_cannot_be_replaced_is_one_line(tmp_path):
    docs = tmp_path / "docs"
    first = run_import(POST, docs=docs, check=True)
    page = Path(first.stdout.split("created: ")[1].split()[0])
    page.unlink()
    page.mkdir()  # something else is in the way
    proc = run_import(POST, WEEKLY, docs=docs)
    assert proc.returncode == 1
    line = one_error_line(proc)
    assert line.startswith(f"error: {POST}: cannot write {page}"), line
    assert sum(p.is_file() for p in (docs / "articles").iterdir()) == 3 + 1  # the weekly issue, the post's other page


# --- deep HTML ----------------------------------------------------------------------------

def _deep(tag: str, depth: int, inner: str) -> str:
    return f"<{tag}>" * depth + inner + f"</{tag}>" * depth


@pytest.mark.parametrize("name, html", [
    ("page", "<html><body><article><h1>深层嵌套的网页</h1><p>开头的段落说明这是一篇正常的文章，只是结构嵌套得很深。</p>"
             + _deep("div", 300, "<p>最深处的一段文字 DEEP-MARK。</p>")
             + "<p>嵌套之后的结尾段落 TAIL-MARK，必须保留下来。</p></article></body></html>"),
    ("fragment", "<div><h2>Deep fragment</h2><p>First paragraph of the fragment.</p>"
                 + _deep("span", 300, "deep words DEEP-MARK") + "<p>Tail paragraph TAIL-MARK after it.</p></div>"),
    ("quotes", "<div><p>Quotes nested in quotes, as mail archives do.</p>"
               + _deep("blockquote", 300, "<p>innermost DEEP-MARK</p>") + "<p>And the TAIL-MARK after.</p></div>"),
    ("bold", "<div><p>Bold in bold.</p>" + _deep("b", 800, "DEEP-MARK") + "<p>The TAIL-MARK after.</p></div>"),
])
def test_deep_html_is_read_whole(tmp_path, name, html):
    source = tmp_path / f"{name}.html"
    source.write_text(html, encoding="utf-8")
    docs = tmp_path / "docs"
    proc = run_import(source, docs=docs)
    assert proc.returncode == 0 and "Traceback" not in proc.stderr, proc.stderr
    text = "".join(page_text(p) for p in (docs / "articles").glob("*.md"))
    assert "DEEP-MARK" in text and "TAIL-MARK" in text


@pytest.mark.parametrize("tag, depth", [("div", 5000), ("blockquote", 1500)])
def test_html_too_deep_to_read_whole_is_refused_in_one_line(tmp_path, tag, depth):
    """Deeper than the parser reads (2048), or than the importer's walk can follow."""
    source = tmp_path / "abyss.html"
    source.write_text("<html><body><p>Start of the page.</p>" + _deep(tag, depth, "<p>bottom</p>")
                      + "<p>End of the page.</p></body></html>", encoding="utf-8")
    proc = run_import(source, POST, docs=tmp_path / "docs")
    assert proc.returncode == 1
    line = one_error_line(proc)
    assert line.startswith(f"error: {source}: ") and "nested" in line, line
    assert len(list((tmp_path / "docs" / "articles").glob("*.md"))) == 2  # the other file imported
