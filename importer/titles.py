"""The article's title: the line before its first paragraph with the most signs of one.

Signs and their weights are data (rules/generic.yml `title`): right above the
byline or date, printed again (a breadcrumb, alt text), right above the text,
followed by its translation, longer than a site or column name. Lines above the
title that are not text go; the title printed again in the body goes too.
"""
from __future__ import annotations

import re
from typing import TYPE_CHECKING

from .metadata_lines import date_line
from .han import HAN
from .text import (FULL_STOP_INSIDE, cjk_count, commas, display_length, is_chinese_line, is_heading_like, is_prose, is_statement,
                   reads_as_text, word_count)

if TYPE_CHECKING:
    from .page import Page

# A sentence ending inside a line: a full stop, a question or exclamation mark, then more text.
SENTENCE_STOPS = re.compile(r"[。！？]|[.!?](?=\s+[A-Z“\"])")
# A bullet item (a summary's points, a list) never titles the article.
BULLET = re.compile(r"\s*[-*•·●▪◦]\s")


def choose_title(page: Page) -> None:
    head, _ = page.zones()
    live = page.live()
    if page.declared_title:
        title = page.declared_title
    else:
        best = best_title(page, head, live)
        if best is None:
            return
        best = below_issue_contents(page, best, live)
        before = [i for i in head if i < best and i not in page.removed and i not in page.meta_lines]
        if any(reads_as_text(page.text[i]) for i in before):
            return  # the page opens with its text: it has no title line
        title = re.sub(r"^#\s+", "", page.text[best]).strip()
        page.meta["title"] = title
        page.title_lines.add(best)
        translation = translation_of(page, best)
        if translation is not None:
            page.meta["translated_title"] = page.text[translation]
            page.title_lines.add(translation)
        for i in before:  # a site name, a column or series name above the title
            page.remove(i, "chrome", "before-title")
    repeated_title(page, title)


def best_title(page: Page, head: list[int], live: list[int]) -> int | None:
    """The title line: a candidate next to the byline or date, printed again elsewhere
    (a breadcrumb, alt text, a page-title variant), or followed by the first paragraph;
    the longer the likelier, a section word or a label never."""
    t = page.rules.title
    w = t.weights
    scored = []
    first = next((i for i in head if i in live), None)
    for i in head:
        text = page.text[i]
        n = display_length(text)
        if n < 2 or len(text) > t.max_line or t.section_words.fullmatch(text) or text.rstrip().endswith((":", "：", ",", "，")) \
                or date_line(text, page.rules) or commas(text) >= 3 or BULLET.match(text) or mostly_digits(text) \
                or _paragraph(text):
            continue
        nxt, prv = page.next_line(i), page.previous_line(i)
        evidence = {
            "markdown_h1": text.startswith("# "),
            "first": i == first,
            "above_metadata": nxt is not None and nxt in page.meta_lines,
            "below_metadata": prv is not None and prv in page.meta_lines,
            "printed_again": printed_again(page, i),
            "above_text": nxt is not None and nxt not in page.removed and is_prose(page.text[nxt]),
            "translated": translation_of(page, i) is not None,
            "sentence": is_statement(text) or bool(FULL_STOP_INSIDE.search(text)),
            "numbered_section": bool(t.numbered_section.match(text)),
        }
        # length as a reader sees it, an English word counting as two characters
        length = cjk_count(text) + 2 * word_count(text)
        score = sum(w[k] for k, hit in evidence.items() if hit) + min(length, 40) * w["per_char"]
        score += w["per_extra_comma"] * max(0, commas(text) - 1)  # titles have a comma or two
        variant = t.site_suffix.search(text)
        if variant and any(other == text[: variant.start()] for other in page.text):
            score += w["site_variant"]  # "Title_Site": the page's <title>, printed beside the real title
        scored.append((score, -i, i))
    return max(scored)[2] if scored else None


