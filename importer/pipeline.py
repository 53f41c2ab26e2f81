"""The import pipeline: one source file in, pages for each of its languages out.

read → split lines → clean → split parts → make pages → slug → render → write.
Each stage takes and returns an `Article` (model.py).
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace
from pathlib import Path

from . import cache
from .boilerplate import STORE_NAME, Known
from .cleaning import clean
from .dates import parse_date
from .errors import InputError
from .model import Article, Removal
from .reading import reader_for
from .render import render_page
from .script import DEFAULT_TO_HANT
from .shape import split_parts
from .slugs import make_slug, short_hash
from .variants import make_pages
from .writing import page_path, read_existing, write_atomic


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
    """Overwrite pages even when they were edited by hand since their import."""
    hant_config: str = DEFAULT_TO_HANT
    """OpenCC config that makes Traditional pages from Simplified text (s2twp, s2hk, …)."""

    @property
    def cache(self) -> Path:
        """Where results of earlier imports are remembered: .cache/importer beside docs/."""
        return self.docs.resolve().parent / ".cache" / "importer"

    @property
    def learned(self) -> Path:
        """The reviewable file of learned boilerplate (boilerplate.py), beside docs/."""
        return self.docs.resolve().parent / STORE_NAME


@dataclass(frozen=True)
class PageResult:
    lang: str
    path: Path
    action: str  # created | updated | unchanged | kept (hand edit) | would create | would update


@dataclass(frozen=True)
class ImportResult:
    source: str
    slug: str
    languages: tuple[str, ...]
    pages: tuple[PageResult, ...]
    removed: tuple[Removal, ...]


def cached_result(path: Path, key: str, entry: dict, claimed: dict) -> ImportResult | None:
    """The result an earlier import of the same bytes left, unless this run already wrote its pages."""
    pages = tuple(PageResult(lang, Path(p), "unchanged") for lang, p in entry["pages"].items())
    if any(p.path in claimed for p in pages):
        return None
    for p in pages:
        claimed[p.path] = f"cached:{key}"
    return ImportResult(str(path), entry["slug"], tuple(entry["languages"]), pages, cache.removals(entry))


def process(path: Path, data: bytes, settings: Settings, known: Known = Known()) -> Article:
    """Everything up to (not including) writing: a pure function of the file's bytes
    (and of the boilerplate learned so far)."""
    reader = reader_for(path)
    if reader is None:
        raise InputError(f"unsupported file type '{path.suffix or '(none)'}'")
    article = replace(reader(data), source=str(path))
    article = clean(article, known=known)
    article = split_parts(article)
    article = make_pages(article, settings.hant_config)
    meta = article.meta
    date = parse_date(meta.get("date", "")) if isinstance(meta.get("date"), str) else None
    # What makes two imports the same article: its URL, else its title and opening.
    identity = meta.get("source") or meta.get("link") or meta["title"] + _opening(article)
    english = article.pages["en"].title if "en" in article.pages else meta["title"]
    return replace(
        article,
        slug=make_slug(english, identity),
        meta=article.with_meta(date=date.isoformat() if date else None,
                               imported_from=path.name, article_id=short_hash(identity)),
    )


def _opening(article: Article) -> str:
    return next((b.text for p in article.parts for b in p.blocks if b.kind == "para"), "")[:200]


def write_pages(article: Article, settings: Settings, claimed: dict) -> ImportResult:
    """Write the article's pages; `claimed` maps paths written in this run to their article."""
    slug = _free_slug(article, settings, claimed)
    article = replace(article, slug=slug)
    paths = {lang: page_path(settings.docs, slug, lang) for lang in article.pages}
    on_disk = {lang: read_existing(path) for lang, path in paths.items()}
    date = _page_date(article, on_disk.values(), settings)
    results = []
    for lang, page in article.pages.items():
        path, existing = paths[lang], on_disk[lang]
        claimed[path] = article.meta["article_id"]
        text = render_page(article, page, date)
        if existing is not None and existing.text == text:
            action = "unchanged"
        elif existing is not None and existing.hand_edited and not settings.force:
            action = "kept (edited by hand; use --force to overwrite)"
        else:
            action = "updated" if existing is not None else "created"
            if settings.dry_run:
                action = f"would be {action}"
            else:
                write_atomic(path, text)
        results.append(PageResult(lang, path, action))
    return ImportResult(article.source, slug, tuple(article.pages), tuple(results), article.removals)


def _free_slug(article: Article, settings: Settings, claimed: dict) -> str:
    """The article's slug, or slug-2, slug-3… when a different article already has it."""
    me = article.meta["article_id"]
    for n in range(1, 100):
        slug = article.slug if n == 1 else f"{article.slug}-{n}"
        paths = [page_path(settings.docs, slug, lang) for lang in article.pages]
        owners = {claimed.get(p) or _owner(p) for p in paths} - {None}
        if owners <= {me}:
            if any(claimed.get(p) == me for p in paths):
                raise InputError(f"same article as another source in this run (slug '{slug}')")
            return slug
    raise InputError(f"no free slug for '{article.slug}'")


def _owner(path: Path) -> str | None:
    """The article_id of the page at `path`; pages written by hand belong to nobody we know."""
    existing = read_existing(path)
    if existing is None:
        return None
    return str(existing.meta.get("article_id", f"hand-written:{path.name}"))


def _page_date(article: Article, on_disk, settings: Settings) -> dt.date:
    """The date the article states; else the date its page already has; else today's."""
    if article.meta.get("date"):
        return dt.date.fromisoformat(article.meta["date"])
    for existing in on_disk:
        if existing and isinstance(existing.meta.get("date"), dt.date):
            return existing.meta["date"]
    return settings.date
