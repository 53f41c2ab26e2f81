"""MkDocs hook: listings, tag pages, feeds, sitemaps, bylines and head metadata per language.

mkdocs-static-i18n runs one complete MkDocs build per language (the default
language first, the others from inside its on_post_build), so every event
below runs once per language; `_build` holds what one language build needs,
computed once in on_files (no per-page scans: each page looks its data up).

Pages ask for a listing in their front matter, `listing: latest | archive |
tags` (docs/index.*.md, archive.*.md, tags.*.md); tag pages are generated.
The data comes from the articles' front matter (listings/index.py), the
Markdown from listings/render.py, the feeds from listings/feeds.py.

Every page also gets what a reader and a crawler need (listings/summary.py,
byline.py, sitemap.py): a description from its opening, an image for link
previews, absolute hreflang alternates for the translations that exist (plus
x-default), a sitemap entry, and on articles a byline under the title.
overrides/main.html prints them; `config.extra.words` carries the interface
words of the language being built (listings/labels.py) to the templates.
"""
from __future__ import annotations

import html as html_lib
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urljoin

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, InclusionLevel

from importer import frontmatter
from listings import paging, render, schedule
from listings.byline import as_date, byline_html
from listings.feeds import FEED_FILE, write_feed
from listings.i18n import i18n_plugin, languages
from listings.index import Entry, FrontMatterError, scan
from listings.labels import labels
from listings.sitemap import SITEMAP_FILE, SitemapPage, write_sitemap
from listings.summary import opening
from listings.tags import tag_slugs

# Open Graph locales of the site's languages.
OG_LOCALES = {"zh-Hans": "zh_CN", "zh-Hant": "zh_TW", "en": "en_US"}


@dataclass
class _LanguageBuild:
    lang: str
    root: str  # "" for the default language, "zh-Hant/" for the others
    entries: list[Entry]  # newest first
    position: dict[str, int]  # src_uri -> index in entries
    slugs: dict[str, str]  # tag -> slug
    tagged: dict[str, list[Entry]]  # tag -> entries, newest first
    default: str = ""  # the default language
    page_size: int = paging.DEFAULT_PAGE_SIZE  # articles per archive and tag page
    files: dict[str, File] = field(default_factory=dict)  # src_uri -> File, once pages exist
    pages: list[File] = field(default_factory=list)  # every page of this language, once pages exist


_build: _LanguageBuild | None = None
# Sitemap entries of the languages built so far in this build (the root sitemap lists them all).
_sitemap: dict[str, list[SitemapPage]] = {}


def on_config(config):
    # The sitemaps are this hook's (listings/sitemap.py), one per language root.
    config.theme.static_templates.discard(SITEMAP_FILE)
    return config


# After mkdocs-static-i18n (-100) has chosen this language's files and set their URLs.
@event_priority(-200)
def on_files(files, config):
    global _build
    lang, default = languages(config)
    if lang == default:
        _sitemap.clear()
    try:
        # Drafts and scheduled articles only in `mkdocs serve` (hooks/drafts.py).
        by_lang = schedule.state.published(scan(config.docs_dir))
        page_size = paging.page_size(config.extra)
    except (FrontMatterError, ValueError) as exc:
        raise PluginError(str(exc)) from None
    entries = [e for e in by_lang.get(lang, []) if e.src_uri in files.src_uris]
    tagged: dict[str, list[Entry]] = {}
    for entry in entries:
        for tag in entry.tags:
            tagged.setdefault(tag, []).append(entry)
    root = _root_of(lang, default)
    _build = _LanguageBuild(lang, root, entries, {e.src_uri: i for i, e in enumerate(entries)},
                            tag_slugs(tagged), tagged, default, page_size)
    _add_tag_pages(files, config, by_lang, default)
    _add_archive_pages(files, config, by_lang, default)

    words = labels(lang)
    # Feed autodiscovery, rendered by overrides/main.html (`extrahead`).
    config.extra["feed"] = {"path": root + FEED_FILE, "title": words["feed"].format(site=config.site_name)}
    config.extra["words"] = words
    # Heading permalinks' title (Markdown's toc extension is configured once for all languages).
    config.mdx_configs.setdefault("toc", {})["permalink_title"] = words["permalink"]
    return files


