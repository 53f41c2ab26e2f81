"""Banners and chrome blocks at the head and the tail of a page.

From the top (and from the bottom) the run of lines whose evidence scores
(evidence.py) add up highest is a banner or a chrome block, removed when strong
enough. Lines with no signal of their own inside it go with it; the article's
paragraphs stop it, and so does its title (a line above the byline or the first
paragraph), after which the head may hold another block (a promo under the
title and date). Weights and thresholds are data in rules/generic.yml.
"""
from __future__ import annotations

import re
from typing import TYPE_CHECKING

from .evidence import Evidence, promo_signals, score_line
from .metadata import edge_metadata_lines
from .text import LIST_ITEM, display_length, is_heading_like, is_prose, reads_as_text
from .titles import printed_again

if TYPE_CHECKING:
    from .page import Page

# A line scoring this or lower is the article's text, not a promo sentence.
_TEXT_SCORE = -2
# From the bottom, a paragraph of prose at least this long (characters or words) is the
# article's last: a closing block never reaches past it.
_LAST_PARAGRAPH = 40


def trim_edges(page: Page) -> None:
    s = page.rules.scoring
    candidates = edge_metadata_lines(page)
    campaign_sections(page, candidates)
    scores = line_scores(page, candidates)
    order = [i for i in range(len(page.blocks)) if page.prose_kind[i]]
    titles, weak = title_like(page, order, scores, candidates)
    # A title line ends a block; what follows it (a promo under the title and date)
    # may be another block, until the article's text begins.
    taken: set[int] = set()
    head = order[: s.max_head]
    above = None  # the title-like line this part of the head starts under
    while head:
        cut = next((n for n, i in enumerate(head) if i in titles), len(head))
        run, text_began = _trim(page, head[:cut], scores, candidates, after=head[cut:], above_title=cut < len(head))
        if above is not None and above == weak and run and min(run) == head[0] \
                and page.removed[min(run)].kind == "banner":
            # the page's first line right above a banner is the banner's headline
            page.remove(weak, "banner", page.removed[min(run)].rule)
        if run and cut < len(head) and head[cut] not in run:
            # Between a banner and the title below it nothing is the article's yet: a
            # closing sentence or two of the banner (a rule, a call to post) go with it.
            between = [i for i in head[:cut] if i > max(run) and i not in page.removed and i not in candidates]
            if len(between) <= s.tail_glue and all(
                    reads_as_text(page.text[i]) and display_length(page.text[i]) < _LAST_PARAGRAPH * 1.5
                    and promo_signals(page.text[i], page.rules) > 0 for i in between):
                for i in between:
                    page.remove(i, "banner" if page.removed[max(run)].kind == "banner" else "chrome",
                                page.removed[max(run)].rule)
                run |= set(between)
        taken |= run
        if text_began:
            break
        above = head[cut] if cut < len(head) else None
        head = [i for i in head[cut + 1:] if (i not in candidates or i in page.removed) and i not in taken]
    # The bottom run starts from what the top one left: a short article between a
    # banner and the end must not be read as the inside of one long block.
    order = [i for i in order if i not in taken]
    _trim(page, order[::-1][: s.max_tail], scores, candidates, tail=True)
    copies_of_removed(page)


# An emoji (not a keycap digit) opening a line, and what follows it.
_EMOJI_HEADING = re.compile(r"\s*[\u2600-\u27bf\U0001f300-\U0001faff]\ufe0f?\s*(?P<rest>\S.*)")


def campaign_sections(page: Page, metadata: set[int]) -> None:
    """A campaign's block laid out as sections under emoji headings with campaign words
    ("📅 活动时间", "🎯 参与方式", "🏆 奖励设置") at the top of a post: from the top through
    the last heading's section, up to the article's first paragraph, it is one banner."""
    rule = page.rules.campaign_sections
    order = [i for i in range(len(page.blocks)) if page.prose_kind[i] and i not in page.removed]
    headings: list[int] = []
    for pos, i in enumerate(order[: page.rules.scoring.max_head]):
        m = _EMOJI_HEADING.fullmatch(page.text[i])
        if not m or display_length(m["rest"]) > rule.max_heading or is_prose(m["rest"]) \
                or promo_signals(m["rest"], page.rules) <= 0:
            continue
        if (headings and pos - headings[-1] > rule.max_gap) or (not headings and pos >= rule.first_within):
            break
        headings.append(pos)
    if len(headings) < rule.min_headings:
        return

    def campaign_line(pos: int) -> bool:
        text = page.text[order[pos]]
        return not (is_prose(text) and display_length(text) >= _LAST_PARAGRAPH) and promo_signals(text, page.rules) > 0

    end = headings[-1]
    for pos in range(end + 1, min(end + 1 + rule.max_gap, len(order))):
        # The last section's lines carry campaign words; the article's first line does not.
        # A last emoji heading without them ("📌 Notes") goes when its line does.
        heading = _EMOJI_HEADING.fullmatch(page.text[order[pos]])
        if not campaign_line(pos) and not (heading and display_length(heading["rest"]) <= rule.max_heading
                                           and pos + 1 < len(order) and campaign_line(pos + 1)):
            break
        end = pos
    for i in order[: end + 1]:
        if i not in metadata:
            page.remove(i, "banner", rule.name)


