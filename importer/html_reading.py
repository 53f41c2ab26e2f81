"""Read a saved web page or an HTML fragment into blocks and metadata.

bytes ─decode (declared charset, else detection)─▶ HTML ─parse (lxml)─▶ tree
  ─prepare: real image addresses, drop pixels/icons/avatars, remember captions─▶
  whole page: trafilatura extracts the main content (and metadata);
  fragment:   the whole fragment is the content (an extractor would prune it)
  ─nh3 sanitises to the few tags html_blocks walks─▶ blocks (html_blocks.py)

After this the blocks go through the same cleaning rules as text input
(placeholders, promo banners — also inside the article —, footers, metadata).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import lxml.html
import nh3
import trafilatura
import yaml

from .errors import InputError
from .html_blocks import PARSER, WALKED_ATTRIBUTES, WALKED_TAGS, to_blocks
from .model import Article, Removal, frozen_dict
from .reading import decode, normalise
from .rules import load_rules

RULES_FILE = Path(__file__).with_name("rules") / "html.yml"

# A declared charset lives in the first bytes: <meta charset=…>, <meta http-equiv=
# "Content-Type" content="…; charset=…">, or an XML declaration.
_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)|<\?xml[^>]+encoding\s*=\s*["']([\w.:-]+)""", re.I)
_DOCUMENT_TAG = re.compile(r"<(?:html|head|body)[\s>/]", re.I)
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>", re.I)
_PX = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(?:px)?\s*$", re.I)
_STYLE_SIZE = re.compile(r"(?:^|;)\s*(width|height)\s*:\s*(\d+(?:\.\d+)?)px", re.I)
_EXTRACT_OPTIONS = dict(output_format="html", include_formatting=True, include_links=True,
                        include_images=True, include_tables=True, include_comments=False)
# trafilatura's own parser options (trafilatura.utils.HTML_PARSER) with huge_tree: given a
# string, it would parse it without and lose everything after the 256th nested element.
_EXTRACT_PARSER = lxml.html.HTMLParser(collect_ids=False, default_doctype=False, encoding="utf-8",
                                       remove_comments=True, remove_pis=True, huge_tree=True)


@dataclass(frozen=True)
class ImageRule:
    name: str
    reason: str
    unusable_src: bool = False
    max_size: int = 0
    src: re.Pattern | None = None
    marks: re.Pattern | None = None


@dataclass(frozen=True)
class HtmlRules:
    lazy_src: tuple[str, ...]
    images: tuple[ImageRule, ...]
    chrome: tuple[str, ...]
    short_page_chars: int


@lru_cache(maxsize=None)
def html_rules(path: Path = RULES_FILE) -> HtmlRules:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))["html"]
    images = tuple(
        ImageRule(name=r["name"], reason=r["reason"], unusable_src=bool(r.get("unusable_src")),
                  max_size=int(r.get("max_size", 0)),
                  src=re.compile(r["src"], re.I) if r.get("src") else None,
                  marks=re.compile(r["marks"], re.I) if r.get("marks") else None)
        for r in data["images"])
    return HtmlRules(tuple(data["lazy_src"]), images, tuple(data["chrome"]), int(data["short_page_chars"]))


def declared_charset(data: bytes) -> str | None:
    m = _CHARSET.search(data[:4096])
    return (m.group(1) or m.group(2)).decode("ascii") if m else None


def decode_html(data: bytes) -> str:
    """The page's text: its declared charset (gb2312/gbk read as gb18030, big5 as
    big5hkscs), else detected as for text files."""
    if not data.strip():
        raise InputError("file is empty")
    return normalise(decode(data, declared_charset(data)))


def is_fragment(html: str) -> bool:
    """A CMS fragment has no <html>, <head> or <body>: all of it is content."""
    return not _DOCUMENT_TAG.search(html)


def read_html(data: bytes) -> Article:
    try:
        return _read_html(data)
    except RecursionError:  # the walkers recurse once per nested element (several hundred deep)
        raise InputError("HTML nested too deeply to read whole") from None


def _read_html(data: bytes) -> Article:
    html = _XML_DECLARATION.sub("", decode_html(data))  # lxml refuses str with one
    if not html.strip():
        raise InputError("file has no text")
    rules = html_rules()
    removals: list[Removal] = []
    fragment = is_fragment(html)
    if fragment:
        root = lxml.html.fragment_fromstring(html, create_parent="div", parser=PARSER)
    else:
        root = lxml.html.document_fromstring(html, parser=PARSER)
    if any(e.type_name == "ERR_RESOURCE_LIMIT" for e in PARSER.error_log):
        raise InputError("HTML nested more than 2048 elements deep; the page cannot be read whole")
    if fragment:
        meta = {}
        base = ""
    else:
        meta = page_metadata(root)
        base = _base_url(root, meta.get("source", ""))
    captions = prepare(root, base, rules, removals)
    if fragment:
        content = lxml.html.tostring(root, encoding="unicode")
    else:
        body = _without_chrome(root, rules)
        # A stub page (little text besides its chrome) is all content, like a fragment:
        # the extractor would either refuse it or pad it with the navigation.
        content = None
        if len("".join(body.text_content().split())) >= rules.short_page_chars:
            content = trafilatura.extract(lxml.html.fromstring(lxml.html.tostring(root), parser=_EXTRACT_PARSER),
                                          url=base or None, **_EXTRACT_OPTIONS)
        if not content:
            content = lxml.html.tostring(body, encoding="unicode")
    blocks = to_blocks(sanitise(content), captions)
    if not blocks:
        raise InputError("no article text found in the HTML")
    return Article(source="", blocks=blocks, meta=frozen_dict(meta),
                   removals=tuple(removals), markup=True)


