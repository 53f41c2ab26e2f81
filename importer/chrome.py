"""Lines that are not the article wherever they stand: image placeholders, page chrome
(counters, breadcrumbs, share buttons, menus, tables of contents), the end of the
article (comments, related articles, "View Original"), alt text printed again,
and in HTML the promo boxes between paragraphs. Rules are data in rules/generic.yml.
"""
from __future__ import annotations

import re
from dataclasses import replace

from .dates import spelled_date
from .edges import trim_edges
from .evidence import is_running_text, is_tiny_menu, menu_runs, score_line, without_long_ends, without_title_after_pairs
from .fields import field_line
from .metadata import edge_metadata_lines
from .metadata_lines import edge_metadata, fields_rule
from .model import Removal, plain
from .page import Page
from .rules import LineRule
from .text import (IMAGE_LINE, LIST_ITEM, display_length, is_heading_like, is_prose, is_statement, looks_like_code,
                   reads_as_text, word_count)


def inline_placeholders(page: Page) -> None:
    """Cut image stubs glued into a paragraph out of it (recorded as removed spans)."""
    for i, block in enumerate(page.blocks):
        if not page.prose_kind[i]:
            continue
        line = block.text
        for r in page.rules.placeholders:
            if r.inline and not r.matches(line) and r.pattern.search(line):
                page.spans += [(i, Removal(r.kind, r.name, m.group(0))) for m in r.pattern.finditer(line)]
                line = r.pattern.sub("", line).strip()
        if line != block.text:
            page.blocks[i] = replace(block, text=line)
            page.text[i] = plain(line)


def anywhere_rules(page: Page) -> None:
    """Whole-line placeholders and chrome wherever they are; metadata lines labelled well enough
    to be lifted anywhere; then lines printed twice and site menus."""
    r = page.rules
    line_rules = [x for x in r.placeholders if not x.inline] + [x for x in r.chrome if x.where == "anywhere"
                                                                 and not x.min_run]
    for i, text in enumerate(page.text):
        if not page.prose_kind[i] or i in page.removed or not text:
            continue
        found = next(((x, m) for x in r.metadata if x.where == "anywhere" and (m := x.matches(text))), None)
        if found:
            rule, m = found
            if rule.key == "tags" or rule.key not in page.meta:
                page.lift(i, rule, rule.values(m))
            continue
        if credits_line(page, i):
            continue
        if edge_metadata(text, page.rules):
            continue  # a date line with its counters, a byline: metadata, lifted at the edges
        rule = next((x for x in line_rules if x.matches(text) and applies_here(page, i, x)), None)
        if rule:
            # "本站文章均为原创…" is a site notice and a reprint footer: report it as the footer
            rule = next((f for f in r.footers if f.matches(text)), rule) if rule.kind == "chrome" else rule
            page.remove(i, rule.kind, rule.name)
            if rule.takes_following:
                take_entries(page, i, rule)
    if not page.markup:
        # In HTML the extractor has dropped the navigation, and a block printed twice or a
        # run of short paragraphs is the article's own (a list of products, a refrain).
        repeated_lines(page)
        menus(page)


def credits_line(page: Page, i: int) -> bool:
    """A line of credits ("文 | 林小河 整理 | 周一鸣 编辑 | 郑远", "審校 | 王安 策劃 | 李青") wherever
    it stands: the byline when an author's label is among them (a newsletter prints one per story;
    the first names the page's author), else the desk's furniture."""
    fields = field_line(page.text[i], page.rules)
    if fields is None or fields.credits < 2:
        return False  # one credit ("责任编辑：王小明") is the footer rules'; a byline is lifted at the edges
    rule = fields_rule(page.rules, fields.key)
    if fields.values:
        page.lift(i, rule, fields.values)
    else:
        page.remove(i, rule.kind, rule.name)
    return True


def applies_here(page: Page, i: int, rule: LineRule) -> bool:
    """A matching rule applies at line i unless it is kept away from program code (`outside_code`)."""
    return not (rule.outside_code and among_code(page, i, rule))


def list_rules(page: Page) -> None:
    """Rules for lists (`min_run`): runs of that many matching lines in a row. Applied after the
    edges are trimmed, so that the text above such a list ("Below we cover:") is never read as
    part of a chrome block at the top."""
    for rule in (x for x in page.rules.chrome if x.min_run):
        run: list[int] = []
        for i in page.live() + [None]:
            if i is not None and rule.matches(page.text[i]) and (not run or page.next_index(run[-1]) == i):
                run.append(i)
                continue
            if len(run) >= rule.min_run:
                for j in run:
                    page.remove(j, rule.kind, rule.name)
            run = [i] if i is not None and rule.matches(page.text[i]) else []


