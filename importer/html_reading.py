"""Read a saved web page or an HTML fragment into blocks and metadata.

bytes ─decode (declared charset, else detection)─▶ HTML ─parse (lxml)─▶ tree
  ─prepare: real image and link addresses, drop pixels/icons/avatars and soft
   hyphens, remember captions─▶
  whole page: trafilatura extracts the main content twice, with markup and as
              plain text, and the plain text decides (see _main_content);
              metadata from the page;
  fragment:   the whole fragment is the content (an extractor would prune it)
  ─nh3 sanitises to the few tags html_blocks walks─▶ blocks (html_blocks.py)

After this the blocks go through the same cleaning rules as text input
(placeholders, promo banners — also inside the article —, footers, metadata).
"""
from __future__ import annotations

import copy
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import lxml.html
import nh3
import trafilatura

from .errors import InputError
from .html_blocks import PARSER, WALKED_ATTRIBUTES, WALKED_TAGS, to_blocks
from .model import Article, Block, Removal, frozen_dict, plain
from .reading import canonical_encoding, decode, normalise
from .rules import by_priority, load_rules, read_rule_file

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
_TEXT_OPTIONS = dict(_EXTRACT_OPTIONS, include_formatting=False, include_images=False, include_links=False)
# A declared (or UTF-8) page with one undecodable character, or at most one per
# this many bytes, is still read in that encoding (a wrong label gives far more).
BYTES_PER_BROKEN_CHARACTER = 10_000
# When the markup extraction lacks more than this share of the plain one's text,
# it picked the wrong part of the page; a block of the markup extraction is kept
# when at least this share of its text is in the plain one.
MAX_MISSING_SHARE = 0.1
MIN_SHARED = 0.5
SOFT_HYPHEN = "\u00ad"
# Words for comparing extractions: a Han or kana character each, else a run of letters/digits.
_CJK_CHARACTER = "\u3400-\u9fff\uf900-\ufaff\u3040-\u30ff"
_WORD = re.compile(f"[{_CJK_CHARACTER}]|[^\\W_{_CJK_CHARACTER}]+")


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
    data = read_rule_file(path)["html"]
    images = tuple(
        ImageRule(name=r["name"], reason=r["reason"], unusable_src=bool(r.get("unusable_src")),
                  max_size=int(r.get("max_size", 0)),
                  src=re.compile(r["src"], re.I) if r.get("src") else None,
                  marks=re.compile(r["marks"], re.I) if r.get("marks") else None)
        for r in by_priority(data["images"]))
    return HtmlRules(tuple(data["lazy_src"]), images, tuple(data["chrome"]), int(data["short_page_chars"]))


def declared_charset(data: bytes) -> str | None:
    m = _CHARSET.search(data[:4096])
    return (m.group(1) or m.group(2)).decode("ascii") if m else None


def decode_html(data: bytes) -> str:
    """The page's text: its declared charset (gb2312/gbk read as gb18030, big5 as
    big5hkscs), else detected as for text files.

    A saved page in its declared charset (or UTF-8) with a few broken bytes — a
    string cut in the middle of a character — is still in that charset: the few
    bytes become U+FFFD instead of the whole page going to a detector's guess.
    """
    if not data.strip():
        raise InputError("file is empty")
    declared = declared_charset(data)
    text = _mostly_decodable(data, declared)
    return normalise(text if text is not None else decode(data, declared))


