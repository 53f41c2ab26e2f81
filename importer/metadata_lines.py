"""Is this line page metadata? A publication date or an `edges` metadata rule, judged on its text alone.

The cleaner's steps (metadata.py, chrome.py, titles.py) and the page (page.py)
ask this of single lines; where a line stands on the page is theirs to judge.
"""
from __future__ import annotations

import re

from .dates import spelled_date
from .fields import field_line
from .rules import LineRule, RuleSet

# What may stand before a date on a metadata line: nothing, or a few short fields among
# which a label or a counter ("币圈资讯 阅读:42 2024-04-22"), not the words of a title.
_FIELDS_BEFORE_DATE = re.compile(r"|(?=.*(?:[:：]\s*\d|\d\s*[^\W\d]))(?:[^\s，。,.!?！？]{1,10}\s+){1,3}")


def edge_metadata(text: str, rules: RuleSet) -> tuple[LineRule | None, dict] | None:
    fields = field_line(text, rules)
    if fields is not None and fields.values:
        return fields_rule(rules, fields.key), fields.values
    date = date_line(text, rules)
    if date is not None:
        return None, date
    for rule in rules.metadata:
        if rule.where == "edges" and (m := rule.matches(text)):
            return rule, rule.values(m)
    return None


def date_line(text: str, rules: RuleSet) -> dict | None:
    """{"date": …} (and a source it names) when the line is a publication date with page metadata around it."""
    d = rules.dates
    line = text.strip(" \t・·•-|")
    label = d.label.match(line)
    start = label.end() if label else 0
    rest = line[start:].lstrip(" :：")
    m = spelled_date(rest)
    if not m:
        return None
    before = rest[: m.start()]
    if not _FIELDS_BEFORE_DATE.fullmatch(before) or d.not_after.search(line[: start + m.start()]):
        return None
    after = rest[m.end():]
    if re.match(r"\s*(?:\d{1,2}:\d{2}(?::\d{2})?\s*)?[-–—~至到]\s*\d", after):
        return None  # a range: an event's period
    fields = len(re.findall(r"\S{1,6}[:：]", after))
    if not d.rest.fullmatch(after) or re.search(r"[，。！？；][\u4e00-\u9fff]", after) or \
            (len(re.findall(r"[\u4e00-\u9fff]", after)) > 24 and fields < 2):
        return None
    values = {"date": m.group(0)}
    src = re.search(r"(?:来源|來源|Source)\s*[:：]\s*(https?://\S+)", after)
    if src:
        values["source"] = src.group(1)
    else:  # "2025-03-02 08:00 山海日报": the publication beside its date
        name = re.sub(r"^\s*(?:\d{1,2}:\d{2}(?::\d{2})?)?", "", after).strip(" \t|・·•/-")
        if d.publisher.fullmatch(name):
            values["source_name"] = name
    return values


def fields_rule(rules: RuleSet, key: str) -> LineRule:
    """The rule a line of metadata fields is lifted (or removed) under."""
    f = rules.fields
    return LineRule("metadata-fields" if key else "credits-line", "metadata" if key else "chrome", f.reason,
                    re.compile(""), key=key, where="anywhere")
