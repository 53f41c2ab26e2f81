"""Command line: python -m importer import SOURCE... [--docs DIR] [--json] [--dry-run] [--date D] [--force]

Exit status: 0 all sources imported, 1 some failed (the others are imported),
2 usage error. Each failure is one line naming the file and the reason.
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from collections import Counter
from pathlib import Path

from .batch import import_files
from .dates import parse_date
from .errors import ImporterError, InputError, UsageError
from .pipeline import ImportResult, Settings
from .script import HANT_CONFIGS
from .sources import find_sources
from .writing import docs_lock


def _date(value: str) -> dt.date:
    try:
        date = parse_date(value)
    except InputError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None
    if date is None or date.isoformat() != value.strip():
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {value!r}")
    return date


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
    imp.add_argument("--draft", action="store_true",
                     help="write drafts (draft: true): shown by `make serve`, not published")
    imp.add_argument("--no-images", dest="images", action="store_false",
                     help="keep images at their addresses (default: store them in DOCS/images/)")
    imp.add_argument("--hant-config", choices=HANT_CONFIGS, default="s2twp",
                     help="OpenCC config for Simplified → Traditional (default: s2twp, Taiwan)")
    return parser


def run(args: argparse.Namespace) -> int:
    settings = Settings(docs=args.docs, date=args.date, dry_run=args.dry_run,
                        force=args.force, hant_config=args.hant_config, draft=args.draft,
                        images=args.images)
    if settings.docs.exists() and not settings.docs.is_dir():
        raise UsageError(f"--docs {settings.docs}: not a folder")
    sources = find_sources(args.sources, settings.docs)
    files = sources.files
    results: list[ImportResult] = []
    errors = [{"source": str(path), "message": message} for path, message in sources.errors]
    if not args.json:
        for error in errors:
            print(f"error: {error['source']}: {error['message']}", file=sys.stderr)
    progress = Progress(len(files), enabled=not args.json and sys.stderr.isatty())
    with docs_lock(settings.docs):
        for path, outcome in import_files(files, settings):
            progress.step(path)
            if isinstance(outcome, Exception):  # a bug in one file must not hide the other files' results
                message = reason(outcome)
                errors.append({"source": str(path), "message": message})
                report, stream = f"error: {path}: {message}", sys.stderr
            else:
                results.append(outcome)
                report, stream = summary(outcome), sys.stdout
            if not args.json:
                progress.clear()
                print(report, file=stream)
    progress.clear()
    skipped = [{"source": str(p), "message": "file type not imported"} for p in sources.unsupported]
    if args.json:
        # One line, written in one call: json.dump with a stream (or indent) falls
        # back to the pure-Python encoder, which cost more than a re-import itself.
        sys.stdout.write(json.dumps({"articles": [as_json(r) for r in results], "errors": errors,
                                     "skipped": skipped}, ensure_ascii=False) + "\n")
    else:
        if sources.unsupported:
            print(f"not imported: {sources.unsupported_summary()}")
        if args.dry_run:
            print(f"dry run, nothing written: would import {len(results)}, {len(errors)} failed")
        elif len(files) > 1 or errors:
            print(f"{len(results)} imported, {len(errors)} failed")
    return 1 if errors or not files else 0


def reason(error: Exception) -> str:
    """Why a file failed, in one line: the importer's own words, the system's refusal
    (a full disk anywhere, a folder without permission), or a bug."""
    if isinstance(error, ImporterError):
        return str(error)
    if isinstance(error, OSError) and error.strerror:
        return f"{error.strerror}: {error.filename}" if error.filename else error.strerror
    return f"internal error: {type(error).__name__}: {error}"


def as_json(result: ImportResult) -> dict:
    return {
        "source": result.source,
        "slug": result.slug,
        "languages": list(result.languages),
        "pages": {p.lang: str(p.path) for p in result.pages},
        "actions": {p.lang: p.action for p in result.pages},
        "moved": {p.lang: str(p.moved_from) for p in result.pages if p.moved_from},
        "removed": [{"kind": r.kind, "rule": r.rule, "text": r.text} for r in result.removed],
        "image_failures": [{"url": f.url, "reason": f.reason} for f in result.image_failures],
    }


def summary(result: ImportResult) -> str:
    lines = [f"{result.source} → {result.slug} ({', '.join(result.languages)})"]
    lines += [f"  {p.action}: {p.path}" + (f" (moved from {p.moved_from.name})" if p.moved_from else "")
              for p in result.pages]
    lines += [f"  image not stored, address kept: {f.url} ({f.reason})" for f in result.image_failures]
    kinds = Counter(r.kind for r in result.removed)
    if kinds:
        lines.append("  removed: " + ", ".join(f"{k} ×{n}" for k, n in sorted(kinds.items())))
    return "\n".join(lines)


class Progress:
    """A one-line counter on a terminal's stderr; silent when not a terminal."""

    def __init__(self, total: int, enabled: bool):
        self.total, self.done, self.enabled = total, 0, enabled and total > 1

    def step(self, path: Path) -> None:
        self.done += 1
        if self.enabled:
            sys.stderr.write(f"\r\033[K[{self.done}/{self.total}] {path.name[:60]}")
            sys.stderr.flush()

    def clear(self) -> None:
        if self.enabled:
            sys.stderr.write("\r\033[K")
            sys.stderr.flush()


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return run(args)
    except UsageError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except ImporterError as exc:  # docs/ cannot be written at all
        print(f"error: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("interrupted; pages already written are complete", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
