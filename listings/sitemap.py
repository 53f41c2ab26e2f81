"""Sitemaps with hreflang alternates: one at the site root listing every language, and one
at the root of each other language listing its own pages.

Material's language menu looks for `sitemap.xml` beside each `<link rel=alternate>`
of a page (to keep the reader on the same page when switching languages); the
feed link of every page sits at its language root, so each language root needs
one. Alternates are only the translations that exist, plus `x-default`.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from xml.etree import ElementTree as ET

SITEMAP_FILE = "sitemap.xml"
_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
_XHTML = "http://www.w3.org/1999/xhtml"


@dataclass(frozen=True)
class SitemapPage:
    url: str  # absolute
    lastmod: dt.date | None = None
    # hreflang -> absolute URL, x-default included; empty for a page in one language
    alternates: dict[str, str] = field(default_factory=dict)


def write_sitemap(path: Path, pages: list[SitemapPage]) -> None:
    ET.register_namespace("", _NS)
    ET.register_namespace("xhtml", _XHTML)
    urlset = ET.Element(f"{{{_NS}}}urlset")
    for page in pages:
        url = ET.SubElement(urlset, f"{{{_NS}}}url")
        ET.SubElement(url, f"{{{_NS}}}loc").text = page.url
        if page.lastmod:
            ET.SubElement(url, f"{{{_NS}}}lastmod").text = page.lastmod.isoformat()
        for lang, href in page.alternates.items():
            ET.SubElement(url, f"{{{_XHTML}}}link", rel="alternate", hreflang=lang, href=href)
    path.parent.mkdir(parents=True, exist_ok=True)
    ET.ElementTree(urlset).write(path, encoding="utf-8", xml_declaration=True)