def _mostly_decodable(data: bytes, declared: str | None) -> str | None:
    """The page in its declared charset or UTF-8 when that fails on only a few
    characters; None when it decodes cleanly (decode() reads it) or not at all."""
    if b"\x00" in data[:8192]:  # binary: decode() says so
        return None
    names = [canonical for canonical in map(_known_encoding, (declared, "utf-8")) if canonical]
    for name in names:
        try:
            data.decode(name)
            return None
        except UnicodeDecodeError:
            pass
    for name in names:
        text = data.decode(name, errors="replace")
        if text.count("\ufffd") <= max(1, len(data) // BYTES_PER_BROKEN_CHARACTER):
            return text.lstrip("\ufeff")
    return None


def _known_encoding(name: str | None) -> str | None:
    try:
        return canonical_encoding(name) if name else None
    except LookupError:
        return None


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
        blocks = to_blocks(sanitise(lxml.html.tostring(root, encoding="unicode")), captions)
    else:
        blocks = _main_content(root, base, rules, captions)
    if not blocks:
        raise InputError("no article text found in the HTML")
    return Article(source="", blocks=blocks, meta=frozen_dict(meta),
                   removals=tuple(removals), markup=True)


def _main_content(root, base: str, rules: HtmlRules, captions: dict[str, str]) -> tuple[Block, ...]:
    """The article's blocks, as trafilatura finds them in a whole page.

    Asking trafilatura for images and formatting changes which text it keeps:
    sometimes it adds gallery and caption text, sometimes it settles on another
    container and keeps only the teaser. So it extracts twice, with markup and
    without, and the text without (its default judgement) decides; the markup
    extraction supplies images, emphasis and captions where it agrees.
    """
    body = _without_chrome(root, rules)
    # Parsed again with trafilatura's options (each extraction copies the tree).
    page = lxml.html.fromstring(lxml.html.tostring(root), parser=_EXTRACT_PARSER)
    rich = trafilatura.extract(page, url=base or None, **_EXTRACT_OPTIONS)
    lean = trafilatura.extract(page, url=base or None, **_TEXT_OPTIONS)
    blocks = _reconcile(to_blocks(sanitise(rich or ""), captions), to_blocks(sanitise(lean or "")))
    short = _text_length(body) < rules.short_page_chars
    if blocks and not short and _prose_count(blocks) != 1:
        return blocks
    whole = to_blocks(sanitise(lxml.html.tostring(body, encoding="unicode")), captions)
    # On a stub page (little text besides its chrome) the extractor pads the text
    # with the navigation, and on a short one its fallback may return all of the
    # body's text as one paragraph: then the body without its chrome is the better copy.
    found, there = _words(blocks), _words(whole)
    padded = short and not found <= there
    flattened = _prose_count(blocks) == 1 < _prose_count(whole) and found <= there \
        and len(found) >= (1 - MAX_MISSING_SHARE) * len(there)
    return whole if not blocks or padded or flattened else blocks


def _prose_count(blocks: tuple[Block, ...]) -> int:
    return sum(b.kind not in ("image", "caption") for b in blocks)


def _reconcile(rich: tuple[Block, ...], lean: tuple[Block, ...]) -> tuple[Block, ...]:
    """The markup extraction's blocks when they hold the plain extraction's text,
    without the text blocks that are mostly not in it; else the plain blocks.

    Texts are compared as word trigrams (a block's own words, in order), which
    tolerates what markup changes — an image's alt text, a line break, a "Zitat
    von" label — and still tells a caption from the paragraph beside it. A block
    of one or two words is looked up as it is.
    """
    lean_index, rich_index = _index(lean), _index(rich)
    lean_grams = [g for b in lean for g in _grams(b)]
    if sum(g not in rich_index for g in lean_grams) > MAX_MISSING_SHARE * len(lean_grams):
        return lean
    kept = []
    for block in rich:
        grams = _grams(block)
        if block.kind in ("image", "caption") or sum(g in lean_index for g in grams) >= MIN_SHARED * len(grams):
            kept.append(block)
    return tuple(kept)


def _block_words(block: Block) -> list[str]:
    return _WORD.findall(plain(block.text).lower())


def _grams(block: Block) -> set[tuple[str, ...]]:
    """A block's word trigrams, or its words as one tuple when it has fewer than three."""
    words = _block_words(block)
    if len(words) < 3:
        return {tuple(words)} if words else set()
    return {tuple(words[i:i + 3]) for i in range(len(words) - 2)}


def _index(blocks: tuple[Block, ...]) -> set[tuple[str, ...]]:
    """Every run of one to three words in the blocks."""
    index = set()
    for block in blocks:
        words = _block_words(block)
        index.update(tuple(words[i:i + n]) for n in (1, 2, 3) for i in range(len(words) - n + 1))
    return index


def _words(blocks: tuple[Block, ...]) -> set[str]:
    return {w for b in blocks if b.kind != "image" for w in _block_words(b)}


def _without_chrome(root, rules: HtmlRules):
    """A copy of the page's body without navigation, headers, footers, forms, scripts…

    An element of a chrome kind that holds most of the page's text (and more than
    a stub's) is a wrapper (ASP.NET pages put the whole body in one <form>, some
    themes the whole page in a <header> or a <noscript>): its tag goes, its
    content stays.
    """
    body = root.find("body")
    body = copy.deepcopy(body if body is not None else root)
    for el in body.xpath(".//script | .//style"):
        el.drop_tree()
    whole = _text_length(body)
    for el in body.xpath("|".join(f".//{tag}" for tag in rules.chrome)):
        length = _text_length(el)
        if length > whole / 2 and length >= rules.short_page_chars:
            el.drop_tag()
        else:
            el.drop_tree()
    return body


def _text_length(el) -> int:
    return len("".join(el.text_content().split()))


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
    # The language the page declares (language.py weighs it against the text).
    declared = [root.get("lang"), root.get("xml:lang"),
                *root.xpath("//meta[@http-equiv='content-language']/@content | //meta[@property='og:locale']/@content")]
    meta["source_lang"] = next((v for v in declared if v and v.strip()), None)
    return {k: normalise(v).strip() for k, v in meta.items() if isinstance(v, str) and v.strip()}


def _author(value: str | None) -> str | None:
    """ "作者：林靜宜" → "林靜宜", with the byline rule text input uses."""
    if not value:
        return None
    byline = load_rules().byline
    m = byline.matches(value.strip())
    return byline.values(m).get("author", value) if m else value


def _is_web_url(url: str | None) -> bool:
    try:
        parts = urlsplit(url or "")
    except ValueError:  # "http://[not-an-ip]/": no address at all
        return False
    return parts.scheme in ("http", "https") and bool(parts.netloc)


def _absolute(base: str, url: str) -> str:
    """`url` resolved against `base` (when there is one); "" when it is no valid address."""
    url = url.strip()
    try:
        url = urljoin(base, url) if base and url else url
        urlsplit(url)  # validates a "[…]" host: it must be an IP address
    except ValueError:
        return ""
    return url


def _base_url(root, canonical: str) -> str:
    """What relative addresses resolve against: <base href>, else the canonical URL."""
    base = next(iter(root.xpath("//base/@href")), "")
    if _is_web_url(base):
        return base
    return canonical if _is_web_url(canonical) else ""


# --- images ----------------------------------------------------------------------

def prepare(root, base: str, rules: HtmlRules, removals: list[Removal]) -> dict[str, str]:
    """Fix image and link addresses in place, drop images that are not article
    images and soft hyphens, and return {image address: caption} (an extractor
    loses <figcaption>)."""
    captions: dict[str, str] = {}
    for el in root.iter():
        # Soft hyphens are line-breaking hints for the source's layout; inside words
        # they would break search and the extractor's own text comparisons.
        if el.text and SOFT_HYPHEN in el.text:
            el.text = el.text.replace(SOFT_HYPHEN, "")
        if el.tail and SOFT_HYPHEN in el.tail:
            el.tail = el.tail.replace(SOFT_HYPHEN, "")
    for a in root.iter("a"):
        if a.get("href"):
            href = _absolute(base, a.get("href"))
            if href:
                a.set("href", href)
            else:
                del a.attrib["href"]  # its text stays, as text
    for img in list(root.iter("img")):
        src = _absolute(base, _real_src(img, rules))
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