# Where a sentence ends: after its closing mark (a full stop before a space, in English).
_SENTENCE_ENDS = re.compile(r"(?<=[。！？!?])|(?<=\.)\s")


def stitched_summary(page: Page) -> None:
    """A labelled summary near the top made of sentences the article prints again below, word
    for word (a site's automatic 【摘要】): the copy above goes, the article keeps its text."""
    st = page.rules.stitched
    live = page.live()
    for n, i in enumerate(live[: st.reach]):
        label = st.label.match(page.text[i])
        if not label:
            continue
        sentences = [x for x in _SENTENCE_ENDS.split(page.text[i][label.end():]) if display_length(x) >= st.min_chars]
        if len(sentences) < st.min_sentences:
            continue
        later = "\n".join(page.text[j] for j in live[n + 1:])
        found = sum(x.strip() in later for x in sentences)
        if found >= st.min_share * len(sentences):
            page.remove(i, "chrome", "stitched-summary")


def among_code(page: Page, i: int, rule: LineRule) -> bool:
    """The nearest line before or after line i that `rule` does not match is program code:
    line i belongs to the same listing (a closing tag of an HTML example)."""
    for step in (-1, 1):
        j = i + step
        while 0 <= j < len(page.blocks) and page.prose_kind[j] and rule.matches(page.text[j]):
            j += step
        if 0 <= j < len(page.blocks) and page.prose_kind[j] and looks_like_code(page.text[j]):
            return True
    return False


def take_entries(page: Page, i: int, rule: LineRule) -> None:
    """The entries under a table of contents' label: its list items, or short lines, up to the text."""
    for j in range(i + 1, min(i + 60, len(page.blocks))):
        if not page.prose_kind[j] or j in page.removed:
            continue
        text = page.text[j]
        nxt = page.next_index(j)
        heads_text = (nxt is not None and page.prose_kind[nxt] and is_prose(page.text[nxt])
                      and not LIST_ITEM.match(page.text[nxt]))
        if heads_text or (not LIST_ITEM.match(text) and (is_prose(text) or display_length(text) > 40)):
            break  # the article's first heading, or its text
        page.remove(j, "chrome", rule.name)


def repeated_lines(page: Page) -> None:
    """The same line twice in a row: a short one is page furniture (a site name above its
    logo's text), a longer one a caption printed as alt text too, or a title printed twice."""
    live = page.live()
    for a, b in zip(live, live[1:]):
        if page.text[a] != page.text[b] or b != page.next_index(a) or looks_like_code(page.text[a]):
            continue
        # a site name above its logo's text: both go (a line holding a date, or of four English
        # words or more, is a title printed twice)
        if display_length(page.text[a]) <= 12 and not is_statement(page.text[a]) and not spelled_date(page.text[a]) \
                and word_count(page.text[a]) < 4:
            page.remove(a, "chrome", "repeated-line")
            page.remove(b, "chrome", "repeated-line")
        else:  # a caption under its alt text, a title printed again under itself
            page.remove(b, "placeholder", "repeated-caption")


def menus(page: Page) -> None:
    """Runs of short items (a site's menu) before the first paragraph or after the last;
    in between only runs of single words (a section menu, not a list of facts or code)."""
    live = page.live()
    # A date or byline line, and the title just above it, are never menu items.
    metadata = edge_metadata_lines(page)
    breakers = metadata | {page.previous_line(i) for i in metadata}
    texts = ["。" if i in breakers else page.text[i] for i in live]
    runs = menu_runs(texts, page.rules.menu_run)
    # A menu item may read like a sentence ("Use virtual funds to practice…"): the
    # article's paragraphs are the prose outside the runs.
    in_runs = {p for run in runs for p in run}
    prose = [p for p, t in enumerate(texts) if p not in in_runs and is_prose(t)]
    for run in runs:
        if _paragraphs_of_their_own(page, [live[p] for p in run]):
            continue
        # After the last paragraph a run is the page's foot only if the article does not
        # run on below it in lines too long to be menu items (text without full stops).
        at_edge = not prose or run[-1] < prose[0] or (
            run[0] > prose[-1] and not any(is_running_text(t, page.rules.menu_run) for t in texts[run[-1] + 1:]))
        # A title or heading beside a menu is not one of its items.
        run = without_long_ends(run, texts, page.rules.menu_run, at_edge)
        if prose and run and run[-1] < prose[0]:
            run = without_title_after_pairs(run, texts, page.rules.menu_run)
        if at_edge or is_tiny_menu([texts[p] for p in run], page.rules.menu_run):
            for p in run:
                page.remove(live[p], "chrome", "menu")


