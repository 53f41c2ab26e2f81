"""The command line's options: python -m importer import … and follow … (see __main__.py)."""
from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path

from .dates import iso_date
from .errors import InputError
from .script import HANT_CONFIGS


def _date(value: str) -> dt.date:
    try:
        return iso_date(value)
    except InputError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m importer",
                                     description="Import scraped articles into a MkDocs docs/ folder.")
    sub = parser.add_subparsers(dest="command", required=True)
    imp = sub.add_parser("import", help="import scraped articles into docs/")
    imp.add_argument("sources", nargs="+", metavar="SOURCE", help="a file, a directory of files or an http(s) URL")
    imp.add_argument("--docs", type=Path, default=Path("docs"), help="MkDocs docs_dir (default: docs)")
    imp.add_argument("--json", action="store_true", help="print one JSON object on stdout, nothing else")
    imp.add_argument("--dry-run", action="store_true", help="report what would be written, write nothing")
    imp.add_argument("--date", type=_date, default=dt.date.today(),
                     help="date for articles that state none (default: today)")
    imp.add_argument("--force", action="store_true",
                     help="overwrite (or remove) pages edited by hand; import an article whose date cannot exist")
    imp.add_argument("--draft", action="store_true",
                     help="write drafts (draft: true): shown by `make serve`, not published")
    imp.add_argument("--no-images", dest="images", action="store_false",
                     help="keep images at their addresses (default: store them in DOCS/images/)")
    imp.add_argument("--hant-config", choices=HANT_CONFIGS, default="s2twp",
                     help="OpenCC config for Simplified → Traditional (default: s2twp, Taiwan)")
    imp.add_argument("--refresh", action="store_true", help="fetch URLs again, even when fetched before")
    from .follow import add_parser
    add_parser(sub, _date)
    return parser
