"""MkDocs hook: the site-wide guarantee that no page runs a script from its content.

Python-Markdown passes raw HTML and `javascript:` links through, and MkDocs'
Jinja environment does not autoescape, so Material prints front-matter values
(`title`, `description`) and table-of-contents titles as raw HTML. Whatever
reached docs/ (an import, a hand edit, a pull request), this hook:

* runs nh3 (Ammonia) over each page's rendered HTML with an allow-list of what
  Markdown, our extensions (toc, admonition, attr_list, tables) and Material
  legitimately put into page content: headings with ids and permalink anchors,
  tables, code, admonitions, images, links with http/https/mailto/relative URLs,
  class attributes. Scripts, styles, event handlers, `javascript:`/`data:` URLs,
  iframes, objects, forms and meta refreshes do not survive;
* turns front-matter strings and table-of-contents titles into text: they are
  HTML-escaped (not stripped), so a scraped title like `"><script>…` shows as
  written and runs nowhere — in <title>, <meta content>, the header or a listing.

Templates (overrides/, Material) are trusted; only page content is sanitised.
"""

from __future__ import annotations

import html as html_lib

import nh3

# Tags Markdown and the enabled extensions produce, plus harmless text-level HTML
# authors write by hand (kbd, sup, details…).
TAGS = {
    "h1", "h2", "h3", "h4", "h5", "h6", "p", "br", "hr", "div", "span", "a", "img",
    "ul", "ol", "li", "dl", "dt", "dd", "blockquote", "pre", "code", "kbd", "samp", "var",
    "em", "strong", "b", "i", "u", "s", "del", "ins", "mark", "small", "sub", "sup", "abbr",
    "cite", "q", "dfn", "time", "table", "caption", "colgroup", "col", "thead", "tbody", "tfoot",
    "tr", "th", "td", "figure", "figcaption", "details", "summary",
}
ATTRIBUTES = {
    # class: admonitions, headerlink, attr_list; id: heading anchors and footnotes
    "*": {"class", "id", "title", "lang", "dir"},
    "a": {"href", "hreflang", "rel"},
    "img": {"src", "alt", "width", "height", "loading"},
    "ol": {"start", "type"},
    "li": {"value"},
    "th": {"align", "colspan", "rowspan", "style"},  # tables: style="text-align: …"
    "td": {"align", "colspan", "rowspan", "style"},
    "col": {"span"}, "colgroup": {"span"},
    "time": {"datetime"},
    "details": {"open"},
}
URL_SCHEMES = {"http", "https", "mailto"}
STYLE_PROPERTIES = {"text-align"}


def sanitise_html(html: str) -> str:
    """Page content HTML with everything executable removed."""
    return nh3.clean(
        html, tags=TAGS, attributes=ATTRIBUTES, url_schemes=URL_SCHEMES,
        filter_style_properties=STYLE_PROPERTIES,
        link_rel=None,  # keep links as written (no rel added): same look, same HTML
    )


def as_text(value: str) -> str:
    """A string that templates print raw, made safe: tags removed, < > & escaped."""
    return nh3.clean(value, tags=set())


def _escaped(value):
    if isinstance(value, str):
        return html_lib.escape(value)
    if isinstance(value, list):
        return [_escaped(v) for v in value]
    if isinstance(value, dict):
        return {k: _escaped(v) for k, v in value.items()}
    return value


def on_page_markdown(markdown, page, config, files):
    # mkdocs-static-i18n may hand the same Page to more than one build: escape once.
    if getattr(page, "_bp_escaped_meta", None) is not page.meta:
        page.meta = _escaped(page.meta)
        page._bp_escaped_meta = page.meta
    return markdown


def on_page_content(html, page, config, files):
    _sanitise_toc(page.toc)
    # A page without a front-matter title takes it from its rendered <h1>, as text
    # that may hold "<"; MkDocs keeps it in this attribute (no public setter).
    if getattr(page, "_title_from_render", None):
        page._title_from_render = as_text(page._title_from_render)
    return sanitise_html(html)


def _sanitise_toc(items) -> None:
    for item in items:
        item.title = as_text(item.title)
        _sanitise_toc(item.children)
