"""Stable, safe ASCII slugs: the same article always gets the same file name."""
from __future__ import annotations

import hashlib
import re

MAX_WORDS = 8
MAX_LENGTH = 60
# Names Windows refuses as files, whatever the extension.
_RESERVED = re.compile(r"(con|prn|aux|nul|com\d|lpt\d)", re.I)


def short_hash(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:8]


def make_slug(english_title: str, identity: str) -> str:
    """Words of the English (or ASCII part of the) title, plus a hash when they are few.

    `identity` is what makes the article itself: it keeps titles without enough
    ASCII words (most Chinese titles) distinct and stable across re-imports.
    """
    words = re.findall(r"[a-z0-9]+", english_title.lower())[:MAX_WORDS]
    base = "-".join(words)[:MAX_LENGTH].strip("-")
    if len(words) < 3:
        base = f"{base}-{short_hash(identity)}" if base else short_hash(identity)
    if _RESERVED.fullmatch(base.split("-")[0]):
        base = f"a-{base}"
    return base
