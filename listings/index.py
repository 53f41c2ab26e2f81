"""The article index: every docs/articles/<slug>.<lang>.md read once, newest first per language.

MkDocs only reads a page's front matter while it renders that page, but the
listings, tag pages and feeds must know every article before the first page
is rendered, and the language switcher of a tag page must know the other
languages' tags. So the hook reads the front matter of all languages itself,
once per build (cached by file size and mtime across the per-language builds
of mkdocs-static-i18n).
"""
from __future__ import annotations

import datetime as dt
import html
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

from importer import frontmatter
from importer.frontmatter import FrontMatterError
from importer.han import HAN
from importer.writing import ARTICLES_DIR

from .summary import shorten

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when available: same result, faster

ARTICLE_NAME = re.compile(r"^(?P<slug>[^.]+)\.(?P<lang>[A-Za-z]{2,3}(?:-[A-Za-z0-9]+)*)\.md$")
# English names of Chinese tags for English pages (see the file).
TAG_NAMES = Path(__file__).with_name("tag_names.yml")

# Markdown the importer (importer/render.py) writes around plain text, undone for
# excerpts (plain text), in this order: links and images to their text, autolinks
# <https://…> to the address, emphasis to its text, backslash escapes to the character.
_UNMARK = (
    (re.compile(r"!?\[([^\]]*)\]\([^)]*\)"), r"\1"),
    (re.compile(r"<(https?://[^>\s]+)>"), r"\1"),
    (re.compile(r"(?<!\\)(\*\*|__|\*|_|`)(?=\S)(.+?)(?<=[^\s\\])\1"), r"\2"),
    (re.compile(r"\\(.)"), r"\1"),
)
_NOT_PROSE = re.compile(r"^(#|!\[|<|\||```|---|\*\*\*)")
_LIST_MARK = re.compile(r"^(?:[-*+]|\d+[.)])\s+")


@dataclass(frozen=True)
class Entry:
    """One article in one language, as the listings see it."""

    lang: str
    slug: str
    src_uri: str  # e.g. "articles/issue-118.zh-Hant.md"
    title: str
    date: dt.date
    issue: int | None
    author: str
    tags: tuple[str, ...]
    excerpt: str
    draft: bool = False  # `draft: true`: built by `mkdocs serve` only (listings/schedule.py)

    @property
    def sort_key(self) -> tuple:
        """Newest first: date, then issue number, then slug so that ties stay put."""
        return (self.date, self.issue or 0, self.slug)


def read_entry(path: Path, lang: str, slug: str) -> Entry:
    """The article at `path`; FrontMatterError naming the file and the reason when it cannot be listed."""
    try:
        text = path.read_text(encoding="utf-8-sig")
        head, body = frontmatter.split(text)
        if head is None:
            raise FrontMatterError("no front matter block (--- … ---) at the top")
        meta = frontmatter.check(frontmatter.load(head))
    except UnicodeDecodeError as exc:
        raise FrontMatterError(f"{path}: not UTF-8 text ({exc.reason} at byte {exc.start})") from None
    except FrontMatterError as exc:
        raise FrontMatterError(f"{path}: {exc}") from None
    rel = f"{ARTICLES_DIR}/{path.name}"
    title, date, issue, tags = meta.get("title"), meta.get("date"), meta.get("issue"), meta.get("tags") or []
    if not isinstance(title, str) or not title.strip():
        raise FrontMatterError(f"{path}: front matter needs a 'title'")
    if isinstance(date, dt.datetime):
        date = date.date()
    if not isinstance(date, dt.date):
        raise FrontMatterError(f"{path}: front matter needs 'date: YYYY-MM-DD' (found {date!r})")
    if issue is not None and (isinstance(issue, bool) or not isinstance(issue, int)):
        raise FrontMatterError(f"{path}: 'issue' must be a whole number (found {issue!r})")
    draft = meta.get("draft", False)
    if not isinstance(draft, bool):
        raise FrontMatterError(f"{path}: 'draft' must be true or false (found {draft!r})")
    return Entry(
        lang=lang, slug=slug, src_uri=rel, title=title.strip(), date=date, issue=issue,
        author=meta.get("author") or "", tags=page_tags(lang, tags), excerpt=excerpt(body), draft=draft,
    )


@lru_cache(maxsize=None)
def _english_names() -> dict[str, str]:
    with TAG_NAMES.open(encoding="utf-8") as fh:
        return {str(k): str(v) for k, v in (yaml.load(fh, Loader=_Loader) or {}).items()}


def page_tags(lang: str, tags) -> tuple[str, ...]:
    """The tags a page shows, once each: on English pages, Chinese tags by their English
    name (tag_names.yml) or not at all."""
    if lang == "en":
        names = _english_names()
        tags = (names.get(t, "" if HAN.search(t) else t) for t in tags)
    return tuple(dict.fromkeys(t for t in tags if t))


def excerpt(body: str, limit: int | None = None) -> str:
    """The first prose paragraph of a Markdown body (after the title) as plain text, shortened."""
    fallback = ""
    for line in body.splitlines():
        line = line.strip()
        if not line or _NOT_PROSE.match(line):
            continue
        if _LIST_MARK.match(line):
            fallback = fallback or _LIST_MARK.sub("", line)
            continue
        return shorten(_plain(line), limit)
    return shorten(_plain(fallback), limit)


def _plain(markdown_line: str) -> str:
    text = markdown_line
    for pattern, replacement in _UNMARK:
        text = pattern.sub(replacement, text)
    return html.unescape(text)  # the HTML entities the importer writes


_cache: dict[Path, tuple[tuple[int, int], Entry]] = {}


def scan(docs_dir: str | Path) -> dict[str, list[Entry]]:
    """Language -> its articles, newest first. Raises FrontMatterError on the first bad file."""
    by_lang: dict[str, list[Entry]] = {}
    for path in sorted(Path(docs_dir, ARTICLES_DIR).glob("*.md")):
        name = ARTICLE_NAME.match(path.name)
        if not name:
            continue
        stat = path.stat()
        stamp = (stat.st_mtime_ns, stat.st_size)
        cached = _cache.get(path)
        if cached is None or cached[0] != stamp:
            cached = _cache[path] = (stamp, read_entry(path, name["lang"], name["slug"]))
        by_lang.setdefault(name["lang"], []).append(cached[1])
    for entries in by_lang.values():
        entries.sort(key=lambda e: e.sort_key, reverse=True)
    return by_lang
