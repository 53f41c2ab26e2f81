"""Import by URL (importer/fetch.py) against real HTTP servers on 127.0.0.1: the page is
imported exactly as the same bytes saved to a file, kept in the cache, fetched within
bounds (time, size, redirects, robots.txt), and each failure is one line."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from helpers import run_import, split_page
from importer.errors import InputError
from importer.fetch import Fetcher, fetch_all
from web import Answer, Site, article_html


def pages(docs: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted((docs / "articles").glob("*.md"))}


def test_a_url_import_is_byte_identical_to_importing_the_saved_file(tmp_path):
    with Site() as site:
        url = site.url("/news/book-swap.html")
        html = article_html("book-swap", canonical=url).encode()
        site.add("/news/book-swap.html", Answer(html))
        fetched = run_import(url, docs=tmp_path / "a" / "docs", check=True)
    saved = tmp_path / "saved" / "book-swap.html"
    saved.parent.mkdir()
    saved.write_bytes(html)
    run_import(saved, docs=tmp_path / "b" / "docs", check=True)
    by_url, by_file = pages(tmp_path / "a" / "docs"), pages(tmp_path / "b" / "docs")
    assert len(by_url) == 2 and by_url == by_file
    meta, body = split_page(next(p for p in (tmp_path / "a" / "docs" / "articles").glob("*.zh-Hans.md")))
    assert meta["source"] == url and "旧书交换日" in body
    assert url in fetched.stdout  # the report names the URL, not the cache file


def test_the_page_url_becomes_the_source_and_a_reimport_does_not_fetch_again(tmp_path):
    docs = tmp_path / "docs"
    with Site() as site:
        url = site.add("/news/night-bus.html", Answer(article_html("night-bus").encode()))  # no canonical
        first = json.loads(run_import(url, "--json", docs=docs, check=True).stdout)
        again = json.loads(run_import(url, "--json", docs=docs, check=True).stdout)
        assert site.fetches("/news/night-bus.html") == 1
        refreshed = run_import(url, "--refresh", docs=docs, check=True)
        assert site.fetches("/news/night-bus.html") == 2
        (entry,) = (tmp_path / ".cache" / "importer" / "fetched").rglob("page.json")
        entry.write_text("{", encoding="utf-8")  # a damaged cache entry: the page is fetched again
        run_import(url, docs=docs, check=True)
        assert site.fetches("/news/night-bus.html") == 3
    assert first["articles"][0]["source"] == url and first["errors"] == []
    assert set(first["articles"][0]["actions"].values()) == {"created"}
    assert set(again["articles"][0]["actions"].values()) == {"unchanged"}
    assert "unchanged" in refreshed.stdout
    meta, _ = split_page(Path(first["articles"][0]["pages"]["zh-Hans"]))
    assert meta["source"] == url
    assert not list(docs.rglob("*.html"))  # the fetched page is kept outside docs/
    assert list((tmp_path / ".cache" / "importer" / "fetched").rglob("night-bus.html"))


def test_redirects_are_followed_to_the_page_that_becomes_the_source(tmp_path):
    with Site() as site:
        final = site.add("/2026/river-cleanup.html", Answer(article_html("river-cleanup").encode()))
        site.add("/r/1", Answer(status=301, location="/r/2"))
        site.add("/r/2", Answer(status=302, location=final))
        for n in range(10):
            site.add(f"/loop/{n}", Answer(status=302, location=f"/loop/{n + 1}"))
        proc = run_import(site.url("/r/1"), site.url("/loop/0"), "--json", docs=tmp_path / "docs")
    report = json.loads(proc.stdout)
    assert proc.returncode == 1
    (article,) = report["articles"]
    meta, _ = split_page(Path(article["pages"]["en"]))
    assert meta["source"] == final
    assert report["errors"] == [{"source": site.url("/loop/0"), "message": "more than 5 redirects"}]


def test_failures_are_one_line_each_and_the_other_urls_are_imported(tmp_path):
    with Site() as site:
        good = site.add("/news/solar-water.html", Answer(article_html("solar-water").encode()))
        site.add("/robots.txt", Answer(b"User-agent: *\nDisallow: /private/\n", "text/plain"))
        private = site.url("/private/plan.html")
        site.add("/private/plan.html", Answer(article_html("night-bus").encode()))
        picture = site.add("/logo.png", Answer(b"\x89PNG\r\n", "image/png"))
        missing = site.url("/gone.html")
        proc = run_import(missing, private, picture, "file:///etc/passwd", "ftp://127.0.0.1/a.html", good,
                          docs=tmp_path / "docs")
        assert site.fetches("/private/plan.html") == 0  # robots.txt was asked first
    assert proc.returncode == 1 and "Traceback" not in proc.stderr
    errors = proc.stderr.strip().splitlines()
    assert errors == [
        f"error: {missing}: HTTP 404 Not Found",
        f"error: {private}: robots.txt does not allow fetching this page",
        f"error: {picture}: not a page the importer reads (Content-Type image/png)",
        "error: file:///etc/passwd: only http and https URLs are fetched, not file:",
        "error: ftp://127.0.0.1/a.html: only http and https URLs are fetched, not ftp:",
    ]
    assert len(pages(tmp_path / "docs")) == 2  # the good page, in both Chinese scripts
    assert "1 imported, 5 failed" in proc.stdout


def test_a_server_that_does_not_answer_times_out_in_one_line(tmp_path):
    with Site() as site:
        slow = site.add("/slow.html", Answer(stall=True))
        good = site.add("/news/book-swap.html", Answer(article_html("book-swap").encode()))
        with Fetcher(timeout=0.5) as fetcher:
            fetched = fetch_all([slow, good], tmp_path / "cache", fetcher=fetcher)
    assert fetched.errors == [(slow, "no answer within 0.5 s (timed out)")]
    assert [p.name for p in fetched.files] == ["book-swap.html"]


def test_a_huge_response_is_refused_before_or_while_it_is_read(tmp_path):
    with Site() as site:
        declared = site.add("/declared.html", Answer(b"<p>short</p>", length=10**9))
        endless = site.add("/endless.html", Answer(endless=True))
        proc = run_import(declared, docs=tmp_path / "docs")
        assert proc.returncode == 1
        assert proc.stderr.strip() == f"error: {declared}: page is 1,000,000,000 bytes, above the 20 MB limit"
        with Fetcher(max_bytes=1_000_000) as fetcher, pytest.raises(InputError, match="above the 1,000,000 bytes limit"):
            fetcher.get(endless)
    assert not (tmp_path / "docs" / "articles").exists()


def test_a_compressed_body_is_limited_by_its_size_once_decompressed(tmp_path):
    import gzip

    bomb = gzip.compress(b"<p>" + b"a" * 5_000_000 + b"</p>", compresslevel=9)  # about 5 KB on the wire
    with Site() as site:
        url = site.add("/bomb.html", Answer(bomb, headers={"Content-Encoding": "gzip"}))
        with Fetcher(max_bytes=1_000_000) as fetcher, pytest.raises(InputError, match="above the 1,000,000 bytes limit"):
            fetcher.get(url)
        with Fetcher(max_bytes=6_000_000) as fetcher:  # within the limit it is read, decompressed
            assert len(fetcher.get(url).data) == 5_000_007


@pytest.mark.parametrize("content_type, declare_in_page", [
    ("text/html; charset=gbk", False),   # the server says GBK, the page does not
    ("text/html", True),                 # the page says GBK, the server does not
    ("text/html; charset=utf-8", True),  # a wrong server label: the bytes are GBK, as the page says
])
def test_a_gbk_page_is_read_in_its_declared_charset(tmp_path, content_type, declare_in_page):
    html = article_html("solar-water", charset="gbk" if declare_in_page else None).encode("gbk")
    with Site() as site:
        url = site.add("/gbk.html", Answer(html, content_type))
        run_import(url, docs=tmp_path / "docs", check=True)
    _, body = split_page(next((tmp_path / "docs" / "articles").glob("*.zh-Hans.md")))
    assert "大山深处的一所寄宿学校本周装好了太阳能热水器" in body and "\ufffd" not in body


def test_a_default_latin1_label_does_not_garble_a_utf8_page(tmp_path):
    with Site() as site:
        url = site.add("/utf8.html", Answer(article_html("night-bus", charset=None).encode(),
                                            "text/html; charset=ISO-8859-1"))
        run_import(url, docs=tmp_path / "docs", check=True)
    _, body = split_page(next((tmp_path / "docs" / "articles").glob("*.zh-Hans.md")))
    assert "湖畔小城从本月起试行两条夜间公交线路" in body


def test_robots_txt_that_forbids_or_never_ends_is_read_within_bounds(tmp_path):
    with Site() as closed, Site() as endless:
        closed.add("/robots.txt", Answer(b"no", "text/plain", 403))
        endless.add("/robots.txt", Answer(endless=True, content_type="text/plain"))
        page = endless.add("/news/book-swap.html", Answer(article_html("book-swap").encode()))
        with Fetcher() as fetcher:
            assert not fetcher.allowed(closed.url("/news/anything.html"))
            assert fetcher.get(page).url == page  # robots.txt read up to its limit, nothing forbidden
        assert closed.fetches("/robots.txt") == 1
