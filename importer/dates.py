"""Publication dates written the ways scraped articles write them: the one place dates are parsed."""
from __future__ import annotations

import datetime as dt
import re

from .errors import InputError

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


def _dates(text: str):
    """(date, or None when it cannot exist; match) for every date in `text`, by pattern then position."""
    for pattern, month_name in _PATTERNS:
        for m in pattern.finditer(text):
            month = _MONTHS.get(m.group("mon")[:3].lower()) if month_name else int(m.group("m"))
            if month is None:
                continue  # "Version 30 2026": a capitalised word, not a month
            year = int(m.group("roc")) + 1911 if "roc" in m.groupdict() else int(m.group("y"))
            try:
                yield dt.date(year, month, int(m.group("d"))), m
            except ValueError:
                yield None, m


def find_date(text: str) -> tuple[dt.date, re.Match] | None:
    """The first valid date in `text` and the match that spelled it (a title may hold other numbers)."""
    return next(((date, m) for date, m in _dates(text) if date is not None), None)


def spelled_date(text: str) -> re.Match | None:
    """Where `text` spells a date, even one that cannot exist (a date line with a typo is still
    the date line; parse_date reports the typo)."""
    return next((m for _, m in _dates(text)), None)


def parse_date(text: str) -> dt.date | None:
    """The date a date string (a date line, a page's metadata, --date) states; None if it states none.

    A date that cannot exist (2026-02-30, 2026年13月1日) raises InputError: it is a
    typo in the source, and guessing another date would publish a wrong one.
    """
    for date, m in _dates(text):
        if date is None:
            raise InputError(f"impossible date '{m.group(0).strip()}'")
        return date
    return None


def iso_date(text: str) -> dt.date:
    """A date written exactly as YYYY-MM-DD (the --date option); InputError otherwise."""
    date = parse_date(text)
    if date is None or date.isoformat() != text.strip():
        raise InputError(f"not a date (YYYY-MM-DD): {text!r}")
    return date
