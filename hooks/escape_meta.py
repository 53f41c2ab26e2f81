"""Front matter is text, but MkDocs and Material print it into HTML as is.

MkDocs treats `page.title` as HTML (without a front-matter title it is the
rendered <h1>), and Material prints `page.meta.title`, `.author` and
`.description` unescaped into <title>, <meta content="…"> and the header. An
imported title or byline such as `"><script>…` would run on every page. So
every string in a page's front matter is HTML-escaped once, before any
template (or another hook) sees it; templates then print it as the text it is.
"""
from __future__ import annotations

import html


def _escaped(value):
    if isinstance(value, str):
        return html.escape(value)
    if isinstance(value, list):
        return [_escaped(v) for v in value]
    if isinstance(value, dict):
        return {k: _escaped(v) for k, v in value.items()}
    return value


def on_page_markdown(markdown, page, **kwargs):
    # mkdocs-static-i18n may hand the same Page to more than one build: escape once.
    if getattr(page, "_bp_escaped_meta", None) is not page.meta:
        page.meta = _escaped(page.meta)
        page._bp_escaped_meta = page.meta
    return markdown
