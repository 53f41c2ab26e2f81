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
from .model import Article, Part
from .rules import RuleSet, load_rules
from .script import is_chinese
from .structure import is_heading_like, structure

_SEPARATORS = " -–—|·:：,，"
_ROLE_ORDER = {"summary": 0, "translation": 1, "body": 1, "original": 2}


def split_parts(article: Article, rules: RuleSet | None = None) -> Article:
    rules = rules or load_rules()
    lines = [b.text for b in article.blocks]
    if not lines:
        raise InputError("no article text left after cleaning")
    title, lines = _take_title(lines, article.meta)
    meta = _title_meta(title, rules)
    sections = _find_sections(lines, rules)
    if len({rule.role for _, rule, _ in sections}) >= 2:
        parts = _parts_from_sections(lines, sections)
    else:
        parts = [Part("body", "zh" if is_chinese("\n".join(lines) or title) else "en",
                      structure(lines))] if lines else []
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


def _take_title(lines: list[str], meta) -> tuple[str, list[str]]:
    """The first line is the title when it reads like one; else the labelled title."""
    first = lines[0]
    if len(first) <= 120 and not re.search(r"[。．；;]$", first) and (len(lines) > 1):
        return first, lines[1:]
    if meta.get("original_title"):
        return meta["original_title"], lines
    return _first_words(first), lines


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


def _find_sections(lines, rules: RuleSet):
    """(line index, rule, text after the label) for each section label line."""
    found = []
    for i, line in enumerate(lines):
        for rule in rules.sections:
            m = rule.pattern.fullmatch(line)
            if m:
                found.append((i, rule, (m.group("rest") or "").strip()))
                break
    return found


def _parts_from_sections(lines, sections) -> list[Part]:
    parts = []
    preamble = lines[: sections[0][0]]
    for n, (start, rule, rest) in enumerate(sections):
        end = sections[n + 1][0] if n + 1 < len(sections) else len(lines)
        body = ([rest] if rest else []) + lines[start + 1 : end]
        if n == 0:
            body = preamble + body  # text before the first label is never dropped
        label = lines[start][: len(lines[start]) - len(rest)].rstrip(" :：") if rest else lines[start].rstrip(" :：")
        parts.append(Part(rule.role, rule.lang, structure(body), label=label))
    return parts


def english_title(meta, part: Part) -> str:
    """A title for the English page of a Chinese-titled issue: its issue number and lead story."""
    lead = next((b.text for b in part.blocks if b.kind == "heading" and len(b.text.split()) >= 4), "")
    if not lead:
        lead = next((b.text for b in part.blocks if is_heading_like(b.text)), "")
    issue = meta.get("issue")
    if issue and lead:
        return f"Issue {issue}: {lead}"
    return lead or (f"Issue {issue}" if issue else meta.get("title", ""))
