"""Learned boilerplate: lines that recur at the top or bottom of posts from different sources.

A platform prints the same banner, menu or disclaimer above or below hundreds of
posts; no rule needs to know its words once two different posts show it. Before a
batch is cleaned, the head and tail lines of its sources (and of the pages already
in docs/) are compared; a run of lines found in at least two different articles
is remembered in a YAML file beside docs/ (`learned-boilerplate.yml`) that the
editor reviews and commits. The cleaner counts a learned line as strong evidence
of a banner or chrome block at the page's edge (rule `learned-boilerplate`); it
never removes a learned line from the middle of an article.

Different articles: two sources that share most of their text are copies of one
article (a re-import, a corrected typo, an added paragraph), and never teach anything. Short lines
(a heading such as 结语 or Conclusion) only count inside a run of recurring lines.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

from .frontmatter import split

STORE_NAME = "learned-boilerplate.yml"
HEAD_LINES = 40  # how far in from the top and the bottom a recurring run is looked for
TAIL_LINES = 25
MIN_SOURCES = 2  # a run must recur in this many different articles
MIN_RUN = 2  # ... and be at least this many lines long,
MIN_SINGLE_CHARS = 24  # unless it is one long line found in MIN_SINGLE_SOURCES articles
MIN_SINGLE_SOURCES = 3
MIN_LINE_CHARS = 4  # lines shorter than this (after normalising) never count
SAME_ARTICLE = 0.6  # share of text two sources must have in common to be one article

_URL = re.compile(r"https?://\S+")
_DIGITS = re.compile(r"\d+")
_NOT_TEXT = re.compile(r"[\W_]+")


def signature(line: str) -> str:
    """A line with what varies between copies of one banner normalised: case, width,
    numbers, addresses, punctuation and spacing."""
    text = unicodedata.normalize("NFKC", line).lower()
    text = _URL.sub(" url ", text)
    text = _DIGITS.sub("0", text)
    return _NOT_TEXT.sub("", text)


@dataclass(frozen=True)
class Known:
    """The signatures of learned lines, as the cleaner asks about them."""

    signatures: frozenset[str] = frozenset()

    def __contains__(self, line: str) -> bool:
        return bool(self.signatures) and signature(line) in self.signatures

    @property
    def digest(self) -> str:
        return hashlib.sha256("\n".join(sorted(self.signatures)).encode()).hexdigest()[:16]


class Store:
    """The reviewable file of learned lines: read at the start of an import, extended, written back."""

    def __init__(self, path: Path):
        self.path = path
        self.entries: list[dict] = []
        self.added = 0
        if path.exists():
            import yaml

            try:
                data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
            except (OSError, UnicodeDecodeError, yaml.YAMLError):
                data = {}  # a broken file forgets, it does not stop imports
            self.entries = [e for e in data.get("lines", ()) if isinstance(e, dict) and isinstance(e.get("text"), str)]

    @property
    def known(self) -> Known:
        return Known(frozenset(s for s in (signature(e["text"]) for e in self.entries) if s))

    def add(self, lines: Iterable[tuple[str, int]], today: dt.date) -> None:
        have = self.known.signatures
        for text, sources in lines:
            if signature(text) not in have:
                self.entries.append({"text": text, "sources": sources, "learned": today.isoformat()})
                have = have | {signature(text)}
                self.added += 1

    def save(self) -> None:
        import yaml

        from .writing import write_atomic

        head = ("# Lines the importer learned as boilerplate: each recurs at the top or bottom of\n"
                "# posts from different sources (banners, menus, disclaimers). The importer removes\n"
                "# them where they open or close a page. Review this file and commit it; delete an\n"
                "# entry to forget it.\n")
        body = yaml.safe_dump({"lines": self.entries}, allow_unicode=True, sort_keys=False, width=10_000)
        write_atomic(self.path, head + body)


def learn(sources: Iterable[list[str]], known: Known) -> list[tuple[str, int]]:
    """New boilerplate lines, with how many different articles show them, from the lines of each source."""
    docs = [_Source(lines) for lines in sources if lines]
    support: dict[str, list[_Source]] = {}
    for doc in docs:
        for sig in doc.edge_sigs:
            support.setdefault(sig, []).append(doc)
    recurring = {sig: n for sig, group in support.items()
                 if sig not in known.signatures and (n := _distinct(group)) >= MIN_SOURCES}
    found: dict[str, tuple[str, int]] = {}
    for doc in docs:
        for run in doc.runs(recurring):
            long_single = len(run) == 1 and len(run[0][1]) >= MIN_SINGLE_CHARS
            if len(run) >= MIN_RUN or (long_single and recurring[run[0][1]] >= MIN_SINGLE_SOURCES):
                for text, sig in run:
                    found.setdefault(sig, (text, recurring[sig]))
    return list(found.values())


class _Source:
    def __init__(self, lines: list[str]):
        self.lines = [ln.strip() for ln in lines if ln.strip()]
        self.sigs = [signature(ln) for ln in self.lines]
        self.weight = {sig: len(sig) for sig in self.sigs}
        self.size = sum(self.weight.values()) or 1
        edge = set(range(min(HEAD_LINES, len(self.lines)))) | set(range(max(0, len(self.lines) - TAIL_LINES),
                                                                      len(self.lines)))
        self.edge = sorted(edge)
        self.edge_sigs = {self.sigs[i] for i in self.edge if len(self.sigs[i]) >= MIN_LINE_CHARS}

    def runs(self, recurring: dict) -> list[list[tuple[str, str]]]:
        """Maximal runs of consecutive edge lines that recur."""
        runs, run, last = [], [], -2
        for i in self.edge:
            if self.sigs[i] in recurring and len(self.sigs[i]) >= MIN_LINE_CHARS:
                if i != last + 1 and run:
                    runs.append(run)
                    run = []
                run.append((self.lines[i], self.sigs[i]))
                last = i
        if run:
            runs.append(run)
        return runs

    def same_article(self, other: _Source) -> bool:
        """Copies of one article (a re-import, a corrected typo, a new paragraph) share
        nearly all their text; posts under one banner share only the banner."""
        common = sum(n for sig, n in self.weight.items() if sig in other.weight)
        return common >= SAME_ARTICLE * min(self.size, other.size)


def _distinct(group: list[_Source]) -> int:
    """How many different articles a group of sources holds (stops counting at MIN_SINGLE_SOURCES)."""
    seen: list[_Source] = []
    for doc in group:
        if not any(doc.same_article(s) for s in seen):
            seen.append(doc)
            if len(seen) >= MIN_SINGLE_SOURCES:
                break
    return len(seen)


def sources_for_learning(paths, docs: Path) -> list[list[str]]:
    """The lines of each text source, and of each article already in docs/ (one page per article)."""
    from .errors import InputError
    from .readers import TEXT_SUFFIXES, split_lines
    from .reading import read_source, read_text

    found = []
    for path in paths:
        if Path(path).suffix.lower() not in TEXT_SUFFIXES:
            continue  # saved web pages are cut to their article by the extractor already
        try:
            found.append([b.text for b in split_lines(read_text(read_source(Path(path))))])
        except InputError:
            continue  # reported when the file's turn comes
    seen: set[str] = set()
    importing = {Path(p).name for p in paths}
    for page in sorted((docs / "articles").glob("*.md")):
        try:
            text = page.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            continue
        m = re.search(r"^article_id:\s*['\"]?([\w-]+)", text, re.M)
        origin = re.search(r"^imported_from:\s*['\"]?(.+?)['\"]?\s*$", text, re.M)
        if (m and m.group(1) in seen) or (origin and origin.group(1) in importing):
            continue  # the same article in another language, or an earlier import of a source in this batch
        if m:
            seen.add(m.group(1))
        found.append(page_lines(text))
    return found


def page_lines(text: str) -> list[str]:
    """The body lines of a page the importer wrote (front matter, title and Markdown marks aside)."""
    _, text = split(text)
    lines = [ln for ln in text.splitlines() if ln.strip() and not ln.startswith("# ")]
    return [re.sub(r"^(?:#{2,6}\s+|[-*>]\s+|\d+\.\s+)", "", ln).replace("\\", "") for ln in lines]
