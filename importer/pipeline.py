"""The import pipeline: one source file in, pages for each of its languages out.

The stages, in order (the one list of them; importer/__init__.py points here):

1. read (readers.py: reading.py decodes, text is split into lines, html_reading.py
   extracts a saved page's blocks with html_blocks.py)
2. clean (cleaning.py, with page.py, chrome.py, edges.py, metadata.py, titles.py)
3. split into language parts and find their structure (parts.py, line_blocks.py)
4. make a page per language: script conversion and typography (variants.py)
   — stages 1 to 4 are `process`, a pure function of the file —
5. which article it is (identity.py, catalogue.py) and its slug (slugs.py)
6. render (render.py) and write (writing.py): `write_pages`

Each stage takes and returns an `Article` (model.py). batch.py runs the stages for
many files (1–4 in worker processes), report.py words the outcome.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import os
from dataclasses import dataclass, field, replace
from enum import Enum
from itertools import count
from pathlib import Path
from typing import Mapping

from .boilerplate import STORE_NAME, Known
from .catalogue import HAND_WRITTEN, Catalogue, KnownArticle
from .cleaning import clean
from .dates import parse_date
from .errors import InputError
from .identity import Fingerprint, fingerprint
from .images import Failure, store_images
from .model import LANGS, Article, Removal, frozen_dict
from .parts import split_parts
from .readers import reader_for
from .render import DIGEST_KEY, content_digest, render_body, render_page
from .script import DEFAULT_TO_HANT
from .slugs import EDITOR_SLUG, article_id, numbered, readable_slug
from .variants import make_pages
from .writing import ARTICLES_DIR, Existing, read_existing, write_atomic


@dataclass(frozen=True)
class Origin:
    """Where a fetched source file came from (fetch.py, follow.py)."""

    url: str
    """The page's address: the article's source."""
    tags: tuple[str, ...] = ()
    """Tags sources.yml gives everything from that source, after the article's own."""


@dataclass(frozen=True)
class Settings:
    """Options of one import run."""

    docs: Path = Path("docs")
    """The MkDocs docs_dir the pages go into (under articles/)."""
    date: dt.date = field(default_factory=dt.date.today)
    """Date for articles that state none (kept on re-import: the page's own date wins)."""
    dry_run: bool = False
    """Report what would be written, write nothing."""
    force: bool = False
    """Overwrite pages edited by hand since their import; import an article whose date cannot exist."""
    hant_config: str = DEFAULT_TO_HANT
    """OpenCC config that makes Traditional pages from Simplified text (s2twp, s2hk, …)."""
    origins: Mapping[str, Origin] = field(default_factory=dict)
    """Source file path -> where it was fetched from, for pages imported by URL."""
    draft: bool = False
    """Write the pages as drafts (`draft: true`): previewed by `mkdocs serve`, not published."""
    images: bool = True
    """Store the articles' images in docs/images/ (importer/images.py); False keeps their addresses."""

    @property
    def output_options(self) -> str:
        """The options that change what a source's pages look like (part of the result cache's key)."""
        return f"{self.hant_config}\0draft={self.draft}\0images={self.images}"

    @property
    def cache(self) -> Path:
        """Where results of earlier imports are remembered: .cache/importer beside docs/."""
        return self.docs.resolve().parent / ".cache" / "importer"

    @property
    def learned(self) -> Path:
        """The reviewable file of learned boilerplate (boilerplate.py), beside docs/."""
        return self.docs.resolve().parent / STORE_NAME


class Action(Enum):
    """What an import did to one page (its value is what the report prints)."""

    CREATED = "created"
    UPDATED = "updated"
    UNCHANGED = "unchanged"
    KEPT = "kept (edited by hand; use --force to overwrite)"
    KEPT_STALE = "kept (edited by hand; use --force to remove)"
    REMOVED = "removed"
    WOULD_CREATE = "would create"
    WOULD_UPDATE = "would update"
    WOULD_REMOVE = "would remove"

    @property
    def as_imported(self) -> bool:
        """The page holds exactly what this import wrote (what the result cache may remember)."""
        return self in (Action.CREATED, Action.UPDATED, Action.UNCHANGED)

    @property
    def removes(self) -> bool:
        return self in (Action.REMOVED, Action.WOULD_REMOVE)


# What a dry run says instead of writing.
_DRY = {Action.CREATED: Action.WOULD_CREATE, Action.UPDATED: Action.WOULD_UPDATE}


@dataclass(frozen=True)
class PageResult:
    lang: str
    path: Path
    action: Action
    moved_from: Path | None = None
    """Where the page was before this import gave it the article's slug."""
    sha: str = ""
    """Digest of the page as it is after the import (what the result cache checks)."""


