"""Remove what is not the article — placeholders, banners, chrome, footers — lift metadata, find the title.

A scraped page is read as: page chrome and banners, the title, metadata, the
article, then more chrome. The steps, in order (each in its own function):

1. placeholders and `anywhere` rules: image stubs, interface words, counters,
   breadcrumbs, site notices go wherever they are; labelled metadata is lifted;
2. end markers: after a comment section, a related-articles list or "View
   Original" (and the copy of the post under it) nothing is the article;
3. edges: from the top and from the bottom, the run of lines whose scores
   (evidence.py) add up highest is a banner or a chrome block, removed when
   strong enough — lines with no signal inside it go with it, prose stops it;
4. head and tail: footers, bylines, dates and other `edges` rules apply to the
   lines before the first paragraph of prose and after the last;
5. the title: the best candidate line before the first paragraph; lines before
   it that are not metadata are the site's (a column name, a site name);
6. alt text: the title or a caption printed again where an image was.

Every removal is recorded on the Article (kind, rule, text), so over-stripping
shows up in reports and tests. Rules and weights come from rules/*.yml.
"""
from __future__ import annotations

import re
from dataclasses import replace

from .boilerplate import Known
from .dates import find_date
from .evidence import Evidence, is_tiny_menu, menu_runs, score_line, without_long_ends
from .model import Article, Block, Removal, plain
from .rules import LineRule, RuleSet, load_rules
from .text import CJK, cjk_count, commas, display_length, is_chinese_line, is_heading_like, is_prose, is_statement, looks_like_code, reads_as_text, word_count

# Blocks the line rules apply to: raw text lines and HTML paragraphs (never images,
# tables, headings or quotes taken from markup).
_PROSE = ("line", "para")
_LITERAL_NEWLINES = re.compile(r"(?:\\n){2,}|(?:\\n)(?=\S)")
_HANDLE = re.compile(r"@?[A-Za-z][\w-]*(?:\.[A-Za-z][\w-]*)+|@[\w.-]{2,30}")
_SENTENCE_END = re.compile(r"[。！？!?.…」”\"')）)]$")
# A short line of a person's name: two to four Han characters.
_CJK_NAME = re.compile(r"[\u4e00-\u9fff]{2,4}")
_IMAGE = re.compile(r"!\[[^\]]*\]\(https?://[^)\s]+\)|https?://\S+\.(?:png|jpe?g|gif|webp|svg|avif)(?:\?\S*)?", re.I)
# What may stand before a date on a metadata line: nothing, or a few short fields among
# which a label or a counter ("币圈资讯 阅读:42 2024-04-22"), not the words of a title.
_FIELDS_BEFORE_DATE = re.compile(r"|(?=.*(?:[:：]\s*\d|\d\s*[^\W\d]))(?:[^\s，。,.!?！？]{1,10}\s+){1,3}")
# A fact box: this many "label: value" lines in a row, each at most this long.
_FIELD = re.compile(r"[^:：\s]{1,6}\s*[:：]\s*\S.*")
_FACT_LINES, _FACT_CHARS = 3, 20
# A line scoring this or lower is the article's text, not a promo sentence.
_TEXT_SCORE = -2
_LIST_ITEM = re.compile(r"\s*(?:[-*•·●▪◦]|\d{1,2}[.)、])\s")
# From the bottom, a paragraph of prose at least this long (characters or words) is the
# article's last: a closing block never reaches past it.
_LAST_PARAGRAPH = 40
# Paragraphs at most this many lines apart are one run of the article's text.
_PROSE_GAP = 3
# How far past the first paragraph labelled metadata (作者:, 原标题:) is still looked for.
_LABELLED_REACH = 10


def split_lines(text: str) -> tuple[Block, ...]:
    """Text to raw line blocks; hard-wrapped paragraphs (blank-line separated) are joined.

    A scraper that saved a post's line breaks as the two characters "\\n" wrote one
    line for the whole post: those become line breaks again.
    """
    text = _LITERAL_NEWLINES.sub("\n", text) if "\\n" in text else text
    groups = [g.splitlines() for g in re.split(r"\n\s*\n", text)]
    blocks: list[Block] = []
    for group in groups:
        lines = [ln.strip() for ln in group if ln.strip()]
        if _is_hard_wrapped(lines):
            blocks.append(Block("line", _join_wrapped(lines)))
        else:
            blocks.extend(Block("line", ln) for ln in lines)
    return tuple(blocks)


