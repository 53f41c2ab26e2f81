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
        pages[other] = Page(other, convert(title, config),
                            tuple(_convert_block(b, config) for b in pages[script].blocks),
                            tuple(convert(t, config) for t in tags))
    if en_parts:
        en_title = title if not is_chinese(title) else english_title(article.meta, en_parts[0])
        pages["en"] = Page("en", en_title, _compose(en_parts), tuple(article.meta.get("tags", ())))
    ordered = {lang: pages[lang] for lang in ("zh-Hans", "zh-Hant", "en") if lang in pages}
    return replace(article, pages=frozen_dict(ordered), meta=article.with_meta(**meta))


def _compose(parts: list[Part]) -> tuple[Block, ...]:
    """Blocks of one page: several parts each get their label as a section heading."""
    if len(parts) == 1:
        return tuple(replace(b, level=2) if b.kind == "heading" else b for b in parts[0].blocks)
    blocks: list[Block] = []
    for part in parts:
        blocks.append(Block("heading", part.label or part.role, level=2))
        blocks.extend(replace(b, level=3) if b.kind == "heading" else b for b in part.blocks)
    return tuple(blocks)


def _convert_block(block: Block, config: str) -> Block:
    if block.kind == "image":
        return replace(block, alt=convert(block.alt, config))
    return replace(block, text=convert(block.text, config))
