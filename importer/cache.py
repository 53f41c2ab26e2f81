"""Remember what each source produced, so re-importing an unchanged file is nearly free.

The key covers the source bytes, the importer's own code, rules and phrase
files, the docs/ written to and the settings that shape output; a cached result is only trusted
while every page it names is still on disk exactly as written.
"""
from __future__ import annotations

import hashlib
import json
import os
from functools import lru_cache
from pathlib import Path

from .model import Removal
from .writing import read_existing, write_atomic

PACKAGE = Path(__file__).parent


@lru_cache(maxsize=None)
def importer_fingerprint() -> bytes:
    h = hashlib.sha256()
    for path in sorted(PACKAGE.rglob("*")):
        if path.suffix in (".py", ".yml", ".txt"):
            h.update(path.relative_to(PACKAGE).as_posix().encode() + b"\0" + path.read_bytes())
    return h.digest()


def source_key(data: bytes, docs: Path, hant_config: str, learned: str = "") -> str:
    """`learned`: the digest of the learned boilerplate, which changes what cleaning removes."""
    h = hashlib.sha256(importer_fingerprint())
    h.update(f"{docs.resolve()}\0{hant_config}\0{learned}\0".encode() + data)
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
        """The cached result for `key`, if all its pages are still exactly as imported."""
        entry = self.entries.get(key)
        if not isinstance(entry, dict) or len(entry.get("stats", ())) != len(entry.get("pages", ())):
            return None
        for path, seen in zip(entry["pages"].values(), entry["stats"]):
            if _stat(path) != seen:  # touched since: check what it says
                page = read_existing(Path(path))
                if page is None or page.hand_edited or page.meta.get("slug") != entry["slug"]:
                    return None
        return entry

    def store(self, key: str, slug: str, languages, pages: dict, removed) -> None:
        self.entries[key] = {
            "slug": slug, "languages": list(languages), "pages": {k: str(v) for k, v in pages.items()},
            "stats": [_stat(p) for p in pages.values()],
            "removed": [{"kind": r.kind, "rule": r.rule, "text": r.text} for r in removed],
        }
        self.dirty = True

    def save(self) -> None:
        if self.dirty:
            write_atomic(self.path, json.dumps(self.entries, ensure_ascii=False))
            self.dirty = False


def _stat(path: str) -> list[int] | None:
    try:
        st = os.stat(path)
    except OSError:
        return None
    return [st.st_size, st.st_mtime_ns]


def removals(entry: dict) -> tuple[Removal, ...]:
    return tuple(Removal(**r) for r in entry["removed"])