def _is_hard_wrapped(lines: list[str]) -> bool:
    # A paragraph wrapped at a fixed width: several lines, all but the last long
    # and of similar length, none of them a list item, and broken mid-sentence
    # (lines of a page that each end a sentence are paragraphs of their own).
    if len(lines) < 2:
        return False
    body = lines[:-1]
    if any(re.match(r"([-*•·]|\d+[.)、])\s", ln) for ln in lines):
        return False
    widths = [len(ln) for ln in body]
    ends = sum(bool(_SENTENCE_END.search(ln)) for ln in body)
    return min(widths) >= 40 and max(widths) - min(widths) <= 12 and ends <= len(body) / 3


def _join_wrapped(lines: list[str]) -> str:
    out = lines[0]
    for ln in lines[1:]:
        ascii_seam = out[-1:].isascii() and ln[:1].isascii()
        out += (" " if ascii_seam else "") + ln
    return out


def clean(article: Article, rules: RuleSet | None = None, known: Known | None = None) -> Article:
    """Cleaned blocks: each keeps its kind (HTML) or stays a raw line (text)."""
    page = _Page(list(article.blocks), rules or load_rules(), known or Known(), dict(article.meta))
    page.inline_placeholders()
    page.end_markers()
    page.anywhere_rules()
    page.trim_edges()
    page.head_and_tail()
    page.choose_title()
    page.alt_text()
    if article.markup:
        # In HTML a block is a real paragraph, so a promo box inside the article
        # (which no extractor removes) is a run of promo blocks; in flattened text
        # only the edges are safe to scan.
        page.inner_banners()
    found = {k: plain(v) if isinstance(v, str) else v for k, v in page.meta.items() if not article.meta.get(k)}
    return replace(
        article,
        blocks=tuple(b for i, b in enumerate(page.blocks) if i not in page.removed and i not in page.title_lines),
        # What the page itself declares (HTML metadata) wins over lines in the body.
        meta=article.with_meta(**found),
        removals=article.removals + page.removals(),
    )


