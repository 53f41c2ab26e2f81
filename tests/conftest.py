"""Shared fixtures: one strict build of the site per test session, a local
HTTP server for it, and the rule for browser tests (skip locally without a
Chromium, fail under CI=true)."""

from __future__ import annotations

import contextlib
import functools
import http.server
import os
import shutil
import subprocess
import sys
import threading
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from hypothesis import settings

# Property tests draw the same examples on every run (CI must not pass or fail by
# chance); HYPOTHESIS_PROFILE=explore draws new ones, to look for new failures.
settings.register_profile("repeatable", derandomize=True, database=None)
settings.register_profile("explore", derandomize=False)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "repeatable"))

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs"
MKDOCS_YML = ROOT / "mkdocs.yml"

# Language code -> output sub-directory of the built site (default at the root).
LANGUAGES = {"zh-Hans": "", "zh-Hant": "zh-Hant/", "en": "en/"}
DEFAULT_LANGUAGE = "zh-Hans"

CHROMIUM_CANDIDATES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
TIMEOUT_MS = 20_000
# What a copy of the site needs to build on its own (the hooks' packages are installed).
SITE_FILES = ("mkdocs.yml", "overrides", "hooks", "docs")


# "Today" for every test build (listings/schedule.py): after every date the tests' articles
# have, so none is held back as scheduled, whatever the real clock says.
TEST_TODAY = "2027-12-31"


def mkdocs_env(today: str = TEST_TODAY) -> dict[str, str]:
    """Environment for running mkdocs in tests (quiet Material banner, a fixed today)."""
    env = dict(os.environ)
    env["NO_MKDOCS_2_WARNING"] = "1"
    env["BP_TODAY"] = today
    return env


@functools.lru_cache(maxsize=None)
def site_url() -> str:
    """site_url as MkDocs resolves it (including !ENV), with a trailing slash."""
    from mkdocs.config import load_config

    url = load_config(str(MKDOCS_YML)).site_url
    assert url, "mkdocs.yml must set site_url"
    return url if url.endswith("/") else url + "/"


def site_prefix() -> str:
    """Path part of site_url, e.g. '/bilingual-press/'."""
    return urlsplit(site_url()).path or "/"


def run_mkdocs_build(site_dir: Path, config_file: Path = MKDOCS_YML) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict",
         "--config-file", str(config_file), "--site-dir", str(site_dir)],
        cwd=config_file.parent,
        env=mkdocs_env(),
        capture_output=True,
        text=True,
        timeout=600,
    )


def copy_site(dest: Path) -> Path:
    """A copy of the site's sources in `dest`, to import into and build without touching docs/."""
    dest.mkdir(parents=True, exist_ok=True)
    for name in SITE_FILES:
        src = ROOT / name
        (shutil.copytree if src.is_dir() else shutil.copy)(src, dest / name)
    return dest


@pytest.fixture(scope="session")
def site_build(tmp_path_factory):
    """(site_dir, build log) of one `mkdocs build --strict` of the project."""
    site_dir = tmp_path_factory.mktemp("built") / "site"
    proc = run_mkdocs_build(site_dir)
    log = proc.stdout + proc.stderr
    if proc.returncode != 0:
        pytest.fail(f"mkdocs build --strict failed ({proc.returncode}):\n{log}")
    return site_dir, log


@pytest.fixture(scope="session")
def built_site(site_build) -> Path:
    """Path of the strictly built site (built once per session)."""
    return site_build[0]


# --- serving the built site ---------------------------------------------------

class _PrefixHandler(http.server.SimpleHTTPRequestHandler):
    """Serves `directory` under `prefix` only, like GitHub Pages serves a project site."""

    prefix = "/"

    def translate_path(self, path):
        clean = path.split("?", 1)[0].split("#", 1)[0]
        if not clean.startswith(self.prefix):
            return str(Path(self.directory) / "__outside_prefix__")
        return super().translate_path("/" + clean[len(self.prefix):])

    def send_error(self, code, message=None, explain=None):
        not_found = Path(self.directory) / "404.html"
        if code != 404 or not not_found.is_file():
            return super().send_error(code, message, explain)
        body = not_found.read_bytes()  # the site's own 404 page, as GitHub Pages does
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def log_message(self, format, *args):  # keep pytest output clean
        pass