@dataclass(frozen=True)
class ImportResult:
    source: str
    slug: str
    languages: tuple[str, ...]
    pages: tuple[PageResult, ...]
    removed: tuple[Removal, ...]
    article_id: str = ""
    image_failures: tuple[Failure, ...] = ()
    """Images that could not be stored (importer/images.py); the pages keep their addresses."""


class Run:
    """One import run: the articles in docs/ (read when a source first needs them) and who imported what."""

    def __init__(self, settings: Settings):
        self.settings = settings
        self._catalogue: Catalogue | None = None
        self.sources: dict[str, str] = {}
        """article_id -> the source that imported it in this run."""

    @property
    def catalogue(self) -> Catalogue:
        if self._catalogue is None:
            self._catalogue = Catalogue(self.settings.docs, self.settings.cache)
        return self._catalogue

    def save(self) -> None:
        """Keep what this run learnt about docs/ for the next one."""
        if self._catalogue is not None:
            self._catalogue.save()

    def claim(self, article_id: str, source: str) -> None:
        """Note that `source` imports this article; a second source for it in one run is an error."""
        if self.sources.get(article_id, source) != source:
            raise InputError(f"same article as {self.sources[article_id]}, imported earlier in this run")
        self.sources[article_id] = source


def cached_result(path: Path, entry: dict, run: Run) -> ImportResult | None:
    """The result an earlier import of the same bytes left, unless another source of this run took the article."""
    if run.sources.get(entry["article_id"], str(path)) != str(path):
        return None
    run.claim(entry["article_id"], str(path))
    pages = tuple(PageResult(lang, Path(p), Action.UNCHANGED, sha=entry["sha"][lang]) for lang, p in entry["pages"].items())
    return ImportResult(str(path), entry["slug"], tuple(entry["languages"]), pages,
                        tuple(Removal(**r) for r in entry["removed"]), entry["article_id"])


def process(path: Path, data: bytes, settings: Settings, known: Known = Known()) -> Article:
    """Everything up to (not including) writing: a pure function of the file's bytes
    (and of the boilerplate learned so far)."""
    reader = reader_for(path)
    if reader is None:
        raise InputError(f"unsupported file type '{path.suffix or '(none)'}'")
    if _is_imported_page(data):
        raise InputError("a page the importer wrote (it has an import digest), not a scraped article")
    article = replace(reader(data), source=str(path))
    article = clean(article, known=known)
    article = split_parts(article)
    origin = settings.origins.get(str(path))
    if origin is not None:  # the address it was fetched from wins over the one the page states
        tags = tuple(dict.fromkeys((*article.meta.get("tags", ()), *origin.tags)))
        article = replace(article, meta=article.with_meta(source=origin.url, tags=tags))
    article = make_pages(article, settings.hant_config)
    meta = {**article.meta, "date": _stated_date(article, settings), "imported_from": path.name}
    return replace(article, meta=frozen_dict({k: v for k, v in meta.items() if v is not None}))


def prepare(path: Path, data: bytes, settings: Settings,
            known: Known = Known()) -> tuple[Article, tuple[Fingerprint, str, str]]:
    """`process` and `identify`: all the work that needs nothing from docs/ (a batch runs it in workers)."""
    article = process(path, data, settings, known)
    return article, identify(article)


def _is_imported_page(data: bytes) -> bool:
    head = data[: data.find(b"\n---\n", 4)] if data.startswith(b"---\n") else b""
    return f"\n{DIGEST_KEY}:".encode() in head


def _stated_date(article: Article, settings: Settings) -> dt.date | None:
    """The date the article states; an impossible one stops the import unless --force."""
    stated = article.meta.get("date")
    if not isinstance(stated, str):
        return None
    try:
        return parse_date(stated)
    except InputError as exc:
        if settings.force:
            return None  # then dated like an article that states none (see _page_date)
        raise InputError(f"{exc}; correct it in the source, or import with --force to keep the page's "
                         "date (a new page gets --date, default today)") from None


