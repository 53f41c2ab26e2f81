"""Remember what each source produced, so re-importing an unchanged file is nearly free.

The key covers the source bytes, the importer's own code, rules and phrase
files, the docs/ written to and the settings that shape output; a cached result is only trusted
while every page it names still holds exactly the bytes that import left (their digests are stored).
"""
from __future__ import annotations

import hashlib
import json
from functools import lru_cache
from pathlib import Path

from .errors import OutputError
from .writing import write_atomic

PACKAGE = Path(__file__).parent
_ENTRY_KEYS = {"article_id", "slug", "languages", "pages", "sha", "removed"}


@lru_cache(maxsize=None)
def importer_fingerprint() -> bytes:
    h = hashlib.sha256()
    for path in sorted(PACKAGE.rglob("*")):
        if path.suffix in (".py", ".yml", ".txt"):
            h.update(path.relative_to(PACKAGE).as_posix().encode() + b"\0" + path.read_bytes())
    return h.digest()


def source_key(data: bytes, docs: Path, options: str, learned: str = "", origin: str = "") -> str:
    """`options`: the settings that change the pages (Settings.output_options); `learned`: the digest
    of the learned boilerplate, which changes what cleaning removes; `origin`: where a fetched page
    came from (its address becomes the source)."""
    h = hashlib.sha256(importer_fingerprint())
    h.update(f"{docs.resolve()}\0{options}\0{learned}\0{origin}\0".encode() + data)
    return h.hexdigest()[:32]


class ResultCache:
    """Results of earlier imports, one JSON file read at the start of a run and written at its end."""

    def __init__(self, cache_dir: Path):
        self.path = cache_dir / "results.json"
        try:
            self.entries = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            self.entries = {}
        self.dirty = False

    def lookup(self, key: str) -> dict | None:
        """The cached result for `key`, if every page it names still holds exactly what that import left.

        The page's bytes are checked, not its size and time: a docs/ restored from a
        backup or an older commit holds other text under the same name and size.
        """
        entry = self.entries.get(key)
        if not isinstance(entry, dict) or not _ENTRY_KEYS <= entry.keys() or set(entry["sha"]) != set(entry["pages"]):
            return None  # written by an older importer, or damaged
        for lang, path in entry["pages"].items():
            if page_sha(Path(path)) != entry["sha"][lang]:
                return None
        return entry

    def store(self, key: str, result) -> None:
        """Remember an import's result (an ImportResult whose pages are all as it left them)."""
        self.entries[key] = {
            "article_id": result.article_id, "slug": result.slug, "languages": list(result.languages),
            "pages": {p.lang: str(p.path) for p in result.pages}, "sha": {p.lang: p.sha for p in result.pages},
            "removed": [r.as_dict() for r in result.removed],
        }
        self.dirty = True

    def save(self) -> None:
        if self.dirty:
            try:
                write_atomic(self.path, json.dumps(self.entries, ensure_ascii=False))
            except OutputError:  # only a speed-up: the pages are written, or reported as not
                return
            self.dirty = False


def page_sha(path: Path) -> str | None:
    """Digest of a page's bytes (as PageResult.sha), None when it cannot be read."""
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return None