class SiteServer:
    def __init__(self, directory: Path, prefix: str):
        handler = functools.partial(
            type("Handler", (_PrefixHandler,), {"prefix": prefix}), directory=str(directory)
        )
        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.httpd.daemon_threads = True
        self.port = self.httpd.server_address[1]
        self.root = f"http://127.0.0.1:{self.port}{prefix}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def url(self, path: str = "") -> str:
        return self.root + path.lstrip("/")

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture(scope="session")
def site_server(built_site):
    """The built site on http://127.0.0.1:<random port><site_url path>."""
    with SiteServer(built_site, site_prefix()) as server:
        yield server


# --- browser -------------------------------------------------------------------

def find_chromium() -> str | None:
    for name in CHROMIUM_CANDIDATES:
        found = shutil.which(name)
        if found:
            return found
    return "/usr/bin/chromium" if os.access("/usr/bin/chromium", os.X_OK) else None


def unavailable(reason: str):
    """Skip a test whose outside resource is missing; under CI=true that is a failure."""
    if os.environ.get("CI") == "true":
        pytest.fail(f"{reason} (CI=true: this test must run, not skip)")
    pytest.skip(reason)


@pytest.fixture(scope="session")
def chromium_executable() -> str:
    path = find_chromium()
    if not path:
        unavailable(
            "no Chromium executable found (looked for "
            + ", ".join(CHROMIUM_CANDIDATES) + ", /usr/bin/chromium); "
            "install it, e.g. `apt-get install chromium`"
        )
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        unavailable("playwright is not installed (pip install -e '.[test]')")
    return path


@contextlib.contextmanager
def chromium_context(executable: str, profile: Path):
    """A headless Chromium (fresh profile in `profile`) driven by playwright: a browser context."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        context = p.chromium.launch_persistent_context(
            str(profile), executable_path=executable, headless=True, args=CHROMIUM_ARGS,
            viewport={"width": 1280, "height": 900})
        context.set_default_timeout(TIMEOUT_MS)
        try:
            yield context
        finally:
            context.close()


@pytest.fixture(scope="module")
def browser(chromium_executable, tmp_path_factory):
    with chromium_context(chromium_executable, tmp_path_factory.mktemp("chromium-profile")) as context:
        context.requests = []  # every request made by any page of this context
        context.on("request", lambda request: context.requests.append(request.url))
        yield context


@pytest.fixture
def page(browser):
    page = browser.new_page()
    yield page
    page.close()


@pytest.fixture(scope="session")
def published(tmp_path_factory):
    """(site dir, import report, {lang: front matter of the new issue}, chinese-only report):
    a copy of the site with tests/weekly_site.py's new issue and post imported and built."""
    from helpers import import_json, split_page
    from weekly_site import CHINESE_ONLY, CHINESE_ONLY_DATE, NEW_ISSUE

    project = copy_site(tmp_path_factory.mktemp("weekly"))
    inbox = project / "inbox"
    inbox.mkdir()
    (inbox / "issue-121.txt").write_text(NEW_ISSUE, encoding="utf-8")
    (inbox / "night-market.txt").write_text(CHINESE_ONLY, encoding="utf-8")
    report = import_json(inbox, docs=project / "docs", date=CHINESE_ONLY_DATE)
    assert report["errors"] == [], report["errors"]
    by_source = {Path(a["source"]).name: a for a in report["articles"]}
    issue, post = by_source["issue-121.txt"], by_source["night-market.txt"]
    assert set(issue["languages"]) == set(LANGUAGES)
    assert "en" not in post["languages"]
    site = project / "site"
    proc = run_mkdocs_build(site, project / "mkdocs.yml")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "WARNING" not in proc.stdout + proc.stderr
    meta = {lang: split_page(Path(path))[0] for lang, path in issue["pages"].items()}
    return site, issue, meta, post