def write_pages(article: Article, settings: Settings, run: Run, identity=None) -> ImportResult:
    """Write the article's pages where its earlier pages are, or under a new free slug.

    `identity` is what `identify(article)` returns, when a worker has computed it already.
    """
    catalogue = run.catalogue
    fp, new_id, body = identity or identify(article)
    known = catalogue.find(new_id, fp)
    me = known.article_id if known else new_id
    slug, folder = _place(known, article, settings, catalogue)
    run.claim(me, article.source)
    article = replace(article, slug=slug, meta=article.with_meta(article_id=me, draft=settings.draft or None))
    before = {lang: read_existing(path) for lang, path in (known.pages.items() if known else ())}
    date = _page_date(article, before.values(), settings)
    image_failures = ()
    if settings.images and not settings.dry_run:
        article, image_failures = store_images(article, settings.docs, folder)

    results = []
    for lang, page in article.pages.items():
        path = folder / f"{slug}.{lang}.md"
        old_path = known.pages.get(lang) if known else None
        moved_from = old_path if old_path is not None and old_path != path else None
        existing = before.get(lang)  # (a path of no known article holds no page: _place checked)
        if moved_from and not settings.dry_run:
            os.replace(moved_from, path)  # _place made sure nothing else is there
        results.append(_write(lang, path, render_page(article, page, date), existing, moved_from, settings))
    for lang in known.pages.keys() - article.pages.keys() if known else ():
        results.append(_remove_stale(known.pages[lang], lang, before[lang], settings))

    kept = {r.lang: r.path for r in results if not r.action.removes}
    catalogue.record(me, kept, fp, body if settings.dry_run else None)
    return ImportResult(article.source, slug, tuple(article.pages), tuple(results), article.removals, me,
                        image_failures)


def identify(article: Article) -> tuple[Fingerprint, str, str]:
    """(fingerprint, the id it gets if it is a new article, the body it was taken from)."""
    lang = next(lang for lang in LANGS if lang in article.pages)
    body = render_body(article.pages[lang])
    fp = fingerprint(article.meta.get("source") or article.meta.get("link") or "", body)
    return fp, article_id(fp.url, body), body


def _place(known: KnownArticle | None, article: Article, settings: Settings, catalogue: Catalogue):
    """(slug, folder) of the article's pages: where they are, or a new free slug under docs/articles."""
    if known is None:
        folder = settings.docs / ARTICLES_DIR
        title = next(article.pages[lang].title for lang in ("en", "zh-Hans", *LANGS) if lang in article.pages)
        base = readable_slug(title) or "article"
        for n in count(1):  # the catalogue knows every page under docs/, hand-written ones too
            slug = numbered(base, n)
            if all(catalogue.owner(folder / f"{slug}.{lang}.md") is None for lang in LANGS):
                return slug, folder
    slug, folder = known.slug, known.pages[known.lang].parent
    if not EDITOR_SLUG.fullmatch(slug):
        raise InputError(f"slug '{slug}' in {known.pages[known.lang]} cannot be a file name "
                         "(use letters, digits and -)")
    for lang in article.pages:
        path = folder / f"{slug}.{lang}.md"
        owner = catalogue.owner(path)
        if owner not in (None, known.article_id):
            taken = "a page not written by the importer" if owner == HAND_WRITTEN else "another article"
            raise InputError(f"cannot move the article to slug '{slug}': {path} is {taken}")
    return slug, folder


def _write(lang: str, path: Path, text: str, existing: Existing | None, moved_from: Path | None,
           settings: Settings) -> PageResult:
    """Write one page unless it would not change or was edited by hand (a hand edit that
    made it exactly what the import writes, but for the digest, is not kept)."""
    if existing is not None and existing.text == text:
        action, text = Action.UNCHANGED, existing.text
    elif (existing is not None and existing.hand_edited and not settings.force
          and content_digest(existing.text) != content_digest(text)):
        action, text = Action.KEPT, existing.text
    else:
        action = Action.UPDATED if existing is not None else Action.CREATED
        if settings.dry_run:
            action = _DRY[action]
        else:
            write_atomic(path, text)
    return PageResult(lang, path, action, moved_from, hashlib.sha256(text.encode("utf-8")).hexdigest())


def _remove_stale(path: Path, lang: str, existing: Existing | None, settings: Settings) -> PageResult:
    """A page of a language the article no longer has: removed, unless edited by hand."""
    if existing is not None and existing.hand_edited and not settings.force:
        return PageResult(lang, path, Action.KEPT_STALE)
    if settings.dry_run:
        return PageResult(lang, path, Action.WOULD_REMOVE)
    path.unlink(missing_ok=True)
    return PageResult(lang, path, Action.REMOVED)


def _page_date(article: Article, on_disk, settings: Settings) -> dt.date:
    """The date the article states; else the date its page already has; else --date (today)."""
    if article.meta.get("date"):
        return article.meta["date"]
    for existing in on_disk:
        if existing and isinstance(existing.meta.get("date"), dt.date):
            return existing.meta["date"]
    return settings.date
