"""Drafts and scheduled articles (issue 18): `mkdocs serve` shows them with a label in the
page's language; `mkdocs build` leaves them out of pages, listings, feeds, sitemaps and
search, and a scheduled article appears once its day comes (BP_TODAY sets the day)."""
from __future__ import annotations

import datetime as dt
import gzip
import queue
import socket
import subprocess
import sys
import threading
import urllib.request
from pathlib import Path

import pytest

from conftest import LANGUAGES, copy_site, mkdocs_env
from helpers import import_json, split_page
from listings.index import Entry
from listings.schedule import Hold, ScheduleError, held_back, today

# Our own text: a weekly issue imported with --draft (all three languages).
DRAFT_ISSUE = """科技周报 - 第130期:河堤跑道的夜灯改造 - 2025年6月2日

内容来源:https://weekly.example.org/issues/130
内容总结:
夜灯改造完成
河堤跑道换上了暖色路灯，夜跑的人说终于看得清脚下的台阶。
中文翻译:
本周焦点:跑道的夜晚
管理处说新灯比旧灯省电三成。
英文来源:
This Week
Marmalight on the River Path
The river path now has warm lamps, and night runners can finally see the steps.
文章标题:科技周报 - 第130期:河堤跑道的夜灯改造 - 2025年6月2日
文章链接:https://blog.example.org/?post=130
"""
DRAFT_TITLE_EN = "Marmalight"

SCHEDULED_DAY = dt.date(2027, 3, 1)
# A hand-written article in two languages, due on SCHEDULED_DAY.
SCHEDULED = {
    "zh-Hans": ("渡口书亭开张", "渡口旁边的旧邮亭改成了书亭，周末由志愿者轮流看管。"),
    "en": ("Zephyrquill, a book kiosk at the ferry", "The old post kiosk by the ferry is now a book kiosk."),
}


def entry(slug, lang, date, draft=False):
    return Entry(lang=lang, slug=slug, src_uri=f"articles/{slug}.{lang}.md", title=slug, date=date,
                 issue=None, author="", tags=(), excerpt="", draft=draft)


# --- which articles are held back ----------------------------------------------------------

def test_a_draft_in_one_language_holds_back_every_language():
    day = dt.date(2026, 5, 1)
    by_lang = {"zh-Hans": [entry("a", "zh-Hans", day), entry("b", "zh-Hans", day)],
               "en": [entry("a", "en", day, draft=True), entry("b", "en", day)]}
    assert held_back(by_lang, day) == {"a": Hold(draft=True, due=None)}


def test_a_future_date_is_held_until_its_day():
    due = dt.date(2026, 5, 2)
    by_lang = {"en": [entry("a", "en", due)], "zh-Hans": [entry("a", "zh-Hans", dt.date(2026, 5, 1))]}
    assert held_back(by_lang, dt.date(2026, 5, 1)) == {"a": Hold(draft=False, due=due)}
    assert held_back(by_lang, due) == {}


def test_today_comes_from_one_variable_or_the_site_time_zone(monkeypatch):
    monkeypatch.setenv("BP_TODAY", "2030-02-03")
    assert today("Asia/Shanghai") == dt.date(2030, 2, 3)
    monkeypatch.setenv("BP_TODAY", "3 Feb")
    with pytest.raises(ScheduleError, match="BP_TODAY='3 Feb': not a date"):
        today()
    monkeypatch.delenv("BP_TODAY")
    with pytest.raises(ScheduleError, match="unknown time zone 'Mars/Olympus'"):
        today("Mars/Olympus")
    # One fixed instant (the clock is frozen: a test that reads the real clock depends on the hour
    # it runs): 10:30 UTC is already tomorrow in Kiribati (UTC+14) and still yesterday in Samoa (UTC-11).
    instant = dt.datetime(2026, 11, 22, 10, 30, tzinfo=dt.timezone.utc)

    class Frozen(dt.datetime):
        @classmethod
        def now(cls, tz=None):
            return instant.astimezone(tz)

    monkeypatch.setattr(dt, "datetime", Frozen)
    assert today("Pacific/Kiritimati") == dt.date(2026, 11, 23)
    assert today("Asia/Shanghai") == dt.date(2026, 11, 22)
    assert today("Pacific/Pago_Pago") == dt.date(2026, 11, 21)


# --- the import -------------------------------------------------------------------------

def test_import_with_draft_marks_every_language_and_a_plain_reimport_publishes(tmp_path):
    source = tmp_path / "issue-130.txt"
    source.write_text(DRAFT_ISSUE, encoding="utf-8")
    docs = tmp_path / "docs"
    report = import_json(source, "--draft", docs=docs)
    assert report["errors"] == []
    pages = report["articles"][0]["pages"]
    assert set(pages) == set(LANGUAGES)
    assert all(split_page(Path(p))[0]["draft"] is True for p in pages.values())
    again = import_json(source, docs=docs)  # the result cache must not answer "unchanged"
    assert set(again["articles"][0]["actions"].values()) == {"updated"}
    assert all("draft" not in split_page(Path(p))[0] for p in pages.values())


# --- the built site -----------------------------------------------------------------------

def write_scheduled(docs: Path) -> None:
    for lang, (title, text) in SCHEDULED.items():
        (docs / "articles" / f"ferry-kiosk.{lang}.md").write_text(
            f"---\ntitle: {title}\ndate: {SCHEDULED_DAY}\nlang: {lang}\ntags: [kiosk]\n"
            f"translations: [zh-Hans, en]\n---\n\n# {title}\n\n{text}\n", encoding="utf-8")