def _paragraph(text: str) -> bool:
    """Several sentences ending like a paragraph ("Capture Thursday to Sunday. Look for the
    callouts. All with my own take."): the article's text, never its title."""
    return is_statement(text) and len(SENTENCE_STOPS.findall(text.rstrip(" .。"))) >= 1 and display_length(text) >= 20


def mostly_digits(text: str) -> bool:
    """A clock time among counts and a date in a form no date rule reads ("2010 11 2 02:46 AM
    236次查看"): page furniture, no title (a digest's title with its date range has no clock)."""
    digits = sum(c.isdigit() for c in text)
    return bool(re.search(r"\d{1,2}:\d{2}", text)) and digits >= sum(c.isalpha() for c in text)


def below_issue_contents(page: Page, best: int, live: list[int]) -> int:
    """A newspaper's page lists the issue's articles, this one among them, above the article:
    the title is its copy under that list, and the list goes (a column of short headlines,
    two or more of them other articles')."""
    copies = [i for i in live if page.text[i] == page.text[best]]
    if len(copies) < 2:
        return best
    first, last = copies[0], copies[-1]
    pos = live.index(first)

    def headline(i: int) -> bool:
        return i < last and not reads_as_text(page.text[i]) and 4 <= display_length(page.text[i]) <= 60

    def line_under(a: int, b: int) -> bool:  # no blank line between: one block of the page
        return not any(page.blocks[k].gap for k in range(a + 1, b + 1))

    start, end = pos, pos
    while start > 0 and headline(live[start - 1]) and line_under(live[start - 1], live[start]):
        start -= 1
    while end + 1 < len(live) and headline(live[end + 1]) and line_under(live[end], live[end + 1]):
        end += 1
    contents = live[start:end + 1]
    if sum(page.text[i] != page.text[best] for i in contents) < 2:
        return best
    for i in contents:
        page.remove(i, "chrome", "issue-contents")
    return last


def translation_of(page: Page, i: int) -> int | None:
    """The next line, when it is the same title in the other language (a bilingual page)."""
    j = page.next_line(i)
    if j is None or j in page.removed or not is_heading_like(page.text[j]):
        return None
    pair = sorted((page.text[i], page.text[j]), key=is_chinese_line)  # (English, Chinese)
    english, chinese = pair
    if HAN.search(english) or not is_chinese_line(chinese) or word_count(english) < 3 or cjk_count(chinese) < 4:
        return None
    return j


def printed_again(page: Page, i: int, whole: bool = False) -> bool:
    """Whether the page prints line `i` (its first dozen characters) again: in a breadcrumb,
    as alt text, in a page-title variant. `whole`: a removed line (a breadcrumb, a copy
    right under it) starts or ends with it; a brand name inside a promo line is no copy."""
    text = page.text[i]
    if len(text) < 6:
        return False
    start = text[:12]

    def copy(j: int, other: str) -> bool:
        if whole:  # a breadcrumb ending with it, the same line again under it
            return j in page.removed and (other.startswith(text) or other.endswith(text))
        # a shorter line inside it is a copy where the page printed it first (a crumb, a
        # header); a later heading that a title happens to contain is the article's own
        return start in other or (len(other) >= 6 and other in text and (j < i or j in page.removed))

    return any(j != i and copy(j, other) for j, other in enumerate(page.text)
               if page.prose_kind[j] and not is_prose(other)
               and not (j in page.removed and page.removed[j].rule == "repeated-caption"))


def repeated_title(page: Page, title: str) -> None:
    """The title printed again in the body (image alt text, "<title>-图1") is not the article."""
    fig = page.rules.figure_suffix
    title = re.sub(r"\s+", "", title)  # "基于 GAN 的…" printed again as "基于GAN的…"
    for i in page.live():
        text = re.sub(r"\s+", "", page.text[i])
        if text == title or (text.startswith(title) and fig.fullmatch(text[len(title):])) \
                or (len(text) >= 6 and title.startswith(text) and not is_prose(page.text[i])):
            page.remove(i, "placeholder", "repeated-title")