def copies_of_removed(page: Page) -> None:
    """A short line printed again where a banner or chrome line was removed is that line too."""
    gone = {page.text[i]: page.removed[i] for i in page.removed
            if page.removed[i].kind in ("banner", "chrome", "boilerplate")
            and page.removed[i].rule not in {r.name for r in page.rules.end_markers}}
    for i in page.live():
        if page.text[i] in gone and display_length(page.text[i]) <= 20 and not is_prose(page.text[i]):
            page.remove(i, gone[page.text[i]].kind, gone[page.text[i]].rule)


def title_like(page: Page, order: list[int], evidence: dict[int, Evidence],
               metadata: set[int]) -> tuple[set[int], int | None]:
    """Lines no block from the top may take: a line heading the article (above its byline
    or first paragraph), a line the page prints again (in a breadcrumb, as alt text), and
    the page's first line when it has no promo or chrome sign — that one only weakly: it
    is returned again as the second value (see _headline_of)."""
    live = [i for i in order if i not in page.removed and i not in metadata]
    strong = page.rules.scoring.strong
    found = {i for i in live if evidence[i].score < strong and heads_the_article(page, i, metadata)}
    found |= {i for i in live[:12] if evidence[i].score < strong and is_heading_like(page.text[i])
              and printed_again(page, i, whole=True)}
    weak = None
    if live and live[0] not in found and is_heading_like(page.text[live[0]]) and evidence[live[0]].score <= 0:
        weak = live[0]
        found.add(weak)
    return found, weak


def line_scores(page: Page, metadata: set[int]) -> dict[int, Evidence]:
    """Each prose line's evidence; removed chrome counts with the chrome signal's weight."""
    sig = page.rules.signals
    out = {}
    for i, t in enumerate(page.text):
        if not page.prose_kind[i]:
            continue
        if i in page.removed:
            # Removed chrome and banners count for a run; metadata and image placeholders
            # (a cover image sits between the title and the text) do not.
            weight = sig["chrome"].weight if page.removed[i].kind not in ("metadata", "placeholder") else 0
            out[i] = Evidence(weight, page.removed[i].kind, page.removed[i].rule)
        elif i in metadata:
            out[i] = Evidence(0)
        else:
            ev = score_line(t, page.rules, learned=t in page.known)
            out[i] = ev
    return out


def heads_the_article(page: Page, i: int, metadata: set[int], depth: int = 0) -> bool:
    """A line right above the byline or date, or a short line right above the first
    paragraph (or above the first section heading and its paragraph): the article's
    title, which no banner or chrome block takes."""
    nxt = i + 1
    while nxt < len(page.blocks) and nxt in page.removed and nxt not in metadata:
        nxt += 1
    if nxt >= len(page.blocks) or not page.prose_kind[nxt]:
        return False
    if nxt == i + 1 and nxt in metadata:
        return True
    if nxt in metadata or not is_heading_like(page.text[i]) or LIST_ITEM.match(page.text[i]):
        return False
    if is_prose(page.text[nxt]):
        # a paragraph full of campaign words ("Only 1 day left! … vote … prizes") is a banner's, not the article's
        return (score_line(page.text[nxt], page.rules).score <= _TEXT_SCORE
                and promo_signals(page.text[nxt], page.rules) < page.rules.scoring.promo_paragraph)
    return (depth == 0 and score_line(page.text[i], page.rules).score <= 0
            and heads_the_article(page, nxt, metadata, depth=1))


