"""Remove what is not the article — placeholders, banners, footers — and lift metadata.

Every removal is recorded on the Article (kind, rule, text), so over-stripping
shows up in reports and tests. Rules come from rules/*.yml (see rules.py).
"""
from __future__ import annotations

import re
from dataclasses import replace

from .model import Article, Block, Removal
from .rules import BannerRule, LineRule, RuleSet, load_rules

# Byline and date rules only look this many lines in from the top or the bottom.
EDGE_LINES = 4
_NO_LETTERS = re.compile(r"[\W_]*")  # emoji rows, dividers: glue inside a banner


def split_lines(text: str) -> tuple[Block, ...]:
    """Text to raw line blocks; hard-wrapped paragraphs (blank-line separated) are joined."""
    groups = [g.splitlines() for g in re.split(r"\n\s*\n", text)]
    blocks: list[Block] = []
    for group in groups:
        lines = [ln.strip() for ln in group if ln.strip()]
        if _is_hard_wrapped(lines):
            blocks.append(Block("line", _join_wrapped(lines)))
        else:
            blocks.extend(Block("line", ln) for ln in lines)
    return tuple(blocks)


def _is_hard_wrapped(lines: list[str]) -> bool:
    # A paragraph wrapped at a fixed width: several lines, all but the last long
    # and of similar length, none of them a list item.
    if len(lines) < 2:
        return False
    body = lines[:-1]
    if any(re.match(r"([-*•·]|\d+[.)、])\s", ln) for ln in lines):
        return False
    widths = [len(ln) for ln in body]
    return min(widths) >= 40 and max(widths) - min(widths) <= 12


def _join_wrapped(lines: list[str]) -> str:
    out = lines[0]
    for ln in lines[1:]:
        ascii_seam = out[-1:].isascii() and ln[:1].isascii()
        out += (" " if ascii_seam else "") + ln
    return out


def clean(article: Article, rules: RuleSet | None = None) -> Article:
    rules = rules or load_rules()
    lines = [b.text for b in article.blocks]
    removals: list[Removal] = []
    meta: dict = {}

    lines = _strip_placeholders(lines, rules.placeholders, removals)
    lines = _lift_metadata(lines, [r for r in rules.metadata if not r.edges_only], meta, removals)
    lines = _strip_banner(lines, rules.banner, removals, from_top=True)
    lines = _strip_tail(lines, rules, meta, removals)
    head, rest = lines[:EDGE_LINES], lines[EDGE_LINES:]
    head = _lift_metadata(head, [r for r in rules.metadata if r.edges_only], meta, removals)
    lines = head + rest

    return replace(
        article,
        blocks=tuple(Block("line", ln) for ln in lines),
        meta=article.with_meta(**meta),
        removals=article.removals + tuple(removals),
    )


def _strip_placeholders(lines, placeholders: tuple[LineRule, ...], removals) -> list[str]:
    kept = []
    for line in lines:
        rule = next((r for r in placeholders if not r.inline and r.matches(line)), None)
        if rule:
            removals.append(Removal(rule.kind, rule.name, line))
            continue
        for r in placeholders:
            if r.inline and r.pattern.search(line):
                for m in r.pattern.finditer(line):
                    removals.append(Removal(r.kind, r.name, m.group(0)))
                line = r.pattern.sub("", line).strip()
        if line:
            kept.append(line)
    return kept


def _metadata_match(line: str, rules) -> tuple[LineRule, str] | None:
    for rule in rules:
        m = rule.matches(line)
        if m:
            return rule, m.group("value").strip()
    return None


def _lift_metadata(lines, rules, meta: dict, removals) -> list[str]:
    kept = []
    for line in lines:
        found = _metadata_match(line, rules)
        if found and found[0].key not in meta:
            rule, value = found
            meta[rule.key] = value
            removals.append(Removal(rule.kind, rule.name, line))
        else:
            kept.append(line)
    return kept


def _strip_tail(lines, rules: RuleSet, meta: dict, removals) -> list[str]:
    """Peel footers, metadata lines and a closing banner off the end, in any order."""
    lines = list(lines)
    while lines:
        last = lines[-1]
        footer = next((r for r in rules.footers if r.matches(last)), None)
        if footer:
            removals.append(Removal(footer.kind, footer.name, lines.pop()))
            continue
        found = _metadata_match(last, rules.metadata)
        if found and found[0].key not in meta:
            rule, value = found
            meta[rule.key] = value
            removals.append(Removal(rule.kind, rule.name, lines.pop()))
            continue
        shorter = _strip_banner(lines, rules.banner, removals, from_top=False)
        if len(shorter) == len(lines):
            break
        lines = shorter
    return lines


def _strip_banner(lines, rule: BannerRule, removals, *, from_top: bool) -> list[str]:
    """Remove a promo banner at the top (or bottom) of the text, if there is one.

    A banner is a run of promo lines (see BannerRule.score) with short labels
    and emoji rows as glue, holding at least one call-to-action link and
    `min_promo_lines` promo lines. It ends at its strong line farthest from the
    edge: a weak line there is more likely the article's own.
    """
    order = list(range(len(lines))) if from_top else list(range(len(lines) - 1, -1, -1))
    promo = 0
    end = None  # position in `order` of the last line that belongs to the banner
    for pos, i in enumerate(order[: rule.max_lines]):
        score = rule.score(lines[i])
        if not score:
            if _NO_LETTERS.fullmatch(lines[i]) or rule.label.fullmatch(lines[i]):
                continue
            break
        promo += 1
        if score >= 2:
            end = pos
    if end is None or promo < rule.min_promo_lines:
        return list(lines)
    taken = order[: end + 1]
    if not any(rule.cta_link.search(lines[i]) for i in taken):
        return list(lines)
    for i in sorted(taken):
        removals.append(Removal("banner", rule.name, lines[i]))
    drop = set(taken)
    return [ln for i, ln in enumerate(lines) if i not in drop]