def _paragraphs_of_their_own(page: Page, items: list[int]) -> bool:
    """Short lines most of which stand between blank lines (a title, headings, a tag line):
    a menu prints its items line under line."""
    gaps = sum(any(page.blocks[k].gap for k in range(a + 1, b + 1)) for a, b in zip(items, items[1:]))
    return gaps > (len(items) - 1) / 2


def end_markers(page: Page) -> None:
    """Cut the page at a comment section, related articles or "View Original"."""
    live = page.live()
    for pos, i in enumerate(live):
        rule = next((r for r in page.rules.end_markers if r.matches(page.text[i])), None)
        if rule is not None and _cut_at(page, live, pos, rule.name, banner_lines(page)):
            return


def banner_lines(page: Page) -> set[int]:
    """The lines the edge trim will take as a banner or chrome block. A marker is an article's
    end only when the article is above it: a banner's sentences above a mirror's "查看原文"
    header are no article. The trim runs later (its link-stub rule would take the marker
    first), so here it runs on a copy of the page."""
    scratch = Page(page.blocks, page.rules, page.known, {}, page.markup)
    scratch.removed = dict(page.removed)
    trim_edges(scratch)
    return {i for i, r in scratch.removed.items() if i not in page.removed and r.kind in ("banner", "chrome")}


def author_card(page: Page) -> None:
    """The byline's name printed again on a line of its own after the article's text is the
    author's card (the name, counts of posts and followers, a short bio): it ends the article
    like an end marker, with a short label right above it ("关于作者", "文章難易度")."""
    author = str(page.meta.get("author") or "").strip().lower()
    live = page.live()
    for pos, i in enumerate(live):
        if pos == 0 or not author or page.text[i].strip().lower() != author:
            continue
        if _cut_at(page, live, pos, "author-card"):
            label = live[pos - 1]
            text = page.text[label]
            if display_length(text) <= 12 and not reads_as_text(text) and not LIST_ITEM.match(text):
                page.remove(label, "chrome", "author-card")
            return


def _cut_at(page: Page, live: list[int], pos: int, rule: str, banner: set[int] = frozenset()) -> bool:
    """Remove line live[pos] and everything under it when the article is above it: more of
    its paragraphs there than under it (comments are paragraphs too), or nothing under it
    but furniture and copies. Lines of a `banner` above it are not the article's."""
    rest = live[pos + 1:]
    earlier = [page.text[j] for j in live[:pos]]
    text_above = sum(is_prose(page.text[j]) for j in live[:pos] if j not in banner)
    text_below = [j for j in rest if is_prose(page.text[j]) and not is_copy(page.text[j], earlier)
                  and not any(f.matches(page.text[j]) for f in page.rules.footers)]
    if not text_above or (text_above <= len(text_below) and text_below):
        return False
    for j in [live[pos], *rest]:
        page.remove(j, "chrome", rule)
    return True


def is_copy(text: str, earlier: list[str]) -> bool:
    """The line repeats an earlier one (whole, or its opening when the copy is cut)."""
    return any(text == e or (len(text) >= 20 and e.startswith(text)) for e in earlier)


def alt_text(page: Page) -> None:
    """Alt keywords, and the caption of an image that is gone, where they would stand alone."""
    images = {r.name for r in page.rules.placeholders}
    for i in page.live():
        prev = i - 1
        if prev < 0 or prev not in page.removed or page.removed[prev].rule not in images:
            continue  # only right after an image placeholder (not after a caption removed here)
        text = page.text[i]
        if page.rules.keyword_list.fullmatch(text):
            page.remove(i, "placeholder", "alt-keywords")
        elif is_heading_like(text) and not page.rules.title.section_words.fullmatch(text) \
                and not IMAGE_LINE.fullmatch(text):
            after = page.next_line(i)
            if after is None or (after not in page.removed and is_heading_like(page.text[after])):
                # the caption of an image that is gone: it would head nothing
                page.remove(i, "placeholder", "caption-of-removed-image")


def inner_banners(page: Page) -> None:
    s = page.rules.scoring
    live = page.live()
    evidence = {i: score_line(page.text[i], page.rules) for i in live}
    run: list[int] = []
    for i in live + [None]:
        if i is not None and evidence[i].score > 0:
            run.append(i)
            continue
        if sum(evidence[j].score for j in run) >= s.min_total and \
                sum(evidence[j].score >= s.strong for j in run) >= s.min_strong:
            for j in run:
                page.remove(j, "banner", "promo-banner")
        run = []
