"""python -m importer follow: import what is new in the feeds and pages sources.yml lists.

Each feed (RSS or Atom, read by feedparser) is fetched every run; its entries
whose address is the source of an article already in docs/ are skipped without
a request, the others are fetched (fetch.py) and imported like URLs given to
`import`, so the article identity (identity.py) decides what is new: an entry
that is an article imported before under another address updates it and is
not new. Pages listed on their own are fetched every run. A feed or page that
fails is one error line; the others are imported.
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from dataclasses import dataclass, replace
from pathlib import Path
from urllib.parse import urljoin

from .errors import UsageError
from .pipeline import Action

SOURCES_FILE = Path("sources.yml")
# What feeds are served as (some servers call them plain XML, text or even HTML: feedparser decides).
FEED_TYPES = {t: ".xml" for t in ("application/rss+xml", "application/atom+xml", "application/rdf+xml",
                                  "application/xml", "text/xml", "application/x-rss+xml", "text/plain",
                                  "text/html")}
NEW_ACTIONS = {Action.CREATED, Action.WOULD_CREATE}


@dataclass(frozen=True)
class Source:
    """One entry of sources.yml."""

    kind: str
    """"feed" or "page"."""
    url: str
    tags: tuple[str, ...] = ()


@dataclass(frozen=True)
class Entry:
    url: str
    title: str
    date: dt.date | None


def load_sources(path: Path) -> list[Source]:
    """The feeds and pages of sources.yml; UsageError naming the file and the reason."""
    import yaml  # here: `import` builds this command's parser too, and never reads sources.yml

    from .fetch import check_url

    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise UsageError(f"{path}: cannot read: {exc.strerror}") from None
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        raise UsageError(f"{path}: not valid YAML ({' '.join(str(exc).split())[:160]})") from None
    data = data or {}
    if not isinstance(data, dict) or not set(data) <= {"feeds", "pages"}:
        raise UsageError(f"{path}: expected the keys 'feeds' and 'pages', each a list")
    sources = []
    for key, kind in (("feeds", "feed"), ("pages", "page")):
        for n, item in enumerate(data.get(key) or [], 1):
            where = f"{path}: {key} entry {n}"
            if isinstance(item, str):
                item = {"url": item}
            if not isinstance(item, dict) or not isinstance(item.get("url"), str):
                raise UsageError(f"{where}: needs a url")
            unknown = set(item) - {"url", "tags"}
            if unknown:
                raise UsageError(f"{where}: unknown key {', '.join(sorted(unknown))} (url and tags only)")
            tags = item.get("tags") or []
            if isinstance(tags, str):
                tags = [tags]
            if not isinstance(tags, list) or not all(isinstance(t, (str, int)) for t in tags):
                raise UsageError(f"{where}: tags must be a list of words")
            try:
                check_url(item["url"])
            except Exception as exc:
                raise UsageError(f"{where}: {item['url']}: {exc}") from None
            sources.append(Source(kind, item["url"].strip(), tuple(str(t).strip() for t in tags if str(t).strip())))
    return sources


def feed_entries(data: bytes, feed_url: str) -> list[Entry]:
    """The entries of an RSS or Atom feed, newest first (undated ones first, in feed order)."""
    from .errors import InputError
    import feedparser

    parsed = feedparser.parse(data)
    if not parsed.get("version"):
        problem = parsed.get("bozo_exception")
        raise InputError("not an RSS or Atom feed" + (f" ({' '.join(str(problem).split())[:120]})" if problem else ""))
    entries = []
    for item in parsed.entries:
        link = (item.get("link") or "").strip()
        if not link:
            continue
        when = item.get("published_parsed") or item.get("updated_parsed")
        date = dt.date(*when[:3]) if when else None
        entries.append(Entry(urljoin(feed_url, link), " ".join((item.get("title") or "").split()), date))
    return sorted(entries, key=lambda e: e.date or dt.date.max, reverse=True)


def _count(value: str) -> int:
    try:
        n = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {value!r}") from None
    if n < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    return n


def add_parser(sub, date_type) -> None:
    """The `follow` sub-command (date_type parses YYYY-MM-DD as `import --date` does)."""
    from .script import HANT_CONFIGS

    follow = sub.add_parser("follow", help="import what is new in the feeds and pages of sources.yml")
    follow.add_argument("--sources", type=Path, default=SOURCES_FILE, help="the list to follow (default: sources.yml)")
    follow.add_argument("--docs", type=Path, default=Path("docs"), help="MkDocs docs_dir (default: docs)")
    follow.add_argument("--since", type=date_type, help="only feed entries dated on or after this day (YYYY-MM-DD)")
    follow.add_argument("--limit", type=_count, help="at most N new entries of each feed, the newest")
    follow.add_argument("--json", action="store_true", help="print one JSON object on stdout, nothing else")
    follow.add_argument("--dry-run", action="store_true", help="report what would be written, write nothing")
    follow.add_argument("--date", type=date_type, default=dt.date.today(),
                        help="date for articles that state none (default: today)")
    follow.add_argument("--refresh", action="store_true", help="fetch entries again, even when fetched before")
    follow.add_argument("--hant-config", choices=HANT_CONFIGS, default="s2twp",
                        help="OpenCC config for Simplified → Traditional (default: s2twp, Taiwan)")
    follow.set_defaults(run=run)


@dataclass
class Plan:
    """What one run fetches: (URL, tags) to import, in order, and the feeds' failures."""

    pages: list[tuple[str, tuple[str, ...]]]
    errors: list[tuple[str, str]]
    known: list[str]
    """Feed entries skipped: their address is an imported article's source."""