def build(project: Path, site: Path, day: str) -> str:
    proc = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site)],
                          cwd=project, env=mkdocs_env(today=day), capture_output=True, text=True, timeout=600)
    log = proc.stdout + proc.stderr
    assert proc.returncode == 0 and "WARNING" not in log, log[-3000:]
    return log


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    project = copy_site(tmp_path_factory.mktemp("drafts"))
    (project / "inbox").mkdir()
    (project / "inbox" / "issue-130.txt").write_text(DRAFT_ISSUE, encoding="utf-8")
    report = import_json(project / "inbox", "--draft", docs=project / "docs")
    assert report["errors"] == []
    write_scheduled(project / "docs")
    return project, report["articles"][0]["slug"]


@pytest.fixture(scope="module")
def sites(project):
    """{day: site} built the day before SCHEDULED_DAY and on it."""
    project, _ = project
    days = {"before": str(SCHEDULED_DAY - dt.timedelta(days=1)), "on": str(SCHEDULED_DAY)}
    return {name: (project / f"site-{name}", build(project, project / f"site-{name}", day))
            for name, day in days.items()}


def site_text(site: Path) -> str:
    """Everything a reader, a crawler or the search box could get from the site, as text."""
    out = []
    for path in site.rglob("*"):
        if path.suffix in (".html", ".xml"):
            out.append(path.read_text("utf-8"))
        elif path.suffix == ".pf_fragment":  # Pagefind's records: gzip, then JSON
            out.append(gzip.decompress(path.read_bytes()).decode("utf-8"))
    return "\n".join(out)


def test_drafts_and_scheduled_articles_are_nowhere_in_the_build(project, sites):
    _, draft_slug = project
    site, log = sites["before"]
    text = site_text(site)
    for slug in (draft_slug, "ferry-kiosk"):
        assert not list(site.rglob(f"articles/{slug}")), slug
        assert f"articles/{slug}/" not in text, slug
    assert DRAFT_TITLE_EN not in text and "Zephyrquill" not in text and SCHEDULED["zh-Hans"][0] not in text
    assert not (site / "tags" / "kiosk").exists()
    assert "Not published: 1 draft(s), 1 scheduled (today is 2027-02-28)" in log
    # The rest of the site is there, search included (so the checks above could fail).
    assert "Lakeside Tech Week" in text and "pagefind_dcd" in text


def test_a_scheduled_article_is_published_on_its_day(project, sites):
    _, draft_slug = project
    site, _ = sites["on"]
    for lang, prefix in [("zh-Hans", ""), ("en", "en/")]:
        title = SCHEDULED[lang][0]
        assert title in (site / prefix / "articles" / "ferry-kiosk" / "index.html").read_text("utf-8")
        for listing in ("archive/index.html", "tags/kiosk/index.html", "feed.xml", "index.html"):
            assert title in (site / prefix / listing).read_text("utf-8"), (lang, listing)
        fragments = "".join(gzip.decompress(p.read_bytes()).decode("utf-8")
                            for p in (site / "pagefind" / lang / "fragment").glob("*.pf_fragment"))
        assert title in fragments, lang
    assert "articles/ferry-kiosk/" in (site / "sitemap.xml").read_text("utf-8")
    assert not list(site.rglob(f"articles/{draft_slug}"))  # a draft waits for no date
    assert "<p class=\"bp-draft\"" not in site_text(site)


# --- the preview ----------------------------------------------------------------------------

def free_port() -> int:
    """A port the system has just given out (`mkdocs serve` on port 0 does not say which it got)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_serve_builds_drafts_with_a_label_in_the_page_language(project):
    project, draft_slug = project
    proc = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "--no-livereload",
                             "--dev-addr", f"127.0.0.1:{free_port()}"],
                            cwd=project, env=mkdocs_env(today=str(SCHEDULED_DAY - dt.timedelta(days=1)))
                            | {"SITE_URL": "http://127.0.0.1/"},
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    lines: queue.Queue[str] = queue.Queue()
    threading.Thread(target=lambda: [lines.put(line) for line in proc.stdout], daemon=True).start()
    try:
        seen = []
        while not seen or "Serving on" not in seen[-1]:
            seen.append(lines.get(timeout=300))
        base = seen[-1].split("Serving on", 1)[1].strip()

        def get(path: str) -> str:
            with urllib.request.urlopen(base + path, timeout=60) as response:
                return response.read().decode("utf-8")

        expected = {
            f"articles/{draft_slug}/": "<p class=\"bp-draft\" role=\"note\">草稿</p>",
            f"zh-Hant/articles/{draft_slug}/": "<p class=\"bp-draft\" role=\"note\">草稿</p>",
            f"en/articles/{draft_slug}/": "<p class=\"bp-draft\" role=\"note\">Draft</p>",
            "articles/ferry-kiosk/": "<p class=\"bp-draft\" role=\"note\">定时发布：2027 年 3 月 1 日</p>",
            "en/articles/ferry-kiosk/": "<p class=\"bp-draft\" role=\"note\">Scheduled for March 1, 2027</p>",
        }
        for path, label in expected.items():
            assert label in get(path), path
        assert "bp-draft" not in get("articles/tech-week-opening/")
        assert DRAFT_TITLE_EN in get("en/archive/")  # the editor finds them in the listings
    finally:
        proc.terminate()
        proc.wait(timeout=60)
