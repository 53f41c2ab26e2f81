"""What an import reads (only regular files; never links, the site's own folders or hidden ones),
impossible dates, --dry-run wording and `make import` without SRC."""
from __future__ import annotations

import json
import os
import subprocess
import threading
from pathlib import Path

import pytest

from conftest import ROOT
from helpers import FIXED_DATE, FIXTURES, import_json, run_import, split_page

from importer.__main__ import main

POST = FIXTURES / "text" / "creator-post.txt"
WEEKLY = FIXTURES / "text" / "weekly-issue.txt"


def articles(docs) -> list[str]:
    return sorted(p.name for p in (docs / "articles").glob("*.md")) if (docs / "articles").is_dir() else []


def test_a_symlink_is_reported_and_not_followed(tmp_path):
    outside = tmp_path / "outside.txt"
    outside.write_text("不该发布的文章\n这是收件箱以外的文件，链接指向它，它不能被导入。\n", encoding="utf-8")
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "link.txt").symlink_to(outside)
    (inbox / "linked-folder").symlink_to(tmp_path / "elsewhere", target_is_directory=True)
    (tmp_path / "elsewhere").mkdir()
    (tmp_path / "elsewhere" / "more.txt").write_text("另一篇不该发布的文章\n正文。\n", encoding="utf-8")
    (inbox / "post.txt").write_bytes(POST.read_bytes())

    proc = run_import(inbox, docs=tmp_path / "docs")
    assert proc.returncode == 1
    assert proc.stderr.splitlines() == [f"error: {inbox / 'link.txt'}: symbolic link, not followed",
                                        f"error: {inbox / 'linked-folder'}: symbolic link, not followed"]
    assert len(articles(tmp_path / "docs")) == 2  # the real file only
    assert not any("不该发布" in p.read_text(encoding="utf-8") for p in (tmp_path / "docs" / "articles").iterdir())

    named = run_import(inbox / "link.txt", docs=tmp_path / "docs2")
    assert named.returncode == 1 and "symbolic link, not followed" in named.stderr
    assert articles(tmp_path / "docs2") == []


def test_the_site_folders_and_hidden_folders_inside_a_source_folder_are_not_imported(tmp_path):
    project = tmp_path / "project"
    for folder in ("docs/articles", "site", ".cache/importer", ".git", "inbox"):
        (project / folder).mkdir(parents=True)
    (project / "inbox" / "post.txt").write_bytes(POST.read_bytes())
    for folder in ("site", ".cache/importer", ".git"):
        (project / folder / "copy.txt").write_bytes(WEEKLY.read_bytes())
    (project / ".hidden.txt").write_bytes(WEEKLY.read_bytes())
    report = import_json(project, docs=project / "docs")
    assert report["errors"] == [] and [a["source"] for a in report["articles"]] == [str(project / "inbox" / "post.txt")]
    # The site's own pages, imported again from a folder that holds docs/, would be new articles.
    again = import_json(project, docs=project / "docs")
    assert again["errors"] == [] and len(again["articles"]) == 1 and len(articles(project / "docs")) == 2
    named = import_json(project / "docs", docs=project / "docs")
    assert [e["message"] for e in named["errors"]] == [
        "inside the docs folder: a page of the site, not a scraped article"]


def test_a_page_the_importer_wrote_is_not_a_source(tmp_path):
    report = import_json(POST, docs=tmp_path / "docs")
    copy = tmp_path / "copy.md"
    copy.write_bytes(next(iter((tmp_path / "docs" / "articles").iterdir())).read_bytes())
    proc = run_import(copy, docs=tmp_path / "docs")
    assert proc.returncode == 1 and proc.stderr.strip() == (
        f"error: {copy}: a page the importer wrote (it has an import digest), not a scraped article")
    assert len(articles(tmp_path / "docs")) == len(report["articles"][0]["pages"])


def test_unsupported_files_are_reported_once_in_the_summary(tmp_path):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "post.txt").write_bytes(POST.read_bytes())
    for name in ("a.pdf", "b.pdf", "chart.png", "README"):
        (inbox / name).write_bytes(b"\x00\x01")
    proc = run_import(inbox, docs=tmp_path / "docs")
    assert proc.returncode == 0 and proc.stderr == ""
    assert proc.stdout.count("not imported") == 1
    assert "not imported: 4 files of types the importer does not read ((no extension), .pdf ×2, .png)" in proc.stdout
    report = import_json(inbox, docs=tmp_path / "docs")
    assert sorted(s["source"] for s in report["skipped"]) == sorted(
        str(inbox / n) for n in ("a.pdf", "b.pdf", "chart.png", "README"))


def test_devices_and_fifos_are_refused_without_reading(tmp_path):
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    result = {}
    thread = threading.Thread(
        target=lambda: result.update(proc=run_import("/dev/zero", fifo, POST, docs=tmp_path / "docs")))
    thread.start()
    thread.join(120)  # (a generous bound on a busy machine: a FIFO read would block forever)
    if thread.is_alive():
        with open(fifo, "wb"):  # unblock it, then fail
            pass
        thread.join()
        raise AssertionError("the import blocked on a FIFO")
    proc = result["proc"]
    assert proc.returncode == 1
    assert proc.stderr.splitlines() == ["error: /dev/zero: not a regular file", f"error: {fifo}: not a regular file"]
    assert len(articles(tmp_path / "docs")) == 2


