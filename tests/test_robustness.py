"""Broken, huge, random and interrupted imports: nothing crashes, nothing escapes docs/, nothing is lost."""
from __future__ import annotations

import json
import os
import pty
import re
import shutil
import signal
import subprocess
import sys
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from mkdocs.utils.meta import get_data

from conftest import ROOT, copy_site, run_mkdocs_build
from helpers import FIXTURES, FIXED_DATE, import_json, run_import

from importer.__main__ import main
from importer.batch import PARALLEL_MIN_FILES
from importer.boilerplate import STORE_NAME
from importer.writing import INTERRUPT_ENV, read_existing

WEEKLY = (FIXTURES / "text" / "weekly-issue.txt").read_text(encoding="utf-8")
POST = (FIXTURES / "text" / "creator-post.txt").read_text(encoding="utf-8")
SAFE_SLUG = re.compile(r"[a-z0-9][a-z0-9-]{0,70}")


def issues(folder: Path, count: int, revision: int = 0) -> list[Path]:
    """`count` distinct weekly issues; a new `revision` changes every one of them."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(count):
        text = WEEKLY.replace("第118期", f"第{300 + i}期").replace("/issues/118", f"/issues/{300 + i}")
        paths.append(folder / f"issue-{i:04}.txt")
        paths[-1].write_text(text + f"\n\n第{revision}次修订。\n", encoding="utf-8")
    return paths


def assert_pages_whole(docs: Path) -> int:
    """Every page parses, its front matter reads back, and an imported one is exactly what was written."""
    pages = sorted((docs / "articles").glob("*.md"))
    for path in pages:
        text = path.read_text(encoding="utf-8")
        body, meta = get_data(text)
        assert meta.get("title") and not body.startswith("---"), path  # get_data swallows YAML errors
        if "import_digest" in meta:  # the site's own hand-written pages have none
            existing = read_existing(path)
            assert existing is not None and not existing.hand_edited, f"{path} is not a complete import"
    return len(pages)


# --- bad files -------------------------------------------------------------------

def test_a_100_mb_file_is_refused_and_the_rest_imports(tmp_path):
    huge = tmp_path / "huge.txt"
    with open(huge, "wb") as fh:  # sparse: costs no disk, and must not be read
        fh.truncate(100 * 1024 * 1024)
    proc = run_import(huge, FIXTURES / "text" / "weekly-issue.txt", docs=tmp_path / "docs")
    assert proc.returncode == 1
    assert proc.stderr.strip() == f"error: {huge}: file is 100 MB, above the 20 MB limit"
    assert len(list((tmp_path / "docs" / "articles").glob("*.md"))) == 3


def _on_terminal(args: list[str], tmp_path: Path) -> tuple[int, str, str]:
    """Run the importer with stderr on a pseudo-terminal: (exit code, stdout, terminal output)."""
    master, slave = pty.openpty()
    with open(tmp_path / "stdout", "w+", encoding="utf-8") as out:  # a file: a full pipe would block
        proc = subprocess.Popen([sys.executable, "-m", "importer", "import", *args], cwd=ROOT,
                                stdout=out, stderr=slave)
        os.close(slave)
        screen = b""
        while True:
            try:
                chunk = os.read(master, 65536)
            except OSError:  # the child closed the terminal
                break
            if not chunk:
                break
            screen += chunk
        proc.wait(timeout=300)
        os.close(master)
        out.seek(0)
        return proc.returncode, out.read(), screen.decode("utf-8", "replace")


def test_thousands_of_files_show_progress_on_a_terminal_and_stay_quiet_under_json(tmp_path):
    paths = issues(tmp_path / "inbox", 1500)
    code, stdout, screen = _on_terminal([str(tmp_path / "inbox"), "--docs", str(tmp_path / "docs")], tmp_path)
    assert code == 0, screen[-2000:]
    assert "[1/1500]" in screen and "[1500/1500]" in screen and "\r" in screen
    assert stdout.strip().endswith("1500 imported, 0 failed")

    code, stdout, screen = _on_terminal([str(tmp_path / "inbox"), "--docs", str(tmp_path / "docs"), "--json"], tmp_path)
    assert code == 0 and screen == ""
    report = json.loads(stdout)
    assert len(report["articles"]) == len(paths) and report["errors"] == []


# --- random input (hypothesis) -----------------------------------------------------

def test_random_input_never_crashes_stays_in_docs_and_builds(tmp_path, capsys):
    project = copy_site(tmp_path / "project")
    docs = project / "docs"
    outside = {p: p.read_bytes() for p in project.rglob("*") if p.is_file() and docs not in p.parents}
    docs_before = {p for p in docs.rglob("*") if p.is_file()}
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    counter = iter(range(10**6))

    def import_one(data: bytes) -> None:
        source = inbox / f"{next(counter)}.txt"
        source.write_bytes(data)
        code = main(["import", str(source), "--docs", str(docs), "--date", FIXED_DATE, "--json"])
        report = json.loads(capsys.readouterr().out)
        assert code == (1 if report["errors"] else 0)
        for error in report["errors"]:
            assert not error["message"].startswith("internal error"), error
            assert "\n" not in error["message"]
        for article in report["articles"]:
            assert SAFE_SLUG.fullmatch(article["slug"]), article["slug"]
            for path in article["pages"].values():
                assert Path(path).resolve().parent == (docs / "articles").resolve()

    hostile_titles = st.sampled_from(["../../etc/passwd", "/etc/passwd", "C:\\Windows\\system32", "CON", "nul.txt",
                                      "---", "title: x", "!!python/object:os.system", "# heading", "> quote",
                                      "'quoted'", '"quoted"', "a\x00b", "？！。、", "…", "-" * 300, "長" * 500])
    titles = st.one_of(hostile_titles, st.text(min_size=1, max_size=300))
    body = st.lists(st.text(min_size=1, max_size=200), min_size=1, max_size=8)
    config = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])

    @config
    @given(title=titles, lines=body)
    def random_articles(title, lines):
        import_one("\n".join([title, *lines]).encode("utf-8", "surrogatepass"))

    @config
    @given(data=st.binary(max_size=4000))
    def random_bytes(data):
        import_one(data)

    random_articles()
    random_bytes()

    # Besides docs/ the importer only writes its cache and the file of learned boilerplate.
    assert {p: p.read_bytes() for p in project.rglob("*") if p.is_file() and docs not in p.parents
            and ".cache" not in p.parts and p.name != STORE_NAME} == outside
    new = {p for p in docs.rglob("*") if p.is_file()} - docs_before
    assert all(p.parent == docs / "articles" or p.name == ".import.lock" for p in new)
    assert assert_pages_whole(docs) > 20
    proc = run_mkdocs_build(project / "site", project / "mkdocs.yml")
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]


# --- interrupted and concurrent imports ----------------------------------------------

def test_killed_imports_leave_only_whole_pages(tmp_path):
    project = copy_site(tmp_path / "project")
    docs = project / "docs"
    cmd = [sys.executable, "-m", "importer", "import", str(tmp_path / "inbox"), "--docs", str(docs), "--json"]
    issues(tmp_path / "inbox", 4 * PARALLEL_MIN_FILES, 0)
    assert import_json(tmp_path / "inbox", docs=docs)["errors"] == []
    pages = sorted((docs / "articles").glob("issue-*.md"))
    changed = 4 * PARALLEL_MIN_FILES  # a revision line changes one page of each issue (its English one)
    # Each run stops at a known write (writing.INTERRUPT_ENV), after its temporary file is
    # written and before the rename: killed outright, terminated, or interrupted (Ctrl-C).
    stops = [(1, "KILL"), (2, "TERM"), (3, "INT"), (20, "KILL"), (40, "TERM"), (changed - 1, "INT"), (changed, "KILL")]
    for revision, (at, name) in enumerate(stops, 1):
        issues(tmp_path / "inbox", 4 * PARALLEL_MIN_FILES, revision)  # every page changes
        env = {**os.environ, INTERRUPT_ENV: f"{at}:{name}"}
        proc = subprocess.run(cmd, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        assert proc.returncode == {"KILL": -signal.SIGKILL, "TERM": -signal.SIGTERM, "INT": 130}[name]
        assert_pages_whole(docs)
        # The writes before the stop are complete, the one it stopped and all after it never happened.
        new = sum(f"第{revision}次修" in p.read_text(encoding="utf-8") for p in pages)
        assert new == at - 1, (at, name, new)
    report = import_json(tmp_path / "inbox", docs=docs)
    assert report["errors"] == []
    assert assert_pages_whole(docs) >= 3 * 4 * PARALLEL_MIN_FILES
    assert not list((docs / "articles").glob(".*.tmp"))  # leftovers of killed runs are cleared
    proc = run_mkdocs_build(project / "site", project / "mkdocs.yml")
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]


def test_parallel_imports_of_overlapping_inputs_equal_one_after_the_other(tmp_path):
    paths = issues(tmp_path / "all", 3 * 10)
    first, second = tmp_path / "first", tmp_path / "second"
    for folder, chosen in ((first, paths[:20]), (second, paths[10:])):
        folder.mkdir()
        for path in chosen:
            shutil.copy(path, folder / path.name)

    def start(folder: Path, docs: Path) -> subprocess.Popen:
        return subprocess.Popen([sys.executable, "-m", "importer", "import", str(folder), "--docs", str(docs),
                                 "--date", FIXED_DATE, "--json"], cwd=ROOT, stdout=subprocess.PIPE, text=True)

    together = [start(first, tmp_path / "together"), start(second, tmp_path / "together")]
    reports = [json.loads(p.communicate(timeout=300)[0]) for p in together]
    assert all(p.returncode == 0 for p in together) and all(r["errors"] == [] for r in reports)
    for folder in (first, second):
        import_json(folder, docs=tmp_path / "sequential")

    def tree(docs: Path) -> dict[str, bytes]:
        return {p.name: p.read_bytes() for p in sorted((docs / "articles").glob("*.md"))}

    assert tree(tmp_path / "together") == tree(tmp_path / "sequential")
    assert len(tree(tmp_path / "together")) == 3 * 30
    again = import_json(tmp_path / "all", docs=tmp_path / "together")
    assert {a for art in again["articles"] for a in art["actions"].values()} == {"unchanged"}
