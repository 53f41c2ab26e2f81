"""How much a line looks like promo or page chrome, rather than article text.

Each line gets a score from the signals in rules/generic.yml (`signals`): campaign
words, call-to-action links, steps, prize tiers, event periods, a phrase printed
twice, a line learned as boilerplate; minus its weight as prose (a long sentence
is the article's). The cleaner adds the scores up from the top and from the
bottom of a page to find a banner or a chrome block (cleaning.py), where lines
the chrome rules already removed count with the `chrome` signal's weight. Runs
of short items (a site's menu) are found here too.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from .rules import MenuRun, RuleSet
from .text import cjk_count, clauses, commas, display_length, is_statement, line_language, looks_like_code, word_count

_REPEATED_PHRASE = re.compile(r"(\S{2,20})\s+\1")
_CODE_OR_FACT = re.compile(r"[\d(){};=<>/\\]")


@dataclass(frozen=True)
class Evidence:
    score: int
    kind: str = ""  # banner | chrome | boilerplate: what the strongest signal says the line is
    rule: str = ""  # the name of that signal


def score_line(text: str, rules: RuleSet, *, learned: bool = False) -> Evidence:
    """The line's promo/chrome score; `learned`: the line is learned boilerplate."""
    sig = rules.signals
    promo = promo_signals(text, rules)
    furniture = [(sig[name].weight, name) for name, hit in (("learned", learned), ("repeated", _said_twice(text)))
                 if hit]
    top_furniture = max(furniture, default=(0, ""))
    score = promo + top_furniture[0] - prose_weight(text, rules)
    if learned:
        return Evidence(score, "boilerplate", "learned-boilerplate")
    if promo and promo >= top_furniture[0]:
        return Evidence(score, "banner", "promo-banner")
    return Evidence(score, "chrome", top_furniture[1] or "page-chrome")


def promo_signals(text: str, rules: RuleSet) -> int:
    """The weight of the line's promo signals alone (campaign words, links, steps, prizes…)."""
    sig = rules.signals
    words = {m.group(0).lower() for m in sig["campaign_words"].pattern.finditer(text)}
    promo = min(len(words), sig["campaign_words"].cap)
    for name, s in sig.items():
        if s.pattern is not None and name != "campaign_words" and (words or not s.needs_word) and s.found(text):
            promo += s.weight
    return promo


def prose_weight(text: str, rules: RuleSet) -> int:
    """How much the line reads like running text: length, and whether it is a sentence."""
    p = rules.scoring
    weight = cjk_count(text) // p.per_cjk + word_count(text) // p.per_words
    if is_statement(text) or clauses(text) >= 2:
        weight += p.sentence
    return min(weight, p.cap)


def _said_twice(text: str) -> bool:
    """ "比特币交易 比特币交易": a site name or logo text printed twice on one line."""
    m = _REPEATED_PHRASE.fullmatch(text.strip())
    return m is not None


def menu_runs(texts: list[str], menu: MenuRun) -> list[list[int]]:
    """Runs of short items (a site's menu): `min_lines` or more lines in a row, enough of
    them very short (names, not descriptions). Positions in `texts`."""
    def item(t: str) -> bool:
        latin = word_count(t) > cjk_count(t)
        return (cjk_count(t) <= menu.max_cjk and word_count(t) <= menu.max_words and "。" not in t
                and (commas(t) <= 1 or latin and word_count(t) <= 10) and len(t) <= 100 and not looks_like_code(t))

    def short(t: str) -> bool:
        return cjk_count(t) <= menu.short_cjk and word_count(t) <= menu.short_words

    def menu_start(run: list[int]) -> list[int]:
        """The run, or its longest start with enough very short items (a menu may run
        straight into a banner's longer lines)."""
        shorts, best = 0, 0
        for k, j in enumerate(run, 1):
            shorts += short(texts[j])
            if k >= menu.min_lines and shorts >= menu.short_share * k:
                best = k
        return run[:best] if best and not _bilingual(texts[j] for j in run[:best]) else []

    found: list[list[int]] = []
    run: list[int] = []
    for i, t in enumerate(texts + [None]):
        if t is not None and item(t):
            run.append(i)
            continue
        start = menu_start(run)
        if start:
            found.append(start)
        run = []
    return found


def is_running_text(text: str, menu: MenuRun) -> bool:
    """A line longer than any menu item: the article's text even without a full stop."""
    return cjk_count(text) > menu.max_cjk or word_count(text) > menu.max_words


def _bilingual(texts) -> bool:
    """Chinese and English lines taking turns: a page's bilingual text, not its menu."""
    langs = [line_language(t) for t in texts]
    zh, en = langs.count("zh"), langs.count("en")
    return zh >= 2 and en >= 2


def without_long_ends(run: list[int], texts: list[str], menu: MenuRun, at_edge: bool) -> list[int]:
    """A title or heading next to a menu is no item of it: ends much longer than the run's
    middle go (at a page's edge a menu's descriptions are longer than its names)."""
    if len(run) < menu.min_lines:
        return run
    lengths = sorted(display_length(texts[j]) for j in run)
    # An English menu's descriptions run longer than its names; Chinese menus are words.
    latin = sum(word_count(texts[j]) > cjk_count(texts[j]) for j in run) > len(run) / 2
    factor = menu.edge_end_factor if at_edge and latin else menu.end_factor
    limit = factor * max(lengths[len(lengths) // 2], 1)

    def not_item(t: str) -> bool:
        return display_length(t) > limit or _is_headline(t)

    while run and not_item(texts[run[-1]]):
        run = run[:-1]
    while run and not_item(texts[run[0]]):
        run = run[1:]
    return run


def without_title_after_pairs(run: list[int], texts: list[str], menu: MenuRun) -> list[int]:
    """A menu of names, each with its description under it ("Futures" / "Access hundreds of
    perpetual contracts"): a longer line after a description breaks the pairs; it is the
    title above the article, not an item."""
    def short(t: str) -> bool:
        return cjk_count(t) <= menu.short_cjk and word_count(t) <= menu.short_words

    if len(run) >= 3 and not short(texts[run[-1]]) and not short(texts[run[-2]]) and short(texts[run[-3]]):
        return run[:-1]
    return run


def _is_headline(text: str) -> bool:
    """An English headline in Title Case ("Final Findings on the Approval Mechanism"), longer
    than a menu's names, which are Title Case too."""
    words = [w for w in re.findall(r"[A-Za-z][\w'’-]*", text) if len(w) > 3]
    return len(words) >= 5 and sum(w[0].isupper() for w in words) >= 0.7 * len(words)


def is_tiny_menu(texts: list[str], menu: MenuRun) -> bool:
    """Items of a word or two each, none with the marks of code or a list of facts: a
    menu even in the middle of a page."""
    return len(texts) >= menu.min_lines and all(display_length(t) <= menu.tiny and not _CODE_OR_FACT.search(t)
                                                for t in texts)