def _without_chrome(root, rules: HtmlRules):
    """A copy of the page's body without navigation, headers, footers, forms, scripts…"""
    body = root.find("body")
    body = lxml.html.fromstring(lxml.html.tostring(body if body is not None else root), parser=PARSER)
    for el in body.xpath("|".join(f"//{tag}" for tag in (*rules.chrome, "script", "style"))):
        el.drop_tree()
    return body


def sanitise(html: str) -> str:
    """Only the tags and attributes html_blocks understands, http(s)/mailto URLs only;
    scripts, styles, event handlers, iframes and forms are gone (nh3/Ammonia)."""
    return nh3.clean(html, tags=WALKED_TAGS, attributes=WALKED_ATTRIBUTES,
                     url_schemes={"http", "https", "mailto"}, link_rel=None, strip_comments=True)


# --- metadata --------------------------------------------------------------------

def page_metadata(root) -> dict:
    """Title, author (without its label), date, canonical URL, site name and language."""
    found = trafilatura.extract_metadata(root)
    meta = {}
    if found is not None:
        meta = {"title": found.title, "author": _author(found.author), "date": found.date,
                "source": found.url if _is_web_url(found.url) else None, "site_name": found.sitename}
    lang = root.get("lang") or next(iter(root.xpath("//meta[@http-equiv='content-language']/@content")), None)
    meta["source_lang"] = lang
    return {k: normalise(v).strip() for k, v in meta.items() if isinstance(v, str) and v.strip()}


def _author(value: str | None) -> str | None:
    """ "作者：林靜宜" → "林靜宜", with the byline rule text input uses."""
    if not value:
        return None
    byline = load_rules().byline
    m = byline.matches(value.strip())
    return byline.values(m).get("author", value) if m else value


def _is_web_url(url: str | None) -> bool:
    return bool(url) and urlsplit(url).scheme in ("http", "https") and bool(urlsplit(url).netloc)


def _base_url(root, canonical: str) -> str:
    """What relative addresses resolve against: <base href>, else the canonical URL."""
    base = next(iter(root.xpath("//base/@href")), "")
    if _is_web_url(base):
        return base
    return canonical if _is_web_url(canonical) else ""


# --- images ----------------------------------------------------------------------

def prepare(root, base: str, rules: HtmlRules, removals: list[Removal]) -> dict[str, str]:
    """Fix image addresses in place, drop images that are not article images, and
    return {image address: caption} (an extractor loses <figcaption>)."""
    captions: dict[str, str] = {}
    for a in root.iter("a"):
        if a.get("href"):
            a.set("href", urljoin(base, a.get("href").strip()) if base else a.get("href").strip())
    for img in list(root.iter("img")):
        src = _real_src(img, rules)
        src = urljoin(base, src) if base and src else src
        rule = _image_rule(img, src, rules)
        if rule:
            removals.append(Removal("image", rule.name, src or "(no src)"))
            img.drop_tree()
            continue
        alt = " ".join((img.get("alt") or "").split())
        img.attrib.clear()
        img.set("src", src)
        img.set("alt", alt)
        figure = next(img.iterancestors("figure"), None)
        caption = figure.find(".//figcaption") if figure is not None else None
        if caption is not None and caption.text_content().strip():
            captions[src] = " ".join(caption.text_content().split())
    return captions


def _real_src(img, rules: HtmlRules) -> str:
    """src, unless a lazy-loading attribute holds the real address (src is then a placeholder)."""
    for name in rules.lazy_src:
        value = (img.get(name) or "").strip()
        if value and not value.startswith("data:"):
            return value
    return (img.get("src") or "").strip()


def _image_rule(img, src: str, rules: HtmlRules) -> ImageRule | None:
    """The first rule that says this image is not an article image."""
    size = _declared_size(img)
    marks = " ".join(filter(None, (img.get("class"), img.get("id"), img.get("alt"))))
    usable = _is_web_url(src)
    for rule in rules.images:
        if rule.unusable_src and not usable:
            return rule
        if rule.max_size and size is not None and size <= rule.max_size:
            return rule
        if rule.src and rule.src.search(src):
            return rule
        if rule.marks and rule.marks.search(marks):
            return rule
    return None


def _declared_size(img) -> float | None:
    """The smaller of the declared width and height in px (attributes or inline style)."""
    sizes = []
    for name in ("width", "height"):
        m = _PX.match(img.get(name) or "")
        if m:
            sizes.append(float(m.group(1)))
    sizes += [float(v) for _, v in _STYLE_SIZE.findall(img.get("style") or "")]
    return min(sizes) if sizes else None