def _trim(page: Page, order: list[int], evidence: dict[int, Evidence], metadata: set[int],
          tail: bool = False, after: list[int] = (), above_title: bool = False) -> tuple[set[int], bool]:
    """Remove the run from the edge (in `order`) whose scores add up highest, if strong enough;
    return the lines of the run, and whether the scan stopped at the article's text.
    `above_title`: `order` ends right above the title line."""
    s = page.rules.scoring
    best, best_at, text_began = _best_run(page, order, evidence, tail)
    if above_title and best_at < len(order) - 1 and _one_block(page, order, evidence):
        best, best_at, text_began = max(best, s.min_total), len(order) - 1, False
    run = order[: best_at + 1]
    if not tail and _headline_under_chrome(page, run, order[best_at + 1:], evidence):
        run = run[:-1]
    strong = sum(1 for i in run if evidence[i].score >= s.strong)
    if best < s.min_total or strong < s.min_strong:
        return set(), text_began
    rest = order[best_at + 1:]
    run += _tail_glue(page, rest, evidence) if tail else _parallel_lines(page, run, rest + list(after))
    kind = _majority(evidence[i] for i in run if evidence[i].score > 0)
    for i in run:
        if i in page.removed or i in metadata:
            continue
        ev = evidence[i]
        if ev.score > 0:
            page.remove(i, ev.kind, ev.rule)
        else:  # a line with no signal of its own inside the block goes with it
            page.remove(i, kind.kind, kind.rule)
    return set(run), text_began


def _one_block(page: Page, order: list[int], evidence: dict[int, Evidence]) -> bool:
    """Above the title nothing is the article: lines with no paragraph among them whose scores
    add up to a banner's are one block, even where a few chatty sentences ("Crypto can be
    stressful, so let's laugh it out") would stop the scan from the edge."""
    s = page.rules.scoring
    if any(i not in page.removed and is_prose(page.text[i]) and display_length(page.text[i]) >= _LAST_PARAGRAPH
           for i in order):
        return False
    return (sum(evidence[i].score for i in order) >= s.min_total
            and sum(evidence[i].score >= s.strong for i in order) >= s.min_strong)


def _headline_under_chrome(page: Page, run: list[int], rest: list[int], evidence: dict[int, Evidence]) -> bool:
    """The run's last line is its only promo line, under page chrome (a menu) and right above
    the article's first paragraph: the post's headline about a campaign, not a banner."""
    promo = [i for i in run if i not in page.removed and evidence[i].kind == "banner" and evidence[i].score > 0]
    chrome = [i for i in run if i in page.removed and page.removed[i].kind == "chrome"]
    nxt = next((i for i in rest if i not in page.removed), None)
    return (promo == run[-1:] and len(chrome) >= 3 and nxt is not None and is_prose(page.text[nxt])
            and display_length(page.text[nxt]) >= _LAST_PARAGRAPH)


def _best_run(page: Page, order: list[int], evidence: dict[int, Evidence], tail: bool) -> tuple[float, int, bool]:
    """The highest running total of scores from the edge, where it is reached, and
    whether the scan stopped at the article's text."""
    s = page.rules.scoring
    total, best, best_at, paragraphs = 0, 0, -1, 0
    for pos, i in enumerate(order):
        paragraph = i not in page.removed and is_prose(page.text[i]) and display_length(page.text[i]) >= _LAST_PARAGRAPH
        if tail and paragraph and evidence[i].score < 0:
            return best, best_at, True  # a paragraph of the article, even one about rewards: it ends here
        paragraphs += paragraph and evidence[i].score <= _TEXT_SCORE
        if paragraphs == 2:
            return best, best_at, True  # a second paragraph of text from the top: the article, even with chrome under it
        total += evidence[i].score
        if total > best:
            best, best_at = total, pos
        elif total - best <= -s.stop_below:
            return best, best_at, True  # prose: the article has begun
    return best, best_at, False


def _parallel_lines(page: Page, run: list[int], rest: list[int]) -> list[int]:
    """A list that runs on past the last line with a signal ("内容质量(30%):…")
    still belongs to the block: same punctuation skeleton as its last lines."""
    shapes = {_shape(page.text[i]) for i in run[-3:]}
    found = []
    for n, i in enumerate(rest):
        shape = _shape(page.text[i])
        parallel = shape in shapes or (n + 1 < len(rest) and shape == _shape(page.text[rest[n + 1]]))
        if is_prose(page.text[i]) or len(shape) < 2 or not parallel:
            break
        shapes.add(shape)
        found.append(i)
    return found


def _tail_glue(page: Page, rest: list[int], evidence: dict[int, Evidence]) -> list[int]:
    """A closing block often begins with a slogan or a short line of its own
    (no campaign word); up to the article's last paragraph it goes too."""
    found = []
    for i in rest[: page.rules.scoring.tail_glue]:
        text = page.text[i]
        if is_prose(text) or LIST_ITEM.match(text) or evidence[i].score < -3:
            break
        found.append(i)
    return found


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
