"""Split a cleaned article into its language parts and read its title line.

Two shapes: a single-language post (one part), and a newsletter issue whose
label lines ("内容总结:", "中文翻译:", "英文来源:") open a summary, a translation
and an English original. The shape is decided by the labels found, not by the source.
"""
from __future__ import annotations

import re
from dataclasses import replace

from .dates import find_date
from .errors import InputError
from .model import Article, Block, Part, plain
from .rules import RuleSet, load_rules
from .language import detect_language
from .structure import is_heading_like, structure

_SEPARATORS = " -–—|·:：,，"
_ROLE_ORDER = {"summary": 0, "translation": 1, "body": 1, "original": 2}


def split_parts(article: Article, rules: RuleSet | None = None) -> Article:
    rules = rules or load_rules()
    blocks = list(article.blocks)
    if not blocks:
        raise InputError("no article text left after cleaning")
    title, blocks = _take_title(blocks, article.meta)
    meta = _title_meta(title, rules)
    sections = _find_sections(blocks, rules)
    if len({rule.role for _, rule, _ in sections}) >= 2:
        parts = _parts_from_sections(blocks, sections)
    else:
        text = "\n".join(plain(b.text) for b in blocks if b.kind != "image")
        lang = detect_language(text or title, article.meta.get("source_lang"))
        parts = [Part("body", lang, structure(blocks))] if blocks else []
    parts = [p for p in parts if p.blocks]
    if not parts:
        raise InputError("no article text found (only a title, banners or boilerplate)")
    parts.sort(key=lambda p: _ROLE_ORDER.get(p.role, 1))
    meta["tags"] = _tags(article.meta.get("tags"), meta.get("series"))
    return replace(article, parts=tuple(parts), meta=article.with_meta(**meta), blocks=())


def _tags(line: str | None, series: str | None) -> tuple[str, ...]:
    """Tags from a tag line ("标签: AI, 芯片"), with the newsletter's series first."""
    tags = [t for t in re.split(r"[,，、;；#\s]+", line or "") if t]
    if series and series not in tags:
        tags.insert(0, series)
    return tuple(dict.fromkeys(tags))


def _take_title(blocks: list[Block], meta) -> tuple[str, list[Block]]:
    """The title the page declares (HTML), dropping its repeat in the body; else the
    first line when it reads like one; else the labelled title."""
    first = plain(blocks[0].text)
    if meta.get("title"):
        repeat = blocks[0].kind in ("heading", "para", "line") and first == meta["title"]
        return meta["title"], blocks[1:] if repeat else blocks
    if len(first) <= 120 and not re.search(r"[。．；;]$", first) and (len(blocks) > 1) \
            and blocks[0].kind != "image":
        return first, blocks[1:]
    if meta.get("original_title"):
        return meta["original_title"], blocks
    return _first_words(first), blocks


def _first_words(text: str) -> str:
    cut = re.split(r"[。．.！!？?；;]", text, maxsplit=1)[0].strip() or text  # "?!" is its own title
    return cut[:60] + ("…" if len(cut) > 60 else "")


def _title_meta(title: str, rules: RuleSet) -> dict:
    """Title without its date; issue number, series and date from the title line."""
    meta = {"title": title}
    found = find_date(title)
    if found:
        date, m = found
        meta["date"] = date.isoformat()
        stripped = (title[: m.start()].rstrip(_SEPARATORS) + " " + title[m.end():].lstrip(_SEPARATORS)).strip()
        meta["title"] = stripped or title
    m = rules.issue.search(meta["title"])
    if m:
        meta["issue"] = int(next(g for g in m.groups() if g))
        s = rules.series.search(meta["title"])
        if s and s.group("series").strip(_SEPARATORS):
            meta["series"] = s.group("series").strip(_SEPARATORS)
    return meta


def _find_sections(blocks, rules: RuleSet):
    """(block index, rule, text after the label) for each section label line."""
    found = []
    for i, block in enumerate(blocks):
        if block.kind not in ("line", "para", "heading"):
            continue
        line = plain(block.text)
        for rule in rules.sections:
            m = rule.pattern.fullmatch(line)
            if m:
                found.append((i, rule, (m.group("rest") or "").strip()))
                break
    return found


def _parts_from_sections(blocks, sections) -> list[Part]:
    parts = []
    preamble = blocks[: sections[0][0]]
    for n, (start, rule, rest) in enumerate(sections):
        end = sections[n + 1][0] if n + 1 < len(sections) else len(blocks)
        line = plain(blocks[start].text)
        first = [Block("line" if blocks[start].kind == "line" else "para", rest)] if rest else []
        body = first + blocks[start + 1 : end]
        if n == 0:
            body = preamble + body  # text before the first label is never dropped
        label = line[: len(line) - len(rest)].rstrip(" :：") if rest else line.rstrip(" :：")
        parts.append(Part(rule.role, rule.lang, structure(body), label=label))
    return parts


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
