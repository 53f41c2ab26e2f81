"""Markdown of the generated listings. MkDocs renders it like any page, so its links
are checked by `--strict`, its headings reach the table of contents and the
links resolve to each language's own file (articles/x.md -> articles/x.<lang>.md)."""
from __future__ import annotations

import posixpath
from itertools import groupby

from importer.render import escape_anywhere

from .index import Entry
from .labels import article_count, labels, month_heading

HOME_LATEST = 10  # articles with excerpts on each home page
ARCHIVE = "archive.md"
TAGS_INDEX = "tags.md"


def link(target: str, from_src_uri: str) -> str:
    """Relative link from one page's source to another's, without the language suffix."""
    return posixpath.relpath(target, posixpath.dirname(from_src_uri) or ".")


def article_target(entry: Entry) -> str:
    return f"articles/{entry.slug}.md"


def tag_target(slug: str) -> str:
    return f"tags/{slug}.md"


def _meta_line(entry: Entry, lang: str) -> str:
    parts = [entry.date.isoformat()]
    if entry.issue is not None:
        parts.append(labels(lang)["issue"].format(n=entry.issue))
    return " · ".join(parts)


def _item(entry: Entry, lang: str, src_uri: str) -> str:
    return (f"- [{escape_anywhere(entry.title)}]({link(article_target(entry), src_uri)})"
            f" <span class=\"bp-listing__meta\">{_meta_line(entry, lang)}</span>")


def home(entries: list[Entry], lang: str, src_uri: str) -> str:
    words = labels(lang)
    out = [f"## {words['latest']}", ""]
    for entry in entries[:HOME_LATEST]:
        out += [f"### [{escape_anywhere(entry.title)}]({link(article_target(entry), src_uri)})", "",
                f"<p class=\"bp-listing__meta\">{_meta_line(entry, lang)}</p>", ""]
        if entry.excerpt:
            out += [escape_anywhere(entry.excerpt), ""]
    out.append(words["more"].format(archive=link(ARCHIVE, src_uri), tags=link(TAGS_INDEX, src_uri)))
    return "\n".join(out) + "\n"


def archive(entries: list[Entry], lang: str, src_uri: str) -> str:
    out = []
    for year, in_year in groupby(entries, key=lambda e: e.date.year):
        out += [f"## {labels(lang)['year'].format(y=year)}", ""]
        for month, in_month in groupby(in_year, key=lambda e: e.date.month):
            out += [f"### {month_heading(lang, year, month)}", ""]
            out += [_item(entry, lang, src_uri) for entry in in_month]
            out.append("")
    return "\n".join(out)


def tags_index(counts: dict[str, int], slugs: dict[str, str], lang: str, src_uri: str) -> str:
    """Every tag with its number of articles, most used first."""
    ordered = sorted(counts, key=lambda tag: (-counts[tag], tag))
    return "\n".join(
        f"- [{escape_anywhere(tag)}]({link(tag_target(slugs[tag]), src_uri)})"
        f" <span class=\"bp-listing__meta\">{article_count(lang, counts[tag])}</span>"
        for tag in ordered
    ) + "\n"


def tag_page(tag: str, entries: list[Entry], lang: str, src_uri: str, n: int = 1) -> str:
    """Page n of a tag's articles (listings/paging.py adds the links to the other pages)."""
    title = numbered_title(labels(lang)["tag_page"].format(tag=tag), lang, n)
    return "\n".join([f"# {escape_anywhere(title)}", ""] + [_item(e, lang, src_uri) for e in entries]) + "\n"


def numbered_title(title: str, lang: str, n: int) -> str:
    """A listing's title on its page n: 归档 · 第 2 页, Archive · Page 2."""
    return title if n == 1 else f"{title} · {labels(lang)['page_n'].format(n=n)}"


def tags_line(entry: Entry, slugs: dict[str, str], src_uri: str) -> str:
    """The article's tags as links to their pages, shown under the article."""
    links = " ".join(f"[{escape_anywhere(tag)}]({link(tag_target(slugs[tag]), src_uri)}){{.bp-tag}}"
                     for tag in entry.tags)
    return f"{labels(entry.lang)['tags_line']} {links}\n{{: .bp-tags }}\n" if links else ""
