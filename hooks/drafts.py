"""MkDocs hook: drafts and scheduled articles (listings/schedule.py decides which).

`mkdocs serve` builds them with a label above the title in the page's language
("草稿", "Draft", "Scheduled for …"), so an editor reviews them as readers will
see them. Every other command (`mkdocs build`, `gh-deploy`) removes their files
before anything reads them: no page, and hooks/publishing.py leaves them out of
the listings, tag pages, feeds and sitemaps; hooks/search_index.py never sees
them. MkDocs's own `draft_docs` cannot do this: mkdocs-static-i18n builds the
other languages without MkDocs's preview flag, so their drafts would vanish
from the preview too.

The command comes from MkDocs's `on_startup` event, the one place MkDocs tells
a plugin whether it serves or builds.
"""
from __future__ import annotations

import html
import logging
import posixpath

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

from listings.i18n import i18n_plugin
from listings.index import ARTICLE_NAME, ARTICLES_DIR, FrontMatterError, scan
from listings.labels import labels, long_date
from listings.schedule import DEFAULT_TIME_ZONE, TIME_ZONE_KEY, ScheduleError, held_back, state, today

log = logging.getLogger("mkdocs.hooks.drafts")


def on_startup(command, dirty):
    state.preview = command == "serve"


def _article(src_uri: str):
    """The file-name match (slug, lang) of an article's source, None for other pages."""
    folder, name = posixpath.split(src_uri)
    return ARTICLE_NAME.match(name) if folder == ARTICLES_DIR else None


# After mkdocs-static-i18n (-100) has chosen this language's files, before hooks/publishing.py (-200).
@event_priority(-150)
def on_files(files, config):
    try:
        on = today(config.extra.get(TIME_ZONE_KEY) or DEFAULT_TIME_ZONE)
        state.held = held_back(scan(config.docs_dir), on)
    except (ScheduleError, FrontMatterError) as exc:
        raise PluginError(str(exc)) from None
    if state.preview:
        return files
    for file in list(files):
        name = _article(file.src_uri)
        if name and name["slug"] in state.held:
            files.remove(file)
    i18n = i18n_plugin(config)
    if state.held and not (i18n and i18n.building):  # once per build, not per language
        drafts = sum(hold.draft for hold in state.held.values())
        log.info(f"Not published: {drafts} draft(s), {len(state.held) - drafts} scheduled "
                 f"(today is {on.isoformat()})")
    return files


# After hooks/publishing.py (-100) put the byline under the title.
@event_priority(-150)
def on_page_content(content, page, config, files):
    name = _article(page.file.src_uri) if state.preview else None
    hold = state.held.get(name["slug"]) if name else None
    if hold is None:
        return content
    words = labels(name["lang"])
    parts = [words["draft"]] if hold.draft else []
    if hold.due:
        parts.append(words["scheduled"].format(date=long_date(name["lang"], hold.due)))
    text = " · ".join(parts)
    return f'<p class="bp-draft" role="note">{html.escape(text)}</p>\n{content}'
