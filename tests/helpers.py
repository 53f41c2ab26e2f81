"""Helpers shared by the importer tests."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import markdown
import yaml
from bs4 import BeautifulSoup

from conftest import LANGUAGES, ROOT, unavailable

FIXTURES = ROOT / "tests" / "fixtures"
SEEDS = ROOT.parent / "shared" / "seeds"
FIXED_DATE = "2026-11-21"


def seeds_dir() -> Path:
    """The reference inputs beside the checkout; CI has them, so missing there is a failure."""
    if not SEEDS.is_dir():
        unavailable(f"seed inputs not found at {SEEDS}")
    return SEEDS


def run_import(*args, docs: Path, check: bool = False, date: str = FIXED_DATE,
               images: bool = False) -> subprocess.CompletedProcess:
    """The importer on `args`; images keep their addresses unless `images` (tests never reach the
    internet: the fixtures' image addresses are not ours to download)."""
    cmd = [sys.executable, "-m", "importer", "import", *map(str, args), "--docs", str(docs), "--date", date,
           *(() if images else ("--no-images",))]
    proc = subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT, timeout=300)
    if check and proc.returncode != 0:
        raise AssertionError(f"import failed ({proc.returncode}): {proc.stderr}")
    return proc


def import_json(*args, docs: Path, **kw) -> dict:
    proc = run_import(*args, "--json", docs=docs, **kw)
    return json.loads(proc.stdout)


def docs_files(docs: Path) -> dict[Path, bytes]:
    """Every file in docs/ and its bytes, but the lock a build takes (an empty file the first build creates)."""
    from importer.writing import LOCK_NAME

    return {p: p.read_bytes() for p in docs.rglob("*") if p.is_file() and p.name != LOCK_NAME}


def split_page(path: Path) -> tuple[dict, str]:
    """(front matter, Markdown body) of a written page."""
    text = path.read_text(encoding="utf-8")
    assert text.startswith("---\n"), path
    head, _, body = text[4:].partition("\n---\n")
    return yaml.safe_load(head), body


def page_text(path: Path) -> str:
    """What a reader sees of a page's body: its Markdown rendered, as plain text."""
    _, body = split_page(path)
    html = markdown.markdown(body)
    return BeautifulSoup(html, "html.parser").get_text("\n")


def content_lines(text: str) -> list[str]:
    return [ln.strip() for ln in text.splitlines() if ln.strip()]


def pages_of(built_site: Path, lang: str) -> int:
    """Pages of one language that search covers: all but the listings (home, archive, tags)."""
    prefix = built_site / LANGUAGES[lang]
    return sum(1 for p in prefix.rglob("index.html")
               if not any(part in LANGUAGES and part != lang for part in p.relative_to(built_site).parts)
               and not {"pagefind", "archive", "tags"} & set(p.relative_to(prefix).parts)
               and p.parent != prefix)
