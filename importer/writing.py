"""Write pages into docs/ safely.

- Atomic: each page is written to a temporary file and renamed over the old one,
  so a killed import leaves the old page or the new one, never half of one.
- Idempotent: a page whose bytes would not change is not touched (mtime kept).
- Careful: a page edited by hand since its import is kept unless forced, and a
  different article that happens to want the same slug gets another one.
- Serialised: one import at a time per docs/ (an exclusive lock file), and never
  while the site is built from it (builds hold the same lock, shared).
"""
from __future__ import annotations

import contextlib
import fcntl
import os
import re
import signal
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from .errors import OutputError
from .frontmatter import FrontMatterError, load, split
from .render import DIGEST_KEY, content_digest

ARTICLES_DIR = "articles"
LOCK_NAME = ".import.lock"
# Read from the line itself, not from YAML: an older page wrote the digest unquoted,
# and YAML turns an all-digit digest into a number (losing leading zeros).
_DIGEST_LINE = re.compile(rf"^{DIGEST_KEY}:\s*['\"]?([0-9a-f]+)['\"]?\s*$", re.M)


@dataclass(frozen=True)
class Existing:
    """What an existing page says about itself."""

    text: str
    meta: dict

    @property
    def digest(self) -> str | None:
        """The digest the importer wrote into the page, if any."""
        m = _DIGEST_LINE.search(split(self.text)[0] or "")
        return m.group(1) if m else None

    @property
    def hand_edited(self) -> bool:
        """True unless the page is exactly what an import wrote."""
        return self.digest != content_digest(self.text)


def read_existing(path: Path, keys: tuple[str, ...] = ()) -> Existing | None:
    """The page at `path`, None when there is none (or it is not UTF-8 text).

    With `keys`, only those front-matter keys are read, each from its own line
    (the way the importer writes them): much faster than the whole front matter.
    """
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):  # none, or not a page (writing there reports why)
        return None
    meta = {}
    head, _ = split(text)
    if head is not None:
        if keys:
            head = "\n".join(re.findall(rf"^(?:{'|'.join(keys)}):[^\n]*", head, re.M)) + "\n"
        try:
            meta = load(head)  # YAML is loaded here, only when a page is read back
        except FrontMatterError:  # unreadable: treated as written by hand, so kept
            meta = {}
    return Existing(text, meta)


def page_path(docs: Path, slug: str, lang: str) -> Path:
    return docs / ARTICLES_DIR / f"{slug}.{lang}.md"


def write_atomic(path: Path, text: str | bytes) -> None:
    """`text` (or bytes: a stored image, importer/images.py) into `path`, whole or not at all."""
    path.parent.mkdir(parents=True, exist_ok=True)
    # A hidden name in the same directory (MkDocs skips dot files); imports hold
    # the docs lock, so the process id makes it unique.
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        with (open(tmp, "wb") if isinstance(text, bytes) else open(tmp, "w", encoding="utf-8", newline="\n")) as fh:
            fh.write(text)
        _interrupt_point()
        # The rename is atomic: a killed import leaves the old file or the new one.
        # (No fsync: it guards against power loss, not a kill, and costs more than the import.)
        os.replace(tmp, path)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        if isinstance(exc, OSError):  # a full disk, a read-only folder, a folder where the page goes
            raise OutputError(f"cannot write {path}: {exc.strerror}") from None
        raise


# For tests of interrupted imports (tests/test_robustness.py): "N:SIGNAL" in this variable
# makes the N-th write of the process send itself SIGNAL (KILL, TERM, INT) between
# writing its temporary file and the rename, the worst moment to be stopped.
INTERRUPT_ENV = "IMPORTER_INTERRUPT_AT_WRITE"
_writes = 0


def _interrupt_point() -> None:
    global _writes
    spec = os.environ.get(INTERRUPT_ENV)
    if spec:
        _writes += 1
        at, name = spec.split(":")
        if _writes == int(at):
            os.kill(os.getpid(), getattr(signal, f"SIG{name}"))


@contextlib.contextmanager
def docs_read_lock(docs: Path, waiting: Callable[[], None] = lambda: None):
    """Hold a shared lock on docs/ while the site is built from it: a build waits for a
    running import (calling `waiting` first) and an import waits for the build, so no
    build reads half an import. Builds do not wait for each other. Where no lock file can
    be opened (a read-only docs/), no import can write either: no lock is needed."""
    try:
        fh = open(docs / LOCK_NAME, "a+")  # readable: a shared POSIX lock needs it
    except OSError:
        try:
            fh = open(docs / LOCK_NAME)
        except OSError:
            yield
            return
    with fh:
        try:
            fcntl.lockf(fh, fcntl.LOCK_SH | fcntl.LOCK_NB)
        except OSError:  # an import holds it
            waiting()
            fcntl.lockf(fh, fcntl.LOCK_SH)
        try:
            yield
        finally:
            fcntl.lockf(fh, fcntl.LOCK_UN)


@contextlib.contextmanager
def docs_lock(docs: Path):
    """Hold an exclusive lock on docs/ for the duration of an import."""
    try:
        docs.mkdir(parents=True, exist_ok=True)
        fh = open(docs / LOCK_NAME, "a")
    except OSError as exc:
        raise OutputError(f"{docs}: cannot write: {exc.strerror}") from None
    with fh:
        # A POSIX record lock, not flock(): it belongs to this process alone, so
        # forked import workers never hold it, and it ends when the process does.
        fcntl.lockf(fh, fcntl.LOCK_EX)
        # With the lock held no write is in flight: temporary files are leftovers of a killed import.
        for stale in [*(docs / ARTICLES_DIR).glob(".*.tmp"), *(docs / "images").glob(".*.tmp")]:
            with contextlib.suppress(FileNotFoundError):
                stale.unlink()
        try:
            yield
        finally:
            fcntl.lockf(fh, fcntl.LOCK_UN)