class _Page:
    """The blocks of one page while it is cleaned: removals are marked by index, never shifted."""

    def __init__(self, blocks: list[Block], rules: RuleSet, known: Known, declared: dict):
        self.blocks, self.rules, self.known = blocks, rules, known
        self.removed: dict[int, Removal] = {}
        self.spans: list[tuple[int, Removal]] = []  # parts cut out of a line that stays
        self.title_lines: set[int] = set()  # the title (and its translation): they leave the body for the title
        self.meta: dict = {}
        self.meta_lines: set[int] = set()  # lifted (or to be lifted) metadata lines
        self.declared_title = declared.get("title", "")
        self.text = [plain(b.text) for b in blocks]
        self.prose_kind = [b.kind in _PROSE for b in blocks]

    # --- helpers -------------------------------------------------------------------------

    def live(self) -> list[int]:
        """Indices of the prose blocks still in the page."""
        return [i for i, b in enumerate(self.blocks)
                if i not in self.removed and self.prose_kind[i] and i not in self.title_lines]

    def removals(self) -> tuple[Removal, ...]:
        """Every removal, in the order of the lines it came from."""
        items = [(i, 0, r) for i, r in self.removed.items()] + [(i, 1, r) for i, r in self.spans]
        return tuple(r for _, _, r in sorted(items, key=lambda t: (t[0], t[1])))

    def remove(self, i: int, kind: str, rule: str) -> None:
        if i not in self.removed:
            self.removed[i] = Removal(kind, rule, self.blocks[i].text)

    def lift(self, i: int, rule: LineRule, values: dict) -> None:
        """Metadata from line `i`: the first value of each key wins; tags add up."""
        for key, value in values.items():
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
        found = find_date(text)
        return found[1].group(0) if found else None

    def body_span(self) -> tuple[int | None, int | None]:
        """Indices of the first and the last paragraph of prose still in the page."""
        live = self.live()
        # An image is the article's too: the page's head ends at it.
        prose = [i for i in live if (is_prose(self.text[i]) or _IMAGE.fullmatch(self.text[i]))
                 and i not in self.meta_lines]
        # A closing copyright sentence is the footer, not the article's last paragraph.
        while prose and any(f.matches(self.text[prose[-1]]) for f in self.rules.footers):
            prose.pop()
        # The page's first line may be a long title with commas; it only counts as prose
        # when it ends like a sentence.
        if prose and live and prose[0] == live[0] and display_length(self.text[live[0]]) < 60 and (
                not is_statement(self.text[live[0]]) or self._above_metadata(live[0])):
            prose = prose[1:]
        if not prose:
            return None, None
        # The article starts where paragraphs follow one another: a lone promo blurb
        # between the title and the page's menus is not its first paragraph.
        at = {i: n for n, i in enumerate(live)}
        first = next((a for a, p in zip(prose, prose[1:]) if at[p] - at[a] <= _PROSE_GAP), prose[0])
        return first, prose[-1]

    def _above_metadata(self, i: int) -> bool:
        """Line i is followed, past removed chrome, by a date or byline: it is the title."""
        j = self._next_index(i)
        while j is not None and self.prose_kind[j] and not re.search(r"\w", self.text[j]):
            j = self._next_index(j)  # a line of nothing but a dot or a bar
        return j is not None and (j in self.meta_lines or self.edge_metadata(self.text[j]) is not None)

    def zones(self) -> tuple[list[int], list[int]]:
        """The live lines before the first paragraph of prose, and after the last one."""
        live = self.live()
        first, last = self.body_span()
        if first is None:
            return live[:12], []
        return [i for i in live if i < first], [i for i in live if i > last]

    # --- 1. placeholders and rules that apply anywhere -------------------------------------

    def inline_placeholders(self) -> None:
        for i, block in enumerate(self.blocks):
            if not self.prose_kind[i]:
                continue
            line = block.text
            for r in self.rules.placeholders:
                if r.inline and not r.matches(line) and r.pattern.search(line):
                    self.spans += [(i, Removal(r.kind, r.name, m.group(0))) for m in r.pattern.finditer(line)]
                    line = r.pattern.sub("", line).strip()
            if line != block.text:
                self.blocks[i] = replace(block, text=line)
                self.text[i] = plain(line)

    def anywhere_rules(self) -> None:
        r = self.rules
        line_rules = [x for x in r.placeholders if not x.inline] + [x for x in r.chrome if x.where == "anywhere"]
        for i, text in enumerate(self.text):
            if not self.prose_kind[i] or i in self.removed or not text:
                continue
            found = next(((x, m) for x in r.metadata if x.where == "anywhere" and (m := x.matches(text))), None)
            if found:
                rule, m = found
                if rule.key == "tags" or rule.key not in self.meta:
                    self.lift(i, rule, rule.values(m))
                continue
            if self.edge_metadata(text):
                continue  # a date line with its counters, a byline: metadata, lifted at the edges
            rule = next((x for x in line_rules if x.matches(text)), None)
            if rule:
                # "本站文章均为原创…" is a site notice and a reprint footer: report it as the footer
                rule = next((f for f in r.footers if f.matches(text)), rule) if rule.kind == "chrome" else rule
                self.remove(i, rule.kind, rule.name)
                if rule.takes_following:
                    self.take_entries(i, rule)
        self.repeated_lines()
        self.menus()

    def take_entries(self, i: int, rule: LineRule) -> None:
        """The entries under a table of contents' label: its list items, or short lines, up to the text."""
        for j in range(i + 1, min(i + 60, len(self.blocks))):
            if not self.prose_kind[j] or j in self.removed:
                continue
            text = self.text[j]
            nxt = self._next_index(j)
            heads_text = (nxt is not None and self.prose_kind[nxt] and is_prose(self.text[nxt])
                          and not _LIST_ITEM.match(self.text[nxt]))
            if heads_text or (not _LIST_ITEM.match(text) and (is_prose(text) or display_length(text) > 40)):
                break  # the article's first heading, or its text
            self.remove(j, "chrome", rule.name)

    def repeated_lines(self) -> None:
        """The same line twice in a row: a short one is page furniture (a site name above its
        logo's text), a longer one a caption printed as alt text too, or a title printed twice."""
        live = self.live()
        for a, b in zip(live, live[1:]):
            if self.text[a] != self.text[b] or b != self._next_index(a) or looks_like_code(self.text[a]):
                continue
            if display_length(self.text[a]) <= 12:  # a site name above its logo's text: both go
                self.remove(a, "chrome", "repeated-line")
                self.remove(b, "chrome", "repeated-line")
            else:  # a caption under its alt text, a title printed again under itself
                self.remove(b, "placeholder", "repeated-caption")

    def menus(self) -> None:
        """Runs of short items (a site's menu) before the first paragraph or after the last;
        in between only runs of single words (a section menu, not a list of facts or code)."""
        live = self.live()
        # A date or byline line, and the title just above it, are never menu items.
        metadata = self.edge_metadata_lines()
        breakers = metadata | {self.previous_line(i) for i in metadata}
        texts = ["。" if i in breakers else self.text[i] for i in live]
        runs = menu_runs(texts, self.rules.menu_run)
        # A menu item may read like a sentence ("Use virtual funds to practice…"): the
        # article's paragraphs are the prose outside the runs.
        in_runs = {p for run in runs for p in run}
        prose = [p for p, t in enumerate(texts) if p not in in_runs and is_prose(t)]
        for run in runs:
            at_edge = not prose or run[-1] < prose[0] or run[0] > prose[-1]
            # A title or heading beside a menu is not one of its items.
            run = without_long_ends(run, texts, self.rules.menu_run, at_edge)
            if at_edge or is_tiny_menu([texts[p] for p in run], self.rules.menu_run):
                for p in run:
                    self.remove(live[p], "chrome", "menu")

    # --- 2. end markers ------------------------------------------------------------------

    def end_markers(self) -> None:
        """Cut the page at a comment section, related articles or "View Original"."""
        live = self.live()
        for pos, i in enumerate(live):
            rule = next((r for r in self.rules.end_markers if r.matches(self.text[i])), None)
            if rule is None:
                continue
            rest = live[pos + 1:]
            earlier = [self.text[j] for j in live[:pos]]
            in_second_half = pos >= len(live) / 2
            only_furniture = all(not is_prose(self.text[j]) or self.is_copy(self.text[j], earlier)
                                 or any(f.matches(self.text[j]) for f in self.rules.footers) for j in rest)
            if in_second_half or only_furniture:
                self.remove(i, "chrome", rule.name)
                for j in rest:
                    if j not in self.removed:
                        self.remove(j, "chrome", rule.name)
                return

    @staticmethod
    def is_copy(text: str, earlier: list[str]) -> bool:
        """The line repeats an earlier one (whole, or its opening when the copy is cut)."""
        return any(text == e or (len(text) >= 20 and e.startswith(text)) for e in earlier)

    # --- 3. banner and chrome runs at the edges ----------------------------------------------

    def trim_edges(self) -> None:
        s = self.rules.scoring
        candidates = self.edge_metadata_lines()
        evidence = self.evidence(candidates)
        order = [i for i in range(len(self.blocks)) if self.prose_kind[i]]
        titles, weak = self.title_like(order, evidence, candidates)
        # A title line ends a block; what follows it (a promo under the title and date)
        # may be another block, until the article's text begins.
        taken: set[int] = set()
        head = order[: s.max_head]
        above = None  # the title-like line this part of the head starts under
        while head:
            cut = next((n for n, i in enumerate(head) if i in titles), len(head))
            run, text_began = self._trim(head[:cut], evidence, candidates, after=head[cut:])
            if above is not None and above == weak and run and min(run) == head[0] \
                    and self.removed[min(run)].kind == "banner":
                # the page's first line right above a banner is the banner's headline
                self.remove(weak, "banner", self.removed[min(run)].rule)
            if run and cut < len(head) and head[cut] not in run:
                # Between a banner and the title below it nothing is the article's yet:
                # a closing line or two of the banner with no sign of their own go with it.
                between = [i for i in head[:cut] if i > max(run) and i not in self.removed and i not in candidates]
                if len(between) <= s.tail_glue and all(
                        reads_as_text(self.text[i]) and display_length(self.text[i]) < _LAST_PARAGRAPH * 1.5
                        and evidence[i].score >= 0 for i in between):
                    for i in between:
                        self.remove(i, "banner" if self.removed[max(run)].kind == "banner" else "chrome",
                                    self.removed[max(run)].rule)
                    run |= set(between)
            taken |= run
            if text_began:
                break
            above = head[cut] if cut < len(head) else None
            head = [i for i in head[cut + 1:] if (i not in candidates or i in self.removed) and i not in taken]
        # The bottom run starts from what the top one left: a short article between a
        # banner and the end must not be read as the inside of one long block.
        order = [i for i in order if i not in taken]
        self._trim(order[::-1][: s.max_tail], evidence, candidates, tail=True)
        self.copies_of_removed()

    def copies_of_removed(self) -> None:
        """A short line printed again where a banner or chrome line was removed is that line too."""
        gone = {self.text[i]: self.removed[i] for i in self.removed
                if self.removed[i].kind in ("banner", "chrome", "boilerplate")
                and self.removed[i].rule not in {r.name for r in self.rules.end_markers}}
        for i in self.live():
            if self.text[i] in gone and display_length(self.text[i]) <= 20 and not is_prose(self.text[i]):
                self.remove(i, gone[self.text[i]].kind, gone[self.text[i]].rule)

    def title_like(self, order: list[int], evidence: dict[int, Evidence],
                   metadata: set[int]) -> tuple[set[int], int | None]:
        """Lines no block from the top may take: a line heading the article (above its byline
        or first paragraph), a line the page prints again (in a breadcrumb, as alt text), and
        the page's first line when it has no promo or chrome sign — that one only weakly: it
        is returned again as the second value (see _headline_of)."""
        live = [i for i in order if i not in self.removed and i not in metadata]
        strong = self.rules.scoring.strong
        found = {i for i in live if evidence[i].score < strong and self.heads_the_article(i, metadata)}
        found |= {i for i in live[:12] if evidence[i].score < strong and is_heading_like(self.text[i])
                  and self.printed_again(i, whole=True)}
        weak = None
        if live and live[0] not in found and is_heading_like(self.text[live[0]]) and evidence[live[0]].score <= 0:
            weak = live[0]
            found.add(weak)
        return found, weak


    def evidence(self, metadata: set[int]) -> dict[int, Evidence]:
        sig = self.rules.signals
        out = {}
        for i, t in enumerate(self.text):
            if not self.prose_kind[i]:
                continue
            if i in self.removed:
                # Removed chrome and banners count for a run; metadata and image placeholders
                # (a cover image sits between the title and the text) do not.
                weight = sig["chrome"].weight if self.removed[i].kind not in ("metadata", "placeholder") else 0
                out[i] = Evidence(weight, self.removed[i].kind, self.removed[i].rule)
            elif i in metadata:
                out[i] = Evidence(0)
            else:
                ev = score_line(t, self.rules, learned=t in self.known)
                out[i] = ev
        return out

    def heads_the_article(self, i: int, metadata: set[int]) -> bool:
        """A line right above the byline or date, or a short line right above the first
        paragraph: the article's title, which no banner or chrome block takes."""
        nxt = i + 1
        while nxt < len(self.blocks) and nxt in self.removed and nxt not in metadata:
            nxt += 1
        if nxt >= len(self.blocks) or not self.prose_kind[nxt]:
            return False
        if nxt == i + 1 and nxt in metadata:
            return True
        return (nxt not in metadata and is_heading_like(self.text[i]) and is_prose(self.text[nxt])
                and score_line(self.text[nxt], self.rules).score <= _TEXT_SCORE)

    def _trim(self, order: list[int], evidence: dict[int, Evidence], metadata: set[int],
              tail: bool = False, after: list[int] = ()) -> tuple[set[int], bool]:
        """Remove the run from the edge (in `order`) whose scores add up highest, if strong enough;
        return the lines of the run, and whether the scan stopped at the article's text."""
        s = self.rules.scoring
        total, best, best_at, text_began = 0, 0, -1, False
        for pos, i in enumerate(order):
            if tail and evidence[i].score < 0 and i not in self.removed and is_prose(self.text[i]) \
                    and display_length(self.text[i]) >= _LAST_PARAGRAPH:
                text_began = True
                break  # a paragraph of the article, even one about rewards: it ends here
            total += evidence[i].score
            if total > best:
                best, best_at = total, pos
            elif total - best <= -s.stop_below:
                text_began = True
                break  # prose: the article has begun
        run = order[: best_at + 1]
        strong = sum(1 for i in run if evidence[i].score >= s.strong)
        if best < s.min_total or strong < s.min_strong:
            return set(), text_began
        if not tail:
            # A list that runs on past the last line with a signal ("内容质量(30%):…")
            # still belongs to the block: same punctuation skeleton as its last lines.
            rest = order[best_at + 1:] + list(after)
            shapes = {_shape(self.text[i]) for i in run[-3:]}
            for n, i in enumerate(rest):
                shape = _shape(self.text[i])
                parallel = shape in shapes or (n + 1 < len(rest) and shape == _shape(self.text[rest[n + 1]]))
                if is_prose(self.text[i]) or len(shape) < 2 or not parallel:
                    break
                shapes.add(shape)
                run.append(i)
        if tail:
            # A closing block often begins with a slogan or a short line of its own
            # (no campaign word); up to the article's last paragraph it goes too.
            for i in order[best_at + 1: best_at + 1 + s.tail_glue]:
                text = self.text[i]
                if is_prose(text) or _LIST_ITEM.match(text) or evidence[i].score < -3:
                    break
                run.append(i)
        kind = _majority(evidence[i] for i in run if evidence[i].score > 0)
        for i in run:
            if i in self.removed or i in metadata:
                continue
            ev = evidence[i]
            if ev.score > 0:
                self.remove(i, ev.kind, ev.rule)
            else:  # a line with no signal of its own inside the block goes with it
                self.remove(i, kind.kind, kind.rule)
        return set(run), text_began

    # --- 4. head and tail: footers, bylines, dates -----------------------------------------

    def edge_metadata_lines(self) -> set[int]:
        """Lines that `edges` metadata rules or the date rule would lift, if they sit at an edge."""
        live = self.live()
        head, tail = set(live[: self.rules.scoring.max_head]), set(live[-self.rules.scoring.max_tail:])
        found = {i for i in head | tail if self.edge_metadata(self.text[i]) is not None}
        return found | set(self.names_beside_dates(found))

    def edge_metadata(self, text: str) -> tuple[LineRule | None, dict] | None:
        date = self.date_line(text)
        if date is not None:
            return None, date
        for rule in self.rules.metadata:
            if rule.where == "edges" and (m := rule.matches(text)):
                return rule, rule.values(m)
        return None

    def date_line(self, text: str) -> dict | None:
        """{"date": …} (and a source it names) when the line is a publication date with page metadata around it."""
        d = self.rules.dates
        line = text.strip(" \t・·•-|")
        label = d.label.match(line)
        start = label.end() if label else 0
        rest = line[start:].lstrip(" :：")
        found = find_date(rest)
        if not found:
            return None
        date, m = found
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
        return values

    def head_and_tail(self) -> None:
        head, tail = self.zones()
        first, _ = self.body_span()
        live = self.live()
        # Labelled metadata may sit a little past the first paragraph (an editor's note under the lead).
        reach = [i for i in live if first is not None and i >= first][:_LABELLED_REACH]
        facts = self.fact_boxes()
        for i in head + tail + reach:
            if i in self.removed or i in facts:
                continue
            text = self.text[i]
            footer = next((r for r in self.rules.footers if r.matches(text)), None)
            if footer and (i in head or i in tail):
                self.remove(i, footer.kind, footer.name)
                continue
            chrome = next((r for r in self.rules.chrome if (r.where == "edges" and (i in head or i in tail)
                                                            or r.where == "head" and i in head) and r.matches(text)),
                          None)
            if chrome:
                self.remove(i, chrome.kind, chrome.name)
                continue
            found = self.edge_metadata(text)
            labelled = found is not None and (found[0] is not None or self.rules.dates.label.match(text.strip()))
            if found is None or (not labelled and i not in head and i not in tail):
                continue  # an unlabelled date past the first paragraph is the article's own
            rule, values = found
            if rule is None:
                rule = LineRule(self.rules.dates.name, "metadata", self.rules.dates.reason, re.compile(""), key="date")
            self.lift(i, rule, values)
        self.lift_names(head + tail)

    def fact_boxes(self) -> set[int]:
        """Lines in runs of short "label: value" lines (a book's or a product's facts: 書名,
        作者, 譯者, 價格): the article's content, even where a label is 作者."""
        live, found, run = self.live(), set(), []
        for i in live + [None]:
            if i is not None and len(self.text[i]) <= _FACT_CHARS and _FIELD.fullmatch(self.text[i]):
                run.append(i)
                continue
            if len(run) >= _FACT_LINES:
                found.update(run)
            run = []
        return found

    def names_beside_dates(self, lines) -> list[int]:
        """Bare names ("espa.taipei", "Gate.io", "王小明") right above or below a date line: bylines."""
        names = []
        for d in lines:
            if not self.date_line(self.text[d]):
                continue
            for j in (d - 1, d + 1):
                if 0 <= j < len(self.blocks) and self.prose_kind[j] and j not in self.removed \
                        and (_HANDLE.fullmatch(self.text[j].strip()) or _CJK_NAME.fullmatch(self.text[j].strip())):
                    names.append(j)
        return names

    def lift_names(self, zone: list[int]) -> None:
        dates = [i for i in self.removed if self.removed[i].rule == self.rules.dates.name]
        for j in self.names_beside_dates(dates):
            if j in zone and "author" not in self.meta:
                rule = LineRule("name-beside-date", "metadata", "A bare name beside the date is the byline.",
                                re.compile(""), key="author")
                self.lift(j, rule, {"author": self.text[j].strip()})

    # --- 5. the title -------------------------------------------------------------------

    def choose_title(self) -> None:
        head, _ = self.zones()
        live = self.live()
        if self.declared_title:
            title = self.declared_title
        else:
            best = self.best_title(head, live)
            if best is None:
                return
            before = [i for i in head if i < best and i not in self.removed and i not in self.meta_lines]
            if any(reads_as_text(self.text[i]) for i in before):
                return  # the page opens with its text: it has no title line
            title = re.sub(r"^#\s+", "", self.text[best]).strip()
            self.meta["title"] = title
            self.title_lines.add(best)
            translation = self.translation_of(best)
            if translation is not None:
                self.meta["translated_title"] = self.text[translation]
                self.title_lines.add(translation)
            for i in before:  # a site name, a column or series name above the title
                self.remove(i, "chrome", "before-title")
        self.repeated_title(title)

    def best_title(self, head: list[int], live: list[int]) -> int | None:
        """The title line: a candidate next to the byline or date, printed again elsewhere
        (a breadcrumb, alt text, a page-title variant), or followed by the first paragraph;
        the longer the likelier, a section word or a label never."""
        t = self.rules.title
        w = t.weights
        scored = []
        first = next((i for i in head if i in live), None)
        for i in head:
            text = self.text[i]
            n = display_length(text)
            if n < 2 or len(text) > 160 or t.section_words.fullmatch(text) or text.rstrip().endswith((":", "：")) \
                    or self.date_line(text) or commas(text) >= 3:
                continue
            nxt, prv = self.next_line(i), self.previous_line(i)
            evidence = {
                "markdown_h1": text.startswith("# "),
                "first": i == first,
                "above_metadata": nxt is not None and nxt in self.meta_lines,
                "below_metadata": prv is not None and prv in self.meta_lines,
                "printed_again": self.printed_again(i),
                "above_text": nxt is not None and nxt not in self.removed and is_prose(self.text[nxt]),
                "translated": self.translation_of(i) is not None,
                "sentence": is_statement(text),
                "numbered_section": bool(t.numbered_section.match(text)),
            }
            # length as a reader sees it, an English word counting as two characters
            length = cjk_count(text) + 2 * word_count(text)
            score = sum(w[k] for k, hit in evidence.items() if hit) + min(length, 40) * w["per_char"]
            score += w["per_extra_comma"] * max(0, commas(text) - 1)  # titles have a comma or two
            variant = t.site_suffix.search(text)
            if variant and any(other == text[: variant.start()] for other in self.text):
                score += w["site_variant"]  # "Title_Site": the page's <title>, printed beside the real title
            scored.append((score, -i, i))
        return max(scored)[2] if scored else None

    def translation_of(self, i: int) -> int | None:
        """The next line, when it is the same title in the other language (a bilingual page)."""
        j = self.next_line(i)
        if j is None or j in self.removed or not is_heading_like(self.text[j]):
            return None
        pair = sorted((self.text[i], self.text[j]), key=is_chinese_line)  # (English, Chinese)
        english, chinese = pair
        if CJK.search(english) or not is_chinese_line(chinese) or word_count(english) < 3 or cjk_count(chinese) < 4:
            return None
        return j

    def printed_again(self, i: int, whole: bool = False) -> bool:
        """Whether the page prints line `i` (its first dozen characters) again: in a breadcrumb,
        as alt text, in a page-title variant. `whole`: a removed line (a breadcrumb, a copy
        right under it) starts or ends with it; a brand name inside a promo line is no copy."""
        text = self.text[i]
        if len(text) < 6:
            return False
        start = text[:12]

        def copy(j: int, other: str) -> bool:
            if whole:  # a breadcrumb ending with it, the same line again under it
                return j in self.removed and (other.startswith(text) or other.endswith(text))
            return start in other or (len(other) >= 6 and other in text)

        return any(j != i and copy(j, other) for j, other in enumerate(self.text)
                   if self.prose_kind[j] and not is_prose(other)
                   and not (j in self.removed and self.removed[j].rule == "repeated-caption"))

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

    def repeated_title(self, title: str) -> None:
        """The title printed again in the body (image alt text, "<title>-图1") is not the article."""
        fig = self.rules.figure_suffix
        for i in self.live():
            text = self.text[i]
            if text == title or (text.startswith(title) and fig.fullmatch(text[len(title):])) \
                    or (len(text) >= 6 and title.startswith(text) and not is_prose(text)):
                self.remove(i, "placeholder", "repeated-title")

    # --- 6. alt text ----------------------------------------------------------------------

    def alt_text(self) -> None:
        """Alt keywords, and the caption of an image that is gone, where they would stand alone."""
        images = {r.name for r in self.rules.placeholders}
        for i in self.live():
            prev = i - 1
            if prev < 0 or prev not in self.removed or self.removed[prev].rule not in images:
                continue  # only right after an image placeholder (not after a caption removed here)
            text = self.text[i]
            if self.rules.keyword_list.fullmatch(text):
                self.remove(i, "placeholder", "alt-keywords")
            elif is_heading_like(text) and not self.rules.title.section_words.fullmatch(text) \
                    and not _IMAGE.fullmatch(text):
                after = self.next_line(i)
                if after is None or (after not in self.removed and is_heading_like(self.text[after])):
                    # the caption of an image that is gone: it would head nothing
                    self.remove(i, "placeholder", "caption-of-removed-image")

    def _next_index(self, i: int) -> int | None:
        return next((j for j in range(i + 1, len(self.blocks)) if j not in self.removed), None)

    # --- HTML: promo boxes inside the article -------------------------------------------------

    def inner_banners(self) -> None:
        s = self.rules.scoring
        live = self.live()
        evidence = {i: score_line(self.text[i], self.rules) for i in live}
        run: list[int] = []
        for i in live + [None]:
            if i is not None and evidence[i].score > 0:
                run.append(i)
                continue
            if sum(evidence[j].score for j in run) >= s.min_total and \
                    sum(evidence[j].score >= s.strong for j in run) >= s.min_strong:
                for j in run:
                    self.remove(j, "banner", "promo-banner")
            run = []


def _shape(text: str) -> str:
    """A line's punctuation skeleton ("创意表现(40%):主题契合度、创意独特性" → "(%):、")."""
    return re.sub(r"[\w\s]+", "", text)


def _majority(evidence) -> Evidence:
    """The kind the block's lines mostly show (banner wins a tie: it is what the block is for)."""
    counts: dict[tuple[str, str], int] = {}
    for ev in evidence:
        counts[(ev.kind, ev.rule)] = counts.get((ev.kind, ev.rule), 0) + ev.score
    if not counts:
        return Evidence(0, "chrome", "page-chrome")
    (kind, rule), _ = max(counts.items(), key=lambda kv: (kv[1], kv[0][0] == "banner"))
    return Evidence(0, kind, rule)
