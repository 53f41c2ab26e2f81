"""An import and a build at the same time: the build reads docs/ as it was before the import or
after it, never half of it (hooks/search_index.py holds the import lock for the whole build).

No sleeps stand in for synchronisation: a build is paused by a hook of the test until the test
lets it go, and a process waiting for the lock is seen in /proc/locks.
"""
from __future__ import annotations

import datetime as dt
import subprocess
import sys
import time
from pathlib import Path

from bs4 import BeautifulSoup

from conftest import LANGUAGES, ROOT, copy_site, mkdocs_env
from helpers import FIXED_DATE, FIXTURES

from importer.batch import import_files
from importer.pipeline import Settings
from importer.writing import LOCK_NAME, docs_lock

WEEKLY = FIXTURES / "text" / "weekly-issue.txt"  # one article in all three languages
SLUG = "issue-118-the-summer-of-open-models"

# Pauses the build once the default language is written, before the other languages are built
# (mkdocs-static-i18n builds them in its on_post_build, priority -100), until a line arrives.
PAUSE_HOOK = '''
import sys


def on_post_build(config):
    i18n = config.plugins.get("i18n")
    if i18n.current_language == i18n.default_language and not i18n.building:
        print("PAUSED", flush=True)
        sys.stdin.readline()
'''


def start_build(project: Path) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(project / "site")],
        cwd=project, env=mkdocs_env(), stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        text=True)


def waits_for_lock(proc: subprocess.Popen, lock: Path) -> bool:
    """True once `proc` is blocked on `lock` (a "->" line in /proc/locks), False if it ends first."""
    while proc.poll() is None:
        inode = lock.stat().st_ino if lock.exists() else None
        for line in Path("/proc/locks").read_text().splitlines():
            fields = line.split()
            if fields[1] == "->" and fields[5] == str(proc.pid) and fields[6].endswith(f":{inode}"):
                return True
        time.sleep(0.01)  # polling an observable state, not waiting for time to pass
    return False


def built_languages(site: Path) -> set[str]:
    """The languages in which the new article was built."""
    return {lang for lang, root in LANGUAGES.items() if (site / root / "articles" / SLUG / "index.html").exists()}


def assert_consistent(site: Path) -> None:
    """Every listing links to articles that were built."""
    for root in LANGUAGES.values():
        for listing in (site / root / "index.html", site / root / "archive" / "index.html"):
            soup = BeautifulSoup(listing.read_text(encoding="utf-8"), "html.parser")
            for link in soup.select("article a[href*='articles/']"):
                target = (listing.parent / link["href"].split("#")[0]).resolve() / "index.html"
                assert target.exists(), (listing, link["href"])


def test_a_build_waits_for_the_import_in_progress(tmp_path):
    project = copy_site(tmp_path / "project")
    docs = project / "docs"
    build = None
    try:
        with docs_lock(docs):  # what `python -m importer import` holds while it writes
            build = start_build(project)
            assert waits_for_lock(build, docs / LOCK_NAME), "the build did not wait for the import"
            settings = Settings(docs=docs, date=dt.date.fromisoformat(FIXED_DATE))
            results = list(import_files([WEEKLY], settings))  # the importer's own writing
            assert not isinstance(results[0][1], Exception), results
        out, err = build.communicate(timeout=600)  # the lock is released: the build goes on
    finally:
        if build is not None and build.poll() is None:
            build.kill()
            build.wait()
    assert build.returncode == 0, err[-3000:]
    assert "Waiting for the import in progress to finish" in err
    assert built_languages(project / "site") == set(LANGUAGES)
    assert_consistent(project / "site")


def test_an_import_waits_for_the_build_in_progress(tmp_path):
    project = copy_site(tmp_path / "project")
    (project / "hooks" / "pause.py").write_text(PAUSE_HOOK, encoding="utf-8")
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("hooks:\n", "hooks:\n  - hooks/pause.py\n", 1),
                      encoding="utf-8")
    build = start_build(project)
    importer = None
    try:
        assert build.stdout.readline().strip() == "PAUSED", build.stderr.read()[-3000:]
        # The default language is built; the other two are not yet. An import starts now.
        importer = subprocess.Popen(
            [sys.executable, "-m", "importer", "import", str(WEEKLY), "--docs", str(project / "docs"),
             "--date", FIXED_DATE], cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        assert waits_for_lock(importer, project / "docs" / LOCK_NAME), \
            "the import did not wait for the build: " + importer.communicate()[1]
        build.stdin.write("go on\n")
        build.stdin.flush()
        out, err = build.communicate(timeout=600)
        assert build.returncode == 0, err[-3000:]
        assert built_languages(project / "site") == set()  # the site as it was before the import
        assert_consistent(project / "site")
        out, err = importer.communicate(timeout=300)
        assert importer.returncode == 0, err
        assert len(list((project / "docs" / "articles").glob(f"{SLUG}.*.md"))) == 3
    finally:
        for proc in (build, importer):
            if proc is not None and proc.poll() is None:
                proc.kill()
                proc.wait()
