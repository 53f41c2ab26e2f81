"""Remove what is not the article — placeholders, banners, footers — and lift metadata.

Every removal is recorded on the Article (kind, rule, text), so over-stripping
shows up in reports and tests. Rules come from rules/*.yml (see rules.py).
"""
from __future__ import annotations

import re
from dataclasses import replace

from .model import Article, Block, Removal, plain
from .rules import BannerRule, LineRule, RuleSet, load_rules

# Byline and date rules only look this many lines in from the top or the bottom.
EDGE_LINES = 4
_NO_LETTERS = re.compile(r"[\W_]*")  # emoji rows, dividers: glue inside a banner
# Blocks the line rules apply to: raw text lines and HTML paragraphs (never images,
# tables, headings or quotes taken from markup).
_PROSE = ("line", "para")


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
    """Cleaned blocks: each keeps its kind (HTML) or stays a raw line (text)."""
    rules = rules or load_rules()
    blocks = list(article.blocks)
    removals: list[Removal] = []
    meta: dict = {}

    blocks = _strip_placeholders(blocks, rules.placeholders, removals)
    blocks = _lift_metadata(blocks, [r for r in rules.metadata if not r.edges_only], meta, removals)
    blocks = _strip_banner(blocks, rules.banner, removals, from_top=True)
    blocks = _strip_tail(blocks, rules, meta, removals)
    head, rest = blocks[:EDGE_LINES], blocks[EDGE_LINES:]
    head = _lift_metadata(head, [r for r in rules.metadata if r.edges_only], meta, removals)
    blocks = head + rest
    if article.markup:
        # In HTML a block is a real paragraph, so a promo box inside the article
        # (which no extractor removes) is a run of promo blocks; in flattened text
        # only the edges are safe to scan.
        blocks = _strip_inner_banners(blocks, rules.banner, removals)

    return replace(
        article,
        blocks=tuple(blocks),
        # What the page itself declares (HTML metadata) wins over lines in the body.
        meta=article.with_meta(**{k: plain(v) for k, v in meta.items() if not article.meta.get(k)}),
        removals=article.removals + tuple(removals),
    )


def _strip_placeholders(blocks, placeholders: tuple[LineRule, ...], removals) -> list[Block]:
    kept = []
    for block in blocks:
        line = block.text
        if block.kind in ("image", "table"):
            kept.append(block)
            continue
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
            kept.append(replace(block, text=line) if line != block.text else block)
    return kept


def _metadata_match(block: Block, rules) -> tuple[LineRule, str] | None:
    if block.kind not in _PROSE:
        return None
    for rule in rules:
        m = rule.matches(block.text)
        if m:
            return rule, m.group("value").strip()
    return None


def _lift_metadata(blocks, rules, meta: dict, removals) -> list[Block]:
    kept = []
    for block in blocks:
        found = _metadata_match(block, rules)
        if found and found[0].key not in meta:
            rule, value = found
            meta[rule.key] = value
            removals.append(Removal(rule.kind, rule.name, block.text))
        else:
            kept.append(block)
    return kept


def _strip_tail(blocks, rules: RuleSet, meta: dict, removals) -> list[Block]:
    """Peel footers, metadata lines and a closing banner off the end, in any order."""
    blocks = list(blocks)
    while blocks:
        last = blocks[-1]
        footer = last.kind in _PROSE and next((r for r in rules.footers if r.matches(last.text)), None)
        if footer:
            removals.append(Removal(footer.kind, footer.name, blocks.pop().text))
            continue
        found = _metadata_match(last, rules.metadata)
        if found and found[0].key not in meta:
            rule, value = found
            meta[rule.key] = value
            removals.append(Removal(rule.kind, rule.name, blocks.pop().text))
            continue
        shorter = _strip_banner(blocks, rules.banner, removals, from_top=False)
        if len(shorter) == len(blocks):
            break
        blocks = shorter
    return blocks


def _strip_inner_banners(blocks, rule: BannerRule, removals) -> list[Block]:
    """Remove promo runs that start anywhere inside the body (markup input only)."""
    out: list[Block] = []
    i = 0
    while i < len(blocks):
        if blocks[i].kind in _PROSE and rule.score(blocks[i].text) and (not out or not rule.score(out[-1].text)):
            rest = _strip_banner(blocks[i:], rule, removals, from_top=True)
            if len(rest) < len(blocks) - i:
                blocks = blocks[:i] + rest
                continue
        out.append(blocks[i])
        i += 1
    return out


def _strip_banner(blocks, rule: BannerRule, removals, *, from_top: bool) -> list[Block]:
    """Remove a promo banner at the top (or bottom) of the text, if there is one.

    A banner is a run of promo lines (see BannerRule.score) with short labels
    and emoji rows as glue, holding at least one call-to-action link and
    `min_promo_lines` promo lines. It ends at its strong line farthest from the
    edge: a weak line there is more likely the article's own.
    """
    lines = [b.text for b in blocks]
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
        return list(blocks)
    taken = order[: end + 1]
    if not any(rule.cta_link.search(lines[i]) for i in taken):
        return list(blocks)
    for i in sorted(taken):
        removals.append(Removal("banner", rule.name, lines[i]))
    drop = set(taken)
    return [b for i, b in enumerate(blocks) if i not in drop]