def test_read_source_checks_the_opened_file_and_bounds_the_read(tmp_path, monkeypatch):
    """The type is checked on the opened file, and the read stops after the limit even when the
    size said less (a file that grows while it is read)."""
    from importer import reading
    from importer.errors import InputError

    fifo = tmp_path / "later.txt"
    os.mkfifo(fifo)
    with pytest.raises(InputError, match="not a regular file"):
        reading.read_source(fifo)
    big = tmp_path / "big.txt"
    big.write_bytes(b"a" * 4096)
    monkeypatch.setattr(reading, "MAX_BYTES", 1024)
    real_fstat = os.fstat
    monkeypatch.setattr(reading.os, "fstat", lambda fd: os.stat_result((*real_fstat(fd)[:6], 0, *real_fstat(fd)[7:])))
    with pytest.raises(InputError, match="above the 0 MB limit"):
        reading.read_source(big)


# --- dates ------------------------------------------------------------------------------------

def _dated(tmp_path, date_line: str):
    source = tmp_path / "dated.txt"
    source.write_text(f"日期写错的一篇报道\n{date_line}\n这篇报道的日期写错了，二月没有三十号，导入时应该报错并指出文件。\n"
                      "编辑可以改正日期，也可以强制导入。\n", encoding="utf-8")
    return source


def test_an_impossible_date_is_one_line_and_nothing_is_written(tmp_path):
    cases = [("日期：2026-02-30", "2026-02-30"), ("发布时间: 2026年2月30日 10:00", "2026年2月30日"),
             ("Published: February 30, 2026", "February 30, 2026")]
    for n, (line, shown) in enumerate(cases):
        source = _dated(tmp_path, line)
        proc = run_import(source, POST, docs=tmp_path / f"docs{n}")
        assert proc.returncode == 1, line
        assert proc.stderr.splitlines() == [
            f"error: {source}: impossible date '{shown}'; correct it in the source, or import with --force to "
            "keep the page's date (a new page gets --date, default today)"], proc.stderr
        assert len(articles(tmp_path / f"docs{n}")) == 2  # the other file only


def test_with_force_an_impossible_date_gives_the_page_its_date_or_the_run_date(tmp_path, capsys):
    source = _dated(tmp_path, "日期：2026-01-30")
    docs = tmp_path / "docs"
    assert main(["import", str(source), "--docs", str(docs), "--json"]) == 0
    capsys.readouterr()
    source.write_text(source.read_text(encoding="utf-8").replace("2026-01-30", "2026-02-30"), encoding="utf-8")
    assert main(["import", str(source), "--docs", str(docs), "--json", "--force", "--date", "2027-07-07"]) == 0
    report = json.loads(capsys.readouterr().out)
    page = report["articles"][0]["pages"]["zh-Hans"]
    assert str(split_page(Path(page))[0]["date"]) == "2026-01-30"  # the page's own date stays

    fresh = tmp_path / "fresh"
    assert main(["import", str(source), "--docs", str(fresh), "--json", "--force", "--date", "2027-07-07"]) == 0
    report = json.loads(capsys.readouterr().out)
    page = report["articles"][0]["pages"]["zh-Hans"]
    assert str(split_page(Path(page))[0]["date"]) == "2027-07-07"


# --- the command line ---------------------------------------------------------------------------

def test_dry_run_says_would_import(tmp_path):
    proc = run_import(POST, WEEKLY, "--dry-run", docs=tmp_path / "docs")
    assert proc.returncode == 0 and articles(tmp_path / "docs") == []
    assert proc.stdout.strip().splitlines()[-1] == "dry run, nothing written: would import 2, 0 failed"
    assert "  would create: " in proc.stdout and "created:" not in proc.stdout.replace("would create", "")
    run_import(POST, docs=tmp_path / "docs", check=True)
    edited = tmp_path / "post.txt"
    edited.write_text(POST.read_text(encoding="utf-8").replace("短期內", "短期之內"), encoding="utf-8")
    proc = run_import(edited, "--dry-run", docs=tmp_path / "docs")
    assert "  would update: " in proc.stdout and proc.stdout.strip().endswith("would import 1, 0 failed")


def test_make_import_without_src_prints_the_usage_in_one_line():
    proc = subprocess.run(["make", "--no-print-directory", "import"], cwd=ROOT, capture_output=True, text=True,
                          timeout=60)
    assert proc.returncode != 0 and proc.stdout == ""
    assert len(proc.stderr.strip().splitlines()) == 1 and 'usage: make import SRC="' in proc.stderr


def test_flags_pass_through_make(tmp_path):
    proc = subprocess.run(["make", "--no-print-directory", "import", f"SRC={POST}",
                           f"ARGS=--dry-run --json --docs {tmp_path / 'docs'} --date {FIXED_DATE}"],
                          cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    report = json.loads(proc.stdout.strip().splitlines()[-1])
    assert set(report["articles"][0]["actions"].values()) == {"would create"} and articles(tmp_path / "docs") == []