def _add_tag_pages(files, config, by_lang: dict[str, list[Entry]], default: str) -> None:
    """Generated pages for each tag of the language being built (listings/paging.py), outside the nav."""
    lang = _build.lang
    # The same tag slug in another language (科技周 / 科技週 -> ke-ji-zhou) is its alternate,
    # page for page: slug -> number of pages, per other language.
    other_pages = {}
    for other, others in by_lang.items():
        if other != lang:
            tagged: dict[str, int] = {}
            for entry in others:
                for tag in entry.tags:
                    tagged[tag] = tagged.get(tag, 0) + 1
            other_pages[other] = {slug: _page_count(tagged[tag]) for tag, slug in tag_slugs(tagged).items()}
    for tag, slug in _build.slugs.items():
        first = render.tag_target(slug)
        chunks = paging.split(_build.tagged[tag], _build.page_size)
        for n, chunk in enumerate(chunks, 1):
            src_uri = paging.page_src(first, n)
            content = (render.tag_page(tag, chunk, lang, src_uri, n) + "\n"
                       + paging.pager(first, n, len(chunks), lang, src_uri))
            others = {other: _root_of(other, default) for other, pages in other_pages.items()
                      if pages.get(slug, 0) >= n}
            _add_generated(files, config, src_uri, content, others)


def _add_archive_pages(files, config, by_lang: dict[str, list[Entry]], default: str) -> None:
    """Pages 2, 3, … of the archive (page 1 is the archive page of docs/, `listing: archive`)."""
    chunks = paging.split(_build.entries, _build.page_size)
    title = _archive_title(files)
    if len(chunks) < 2 or title is None:
        return
    lang = _build.lang
    for n, chunk in enumerate(chunks[1:], 2):
        src_uri = paging.page_src(render.ARCHIVE, n)
        content = "\n".join([f"# {render.escape_anywhere(render.numbered_title(title, lang, n))}", "",
                             render.archive(chunk, lang, src_uri),
                             paging.pager(render.ARCHIVE, n, len(chunks), lang, src_uri)])
        others = {other: _root_of(other, default) for other, entries in by_lang.items()
                  if other != lang and _page_count(len(entries)) >= n}
        _add_generated(files, config, src_uri, content, others)


def _archive_title(files) -> str | None:
    """The title of this language's archive page (docs/archive.<lang>.md), None without one."""
    stem = render.ARCHIVE.removesuffix(".md")
    for file in files.documentation_pages():
        if file.abs_src_path and file.src_uri.split(".")[0] == stem:
            head, _ = frontmatter.split(file.content_string)
            meta = frontmatter.load(head) if head else {}
            return str(meta.get("title") or stem)
    return None


