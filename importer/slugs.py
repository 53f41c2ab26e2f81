"""Readable, safe ASCII slugs and article ids.

A new article's slug is made from its title: English words as they are, Chinese
in pinyin with the tag pages' romanisation (listings/tags.py), so 内存价格翻倍 is
nei-cun-jia-ge-fan-bei. Once an article has pages its slug never changes by
itself (pipeline.py keeps it); only new articles get one from here.
"""
from __future__ import annotations

import hashlib
import re
import unicodedata

MAX_WORDS = 8
MAX_LENGTH = 60
# Names Windows refuses as files, whatever the extension.
_RESERVED = re.compile(r"(con|prn|aux|nul|com\d|lpt\d)", re.I)
# A slug the editor may choose (front matter `slug:`): one file name, no dots (the
# language suffix follows the first dot), no path.
EDITOR_SLUG = re.compile(r"[^\W_][\w-]{0,99}")


def article_id(*parts: str) -> str:
    """A new article's id: a digest of what it first was (its URL and text); it never changes after."""
    return hashlib.sha1("\0".join(parts).encode("utf-8")).hexdigest()[:12]


def readable_slug(title: str) -> str:
    """The first words of the title in ASCII (pinyin for Chinese); "" when nothing romanises."""
    from listings.tags import base_slug  # pypinyin's dictionary loads only when a new article needs it

    # Compatibility forms and accents first: "２０２６" is 2026, "Café" is cafe.
    ascii_title = unicodedata.normalize("NFKD", unicodedata.normalize("NFKC", title))
    ascii_title = "".join(ch for ch in ascii_title if not unicodedata.combining(ch))
    slug = ""
    for word in base_slug(ascii_title).split("-")[:MAX_WORDS]:
        if slug and len(slug) + 1 + len(word) > MAX_LENGTH:
            break
        slug = f"{slug}-{word}" if slug else word[:MAX_LENGTH]
    if slug and _RESERVED.fullmatch(slug.split("-")[0]):
        slug = f"a-{slug}"
    return slug


def numbered(slug: str, n: int) -> str:
    """The n-th choice for a slug: slug, slug-2, slug-3, … without limit."""
    return slug if n == 1 else f"{slug}-{n}"