def plan(sources: list[Source], fetcher, known_urls: set[str], since: dt.date | None = None,
         limit: int | None = None, step=None) -> Plan:
    """Read every feed; the entries and pages to import."""
    from .errors import ImporterError
    from .identity import normalise_url

    result = Plan([], [], [])
    seen: set[str] = set()

    def add(url: str, tags: tuple[str, ...]) -> bool:
        key = normalise_url(url)
        if key in seen:
            return False
        seen.add(key)
        result.pages.append((url, tags))
        return True

    for source in sources:
        if source.kind == "page":
            add(source.url, source.tags)
            continue
        if step:
            step(source.url)
        try:
            entries = feed_entries(fetcher.get(source.url, accept=FEED_TYPES, what="a feed").data, source.url)
        except ImporterError as exc:
            result.errors.append((source.url, str(exc)))
            continue
        taken = 0
        for entry in entries:
            if limit is not None and taken >= limit:
                break
            if since is not None and entry.date is not None and entry.date < since:
                continue
            if normalise_url(entry.url) in known_urls:
                result.known.append(entry.url)
                continue
            taken += add(entry.url, source.tags)
    return result


def run(args: argparse.Namespace) -> int:
    from .catalogue import Catalogue
    from .identity import normalise_url
    from .pipeline import Settings

    settings = Settings(docs=args.docs, date=args.date, dry_run=args.dry_run, hant_config=args.hant_config)
    if settings.docs.exists() and not settings.docs.is_dir():
        raise UsageError(f"--docs {settings.docs}: not a folder")
    sources = load_sources(args.sources)
    known_urls = {normalise_url(a.url) for a in Catalogue(settings.docs, settings.cache).articles.values() if a.url}
    show = not args.json and sys.stderr.isatty()
    todo, fetched = _fetch(sources, known_urls, settings, args, show)
    errors = [{"source": url, "message": message} for url, message in todo.errors + fetched.errors]
    if not args.json:
        for error in errors:
            print(f"error: {error['source']}: {error['message']}", file=sys.stderr)
    articles = _import(fetched, replace(settings, origins=fetched.origins), errors, args.json, show)
    new = sum(a["new"] for a in articles)
    if args.json:
        sys.stdout.write(json.dumps({"articles": articles, "known": todo.known, "errors": errors},
                                    ensure_ascii=False) + "\n")
    else:
        unchanged = len(articles) - new + len(todo.known)
        print(f"{new} new{' (dry run, nothing written)' if args.dry_run else ''}, "
              f"{unchanged} already imported, {len(errors)} failed")
    return 1 if errors else 0


def _fetch(sources: list[Source], known_urls: set[str], settings, args: argparse.Namespace, show: bool):
    """(the plan, the pages fetched): every feed read, then each new entry and listed page fetched."""
    from .fetch import Fetched, Fetcher, fetch_all
    from .report import Progress

    feeds = Progress(sum(s.kind == "feed" for s in sources), enabled=show)
    fetched = Fetched()
    with Fetcher() as fetcher:
        todo = plan(sources, fetcher, known_urls, args.since, args.limit, step=lambda url: feeds.step(Path(url)))
        feeds.clear()
        pages = Progress(len(todo.pages), enabled=show)
        for url, tags in todo.pages:
            one = fetch_all([url], settings.cache, refresh=args.refresh or _is_page(sources, url), tags=tags,
                            step=lambda u: pages.step(Path(u)), fetcher=fetcher)
            fetched.files += one.files  # (plan() listed each address once)
            fetched.origins.update(one.origins)
            fetched.errors += one.errors
        pages.clear()
    return todo, fetched


def _import(fetched, settings, errors: list[dict], quiet: bool, show: bool) -> list[dict]:
    """Import the fetched pages (import_files holds the docs/ lock); each article as JSON with "new"."""
    from .batch import import_files
    from .report import Progress, as_json, reason, summary

    articles = []
    progress = Progress(len(fetched.files), enabled=show)
    for path, outcome in import_files(fetched.files, settings):
        progress.step(path)
        if isinstance(outcome, Exception):
            errors.append({"source": fetched.label(path), "message": reason(outcome)})
            report, stream = f"error: {fetched.label(path)}: {reason(outcome)}", sys.stderr
        else:
            outcome = replace(outcome, source=fetched.label(path))
            new = any(p.action in NEW_ACTIONS for p in outcome.pages)
            articles.append({**as_json(outcome), "new": new})
            changed = any(p.action is not Action.UNCHANGED for p in outcome.pages)
            report, stream = ("new: " if new else "") + summary(outcome) if changed else "", sys.stdout
        progress.clear()
        if report and not quiet:
            print(report, file=stream)
    return articles


def _is_page(sources: list[Source], url: str) -> bool:
    """A page listed on its own is fetched every run (it may have changed); a feed entry once."""
    return any(s.kind == "page" and s.url == url for s in sources)