def _page_count(entries: int) -> int:
    return max(1, -(-entries // _build.page_size))


def _root_of(lang: str, default: str) -> str:
    return "" if lang == default else f"{lang}/"


def _add_generated(files, config, src_uri: str, content: str, others: dict[str, str]) -> None:
    """A generated listing page of the language being built, outside the nav; `others`:
    language -> root of the languages that have the same page (its alternates)."""
    lang = _build.lang
    page = File.generated(config, src_uri, inclusion=InclusionLevel.NOT_IN_NAV, content=content)
    page.dest_uri = _dest(config, _build.root, src_uri)
    # The attributes mkdocs-static-i18n gives its own files: the language switcher,
    # overrides/main.html and the sitemap read them.
    page.locale = page.locale_alternate_of = page.localization = lang
    page.norm_src_uri = src_uri
    page.alternates = {lang: page}
    for other, root in others.items():
        page.alternates[other] = File(src_uri, None, config.site_dir, config.use_directory_urls,
                                      dest_uri=_dest(config, root, src_uri))
    files.append(page)
    i18n = i18n_plugin(config)
    if i18n is not None:  # its sitemap lists the files of each language
        i18n.i18n_files_per_language.setdefault(lang, []).append(page)


def _dest(config, root: str, src_uri: str) -> str:
    """tags/ai.md -> tags/ai/index.html (or tags/ai.html), under the language's root."""
    stem = src_uri.removesuffix(".md")
    return f"{root}{stem}/index.html" if config.use_directory_urls else f"{root}{stem}.html"


def on_page_markdown(markdown, page, config, files):
    src_uri = page.file.src_uri
    kind = page.meta.get("listing")
    if kind is None:
        if src_uri in _build.position:
            return markdown.rstrip("\n") + "\n\n" + render.tags_line(
                _build.entries[_build.position[src_uri]], _build.slugs, src_uri)
        return markdown
    if kind == "latest":
        listing = render.home(_build.entries, _build.lang, src_uri)
    elif kind == "archive":
        chunks = paging.split(_build.entries, _build.page_size)
        listing = (render.archive(chunks[0], _build.lang, src_uri) + "\n"
                   + paging.pager(render.ARCHIVE, 1, len(chunks), _build.lang, src_uri))
    elif kind == "tags":
        counts = {tag: len(entries) for tag, entries in _build.tagged.items()}
        listing = render.tags_index(counts, _build.slugs, _build.lang, src_uri)
    else:
        raise PluginError(f"{page.file.src_path}: unknown 'listing: {kind}' "
                          "(expected latest, archive or tags)")
    return markdown.rstrip("\n") + "\n\n" + listing


def on_env(env, config, files):
    _build.files = {src_uri: files.src_uris[src_uri] for src_uri in _build.position}
    _build.pages = list(files.documentation_pages())
    return env


# After hooks/sanitise.py and hooks/search_index.py: the description is read from the
# sanitised page, and the byline (built here from escaped values) is not indexed.
@event_priority(-100)
def on_page_content(html, page, config, files):
    description, image = opening(html)
    if description and not page.meta.get("description"):
        page.meta["description"] = html_lib.escape(description)  # page.meta holds escaped text
    page.bp_image = urljoin(page.canonical_url or "", image) if image else ""  # for on_page_context
    if page.file.src_uri in _build.position:
        byline = byline_html(page.meta, _build.lang, page.meta.get("title") or page.title or "")
        head, h1, rest = html.partition("</h1>")
        html = head + h1 + byline + rest if h1 else byline + html
    return html


def on_page_context(context, page, config, nav):
    """Previous (older) and next (newer) article for Material's footer links
    (theme feature navigation.footer); articles are not in the nav, so MkDocs sets none.
    And the head metadata overrides/main.html prints (`head`)."""
    at = _build.position.get(page.file.src_uri)
    if at is not None:
        entries = _build.entries
        page.previous_page = _build.files[entries[at + 1].src_uri].page if at + 1 < len(entries) else None
        page.next_page = _build.files[entries[at - 1].src_uri].page if at > 0 else None
    alternates = _alternates(page.file, config)
    context["head"] = {
        "type": "article" if at is not None else "website",
        "locale": OG_LOCALES.get(_build.lang, _build.lang.replace("-", "_")),
        "locale_alternates": [OG_LOCALES.get(lang, lang) for lang in alternates
                              if lang not in (_build.lang, "x-default")],
        "alternates": alternates,
        "published": as_date(page.meta.get("date")) if at is not None else None,
        "image": getattr(page, "bp_image", ""),
    }
    return context


def _site_url(config) -> str:
    return config.site_url if config.site_url.endswith("/") else config.site_url + "/"


def _absolute(config, url: str) -> str:
    return _site_url(config) + ("" if url in ("", "./", ".") else url)


def _alternates(file, config) -> dict[str, str]:
    """hreflang -> absolute URL of the translations of a page that exist, and x-default
    (the default language's version, else the page itself); none for a page in one language."""
    alternates = getattr(file, "alternates", None) or {}
    urls = {lang: _absolute(config, other.url) for lang, other in alternates.items()}
    if len(urls) < 2:
        return {}
    urls["x-default"] = urls.get(_build.default) or _absolute(config, file.url)
    return urls


def _sitemap_pages(config) -> list[SitemapPage]:
    return [SitemapPage(url=_absolute(config, f.url), alternates=_alternates(f, config),
                        lastmod=as_date(f.page.meta.get("date")) if f.src_uri in _build.position else None)
            for f in _build.pages if f.page is not None]


def on_post_build(config):
    # Runs before mkdocs-static-i18n's on_post_build (-100), which starts the next language.
    if not config.site_url:
        raise PluginError("mkdocs.yml: set site_url, the feeds need absolute links")
    site_url = _site_url(config)
    site_dir = Path(config.site_dir)
    _sitemap[_build.lang] = _sitemap_pages(config)
    if _build.root:  # the default language's root sitemap is the whole site's, below
        write_sitemap(site_dir / _build.root / SITEMAP_FILE, _sitemap[_build.lang])
    # Rewritten after each language; complete after the last one.
    write_sitemap(site_dir / SITEMAP_FILE, [p for pages in _sitemap.values() for p in pages])
    write_feed(
        site_dir / _build.root / FEED_FILE, _build.entries,
        lang=_build.lang, site_url=site_url, lang_root=_build.root,
        title=config.site_name, description=config.site_description or "",
        urls={src_uri: file.url for src_uri, file in _build.files.items()},
    )
