"""Metadata lines: publication dates, bylines, sources and tags, lifted into front matter.

Labelled lines ("作者:", "来源:", "原标题:") are lifted near the top or bottom of
the page; unlabelled ones (a date alone on its line, a bare name beside it) only
before the article's first paragraph or after its last, where they can only be
the page's. The rules and label vocabularies are data in rules/generic.yml.
"""
from __future__ import annotations

import re
from typing import TYPE_CHECKING

from .metadata_lines import date_line, edge_metadata
from .rules import LineRule
from .text import is_prose

if TYPE_CHECKING:
    from .page import Page

_HANDLE = re.compile(r"@?[A-Za-z][\w-]*(?:\.[A-Za-z][\w-]*)+|@[\w.-]{2,30}")
# A short line of a person's name: two to four Han characters.
_CJK_NAME = re.compile(r"[\u4e00-\u9fff]{2,4}")
# A fact box: this many "label: value" lines in a row, each at most this long.
_FIELD = re.compile(r"[^:：\s]{1,6}\s*[:：]\s*\S.*")
_FACT_LINES, _FACT_CHARS = 3, 20
# How far past the first paragraph labelled metadata (作者:, 原标题:) is still looked for.
_LABELLED_REACH = 10


def edge_metadata_lines(page: Page) -> set[int]:
    """Lines that `edges` metadata rules or the date rule would lift, if they sit at an edge."""
    live = page.live()
    head, tail = set(live[: page.rules.scoring.max_head]), set(live[-page.rules.scoring.max_tail:])
    found = {i for i in head | tail if edge_metadata(page.text[i], page.rules) is not None}
    return found | set(names_beside_dates(page, found))


def head_and_tail(page: Page) -> None:
    head, tail = page.zones()
    first, _ = page.body_span()
    live = page.live()
    # Labelled metadata may sit a little past the first paragraph (an editor's note under the lead).
    reach = [i for i in live if first is not None and i >= first][:_LABELLED_REACH]
    facts = fact_boxes(page)
    for i in head + tail + reach:
        if i in page.removed or i in facts:
            continue
        text = page.text[i]
        footer = next((r for r in page.rules.footers if r.matches(text)), None)
        if footer and (i in head or i in tail):
            page.remove(i, footer.kind, footer.name)
            continue
        chrome = next((r for r in page.rules.chrome if (r.where == "edges" and (i in head or i in tail)
                                                        or r.where == "head" and i in head) and r.matches(text)),
                      None)
        if chrome:
            page.remove(i, chrome.kind, chrome.name)
            continue
        found = edge_metadata(text, page.rules)
        labelled = found is not None and (found[0] is not None or page.rules.dates.label.match(text.strip()))
        if found is None or (not labelled and i not in head and i not in tail):
            continue  # an unlabelled date past the first paragraph is the article's own
        rule, values = found
        if rule is None:
            rule = LineRule(page.rules.dates.name, "metadata", page.rules.dates.reason, re.compile(""), key="date")
        page.lift(i, rule, values)
    lift_names(page, head + tail)
    sign_off(page)


def sign_off(page: Page) -> None:
    """A newsletter that opens with a greeting signs its opening note with the writer's name
    on a line of its own, right under a paragraph: the author."""
    rule = page.rules.sign_off
    live = page.live()
    if "author" in page.meta or not live or not rule.greeting.fullmatch(page.text[live[0]].strip()):
        return
    for prev, i in zip(live, live[1:rule.reach]):
        text = page.text[i].strip()
        if rule.signature.fullmatch(text) and is_prose(page.text[prev]) \
                and not page.rules.title.section_words.fullmatch(text):
            page.lift(i, LineRule(rule.name, "metadata", rule.reason, rule.signature, key="author"),
                      {"author": text.lstrip("-–—~ ")})
            return


def fact_boxes(page: Page) -> set[int]:
    """Lines in runs of short "label: value" lines (a book's or a product's facts: 書名,
    作者, 譯者, 價格): the article's content, even where a label is 作者."""
    live, found, run = page.live(), set(), []
    for i in live + [None]:
        if i is not None and len(page.text[i]) <= _FACT_CHARS and _FIELD.fullmatch(page.text[i]):
            run.append(i)
            continue
        if len(run) >= _FACT_LINES:
            found.update(run)
        run = []
    return found


def names_beside_dates(page: Page, lines) -> list[int]:
    """Bare names ("espa.taipei", "Gate.io", "王小明") right above or below a date line: bylines."""
    names = []
    for d in lines:
        if not date_line(page.text[d], page.rules):
            continue
        for j in (d - 1, d + 1):
            if 0 <= j < len(page.blocks) and page.prose_kind[j] and j not in page.removed \
                    and (_HANDLE.fullmatch(page.text[j].strip()) or _CJK_NAME.fullmatch(page.text[j].strip())):
                names.append(j)
    return names


def lift_names(page: Page, zone: list[int]) -> None:
    dates = [i for i in page.removed if page.removed[i].rule == page.rules.dates.name]
    for j in names_beside_dates(page, dates):
        if j in zone and "author" not in page.meta:
            rule = LineRule("name-beside-date", "metadata", "A bare name beside the date is the byline.",
                            re.compile(""), key="author")
            page.lift(j, rule, {"author": page.text[j].strip()})
