"""Fold Chinese text to one script so that 微软 and 微軟, 内存 and 記憶體 match.

The browser cannot run OpenCC, so the folding rules are a table derived from
OpenCC once per build and shipped as JSON; the index is folded in Python with
the SAME table and the SAME algorithm as the query in the browser
(overrides/assets/bp-search/search.js), which keeps both sides consistent (a
contextual OpenCC conversion on one side only would make words disagree).

Algorithm (hand-written because it must be mirrored exactly in JavaScript):
1. characters: every character through `chars` (Traditional → Simplified,
   one character to one, so positions are kept);
2. phrases: leftmost-longest match over the character-folded text, through
   `phrases` (Taiwan phrase variants: 记忆体 → 内存, 软体 → 软件), found
   where the importer's converter (importer/conversion.py: OpenCC's regional
   vocabulary with the project's phrase files) rephrases a listed word, so a
   page and its search agree.
"""
from __future__ import annotations

import hashlib
import json
import os
import re
import tempfile
from functools import lru_cache
from importlib.metadata import version
from pathlib import Path

import jieba

from importer.conversion import PHRASES_DIR, cache_key, read_phrase_file
from importer.han import HAN_WIDE as HAN
from importer.script import convert as convert_text, converter

# Han ideographs: CJK Unified (with Extension A), Compatibility, Extension B and later.
HAN_RANGES = ((0x3400, 0x9FFF), (0xF900, 0xFAFF), (0x20000, 0x2FFFF))
# OpenCC configs whose character maps are merged (standard, Taiwan and Hong Kong variants).
CHAR_CONFIGS = ("t2s", "tw2s", "hk2s")
# Phrase variants are found by converting a word list through OpenCC both ways:
# jieba's dictionary (with frequencies) is the largest word list already installed.
WORD_LIST = Path(jieba.__file__).with_name("dict.txt")
MAX_PHRASE = 8
# A Taiwan variant folds to the mainland word only if, as a Simplified word, it
# is this many times rarer than that word.
RARE_RATIO = 10


@lru_cache(maxsize=1)
def table() -> dict:
    """{"chars": {trad: simp}, "phrases": {folded variant: mainland phrase}} from OpenCC.

    Deriving it takes seconds, so it is kept in the temp directory, keyed by
    everything it is made from (this file, OpenCC, the word list, the phrase files).
    """
    path = _cache_path()
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        pass
    data = _derive_table()
    tmp = path.with_suffix(f".{os.getpid()}.tmp")
    tmp.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    os.replace(tmp, path)  # atomic: parallel builds may race
    return data


def _cache_path() -> Path:
    digest = hashlib.sha1(Path(__file__).read_bytes())
    digest.update(version("opencc").encode())
    digest.update(str(WORD_LIST.stat().st_size).encode())
    digest.update(cache_key())  # the importer's converter and phrase files
    return Path(tempfile.gettempdir()) / f"bp-search-fold-{os.getuid()}-{digest.hexdigest()[:16]}.json"


def _derive_table() -> dict:
    # A Simplified character stays itself even where a Traditional variant of
    # it exists (t2s alone turns 么 into 幺).
    simplified = dict(_changed_chars("s2t"))
    chars: dict[str, str] = {}
    for config in CHAR_CONFIGS:
        for src, dst in _changed_chars(config):
            if len(dst) == 1 and src not in chars and src not in simplified:
                chars[src] = dst
    for src, dst in list(chars.items()):  # make folding idempotent
        chars[src] = chars.get(dst, dst)
    return {"chars": chars, "phrases": _phrases(chars)}


def _changed_chars(config: str) -> list[tuple[str, str]]:
    """(character, conversion) for every Han character that `config` changes on its own."""
    conv = converter(config)
    out = []
    for lo, hi in HAN_RANGES:
        block = [chr(c) for c in range(lo, hi + 1)]
        # One character per line: each is converted alone, not as part of a phrase.
        converted = conv.convert("\n".join(block)).split("\n")
        out += [(c, d) for c, d in zip(block, converted) if c != d]
    return out


