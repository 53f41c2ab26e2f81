"""Publication dates written the ways scraped articles write them."""
from __future__ import annotations

import datetime as dt
import re

_MONTHS = {m: i for i, m in enumerate(
    "jan feb mar apr may jun jul aug sep oct nov dec".split(), start=1)}
_PATTERNS = (
    # 2026年1月29日
    (re.compile(r"(?P<y>\d{4})\s*年\s*(?P<m>\d{1,2})\s*月\s*(?P<d>\d{1,2})\s*[日号號]?"), None),
    # 中華民國91年3月19日 (Republic of China years, counted from 1912)
    (re.compile(r"(?:中華民國|中华民国|民國|民国)\s*(?P<roc>\d{2,3})\s*年\s*(?P<m>\d{1,2})\s*月\s*(?P<d>\d{1,2})\s*[日号號]?"), None),
    # 2026-01-29, 2026/1/29, 2026.01.29
    (re.compile(r"(?<!\d)(?P<y>\d{4})[-/.](?P<m>\d{1,2})[-/.](?P<d>\d{1,2})(?!\d)"), None),
    # 4/27/2021 (month first, as US sites print it)
    (re.compile(r"(?<![\d/])(?P<m>\d{1,2})/(?P<d>\d{1,2})/(?P<y>\d{4})(?![\d/])"), None),
    # January 29, 2026 / Jan 29 2026
    (re.compile(r"(?P<mon>[A-Z][a-z]{2,8})\.?\s+(?P<d>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<y>\d{4})"), "mon"),
    # 29 January 2026
    (re.compile(r"(?P<d>\d{1,2})\s+(?P<mon>[A-Z][a-z]{2,8})\.?,?\s+(?P<y>\d{4})"), "mon"),
)


def find_date(text: str) -> tuple[dt.date, re.Match] | None:
    """The first valid date in `text` and the match that spelled it."""
    for pattern, month_name in _PATTERNS:
        for m in pattern.finditer(text):
            month = _MONTHS.get(m.group("mon")[:3].lower()) if month_name else int(m.group("m"))
            year = int(m.group("roc")) + 1911 if "roc" in m.groupdict() else int(m.group("y"))
            try:
                return dt.date(year, month or 0, int(m.group("d"))), m
            except (TypeError, ValueError):
                continue
    return None


def parse_date(text: str) -> dt.date | None:
    found = find_date(text)
    return found[0] if found else None
