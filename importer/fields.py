"""A line of metadata fields: bylines, dates, sources, credits and counters side by side.

"文 | 林小河 整理 | 周一鸣 编辑 | 郑远", "王小明 · 2026年3月2日", "Written by Jane Doe ·
5 min read", "发布时间：2026/03/02 来源：湖畔日报": what such a line is made of decides, not
one label in front of it. The line is cut at its labels and at its separators (bars,
middle dots, wide gaps); every piece must be a labelled value, a date, a counter (a
line a chrome rule removes) or a name beside a date or a label, else the line is
text. Labels and patterns are data (rules/generic.yml `field_labels`, `field_line`).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from .dates import spelled_date
from .rules import FieldLine, RuleSet
from .text import display_length

# A value holds no sentence (a list of names may have commas: "开源证券,陈宝健、闫宁").
_CLAUSE = re.compile(r"[。！？；;!?]")
# A credits line may stand in brackets: "(报告出品方/作者:开源证券,陈宝健)".
_BRACKETED = re.compile(r"[（(【\[](.*)[)）】\]]")
_BAR = re.compile(r"[|｜丨/／]")
_URL = re.compile(r"https?://\S+")


@dataclass(frozen=True)
class Field:
    kind: str  # label | date | counter | name
    key: str = ""  # a label's key: author, source_name, date, credit
    value: str = ""
    barred: bool = False  # the label is set off by a bar or a slash ("文 | 林小河")
    marked: bool = False  # the label is set off by a colon, a bar or a slash (not a space)


@dataclass(frozen=True)
class Fields:
    values: dict = field(default_factory=dict)  # front-matter key -> value
    key: str = ""  # the key the line is reported under: its first metadata field's
    credits: int = 0  # labelled fields set off by bars: two or more are a credits line anywhere


def field_line(text: str, rules: RuleSet) -> Fields | None:
    """The line's fields when it is a metadata or credits line, else None."""
    if display_length(text) > rules.fields.max_length:
        return None  # a paragraph: no need to cut it up
    return _field_line(text.strip(), rules.fields)


@lru_cache(maxsize=4096)  # every step of the cleaner asks about the same lines
def _field_line(text: str, f: FieldLine) -> Fields | None:
    inner = _BRACKETED.fullmatch(text)
    fields = _split(inner.group(1).strip() if inner else text, f)
    if not fields or None in fields or not _stands(fields, f):
        return None
    values: dict = {}
    for fd in fields:
        key = {"date": "date", "name": "author"}.get(fd.kind, fd.key)
        if key == "source_name" and _URL.fullmatch(fd.value):
            key = "source"
        if key in ("author", "date", "source", "source_name"):
            values.setdefault(key, fd.value)
    first = next((k for k in values), "")
    return Fields(values=values, key=first, credits=sum(fd.barred for fd in fields))


def _stands(fields: list[Field], f: FieldLine) -> bool:
    """Enough of the fields are labels or dates for the line to be metadata: a name stands
    only beside one, a single field only when its label is set off (or it is "By Jane Doe")."""
    strong = [fd for fd in fields if fd.kind == "date" or (fd.kind == "label" and fd.marked)]
    labelled = [fd for fd in fields if fd.kind == "label"]
    if len(fields) == 1:
        fd = fields[0]
        return fd.kind == "label" and (fd.marked or (fd.key == "author" and bool(f.name.fullmatch(fd.value))))
    return bool(strong) or bool(labelled and all(fd.kind in ("label", "name", "counter") for fd in fields)
                                and any(fd.kind == "name" or fd.key == "author" for fd in labelled))


def _split(text: str, f: FieldLine) -> list[Field | None]:
    """The line's fields (None for a piece that is none)."""
    pattern = f.label_pattern
    found: list[Field | None] = []
    matches = list(pattern.finditer(text))
    starts = [m.start() for m in matches] + [len(text)]
    found += [_bare(p, f) for p in _pieces(text[: starts[0]], f)]
    for m, end in zip(matches, starts[1:]):
        # the label pattern names each label's group l0, l1, … by its place in f.labels
        label = f.labels[int(next(k for k, v in m.groupdict().items() if v is not None and k != "sep")[1:])]
        value, *rest = _pieces(text[m.end(): end], f) or [""]
        sep = m.group("sep")
        found.append(_labelled(label.key, value, sep, f))
        found += [_bare(p, f) for p in rest]
    return found


def _pieces(text: str, f: FieldLine) -> list[str]:
    return [p.strip() for p in f.separators.split(text) if p and p.strip()]


def _labelled(key: str, value: str, sep: str, f: FieldLine) -> Field | None:
    if key == "date":
        return Field("label", key, value, marked=True) if _is_date(value, f) else None
    if not re.search(r"\w", value) or _CLAUSE.search(value) and not _URL.fullmatch(value):
        return None
    if (not sep.strip() or key == "credit") and not _names(value, f):
        return None  # a label set off by a space only, or a credit, names people ("作者 王小明")
    if display_length(value) > f.max_value and not _URL.fullmatch(value):
        return None
    return Field("label", key, value, barred=bool(_BAR.search(sep)), marked=bool(sep.strip()))


def _names(value: str, f: FieldLine) -> bool:
    """One name or a few ("王安 李青", "陳立、王安"); a caption ("图：三家厂商的路线图") is none."""
    return all(f.name.fullmatch(n) for n in re.split(r"\s*[、&]\s*|\s+(?=[\u4e00-\u9fff@])", value))


def _bare(piece: str, f: FieldLine) -> Field | None:
    if _is_date(piece, f):
        return Field("date", value=piece)
    if f.name.fullmatch(piece):
        return Field("name", value=piece)
    if any(r.matches(piece) for r in f.counters):
        return Field("counter")
    return None


def _is_date(text: str, f: FieldLine) -> bool:
    m = spelled_date(text)
    return bool(m) and m.start() == 0 and bool(f.date_rest.fullmatch(text[m.end():]))
