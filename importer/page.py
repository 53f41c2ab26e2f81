"""A page while it is cleaned: its blocks, what was removed and lifted, and where its text is.

Removals are marked by index and never shift the blocks, so every step of the
cleaner (cleaning.py) sees the page as scraped and what the steps before it decided.
"""
from __future__ import annotations

import re

from .boilerplate import Known
from .dates import spelled_date
from .metadata_lines import edge_metadata
from .model import Block, Removal, plain
from .rules import LineRule, RuleSet
from .text import IMAGE_LINE, display_length, is_prose, is_statement

# Blocks the line rules apply to: raw text lines and HTML paragraphs (never images,
# tables, headings or quotes taken from markup).
PROSE_KINDS = ("line", "para")
# A sentence's end inside a line (a second sentence follows).
SENTENCES = re.compile(r"[。！？!?]|\.\s")
# Paragraphs at most this many lines apart are one run of the article's text.
_PROSE_GAP = 3


class Page:
    """The blocks of one page while it is cleaned."""

    def __init__(self, blocks: list[Block], rules: RuleSet, known: Known, declared: dict, markup: bool = False):
        self.blocks, self.rules, self.known = blocks, rules, known
        self.markup = markup  # blocks are HTML elements an extractor kept, not lines of flattened text
        self.removed: dict[int, Removal] = {}
        self.spans: list[tuple[int, Removal]] = []  # parts cut out of a line that stays
        self.title_lines: set[int] = set()  # the title and its translation: they leave the body for the title
        self.meta: dict = {}
        self.meta_lines: set[int] = set()  # lifted (or to be lifted) metadata lines
        self.declared_title = declared.get("title", "")
        self.text = [plain(b.text) for b in blocks]
        self.prose_kind = [b.kind in PROSE_KINDS for b in blocks]

    def live(self) -> list[int]:
        """Indices of the prose blocks still in the page."""
        return [i for i, b in enumerate(self.blocks)
                if i not in self.removed and self.prose_kind[i] and i not in self.title_lines]

    def removals(self) -> tuple[Removal, ...]:
        """Every removal, in the order of the lines it came from."""
        items = [(i, 0, r) for i, r in self.removed.items()] + [(i, 1, r) for i, r in self.spans]
        return tuple(r for _, _, r in sorted(items, key=lambda t: (t[0], t[1])))

    def remove(self, i: int, kind: str, rule: str) -> None:
        """Mark line `i` removed (the first reason given stands)."""
        if i not in self.removed:
            self.removed[i] = Removal(kind, rule, self.blocks[i].text)

    def lift(self, i: int, rule: LineRule, values: dict) -> None:
        """Metadata from line `i`: the first value of each key wins; tags add up."""
        for key, value in values.items():
            if key == "author" and isinstance(value, str) and self.rules.dates.publisher.fullmatch(value.strip()):
                key = "source_name"  # a newspaper's or a site's name where a byline stands
            if key == "tags" and self.meta.get("tags"):
                self.meta["tags"] = f"{self.meta['tags']} {value}"
            elif key == "date":
                date = self._date_value(value)
                if date and "date" not in self.meta:
                    self.meta["date"] = date
            else:
                self.meta.setdefault(key, value)
        self.meta_lines.add(i)
        self.remove(i, "metadata", rule.name)

    def _date_value(self, text: str) -> str | None:
        # An impossible date is kept as written: the import reports it (pipeline._stated_date).
        found = spelled_date(text)
        return found.group(0) if found else None

    def body_span(self) -> tuple[int | None, int | None]:
        """Indices of the first and the last paragraph of prose still in the page."""
        live = self.live()
        # An image is the article's too: the page's head ends at it.
        prose = [i for i in live if (is_prose(self.text[i]) or IMAGE_LINE.fullmatch(self.text[i]))
                 and i not in self.meta_lines]
        # A closing copyright sentence is the footer, not the article's last paragraph.
        while prose and any(f.matches(self.text[prose[-1]]) for f in self.rules.footers):
            prose.pop()
        # The page's first line may be a long title with commas; it only counts as prose
        # when it ends like a sentence.
        if prose and live and prose[0] == live[0] and display_length(self.text[live[0]]) < 60 and (
                not is_statement(self.text[live[0]]) or self._above_metadata(live[0])
                or self._headline_sentence(live)):
            prose = prose[1:]
        if not prose:
            return None, None
        # The article starts where paragraphs follow one another: a lone promo blurb
        # between the title and the page's menus is not its first paragraph.
        at = {i: n for n, i in enumerate(live)}
        first = next((a for a, p in zip(prose, prose[1:]) if at[p] - at[a] <= _PROSE_GAP), prose[0])
        return first, prose[-1]

    def _headline_sentence(self, live: list[int]) -> bool:
        """The first line is one sentence over two paragraphs, the first of them three times its
        length: a post's headline written as a sentence ("The logic behind X is not Y, but Z.")."""
        first, rest = self.text[live[0]], [self.text[i] for i in live[1:3]]
        return (len(rest) == 2 and not SENTENCES.search(first.rstrip(" .。!！"))
                and all(is_prose(t) for t in rest) and display_length(rest[0]) >= 3 * display_length(first))

    def _above_metadata(self, i: int) -> bool:
        """Line i is followed, past removed chrome, by a date or byline: it is the title."""
        j = self.next_index(i)
        while j is not None and self.prose_kind[j] and not re.search(r"\w", self.text[j]):
            j = self.next_index(j)  # a line of nothing but a dot or a bar
        return j is not None and (j in self.meta_lines or edge_metadata(self.text[j], self.rules) is not None)

    def zones(self) -> tuple[list[int], list[int]]:
        """The live lines before the first paragraph of prose, and after the last one."""
        live = self.live()
        first, last = self.body_span()
        if first is None:
            return live[:12], []
        return [i for i in live if i < first], [i for i in live if i > last]

    def next_line(self, i: int) -> int | None:
        """The next line that is still in the page or was lifted as metadata."""
        for j in range(i + 1, len(self.blocks)):
            if self.prose_kind[j] and (j not in self.removed or j in self.meta_lines):
                return j
            if not self.prose_kind[j]:
                return None
        return None

    def previous_line(self, i: int) -> int | None:
        """The line just before `i` (removed or not)."""
        return i - 1 if i > 0 and self.prose_kind[i - 1] else None

    def next_index(self, i: int) -> int | None:
        """The next block not removed (of any kind)."""
        return next((j for j in range(i + 1, len(self.blocks)) if j not in self.removed), None)
