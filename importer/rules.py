"""Cleaning rules, loaded from the YAML files in rules/ (data, not code).

generic.yml applies to every source; each profile file (weekly-issue.yml, …) adds
what one kind of source needs, and is picked up just by being in rules/: lists
are appended, mappings merged. A new banner word, chrome line, footer or weight
is an edit to those files; the code only says how the pieces are combined.
"""
from __future__ import annotations

import dataclasses
import re
import typing
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Mapping

RULES_DIR = Path(__file__).with_name("rules")
# Front-matter keys a metadata rule may fill (its pattern's named groups).
META_KEYS = ("author", "date", "source", "source_name", "link", "original_title", "tags")


@dataclass(frozen=True)
class LineRule:
    name: str
    kind: str  # placeholder | metadata | footer | chrome | end
    reason: str
    pattern: re.Pattern
    inline: bool = False  # cut matching spans out of lines instead of whole lines
    key: str = ""  # metadata: the key the line is reported under
    where: str = "anywhere"  # anywhere | edges (the head and tail of the body) | head
    takes_following: bool = False  # chrome: the short lines that follow are its entries
    outside_code: bool = False  # not between lines of program code (an HTML listing's own tags)
    min_run: int = 0  # only in a run of this many matching lines in a row (a list, not one line)

    def matches(self, line: str) -> re.Match | None:
        return self.pattern.fullmatch(line)

    def values(self, m: re.Match) -> dict[str, str]:
        """Metadata: the non-empty values of the match, by front-matter key."""
        return {k: v.strip() for k, v in m.groupdict().items() if k in META_KEYS and v and v.strip()}


@dataclass(frozen=True)
class Signal:
    """One kind of evidence that a line is promo or page chrome (see generic.yml `signals`)."""

    name: str
    reason: str
    weight: int
    pattern: re.Pattern | None = None
    needs_word: bool = False  # counts only on a line that also has a campaign word
    whole_line: bool = False  # the pattern must match the whole line
    cap: int = 0  # campaign words: one point each, at most this many

    def found(self, text: str) -> bool:
        return bool(self.pattern.fullmatch(text) if self.whole_line else self.pattern.search(text))


@dataclass(frozen=True)
class DateRule:
    name: str
    reason: str
    label: re.Pattern
    rest: re.Pattern
    not_after: re.Pattern
    publisher: re.Pattern


@dataclass(frozen=True)
class FieldLabel:
    """A label of a metadata line's field ("文 |", "来源：", "编辑 |") and the key its value goes to."""

    name: str
    key: str  # author | source_name | date | credit (page furniture: no key)
    reason: str
    pattern: str


@dataclass(frozen=True, eq=False)  # hashed by identity: fields.py caches its answers per rule set
class FieldLine:
    """How a line of fields (byline, date, source, credits, counters) is split and read (fields.py)."""

    reason: str
    separators: re.Pattern
    label_separator: str
    max_length: int
    max_value: int
    name: re.Pattern
    date_rest: re.Pattern
    labels: tuple[FieldLabel, ...] = ()
    counters: tuple[LineRule, ...] = ()  # chrome rules whose lines may stand as a field ("6 min read")

    @property
    def label_pattern(self) -> re.Pattern:
        """Any label at the start of the line or after a space or a separator, with what follows it."""
        return _label_pattern(self.labels, self.label_separator)


@lru_cache(maxsize=None)
def _label_pattern(labels: tuple[FieldLabel, ...], separator: str) -> re.Pattern:
    alternatives = "|".join(f"(?P<l{n}>{label.pattern})" for n, label in enumerate(labels))
    # a compound label ("报告出品方/作者:") is read by its last part
    start = r"(?:^|(?<=[\s|｜丨·•・/／(（【\[]))"
    return _compile(rf"{start}(?:[^\s:：/／|｜]{{1,8}}[/／])?(?:{alternatives})(?P<sep>{separator})(?=\S)")


@dataclass(frozen=True)
class MenuRun:
    reason: str
    min_lines: int
    max_words: int
    max_cjk: int
    short_share: float
    short_words: int
    short_cjk: int
    tiny: int
    end_factor: float
    edge_end_factor: float


@dataclass(frozen=True)
class CampaignSections:
    name: str
    reason: str
    min_headings: int
    max_heading: int
    first_within: int
    max_gap: int


@dataclass(frozen=True)
class SignOff:
    name: str
    reason: str
    greeting: re.Pattern
    signature: re.Pattern
    reach: int


@dataclass(frozen=True)
class Bilingual:
    reason: str
    min_turn_lines: int
    min_switches: int
    min_line_share: float
    paragraph_words: int
    min_text_share: float
    max_text_share: float
    han_per_word: float
    chinese_min_han: int


@dataclass(frozen=True)
class Stitched:
    """A summary the site stitched from the article's own sentences (chrome.stitched_summary)."""

    reason: str
    label: re.Pattern
    min_sentences: int
    min_share: float
    min_chars: int
    reach: int


@dataclass(frozen=True)
class Scoring:
    per_cjk: int
    per_words: int
    sentence: int
    cap: int
    min_total: int
    stop_below: int
    min_strong: int
    strong: int
    max_head: int
    max_tail: int
    tail_glue: int
    promo_paragraph: int


