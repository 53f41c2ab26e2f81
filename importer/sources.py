"""Which files an import reads: the files named, and the article files inside folders named.

Only regular files are read. A symbolic link is never followed (it could publish a
file from anywhere); it is reported as an error like any other bad input. Inside a
folder, the site's own docs folder, a built `site/`, and hidden folders (`.cache/`,
`.git/`, …) are never entered, and files of types no reader handles are counted
and reported once, not imported.
"""
from __future__ import annotations

import os
import stat
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from .errors import UsageError
from .readers import READERS

# Folders inside a source folder that hold the site's output, never scraped articles.
NOT_SOURCES = {"site"}


@dataclass
class Sources:
    files: list[Path] = field(default_factory=list)
    """Files to import, in order: each named file, then each folder's files sorted by path."""
    errors: list[tuple[Path, str]] = field(default_factory=list)
    """(path, reason) for what was named or found but cannot be read (links, devices, missing)."""
    unsupported: list[Path] = field(default_factory=list)
    """Files inside folders whose type no reader handles."""

    def unsupported_summary(self) -> str:
        """"3 files of types the importer does not read (.pdf ×2, .png)", or ""."""
        if not self.unsupported:
            return ""
        kinds = Counter(p.suffix.lower() or "(no extension)" for p in self.unsupported)
        listed = ", ".join(k if n == 1 else f"{k} ×{n}" for k, n in sorted(kinds.items()))
        count = len(self.unsupported)
        return f"{count} file{'s' * (count != 1)} of types the importer does not read ({listed})"


def find_sources(paths: list[Path], docs: Path) -> Sources:
    """The sources to import; UsageError when the docs folder named is not a folder."""
    if docs.exists() and not docs.is_dir():
        raise UsageError(f"--docs {docs}: not a folder")
    found = Sources()
    docs = docs.resolve()
    for path in paths:
        try:
            info = path.lstat()
        except OSError as exc:
            found.errors.append((path, f"cannot read: {exc.strerror}"))
            continue
        if stat.S_ISLNK(info.st_mode):
            found.errors.append((path, "symbolic link, not followed"))
        elif _inside(path, docs):
            found.errors.append((path, "inside the docs folder: a page of the site, not a scraped article"))
        elif stat.S_ISDIR(info.st_mode):
            _walk(path, docs, found)
        else:
            _add(path, info, found, named=True)
    return found


def _walk(folder: Path, docs: Path, found: Sources) -> None:
    try:
        entries = sorted(os.scandir(folder), key=lambda e: e.name)
    except OSError as exc:
        found.errors.append((folder, f"cannot read: {exc.strerror}"))
        return
    for entry in entries:
        path = Path(entry.path)
        if entry.name.startswith("."):
            continue
        info = entry.stat(follow_symlinks=False)
        if stat.S_ISDIR(info.st_mode):
            if entry.name not in NOT_SOURCES and path.resolve() != docs:
                _walk(path, docs, found)
        else:
            _add(path, info, found, named=False)


def _add(path: Path, info: os.stat_result, found: Sources, named: bool) -> None:
    if stat.S_ISLNK(info.st_mode):
        found.errors.append((path, "symbolic link, not followed"))
    elif not stat.S_ISREG(info.st_mode):
        found.errors.append((path, "not a regular file"))
    elif named or path.suffix.lower() in READERS:
        found.files.append(path)  # a named file of another type gets its own error from the pipeline
    else:
        found.unsupported.append(path)


def _inside(path: Path, docs: Path) -> bool:
    resolved = path.resolve()
    return resolved == docs or docs in resolved.parents
