"""What an import tells its user: a block of lines per article, one line per failed file,
a closing count, or all of it as one JSON object; and a progress counter on a terminal.

The command line (__main__.py) only prints what this module formats.
"""
from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

from dataclasses import replace

from .errors import ImporterError
from .fetch import Fetched
from .pipeline import ImportResult
from .sources import Sources


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
        "actions": {p.lang: p.action.value for p in result.pages},
        "moved": {p.lang: str(p.moved_from) for p in result.pages if p.moved_from},
        "removed": [r.as_dict() for r in result.removed],
        "image_failures": [{"url": f.url, "reason": f.reason} for f in result.image_failures],
    }


def summary(result: ImportResult) -> str:
    lines = [f"{result.source} → {result.slug} ({', '.join(result.languages)})"]
    lines += [f"  {p.action.value}: {p.path}" + (f" (moved from {p.moved_from.name})" if p.moved_from else "")
              for p in result.pages]
    lines += [f"  image not stored, address kept: {f.url} ({f.reason})" for f in result.image_failures]
    kinds = Counter(r.kind for r in result.removed)
    if kinds:
        lines.append("  removed: " + ", ".join(f"{k} ×{n}" for k, n in sorted(kinds.items())))
    return "\n".join(lines)


class Report:
    """The outcome of one import run, source by source."""

    def __init__(self, sources: Sources, dry_run: bool, fetched: Fetched | None = None):
        self.sources, self.dry_run, self.fetched = sources, dry_run, fetched or Fetched()
        self.files = sources.files + self.fetched.files
        """What the run imports: the files found, then the pages fetched (named by their URL)."""
        self.results: list[ImportResult] = []
        self.errors = [{"source": str(path), "message": message} for path, message in sources.errors]
        self.errors += [{"source": url, "message": message} for url, message in self.fetched.errors]

    def source_errors(self) -> list[str]:
        """One line for each source that could not even be listed (a link, a missing file)."""
        return [f"error: {e['source']}: {e['message']}" for e in self.errors]

    def add(self, path: Path, outcome: ImportResult | Exception) -> tuple[str, bool]:
        """The lines that report one source, and whether they report an error."""
        label = self.fetched.label(path)
        if isinstance(outcome, Exception):  # a bug in one file must not hide the other files' results
            message = reason(outcome)
            self.errors.append({"source": label, "message": message})
            return f"error: {label}: {message}", True
        outcome = replace(outcome, source=label)
        self.results.append(outcome)
        return summary(outcome), False

    def as_json(self) -> str:
        # One line, made in one call: json.dump with a stream (or indent) falls
        # back to the pure-Python encoder, which cost more than a re-import itself.
        skipped = [{"source": str(p), "message": "file type not imported"} for p in self.sources.unsupported]
        return json.dumps({"articles": [as_json(r) for r in self.results], "errors": self.errors,
                           "skipped": skipped}, ensure_ascii=False) + "\n"

    def closing_lines(self) -> list[str]:
        """What was not imported, and the count (for a dry run, or more than one file, or any error)."""
        lines = [f"not imported: {self.sources.unsupported_summary()}"] if self.sources.unsupported else []
        if self.dry_run:
            lines.append(f"dry run, nothing written: would import {len(self.results)}, {len(self.errors)} failed")
        elif len(self.files) > 1 or self.errors:
            lines.append(f"{len(self.results)} imported, {len(self.errors)} failed")
        return lines

    @property
    def exit_status(self) -> int:
        """0 when every source was imported, 1 when any failed or there was nothing to import."""
        return 1 if self.errors or not self.files else 0


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
