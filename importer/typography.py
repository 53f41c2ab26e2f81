"""Chinese typography: the punctuation and spacing Chinese editors use, applied to Chinese pages.

Scraped Chinese text often carries half-width `,:;!?()` typed on a Latin
keyboard, stray spaces after 。 and ，, and Chinese run into Latin words and
digits. The rules are data (rules/typography.yml: a name, a reason and a switch
each). Spacing and most of the punctuation are autocorrect's (the Rust library
behind the `autocorrect` linter for Chinese copy, which already leaves URLs,
paths, code spans and text without CJK alone). Two things it deliberately does
not do are done here, where they are safe because both neighbours are Chinese:
`;` (autocorrect never converts it, as it is common in code) and parentheses
around or between Chinese (`会议(线上)` → `会议（线上）`). URLs and backtick code
are cut out before these patterns run.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path

from .han import HAN, HAN_CHARS
from .model import Block, Page
from .rules import read_rule_file

RULES_FILE = Path(__file__).with_name("rules") / "typography.yml"
CHINESE_PAGES = ("zh-Hans", "zh-Hant")
# Every autocorrect rule, all off unless a rule in the file turns it on. Never on:
# halfwidth-punctuation, space-dash, space-dollar and spellcheck would change English
# sentences, dashes or amounts or guess at spelling; halfwidth-word runs after its
# spacing, so full-width letters are made half-width here, first.
_AUTOCORRECT_RULES = ("space-word", "space-punctuation", "space-bracket", "space-backticks", "space-dash",
                      "space-dollar", "fullwidth", "no-space-fullwidth", "no-space-fullwidth-quote",
                      "halfwidth-word", "halfwidth-punctuation", "spellcheck")

# A Chinese neighbour: a Han character or Chinese quotes, brackets and full stops.
_CJK = rf"[{HAN_CHARS}“”‘’「」『』《》〈〉（）【】。，、；：！？]"
_HALF_TO_FULL = str.maketrans({",": "，", ":": "：", ";": "；", "!": "！", "?": "？"})
# A half-width mark after Chinese and before Chinese, a Latin word or a number (暴跌:AI,
# 时间:10:30), or after a Latin word or number and before Chinese (GPU,显存 / 7%,单日).
# Between two Latin words or numbers (3:2, Hello, world) it is left alone.
_PUNCTUATION = re.compile(rf"(?<={_CJK}) *([,:;!?]) *(?=[{HAN_CHARS}“”‘’「」『』《》〈〉（）【】A-Za-z0-9])"
                          rf"|(?<=[A-Za-z0-9%]) *([,:;!?]) *(?={_CJK})")
_BRACKETED = re.compile(rf" *\(([^()\n]*[{HAN_CHARS}][^()\n]*)\) *"          # Chinese inside
                        rf"|(?<={_CJK}) *\(([^()\n]+)\) *(?={_CJK})")     # Chinese on both sides
# Spans no rule may change: URLs (up to a space, Chinese punctuation or an inline marker) and `code`.
_PROTECTED = re.compile(r"[a-zA-Z][a-zA-Z0-9+.-]*://[^\s，。、；！？）】」\ue000-\ue00f]+|`[^`\n]+`")
# Full-width ASCII letters and digits -> half-width.
_FULLWIDTH_ALNUM = {c: c - 0xFEE0 for r in ((0xFF10, 0xFF19), (0xFF21, 0xFF3A), (0xFF41, 0xFF5A))
                    for c in range(r[0], r[1] + 1)}


@dataclass(frozen=True)
class TypographyRule:
    name: str
    reason: str
    enabled: bool
    autocorrect: tuple[str, ...]  # the autocorrect rules this rule switches


@lru_cache(maxsize=None)
def load_rules(path: Path = RULES_FILE) -> tuple[TypographyRule, ...]:
    entries = read_rule_file(path).get("typography") or []  # read only when a Chinese page is typeset
    return tuple(TypographyRule(name=e["name"], reason=e["reason"], enabled=bool(e.get("enabled", True)),
                                autocorrect=tuple(e.get("autocorrect") or ())) for e in entries)


class Typesetter:
    """The enabled rules of one rule file, applied to one string at a time."""

    def __init__(self, rules: tuple[TypographyRule, ...]):
        self.enabled = {r.name for r in rules if r.enabled}
        switches = {name: 0 for name in _AUTOCORRECT_RULES}
        for rule in rules:
            switches.update({name: int(rule.enabled) for name in rule.autocorrect})
        # autocorrect keeps one configuration per process: each Typesetter sets all of it.
        self._config = json.dumps({"rules": switches}, sort_keys=True) if any(switches.values()) else None

    def __call__(self, text: str) -> str:
        if not self.enabled or not HAN.search(text):
            return text
        # URLs and code are set aside: each stretch of prose between them is typeset alone.
        out, pos = [], 0
        for m in _PROTECTED.finditer(text):
            out += [self._prose(text[pos:m.start()]), m.group(0)]
            pos = m.end()
        out.append(self._prose(text[pos:]))
        if "cjk-latin-spacing" in self.enabled:  # 见https://… -> 见 https://…
            for i in range(1, len(out) - 1, 2):
                if HAN.fullmatch(out[i - 1][-1:] or "x"):
                    out[i - 1] += " "
                if HAN.fullmatch(out[i + 1][:1] or "x"):
                    out[i + 1] = " " + out[i + 1]
        return "".join(out)

    def _prose(self, text: str) -> str:
        if not HAN.search(text):
            return text
        if "halfwidth-alphanumerics" in self.enabled:
            text = text.translate(_FULLWIDTH_ALNUM)
        if "fullwidth-punctuation" in self.enabled:
            text = _BRACKETED.sub(lambda m: f"（{m.group(1) or m.group(2)}）", text)
            text = _PUNCTUATION.sub(lambda m: (m.group(1) or m.group(2)).translate(_HALF_TO_FULL), text)
        return _autocorrect(text, self._config) if self._config else text


_loaded_config: str | None = None


def _autocorrect(text: str, config: str) -> str:
    global _loaded_config
    import autocorrect_py  # a Rust extension: loaded only when some of its rules are on

    if config != _loaded_config:
        autocorrect_py.load_config(config)
        _loaded_config = config
    return autocorrect_py.format(text)


@lru_cache(maxsize=None)
def _typesetter() -> Typesetter:
    return Typesetter(load_rules())


def typeset(text: str) -> str:
    """Chinese text as the enabled rules set it (text without Chinese comes back unchanged)."""
    return _typesetter()(text)


def typeset_page(page: Page) -> Page:
    """A Chinese page with its title and text typeset; any other page unchanged."""
    if page.lang not in CHINESE_PAGES:
        return page
    fix = _typesetter()
    return replace(page, title=fix(page.title), blocks=tuple(_typeset_block(b, fix) for b in page.blocks))


def _typeset_block(block: Block, fix: Typesetter) -> Block:
    if block.kind == "image":  # text is the image URL; only the alt text is prose
        return replace(block, alt=fix(block.alt))
    return replace(block, text=fix(block.text))