def _phrases(chars: dict[str, str]) -> dict[str, str]:
    candidates = _candidates(chars, _word_list())
    # Shortest first, keeping only entries that change the result: longer keys
    # never match inside shorter ones, so an entry kept stays needed.
    phrases: dict[str, str] = {}
    for key in sorted(candidates, key=len):
        if _fold_phrases(key, phrases) != candidates[key]:
            phrases[key] = candidates[key]
    return dict(sorted(phrases.items()))


def _convert(config: str, texts: list[str]) -> list[str]:
    # The importer's own converter, one word per line, with no subject context
    # (a query has none): pages and search fold the same words the same way.
    return convert_text("\n".join(texts), config, frozenset()).split("\n")


def _candidates(chars: dict[str, str], freq: dict[str, int]) -> dict[str, str]:
    """Folded variant phrase -> folded target, from OpenCC's phrase tables and the importer's own."""
    words = [w for w in freq if 2 <= len(w) <= MAX_PHRASE]
    candidates, kept = {}, []

    def offer(variant: str, target: str) -> None:
        key, value = _fold_chars(variant, chars), _fold_chars(target, chars)
        # Only where OpenCC's phrase tables say more than the character map,
        # and the variant is not itself a common Simplified word (资料 stays
        # 资料; 记忆体 becomes 内存).
        if key != value and freq.get(key, 0) * RARE_RATIO < freq.get(target, 0):
            candidates.setdefault(key, value)

    # Mainland words in Taiwan phrasing (软件 → 軟體), where tw2sp agrees.
    taiwan = _convert("s2twp", words)
    for word, tw, cn in zip(words, taiwan, _convert("tw2sp", taiwan)):
        if cn == word:
            kept.append(word)
            offer(tw, word)
    # Taiwan words (the Traditional form of a listed word) that tw2sp rephrases (數位 → 数字).
    traditional = _convert("s2tw", words)
    for tw, cn in zip(traditional, _convert("tw2sp", traditional)):
        offer(tw, cn)
    # The importer's own tw2sp corrections fold the same way as it converts.
    for src, dst, context in read_phrase_file(PHRASES_DIR / "tw2sp.txt"):
        if not context:  # an entry for one subject cannot apply to a query
            candidates[_fold_chars(src, chars)] = _fold_chars(dst, chars)
    # Guards: a word that OpenCC keeps but the variants would damage folds to
    # itself (柔软体操 must not become 柔软件操 because 软体 is a variant).
    for word in kept:
        candidates.setdefault(_fold_chars(word, chars), _fold_chars(word, chars))
    return candidates


def _word_list() -> dict[str, int]:
    """jieba's dictionary: Simplified word -> frequency."""
    out = {}
    with open(WORD_LIST, encoding="utf-8") as fh:
        for line in fh:
            word, freq, _ = line.split(" ", 2)
            if HAN.match(word):
                out[word] = int(freq)
    return out


def _fold_chars(text: str, chars: dict[str, str]) -> str:
    return "".join(chars.get(c, c) for c in text)


def fold(text: str) -> str:
    """`text` folded to one script (see the module docstring for the algorithm)."""
    chars, phrases, pattern = _compiled()
    return pattern.sub(lambda m: phrases[m.group(0)], text.translate(chars))


@lru_cache(maxsize=1)
def _compiled():
    """The table for speed: str.translate for characters; for phrases an
    alternation, longest first, which the regex engine tries leftmost first:
    the same leftmost-longest matching as _fold_phrases."""
    t = table()
    pattern = re.compile("|".join(map(re.escape, sorted(t["phrases"], key=len, reverse=True))))
    return str.maketrans(t["chars"]), t["phrases"], pattern


def _fold_phrases(text: str, phrases: dict[str, str]) -> str:
    """Leftmost-longest phrase replacement (the reference; fold() is the fast form)."""
    out, i, n = [], 0, len(text)
    while i < n:
        for size in range(min(MAX_PHRASE, n - i), 1, -1):
            hit = phrases.get(text[i : i + size])
            if hit is not None:
                out.append(hit)
                i += size
                break
        else:
            out.append(text[i])
            i += 1
    return "".join(out)
