"""MkDocs hook: home listings, archive, tag pages, previous/next links and RSS feeds per language.

mkdocs-static-i18n runs one complete MkDocs build per language (the default
language first, the others from inside its on_post_build), so every event
below runs once per language; `_build` holds what one language build needs,
computed once in on_files (no per-page scans: each page looks its data up).

Pages ask for a listing in their front matter, `listing: latest | archive |
tags` (docs/index.*.md, archive.*.md, tags.*.md); tag pages are generated.
The data comes from the articles' front matter (listings/index.py), the
Markdown from listings/render.py, the feeds from listings/feeds.py.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, InclusionLevel

from listings import render
from listings.feeds import FEED_FILE, write_feed
from listings.index import Entry, FrontMatterError, scan
from listings.labels import labels
from listings.tags import tag_slugs


@dataclass
class _LanguageBuild:
    lang: str
    root: str  # "" for the default language, "zh-Hant/" for the others
    entries: list[Entry]  # newest first
    position: dict[str, int]  # src_uri -> index in entries
    slugs: dict[str, str]  # tag -> slug
    tagged: dict[str, list[Entry]]  # tag -> entries, newest first
    files: dict[str, File] = field(default_factory=dict)  # src_uri -> File, once pages exist


_build: _LanguageBuild | None = None


def _languages(config) -> tuple[str, str]:
    """(language being built, default language)."""
    i18n = config.plugins.get("i18n")
    if i18n is None:
        return config.theme["language"], config.theme["language"]
    return i18n.current_language, i18n.default_language


# After mkdocs-static-i18n (-100) has chosen this language's files and set their URLs.
@event_priority(-200)
def on_files(files, config):
    global _build
    lang, default = _languages(config)
    try:
        by_lang = scan(config.docs_dir)
    except FrontMatterError as exc:
        raise PluginError(str(exc)) from None
    entries = [e for e in by_lang.get(lang, []) if e.src_uri in files.src_uris]
    tagged: dict[str, list[Entry]] = {}
    for entry in entries:
        for tag in entry.tags:
            tagged.setdefault(tag, []).append(entry)
    root = "" if lang == default else f"{lang}/"
    _build = _LanguageBuild(lang, root, entries, {e.src_uri: i for i, e in enumerate(entries)},
                            tag_slugs(tagged), tagged)
    _add_tag_pages(files, config, by_lang, default)

    # Feed autodiscovery, rendered by overrides/main.html (`extrahead`).
    config.extra["feed"] = {"path": root + FEED_FILE,
                            "title": labels(lang)["feed"].format(site=config.site_name)}
    return files


def _add_tag_pages(files, config, by_lang: dict[str, list[Entry]], default: str) -> None:
    """One generated page per tag of the language being built, outside the nav."""
    lang, root = _build.lang, _build.root
    # The same tag slug in another language (科技周 / 科技週 -> ke-ji-zhou) is its alternate.
    other_slugs = {}
    for other, others in by_lang.items():
        if other != lang:
            other_root = "" if other == default else f"{other}/"
            slugs = tag_slugs(tag for entry in others for tag in entry.tags).values()
            other_slugs[other] = {slug: _dest(config, other_root, slug) for slug in slugs}
    i18n = config.plugins.get("i18n")
    for tag, slug in _build.slugs.items():
        src_uri = render.tag_target(slug)
        page = File.generated(config, src_uri, inclusion=InclusionLevel.NOT_IN_NAV,
                              content=render.tag_page(tag, _build.tagged[tag], lang, src_uri))
        page.dest_uri = _dest(config, root, slug)
        # The attributes mkdocs-static-i18n gives its own files: the language switcher,
        # overrides/main.html and the sitemap read them.
        page.locale = page.locale_alternate_of = page.localization = lang
        page.norm_src_uri = src_uri
        page.alternates = {lang: page}
        for other, dests in other_slugs.items():
            if slug in dests:
                page.alternates[other] = File(src_uri, None, config.site_dir, config.use_directory_urls,
                                              dest_uri=dests[slug])
        files.append(page)
        if i18n is not None:  # its sitemap lists the files of each language
            i18n.i18n_files_per_language.setdefault(lang, []).append(page)


def _dest(config, root: str, slug: str) -> str:
    return f"{root}tags/{slug}/index.html" if config.use_directory_urls else f"{root}tags/{slug}.html"


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
        listing = render.archive(_build.entries, _build.lang, src_uri)
    elif kind == "tags":
        counts = {tag: len(entries) for tag, entries in _build.tagged.items()}
        listing = render.tags_index(counts, _build.slugs, _build.lang, src_uri)
    else:
        raise PluginError(f"{page.file.src_path}: unknown 'listing: {kind}' "
                          "(expected latest, archive or tags)")
    return markdown.rstrip("\n") + "\n\n" + listing


def on_env(env, config, files):
    _build.files = {src_uri: files.src_uris[src_uri] for src_uri in _build.position}
    return env


def on_page_context(context, page, config, nav):
    """Previous (older) and next (newer) article for Material's footer links
    (theme feature navigation.footer); articles are not in the nav, so MkDocs sets none."""
    at = _build.position.get(page.file.src_uri)
    if at is not None:
        entries = _build.entries
        page.previous_page = _build.files[entries[at + 1].src_uri].page if at + 1 < len(entries) else None
        page.next_page = _build.files[entries[at - 1].src_uri].page if at > 0 else None
    return context


def on_post_build(config):
    # Runs before mkdocs-static-i18n's on_post_build (-100), which starts the next language.
    if not config.site_url:
        raise PluginError("mkdocs.yml: set site_url, the feeds need absolute links")
    site_url = config.site_url if config.site_url.endswith("/") else config.site_url + "/"
    write_feed(
        Path(config.site_dir) / _build.root / FEED_FILE, _build.entries,
        lang=_build.lang, site_url=site_url, lang_root=_build.root,
        title=config.site_name, description=config.site_description or "",
        urls={src_uri: file.url for src_uri, file in _build.files.items()},
    )
