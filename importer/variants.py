"""Make one Page per language: the original text plus its conversion.

Chinese parts exist in the script they were written in; the other script is
converted with OpenCC, guarded by a segmentation (Taiwan Traditional →
Mainland Simplified with tw2sp, Simplified → Traditional with the configured
config, s2twp by default; see script.py and conversion.py). Title, tags and
author are converted with the body. English parts are never converted, nor
are parts in any other language (language.py): they make the one
English-edition page, as written, with their language in `content_lang`.
"""
from __future__ import annotations

from dataclasses import replace

from .language import CHINESE, ENGLISH, is_chinese
from .model import LANGS, Article, Block, Page, Part, frozen_dict, plain
from .script import DEFAULT_TO_HANT, TO_HANS, context_of, convert, detect_script
from .text import is_heading_like
from .typography import typeset_page


def make_pages(article: Article, hant_config: str = DEFAULT_TO_HANT) -> Article:
    zh_parts = [p for p in article.parts if p.lang == CHINESE]
    en_parts = [p for p in article.parts if p.lang != CHINESE]
    title = article.meta["title"]
    # A bilingual page names its title in both languages; each page takes its own.
    translated = article.meta.get("translated_title")
    zh_title = translated if translated and not is_chinese(title) else title
    pages = {}
    meta = {}
    if zh_parts:
        text = "\n".join(b.text for p in zh_parts for b in p.blocks) + zh_title
        script = detect_script(text)
        meta["source_script"] = script
        other, config = ("zh-Hans", TO_HANS) if script == "zh-Hant" else ("zh-Hant", hant_config)
        tags = tuple(article.meta.get("tags", ()))
        author = article.meta.get("author") or ""
        # One context for the whole article: its title, tags and author read like its body.
        context = context_of(text, config)
        pages[script] = Page(script, zh_title, _compose(zh_parts), tags, author)
        pages[other] = Page(other, convert(zh_title, config, context),
                            _convert_blocks(pages[script].blocks, config, context),
                            tuple(convert(t, config, context) for t in tags), convert(author, config, context))
    if en_parts:
        # A Chinese title gets an English stand-in only when a Chinese page shows
        # the original; an English-only article keeps its title whatever its script.
        en_title = title
        if zh_parts and is_chinese(title):
            en_title = translated or english_title(article.meta, en_parts[0])
        pages["en"] = Page("en", en_title, _compose(en_parts), tuple(article.meta.get("tags", ())))
        if en_parts[0].lang != ENGLISH:
            meta["content_lang"] = en_parts[0].lang
    # Chinese pages get Chinese punctuation and spacing (rules/typography.yml).
    ordered = {lang: typeset_page(pages[lang]) for lang in LANGS if lang in pages}
    return replace(article, pages=frozen_dict(ordered), meta=article.with_meta(**meta))


def _compose(parts: list[Part]) -> tuple[Block, ...]:
    """Blocks of one page: several parts each get their label as a section heading."""
    if len(parts) == 1:
        return tuple(_sub_heading(b, 2) for b in parts[0].blocks)
    blocks: list[Block] = []
    for part in parts:
        blocks.append(Block("heading", part.label or part.role, level=2))
        blocks.extend(_sub_heading(b, 3) for b in part.blocks)
    return tuple(blocks)


def _sub_heading(block: Block, top: int) -> Block:
    """Headings start at level `top`; HTML's own levels (h2, h3…) keep their depth below it."""
    if block.kind != "heading":
        return block
    return replace(block, level=top + max(block.level - 2, 0) if block.level else top)


def _convert_blocks(blocks: tuple[Block, ...], config: str, context: frozenset[str] | None = None) -> tuple[Block, ...]:
    """Convert all blocks in one call (blocks never contain a newline)."""
    texts = [b.alt if b.kind == "image" else b.text for b in blocks]
    converted = convert("\n".join(texts), config, context).split("\n")
    if len(converted) != len(blocks):  # checked under python -O too: a shift would misplace every line
        raise RuntimeError(f"conversion ({config}) turned {len(blocks)} lines into {len(converted)}")
    return tuple(replace(b, alt=t) if b.kind == "image" else replace(b, text=t) for b, t in zip(blocks, converted))


def english_title(meta, part: Part) -> str:
    """A title for the English page of a Chinese-titled issue: its issue number and lead story."""
    lead = next((plain(b.text) for b in part.blocks if b.kind == "heading" and len(b.text.split()) >= 4), "")
    if not lead:
        lead = next((plain(b.text) for b in part.blocks
                     if b.kind not in ("image", "table") and is_heading_like(plain(b.text))), "")
    issue = meta.get("issue")
    if issue and lead:
        return f"Issue {issue}: {lead}"
    return lead or (f"Issue {issue}" if issue else meta.get("title", ""))
