"""python -m importer follow against feeds and pages on 127.0.0.1: each entry imported
once, an entry that is an article imported before is not new, --since and --limit
bound it, and a failing feed or page is one line while the rest are imported."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from conftest import ROOT
from helpers import FIXED_DATE, docs_files, run_import, split_page
from web import Answer, Site, article_html, atom, rss

NOV = {2: "Mon, 02 Nov 2026 08:00:00 +0000", 9: "Mon, 09 Nov 2026 08:00:00 +0000", 16: "Mon, 16 Nov 2026 08:00:00 +0000"}


def follow(root: Path, *args) -> subprocess.CompletedProcess:
    cmd = [sys.executable, "-m", "importer", "follow", "--sources", str(root / "sources.yml"),
           "--docs", str(root / "docs"), "--date", FIXED_DATE, *map(str, args)]
    return subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT, timeout=300)


def follow_json(root: Path, *args) -> tuple[int, dict]:
    proc = follow(root, "--json", *args)
    assert "Traceback" not in proc.stderr, proc.stderr
    return proc.returncode, json.loads(proc.stdout)  # stdout is one JSON object, nothing else


def serve_articles(site: Site) -> dict[str, str]:
    return {name: site.add(f"/news/{name}.html", Answer(article_html(name).encode()))
            for name in ("night-bus", "book-swap", "river-cleanup")}


def test_a_feed_followed_twice_imports_each_entry_once(tmp_path):
    with Site() as site:
        urls = serve_articles(site)
        site.add("/feed.rss", Answer(rss([("夜间公交", urls["night-bus"], NOV[2]),
                                          ("旧书", urls["book-swap"], NOV[9])]), "application/rss+xml"))
        site.add("/canal.atom", Answer(atom([("Canal", urls["river-cleanup"], "2026-11-16")]),
                                       "application/atom+xml"))
        (tmp_path / "sources.yml").write_text(
            f"feeds:\n  - url: {site.url('/feed.rss')}\n    tags: [本地新闻]\n  - {site.url('/canal.atom')}\n",
            encoding="utf-8")
        first = follow(tmp_path)
        pages = docs_files(tmp_path / "docs")
        code, second = follow_json(tmp_path)
        assert [site.fetches(f"/news/{n}.html") for n in urls] == [1, 1, 1]
        assert site.fetches("/feed.rss") == site.fetches("/canal.atom") == 2  # feeds are read every run
    assert first.returncode == 0, first.stderr
    assert first.stdout.count("new: ") == 3 and "3 new, 0 already imported, 0 failed" in first.stdout
    assert len([p for p in pages if p.suffix == ".md"]) == 5  # two Chinese articles × 2 scripts, one English
    assert code == 0 and second["articles"] == [] and sorted(second["known"]) == sorted(urls.values())
    assert docs_files(tmp_path / "docs") == pages  # nothing written the second time
    by_source = {split_page(p)[0]["source"]: split_page(p)[0] for p in pages if p.name.endswith((".zh-Hans.md", ".en.md"))}
    assert by_source[urls["night-bus"]]["tags"] == ["本地新闻"]
    assert "tags" not in by_source[urls["river-cleanup"]]


def test_an_entry_that_is_an_article_imported_before_is_not_new(tmp_path):
    saved = tmp_path / "inbox" / "book-swap.html"
    saved.parent.mkdir()
    saved.write_text(article_html("book-swap"), encoding="utf-8")  # states no address
    run_import(saved, docs=tmp_path / "docs", check=True)
    before = sorted(p.name for p in (tmp_path / "docs" / "articles").glob("*.md"))
    with Site() as site:
        urls = serve_articles(site)
        site.add("/feed.rss", Answer(rss([("旧书", urls["book-swap"], NOV[9])]), "application/rss+xml"))
        (tmp_path / "sources.yml").write_text(f"feeds:\n  - {site.url('/feed.rss')}\n", encoding="utf-8")
        code, report = follow_json(tmp_path)
        code_again, again = follow_json(tmp_path)
    assert code == 0 and [a["new"] for a in report["articles"]] == [False]
    assert sorted(p.name for p in (tmp_path / "docs" / "articles").glob("*.md")) == before  # the same pages
    meta, _ = split_page(Path(report["articles"][0]["pages"]["zh-Hans"]))
    assert meta["source"] == urls["book-swap"]  # the article now knows its address…
    assert code_again == 0 and again["articles"] == [] and again["known"] == [urls["book-swap"]]  # …and is skipped


def test_since_and_limit_bound_what_is_imported(tmp_path):
    with Site() as site:
        urls = serve_articles(site)
        site.add("/feed.rss", Answer(rss([("夜间公交", urls["night-bus"], NOV[2]),
                                          ("旧书", urls["book-swap"], NOV[9]),
                                          ("Canal", urls["river-cleanup"], NOV[16])]), "application/rss+xml"))
        (tmp_path / "sources.yml").write_text(f"feeds:\n  - {site.url('/feed.rss')}\n", encoding="utf-8")
        _, newest = follow_json(tmp_path, "--limit", "1")
        _, since = follow_json(tmp_path, "--since", "2026-11-05")
        assert site.fetches("/news/night-bus.html") == 0
    assert [a["source"] for a in newest["articles"]] == [urls["river-cleanup"]]
    assert [a["source"] for a in since["articles"]] == [urls["book-swap"]]
    assert since["known"] == [urls["river-cleanup"]]


def test_a_failing_feed_or_page_is_one_line_and_the_rest_are_imported(tmp_path):
    with Site() as site:
        urls = serve_articles(site)
        site.add("/robots.txt", Answer(b"User-agent: *\nDisallow: /private/\n", "text/plain"))
        site.add("/not-a-feed.xml", Answer(b"<html><body>a page, not a feed", "text/xml"))
        site.add("/feed.rss", Answer(rss([("旧书", urls["book-swap"], NOV[9]),
                                          ("gone", site.url("/news/gone.html"), NOV[16])]), "application/rss+xml"))
        (tmp_path / "sources.yml").write_text(
            f"feeds:\n  - {site.url('/missing.rss')}\n  - {site.url('/not-a-feed.xml')}\n  - {site.url('/feed.rss')}\n"
            f"pages:\n  - {site.url('/private/notes.html')}\n  - url: {urls['river-cleanup']}\n    tags: [volunteers]\n",
            encoding="utf-8")
        proc = follow(tmp_path)
        code, again = follow_json(tmp_path)
        assert site.fetches("/news/river-cleanup.html") == 2  # a page listed on its own is fetched every run
    assert proc.returncode == 1 and "Traceback" not in proc.stderr
    errors = proc.stderr.strip().splitlines()
    assert errors[0] == f"error: {site.url('/missing.rss')}: HTTP 404 Not Found"
    assert errors[1].startswith(f"error: {site.url('/not-a-feed.xml')}: not an RSS or Atom feed")
    assert errors[2:] == [f"error: {site.url('/news/gone.html')}: HTTP 404 Not Found",
                          f"error: {site.url('/private/notes.html')}: robots.txt does not allow fetching this page"]
    assert proc.stdout.count("new: ") == 2 and "2 new, 0 already imported, 4 failed" in proc.stdout
    assert code == 1 and len(again["errors"]) == 4
    assert [(a["source"], a["new"], set(a["actions"].values())) for a in again["articles"]] == [
        (urls["river-cleanup"], False, {"unchanged"})]


def test_a_broken_sources_file_is_one_line_naming_it(tmp_path):
    (tmp_path / "sources.yml").write_text("feeds:\n  - url: http://127.0.0.1:9/feed\n    profile: weekly\n")
    proc = follow(tmp_path)
    assert proc.returncode == 2 and proc.stdout == ""
    assert proc.stderr.strip() == (f"error: {tmp_path / 'sources.yml'}: feeds entry 1: unknown key profile "
                                   "(url and tags only)")
    (tmp_path / "sources.yml").write_text("pages:\n  - file:///etc/passwd\n")
    proc = follow(tmp_path)
    assert proc.returncode == 2 and "only http and https" in proc.stderr and len(proc.stderr.splitlines()) == 1


def test_the_projects_own_sources_file_is_valid():
    from importer.follow import load_sources

    assert all(s.url.startswith(("http://", "https://")) for s in load_sources(ROOT / "sources.yml"))


def test_progress_shows_on_a_terminal_and_json_stays_clean(tmp_path):
    import os
    import pty

    with Site() as site:
        urls = serve_articles(site)
        site.add("/feed.rss", Answer(rss([("夜间公交", urls["night-bus"], NOV[2]),
                                          ("旧书", urls["book-swap"], NOV[9])]), "application/rss+xml"))
        (tmp_path / "sources.yml").write_text(f"feeds:\n  - {site.url('/feed.rss')}\n", encoding="utf-8")
        seen = {}
        for mode in ("text", "json"):
            controller, terminal = pty.openpty()  # stderr is a terminal, stdout a pipe
            cmd = [sys.executable, "-m", "importer", "follow", "--sources", str(tmp_path / "sources.yml"),
                   "--docs", str(tmp_path / mode / "docs"), "--date", FIXED_DATE] + (["--json"] if mode == "json" else [])
            proc = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=terminal, cwd=ROOT, timeout=300)
            os.close(terminal)
            chunks = []
            while True:
                try:
                    chunk = os.read(controller, 65536)
                except OSError:  # the terminal's other end is closed: all was read
                    break
                if not chunk:
                    break
                chunks.append(chunk)
            os.close(controller)
            seen[mode] = (proc.returncode, proc.stdout.decode(), b"".join(chunks).decode())
    code, out, err = seen["text"]
    assert code == 0 and "[1/2] book-swap.html" in err and "[2/2] night-bus.html" in err and "\x1b[K" in err
    assert "\x1b" not in out and "2 new, 0 already imported, 0 failed" in out
    code, out, err = seen["json"]
    assert code == 0 and err == "" and len(json.loads(out)["articles"]) == 2
