"""The command-line contract: JSON shape, exit codes, bad input, idempotence, hand edits."""
import json
import os
import shutil
from pathlib import Path

import pytest

from helpers import FIXTURES, import_json, run_import, split_page

POST = FIXTURES / "text" / "creator-post.txt"
WEEKLY = FIXTURES / "text" / "weekly-issue.txt"


def test_json_report_has_the_documented_shape(tmp_path):
    proc = run_import(POST, WEEKLY, "--json", docs=tmp_path / "docs")
    assert proc.returncode == 0, proc.stderr
    report = json.loads(proc.stdout)  # stdout is exactly one JSON object
    assert set(report) == {"articles", "errors", "skipped"} and report["errors"] == report["skipped"] == []
    weekly = next(a for a in report["articles"] if a["source"].endswith("weekly-issue.txt"))
    assert {"source", "slug", "languages", "pages", "removed"} <= set(weekly)
    assert weekly["languages"] == ["zh-Hans", "zh-Hant", "en"]
    assert set(weekly["pages"]) == set(weekly["languages"])
    for path in weekly["pages"].values():
        assert os.path.exists(path) and weekly["slug"] in path
    assert {"kind", "rule", "text"} == set(weekly["removed"][0])
    assert {r["kind"] for r in weekly["removed"]} == {"metadata", "footer"}


def test_pages_of_one_article_link_to_each_other_only_where_they_exist(tmp_path):
    report = import_json(POST, WEEKLY, docs=tmp_path)
    for art in report["articles"]:
        for path in art["pages"].values():
            meta, _ = split_page(Path(path))
            assert meta["translations"] == art["languages"]
            assert meta["slug"] == art["slug"]


@pytest.mark.parametrize("content, reason", [
    (b"", "empty"),
    (b"   \n\t\n  ", "empty"),
    ("\u061c\n\u200b \u202e\n".encode(), "no text"),  # only invisible marks: no page titled ''
    (b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4, "binary"),
    (bytes([0x81, 0x30, 0xff, 0xfe, 0x80]) * 50, "decode"),
])
def test_bad_input_gets_one_line_and_exit_1_while_others_import(tmp_path, content, reason):
    bad = tmp_path / "bad.txt"
    bad.write_bytes(content)
    docs = tmp_path / "docs"
    proc = run_import(bad, POST, docs=docs)
    assert proc.returncode == 1
    err_lines = proc.stderr.strip().splitlines()
    assert len(err_lines) == 1 and str(bad) in err_lines[0] and reason in err_lines[0].lower()
    assert "Traceback" not in proc.stderr
    assert len(list((docs / "articles").glob("*.md"))) == 2  # the good file still imported


def test_bad_input_in_json_mode_is_reported_in_errors_and_stdout_stays_json(tmp_path):
    bad = tmp_path / "empty.txt"
    bad.write_text("")
    proc = run_import(bad, "--json", docs=tmp_path / "docs")
    assert proc.returncode == 1
    report = json.loads(proc.stdout)
    assert report["articles"] == [] and report["errors"][0]["source"] == str(bad)


def test_usage_errors_exit_2(tmp_path):
    assert run_import(POST, "--bogus", docs=tmp_path).returncode == 2
    assert run_import(POST, docs=tmp_path, date="29/01/2026").returncode == 2


def test_reimport_rewrites_nothing(tmp_path):
    docs = tmp_path / "docs"
    run_import(POST, WEEKLY, docs=docs, check=True)
    before = {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in (docs / "articles").glob("*.md")}
    report = import_json(POST, WEEKLY, docs=docs, date="2027-03-03")  # another day: dates must not move
    after = {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in (docs / "articles").glob("*.md")}
    assert before == after
    assert {a for art in report["articles"] for a in art["actions"].values()} == {"unchanged"}


def test_hand_edited_page_is_kept_unless_forced(tmp_path):
    docs = tmp_path / "docs"
    report = import_json(POST, docs=docs)
    page = Path(report["articles"][0]["pages"]["zh-Hant"])
    edited = page.read_text(encoding="utf-8") + "\n編輯補充說明。\n"
    page.write_text(edited, encoding="utf-8")
    proc = run_import(POST, docs=docs)
    assert proc.returncode == 0 and "edited by hand" in proc.stdout
    assert page.read_text(encoding="utf-8") == edited
    run_import(POST, "--force", docs=docs, check=True)
    assert "編輯補充說明" not in page.read_text(encoding="utf-8")


def test_dry_run_writes_nothing(tmp_path):
    docs = tmp_path / "docs"
    report = import_json(POST, WEEKLY, "--dry-run", docs=docs)
    assert report["errors"] == [] and len(report["articles"]) == 2
    assert not list(docs.rglob("*.md"))


def test_different_articles_with_the_same_title_get_different_slugs(tmp_path):
    one = tmp_path / "one.txt"
    two = tmp_path / "two.txt"
    one.write_text("同名文章\n第一篇的正文内容，讲的是芯片。", encoding="utf-8")
    two.write_text("同名文章\n第二篇的正文内容，讲的是模型。", encoding="utf-8")
    report = import_json(one, two, docs=tmp_path / "docs")
    slugs = [a["slug"] for a in report["articles"]]
    assert len(set(slugs)) == 2
    report = import_json(two, docs=tmp_path / "docs")  # and re-importing one keeps its own slug
    assert report["articles"][0]["slug"] == slugs[1]


def test_directory_source_imports_every_text_file(tmp_path):
    src = tmp_path / "in"
    shutil.copytree(FIXTURES / "text", src)
    (src / "notes.bin").write_bytes(b"\x00\x01")  # not an article type: ignored inside a directory
    report = import_json(src, docs=tmp_path / "docs")
    assert report["errors"] == [] and len(report["articles"]) == 2
