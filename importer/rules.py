"""Cleaning rules, loaded from the YAML files in rules/ (data, not code).

generic.yml applies to every source; each profile file (weekly-issue.yml, …) adds
what one kind of source needs, and is picked up just by being in rules/. Adding a banner word or a footer is an edit
to those files.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path


RULES_DIR = Path(__file__).with_name("rules")


@dataclass(frozen=True)
class LineRule:
    name: str
    kind: str
    reason: str
    pattern: re.Pattern
    inline: bool = False  # cut matching spans out of lines instead of whole lines
    key: str = ""  # metadata: the front-matter key the value goes to
    edges_only: bool = False  # metadata: only in the first/last lines of the body

    def matches(self, line: str) -> re.Match | None:
        return self.pattern.fullmatch(line)


@dataclass(frozen=True)
class BannerRule:
    name: str
    reason: str
    max_lines: int
    min_promo_lines: int
    keywords: re.Pattern
    step: re.Pattern
    cta_link: re.Pattern
    label: re.Pattern
    emphasis: re.Pattern
    amount: re.Pattern

    def score(self, line: str) -> int:
        """How promotional a line is (see the banner section of generic.yml)."""
        words = len({m.group(0).lower() for m in self.keywords.finditer(line)})
        score = 3 * bool(self.cta_link.search(line)) + 2 * bool(self.step.search(line)) + min(words, 3)
        if words:
            score += bool(self.emphasis.search(line)) + bool(self.amount.search(line))
        return score


@dataclass(frozen=True)
class SectionRule:
    name: str
    role: str
    lang: str
    pattern: re.Pattern  # fullmatch on the label, with an optional trailing colon


@dataclass(frozen=True)
class RuleSet:
    placeholders: tuple[LineRule, ...]
    metadata: tuple[LineRule, ...]
    footers: tuple[LineRule, ...]
    banner: BannerRule
    sections: tuple[SectionRule, ...]
    issue: re.Pattern
    series: re.Pattern


def _compile(pattern: str) -> re.Pattern:
    return re.compile(pattern, re.IGNORECASE)


def _line_rules(entries, kind: str) -> tuple[LineRule, ...]:
    return tuple(
        LineRule(name=e["name"], kind=kind, reason=e["reason"], pattern=_compile(e["pattern"]),
                 inline=e.get("match") == "inline", key=e.get("key", ""),
                 edges_only=e.get("where") == "edges")
        for e in entries or ()
    )


@lru_cache(maxsize=None)
def load_rules(rules_dir: Path = RULES_DIR) -> RuleSet:
    """All rule files merged: generic.yml first, then each profile in name order."""
    import yaml  # here, not at the top: a re-import that changes nothing never loads it

    files = sorted(rules_dir.glob("*.yml"), key=lambda p: (p.name != "generic.yml", p.name))
    merged: dict = {}
    for path in files:
        with open(path, encoding="utf-8") as fh:
            data = yaml.safe_load(fh) or {}
        for key, value in data.items():
            if isinstance(value, list):
                merged.setdefault(key, []).extend(value)
            elif isinstance(value, dict):
                merged.setdefault(key, {}).update(value)
    b = merged["banner"]
    banner = BannerRule(
        name=b["name"], reason=b["reason"], max_lines=int(b["max_lines"]),
        min_promo_lines=int(b["min_promo_lines"]), keywords=_compile(b["keywords"]),
        step=_compile(b["step"]), cta_link=_compile(b["cta_link"]), label=_compile(b["label"]),
        emphasis=_compile(b["emphasis"]), amount=_compile(b["amount"]),
    )
    sections = tuple(
        SectionRule(name=s["name"], role=s["role"], lang=s["lang"],
                    pattern=_compile(r"\s*" + s["pattern"] + r"\s*(?:[:：]\s*(?P<rest>.*))?"))
        for s in merged.get("sections", ())
    )
    return RuleSet(
        placeholders=_line_rules(merged.get("placeholders"), "placeholder"),
        metadata=_line_rules(merged.get("metadata"), "metadata"),
        footers=_line_rules(merged.get("footers"), "footer"),
        banner=banner,
        sections=sections,
        issue=_compile(merged["title"]["issue"]),
        series=_compile(merged["title"]["series"]),
    )
