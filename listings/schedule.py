"""Drafts and scheduled articles: which articles the published site leaves out, and why.

An article is held back when any of its language versions says `draft: true`
or is dated after today in the site's time zone (mkdocs.yml `extra.time_zone`,
an IANA name such as Asia/Shanghai). All its languages are held back together,
so no published page links a translation that is not there.

"Today" is read in one place, `today()`: the environment variable BP_TODAY
(YYYY-MM-DD; tests, or a look at the site of a day to come) else the clock in
the site's time zone. `mkdocs serve` builds held-back articles and marks them;
every other command leaves them out (hooks/drafts.py).
"""
from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from .index import Entry

TODAY_ENV = "BP_TODAY"
TIME_ZONE_KEY = "time_zone"  # under mkdocs.yml `extra:`
DEFAULT_TIME_ZONE = "UTC"


class ScheduleError(ValueError):
    """A setting that makes "today" unknowable: one line for the build log."""


def today(time_zone: str = DEFAULT_TIME_ZONE) -> dt.date:
    """Today in `time_zone`, or the date BP_TODAY names."""
    stated = os.environ.get(TODAY_ENV, "").strip()
    if stated:
        try:
            return dt.date.fromisoformat(stated)
        except ValueError:
            raise ScheduleError(f"{TODAY_ENV}={stated!r}: not a date (YYYY-MM-DD)") from None
    try:
        zone = ZoneInfo(time_zone)
    except (ZoneInfoNotFoundError, ValueError):
        raise ScheduleError(f"mkdocs.yml: extra.{TIME_ZONE_KEY}: unknown time zone {time_zone!r} "
                            "(an IANA name such as Asia/Shanghai)") from None
    return dt.datetime.now(zone).date()


@dataclass(frozen=True)
class Hold:
    """Why an article is held back: a draft, or the day it is due (None for a draft)."""

    draft: bool
    due: dt.date | None = None


def held_back(by_lang: dict[str, list[Entry]], on: dt.date) -> dict[str, Hold]:
    """slug -> Hold for every article not yet published on day `on`."""
    drafts: set[str] = set()
    latest: dict[str, dt.date] = {}  # versions dated apart: the latest date counts
    for entries in by_lang.values():
        for entry in entries:
            if entry.draft:
                drafts.add(entry.slug)
            latest[entry.slug] = max(latest.get(entry.slug, entry.date), entry.date)
    return {slug: Hold(slug in drafts, date if date > on else None)
            for slug, date in latest.items() if slug in drafts or date > on}


@dataclass
class State:
    """What this MkDocs process builds: set by hooks/drafts.py, read by hooks/publishing.py."""

    preview: bool = False  # `mkdocs serve`: held-back articles are built, marked
    held: dict[str, Hold] = field(default_factory=dict)

    def published(self, by_lang: dict[str, list[Entry]]) -> dict[str, list[Entry]]:
        """The articles the listings show: all of them in a preview, else the published ones."""
        if self.preview or not self.held:
            return by_lang
        return {lang: [e for e in entries if e.slug not in self.held] for lang, entries in by_lang.items()}


state = State()
