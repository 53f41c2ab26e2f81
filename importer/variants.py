"""Make one Page per language: the original text plus OpenCC conversions.

Chinese parts exist in the script they were written in; the other script is
converted at phrase level (Taiwan Traditional → Mainland Simplified with tw2sp,
Simplified → Traditional with the configured config, s2twp by default).
English parts are never converted.
"""
from __future__ import annotations

from dataclasses import replace

from .model import Article, Block, Page, Part, frozen_dict
from .script import DEFAULT_TO_HANT, TO_HANS, convert, detect_script, is_chinese
from .shape import english_title
from .typography import typeset_page


def make_pages(article: Article, hant_config: str = DEFAULT_TO_HANT) -> Article:
    zh_parts = [p for p in article.parts if p.lang == "zh"]
    en_parts = [p for p in article.parts if p.lang == "en"]
    title = article.meta["title"]
    pages = {}
    meta = {}
    if zh_parts:
        script = detect_script("\n".join(b.text for p in zh_parts for b in p.blocks) + title)
        meta["source_script"] = script
        other, config = ("zh-Hans", TO_HANS) if script == "zh-Hant" else ("zh-Hant", hant_config)
        tags = tuple(article.meta.get("tags", ()))
        pages[script] = Page(script, title, _compose(zh_parts), tags)
        pages[other] = Page(other, convert(title, config), _convert_blocks(pages[script].blocks, config),
                            tuple(convert(t, config) for t in tags))
    if en_parts:
        # A Chinese title gets an English stand-in only when a Chinese page shows
        # the original; an English-only article keeps its title whatever its script.
        en_title = english_title(article.meta, en_parts[0]) if zh_parts and is_chinese(title) else title
        pages["en"] = Page("en", en_title, _compose(en_parts), tuple(article.meta.get("tags", ())))
    # Chinese pages get Chinese punctuation and spacing (rules/typography.yml).
    ordered = {lang: typeset_page(pages[lang]) for lang in ("zh-Hans", "zh-Hant", "en") if lang in pages}
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


def _convert_blocks(blocks: tuple[Block, ...], config: str) -> tuple[Block, ...]:
    """Convert all blocks in one OpenCC call (blocks never contain a newline)."""
    texts = [b.alt if b.kind == "image" else b.text for b in blocks]
    converted = convert("\n".join(texts), config).split("\n")
    assert len(converted) == len(blocks)
    return tuple(replace(b, alt=t) if b.kind == "image" else replace(b, text=t) for b, t in zip(blocks, converted))
