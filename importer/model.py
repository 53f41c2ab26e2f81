"""The central record that flows through the importer.

Every stage takes an `Article` and returns a new one with `dataclasses.replace`;
nothing is mutated in place, so each stage can be tested on its own.
"""
from __future__ import annotations

import copyreg
import re
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Mapping

LANGS = ("zh-Hans", "zh-Hant", "en")


@dataclass(frozen=True)
class Block:
    """One unit of body text.

    kind: "line" (raw, before structuring), "para", "heading", "item" (bullet),
    "oitem" (numbered), "image" (text = URL, alt = alt text), "caption" (under an image),
    "quote" (a paragraph of a block quote), "table" (cells split by CELL, rows by ROW;
    the first row is the header), "rule" (a thematic break: a scraped "---" or "***" line).

    Blocks from HTML may carry inline markup as the marker characters below, with
    `links` holding the target of each LINK_OPEN in order. Markers are private-use
    characters, which reading.normalise strips from every source, so they can only
    come from the importer itself; render.py turns them into Markdown.

    gap: a line of scraped text with a blank line above it (a paragraph of its own,
    where a site's menu prints its items line under line).
    """

    kind: str
    text: str
    level: int = 0
    alt: str = ""
    links: tuple[str, ...] = ()
    gap: bool = False


# Inline markup inside Block.text (see Block).
EM_OPEN, EM_CLOSE = "\ue000", "\ue001"
STRONG_OPEN, STRONG_CLOSE = "\ue002", "\ue003"
LINK_OPEN, LINK_CLOSE = "\ue004", "\ue005"
CELL, ROW = "\ue00e", "\ue00f"
MARKERS = re.compile("[\ue000-\ue00f]")


def plain(text: str) -> str:
    """Text without inline markup (for titles, metadata and comparisons)."""
    return MARKERS.sub("", text)


@dataclass(frozen=True)
class Removal:
    """Something taken out of the body, and why."""

    kind: str  # banner | placeholder | footer | metadata
    rule: str
    text: str

    def as_dict(self) -> dict:
        """As the JSON report and the result cache keep it."""
        return {"kind": self.kind, "rule": self.rule, "text": self.text}


@dataclass(frozen=True)
class Part:
    """A run of body text in one language, e.g. the summary or the English original."""

    role: str  # body | summary | translation | original
    lang: str  # "zh" until the script is detected, then zh-Hans / zh-Hant; or "en"
    blocks: tuple[Block, ...]
    label: str = ""  # the section label the source used ("内容总结"), shown as a heading


@dataclass(frozen=True)
class Page:
    """One language version of an article, ready to render."""

    lang: str
    title: str
    blocks: tuple[Block, ...]
    tags: tuple[str, ...] = ()
    author: str = ""  # in this page's script (front matter)


def frozen_dict(d: Mapping | None = None) -> Mapping:
    return MappingProxyType(dict(d or {}))


@dataclass(frozen=True)
class Article:
    source: str
    blocks: tuple[Block, ...] = ()
    meta: Mapping = field(default_factory=frozen_dict)
    removals: tuple[Removal, ...] = ()
    parts: tuple[Part, ...] = ()
    pages: Mapping = field(default_factory=frozen_dict)  # lang -> Page
    slug: str = ""
    markup: bool = False  # blocks come from HTML: their boundaries and kinds are real

    def with_meta(self, **values) -> Mapping:
        """A new meta mapping with `values` added (None values are dropped)."""
        merged = dict(self.meta)
        merged.update({k: v for k, v in values.items() if v is not None})
        return frozen_dict(merged)


# Articles travel between import worker processes (importer/batch.py); read-only
# mappings pickle as the plain dict they wrap.
copyreg.pickle(MappingProxyType, lambda m: (frozen_dict, (dict(m),)))
