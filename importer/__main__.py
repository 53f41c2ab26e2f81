"""Command line: python -m importer import SOURCE... [--docs DIR] [--json] [--dry-run] [--date D] [--force]
(a SOURCE is a file, a folder or an http(s) URL), and python -m importer follow (follow.py).

Exit status: 0 all sources imported, 1 some failed (the others are imported), 2 usage error.
Each failure is one line naming the file and the reason; report.py words them, this module prints.
"""
from __future__ import annotations

import argparse
import sys
from dataclasses import replace
from pathlib import Path

from .batch import import_files
from .errors import ImporterError, UsageError
from .fetch import fetch_all, is_url
from .options import build_parser
from .pipeline import Settings
from .report import Progress, Report
from .sources import find_sources


def run(args: argparse.Namespace) -> int:
    settings = Settings(args.docs, args.date, args.dry_run, args.force, args.hant_config,
                        draft=args.draft, images=args.images)
    sources = find_sources([Path(s) for s in args.sources if not is_url(s)], settings.docs)
    urls = [s for s in args.sources if is_url(s)]
    fetching = Progress(len(urls), enabled=not args.json and sys.stderr.isatty())
    fetched = fetch_all(urls, settings.cache, refresh=args.refresh, step=lambda url: fetching.step(Path(url)))
    fetching.clear()
    settings = replace(settings, origins=fetched.origins)
    report = Report(sources, settings.dry_run, fetched)
    show = (lambda *_, **__: None) if args.json else print  # JSON output is the one object, nothing else
    for line in report.source_errors():
        show(line, file=sys.stderr)
    progress = Progress(len(report.files), enabled=not args.json and sys.stderr.isatty())
    for path, outcome in import_files(report.files, settings):  # it holds the docs/ lock
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
        return args.run(args) if "run" in args else run(args)
    except ImporterError as exc:  # a usage error, or docs/ cannot be written at all
        print(f"error: {exc}", file=sys.stderr)
        return 2 if isinstance(exc, UsageError) else 1
    except KeyboardInterrupt:
        print("interrupted; pages already written are complete", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
