"""Tag names -> URL slugs.

Chinese tags get pinyin slugs (pypinyin): plain ASCII URLs that survive every
server, copy-paste and log file, and the Simplified and Traditional forms of
a tag (科技周 / 科技週) get the same slug, so the language switcher can lead
from one tag page to the same tag in the other script.
"""
from __future__ import annotations

import hashlib
import re
from collections import defaultdict
from collections.abc import Iterable

from pypinyin import Style, lazy_pinyin

_NON_WORD = re.compile(r"[^a-z0-9]+")


def base_slug(tag: str) -> str:
    """科技周 -> ke-ji-zhou, "Open Source" -> open-source; '' when nothing romanises."""
    # pypinyin returns runs of non-Han text unchanged, so Latin words keep their spelling.
    words = lazy_pinyin(tag, style=Style.NORMAL, errors="default")
    return _NON_WORD.sub("-", "-".join(words).lower()).strip("-")


def _digest(tag: str) -> str:
    return hashlib.sha1(tag.encode("utf-8")).hexdigest()[:6]


def tag_slugs(tags: Iterable[str]) -> dict[str, str]:
    """A unique slug for each tag of one language.

    Tags that share a romanisation (homophones such as 公式 / 攻势, or
    "AI" / "ai") all get a short digest of their own name appended, so no tag
    page depends on which of them was seen first.
    """
    groups: dict[str, list[str]] = defaultdict(list)
    for tag in dict.fromkeys(tags):
        groups[base_slug(tag)].append(tag)
    slugs = {}
    for base, members in groups.items():
        for tag in members:
            if not base:
                slugs[tag] = f"tag-{_digest(tag)}"
            elif len(members) > 1:
                slugs[tag] = f"{base}-{_digest(tag)}"
            else:
                slugs[tag] = base
    return slugs
