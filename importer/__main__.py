"""Command line: python -m importer import SOURCE... [--docs DIR] [--json] [--dry-run] [--date D] [--force]

Exit status: 0 all sources imported, 1 some failed (the others are imported), 2 usage error.
Each failure is one line naming the file and the reason; report.py words them, this module prints.
"""
from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

from .batch import import_files
from .dates import iso_date
from .errors import ImporterError, InputError, UsageError
from .pipeline import Settings
from .report import Progress, Report
from .script import HANT_CONFIGS
from .sources import find_sources


def _date(value: str) -> dt.date:
    try:
        return iso_date(value)
    except InputError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m importer", description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    imp = sub.add_parser("import", help="import scraped articles into docs/")
    imp.add_argument("sources", nargs="+", metavar="SOURCE", type=Path, help="a file or a directory of files")
    imp.add_argument("--docs", type=Path, default=Path("docs"), help="MkDocs docs_dir (default: docs)")
    imp.add_argument("--json", action="store_true", help="print one JSON object on stdout, nothing else")
    imp.add_argument("--dry-run", action="store_true", help="report what would be written, write nothing")
    imp.add_argument("--date", type=_date, default=dt.date.today(),
                     help="date for articles that state none (default: today)")
    imp.add_argument("--force", action="store_true",
                     help="overwrite (or remove) pages edited by hand; import an article whose date cannot exist")
    imp.add_argument("--hant-config", choices=HANT_CONFIGS, default="s2twp",
                     help="OpenCC config for Simplified → Traditional (default: s2twp, Taiwan)")
    return parser


def run(args: argparse.Namespace) -> int:
    settings = Settings(args.docs, args.date, args.dry_run, args.force, args.hant_config)
    sources = find_sources(args.sources, settings.docs)
    report = Report(sources, settings.dry_run)
    show = (lambda *_, **__: None) if args.json else print  # JSON output is the one object, nothing else
    for line in report.source_errors():
        show(line, file=sys.stderr)
    progress = Progress(len(sources.files), enabled=not args.json and sys.stderr.isatty())
    for path, outcome in import_files(sources.files, settings):  # it holds the docs/ lock
        progress.step(path)
        text, failed = report.add(path, outcome)
        progress.clear()
        show(text, file=sys.stderr if failed else sys.stdout)
    if args.json:
        sys.stdout.write(report.as_json())
    for line in report.closing_lines():
        show(line)
    return report.exit_status


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return run(args)
    except ImporterError as exc:  # a usage error, or docs/ cannot be written at all
        print(f"error: {exc}", file=sys.stderr)
        return 2 if isinstance(exc, UsageError) else 1
    except KeyboardInterrupt:
        print("interrupted; pages already written are complete", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