@dataclass(frozen=True)
class TitleRules:
    section_words: re.Pattern
    site_suffix: re.Pattern
    max_cjk: int
    max_latin: int
    max_line: int
    numbered_section: re.Pattern
    weights: Mapping[str, float]
    issue: re.Pattern
    series: re.Pattern


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
    chrome: tuple[LineRule, ...]
    end_markers: tuple[LineRule, ...]
    dates: DateRule
    fields: FieldLine
    figure_suffix: re.Pattern
    keyword_list: re.Pattern
    signals: Mapping[str, Signal]
    menu_run: MenuRun
    campaign_sections: CampaignSections
    sign_off: SignOff
    scoring: Scoring
    bilingual: Bilingual
    stitched: Stitched
    title: TitleRules
    sections: tuple[SectionRule, ...]

    @property
    def byline(self) -> LineRule:
        """The labelled byline rule ("作者：林靜宜"), which HTML metadata reuses."""
        return next(r for r in self.metadata if r.name == "byline")


def _compile(pattern: str) -> re.Pattern:
    return re.compile(pattern, re.IGNORECASE)


def by_priority(entries) -> list[dict]:
    """A list of rules in the order they are tried: highest `priority` first (as
    Python-Markdown's registry orders its processors), so where a profile's rule goes
    among the generic ones is its number, not the order files are read in."""
    entries = list(entries or ())
    for e in entries:
        if not isinstance(e.get("priority"), (int, float)):
            raise ValueError(f"rule '{e.get('name')}' (rules/*.yml) needs a number as its priority")
    return sorted(entries, key=lambda e: -e["priority"])


def _line_rules(entries, kind: str) -> tuple[LineRule, ...]:
    return tuple(
        LineRule(name=e["name"], kind=kind, reason=e["reason"], pattern=_compile(e["pattern"]),
                 inline=e.get("match") == "inline", key=e.get("key", ""), where=e.get("where", "anywhere"),
                 takes_following=bool(e.get("takes_following")), outside_code=bool(e.get("outside_code")),
                 min_run=int(e.get("min_run", 0)))
        for e in by_priority(entries)
    )


def _signals(entries: dict) -> dict[str, Signal]:
    return {
        name: Signal(name=name, reason=e["reason"], weight=int(e.get("weight", 1)),
                     pattern=_compile(e["pattern"]) if "pattern" in e else None,
                     needs_word=bool(e.get("needs_word")), whole_line=bool(e.get("whole_line")), cap=int(e.get("cap", 0)))
        for name, e in entries.items()
    }


def read_rule_file(path: Path) -> dict:
    """One rule file as data (every rule file is read here)."""
    import yaml  # here, not at the top: a re-import that changes nothing never loads it

    with open(path, encoding="utf-8") as fh:
        return yaml.safe_load(fh) or {}


def _merged(rules_dir: Path) -> dict:
    files = sorted(rules_dir.glob("*.yml"), key=lambda p: (p.name != "generic.yml", p.name))
    merged: dict = {}
    for path in files:
        for key, value in read_rule_file(path).items():
            if isinstance(value, list):
                merged.setdefault(key, []).extend(value)
            elif isinstance(value, dict):
                merged.setdefault(key, {}).update(value)
    return merged


def _settings(cls, data: dict):
    """A dataclass of settings from a YAML mapping: each field converted to its declared
    type (patterns compiled), keys the dataclass does not declare ignored."""
    hints = typing.get_type_hints(cls)
    values = {}
    for f in dataclasses.fields(cls):
        if f.name not in data and f.default is not dataclasses.MISSING:
            continue  # filled in by the caller (a field line's labels)
        value, kind = data[f.name], hints[f.name]
        if kind is re.Pattern:
            value = _compile(value)
        elif typing.get_origin(kind) is not None:  # Mapping[str, float]
            value = {k: float(v) for k, v in value.items()}
        else:
            value = kind(value)
        values[f.name] = value
    return cls(**values)


@lru_cache(maxsize=None)
def load_rules(rules_dir: Path = RULES_DIR) -> RuleSet:
    """All rule files merged: generic.yml first, then each profile in name order."""
    m = _merged(rules_dir)
    return RuleSet(
        placeholders=_line_rules(m.get("placeholders"), "placeholder"),
        metadata=_line_rules(m.get("metadata"), "metadata"),
        footers=_line_rules(m.get("footers"), "footer"),
        chrome=_line_rules(m.get("chrome"), "chrome"),
        end_markers=_line_rules(m.get("end_markers"), "chrome"),
        dates=_settings(DateRule, m["date_lines"]),
        fields=dataclasses.replace(_settings(FieldLine, m["field_line"]), labels=tuple(
            FieldLabel(name=e["name"], key=e["key"], reason=e["reason"], pattern=e["pattern"])
            for e in by_priority(m.get("field_labels"))), counters=tuple(
            r for r in _line_rules(m.get("chrome"), "chrome") if r.where == "anywhere")),
        figure_suffix=_compile(m["alt_text"]["figure_suffix"]),
        keyword_list=_compile(m["alt_text"]["keyword_list"]),
        signals=_signals(m["signals"]),
        menu_run=_settings(MenuRun, m["menu_run"]),
        campaign_sections=_settings(CampaignSections, m["campaign_sections"]),
        sign_off=_settings(SignOff, m["sign_off"]),
        scoring=_settings(Scoring, {**m["scoring"], **m["scoring"]["prose"]}),
        bilingual=_settings(Bilingual, m["bilingual"]),
        stitched=_settings(Stitched, m["stitched_summary"]),
        title=_settings(TitleRules, m["title"]),
        sections=tuple(
            SectionRule(name=e["name"], role=e["role"], lang=e["lang"],
                        pattern=_compile(r"\s*" + e["pattern"] + r"\s*(?:[:：]\s*(?P<rest>.*))?"))
            for e in by_priority(m.get("sections"))
        ),
    )
