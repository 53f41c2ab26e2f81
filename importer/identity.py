"""Which article a source is: the same article edited, or a new one.

An article keeps one identity while its source is edited: a corrected typo, a
paragraph added or removed, a banner added or removed. Two different posts never
share one, even when they carry the same campaign banner or name the same URL (a
site's home page, a canonical link to it).

The rule, measured on the corpus (bench/bench_identity.py, figures in the README):

- Two sources that name different URLs are different articles.
- Otherwise the texts decide. Each is cut into sentences and each sentence into
  overlapping runs of SHINGLE tokens (a Han character or a word is a token; a
  shorter sentence is one run). With `shared` runs in both and `only_new` /
  `only_old` runs in one of them: an edit adds or removes text on one side and
  changes little on the other, while a different article has a lot of its own
  text on *both* sides. So the two are one article when

      min(only_new, only_old) <= MAX_CHANGE * shared               an edit changed one side
      shared >= MIN_JACCARD * (shared + only_new + only_old)        not a short text inside a long one
      shared >= MIN_SHARED and >= MIN_DISTINCT * the shorter text   enough evidence besides boilerplate

- Sentences found in BOILERPLATE_ARTICLES or more known articles (a campaign
  banner, a site footer the cleaner left) are not evidence either way: they are
  left out of `shared` and `only_*`.
"""
from __future__ import annotations

import hashlib
import re
import zlib
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from typing import Mapping
from urllib.parse import parse_qsl, urlencode, urlsplit

# Tokens per shingle. With 4, two different synthetic articles written from a small
# vocabulary (bench/synth.py) came within 0.24 of each other; 6 keeps every corpus
# figure and puts them 0.48 apart.
SHINGLE = 6
# One edit of the corpus changed up to 0.18 (three typos in a short post); the
# closest two different corpus articles came is 0.42 (banners left in) or 0.53.
MAX_CHANGE = 0.25
# The lowest one edit of the corpus reached: 0.31 (a banner added to a short post).
MIN_JACCARD = 0.2
MIN_SHARED = 6
# Without it, synthetic articles made of common sentences matched on their titles alone.
MIN_DISTINCT = 0.2
BOILERPLATE_ARTICLES = 3
# A sentence at least this similar (difflib's ratio), and at most TYPO_TOKENS longer or
# shorter, is the same sentence retyped: a typo corrected. Two different sentences of the
# corpus never came this close; pairing is tried only between texts that are mostly shared.
RETYPED = 0.85
TYPO_TOKENS = 2
MAX_RETYPED_PAIRS = 400
# Candidates must share this part of the shorter text's sentences word for word
# before their shingles are compared (a cheap filter; real edits keep most sentences).
MIN_SHARED_SENTENCES = 0.3

_HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"
# A word (a run of letters or digits that are not Han) becomes one character of the
# plane-15 private use area, so a sentence is a string of one character per token
# and its shingles are plain slices of it.
_WORD = re.compile(rf"[^\W_{_HAN}]+")
_WORD_CHARS = 65534
_NOT_TOKEN = re.compile(rf"[^\n{_HAN}\U000F0000-\U000FFFFD]+")
# Sentence ends in both languages, and line ends: a line of a page is at most a paragraph.
_SENTENCE_END = re.compile(r"[。！？!?；;…\n]+|\.(?=\s)")
_TRACKING = re.compile(r"utm_\w+|fbclid|gclid", re.I)


@dataclass(frozen=True)
class Fingerprint:
    """What identifies an article: its source URL and the sentences of one of its pages."""

    url: str
    """The source URL, normalised (see normalise_url); "" when the article names none."""
    sentences: Mapping[int, str]
    """Each sentence's key (see _key) -> its tokens, one character each (see _WORD_CHARS)."""
    _shingles: dict = field(default_factory=dict, compare=False, repr=False)
    """Shingle sets already built, by the sentences left out (a new source meets several candidates)."""

    def shingles(self, boilerplate=frozenset()) -> set:
        """The runs of SHINGLE tokens inside each sentence but `boilerplate` (a shorter sentence is one run)."""
        left_out = frozenset(k for k in self.sentences if k in boilerplate)
        if left_out not in self._shingles:
            runs: set = set()
            for key, tokens in self.sentences.items():
                if key not in left_out:
                    runs.update(tokens[i:i + SHINGLE] for i in range(max(len(tokens) - SHINGLE + 1, 1)))
            self._shingles[left_out] = runs
        return self._shingles[left_out]


def normalise_url(url: str) -> str:
    """The parts of a URL that name a page: no scheme, www., default port, fragment or tracking."""
    parts = urlsplit(url.strip())
    if not parts.netloc:
        return url.strip()
    host = (parts.hostname or "").removeprefix("www.")
    query = urlencode([(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True)
                       if not _TRACKING.fullmatch(k)])
    return host + (parts.path.rstrip("/") or "") + (f"?{query}" if query else "")


def fingerprint(url: str, text: str) -> Fingerprint:
    """The fingerprint of a page's text (its Markdown body, title line included)."""
    words = _WORD.sub(lambda m: chr(0xF0000 + zlib.crc32(m.group().encode()) % _WORD_CHARS), text.lower())
    tokens = _NOT_TOKEN.sub("", _SENTENCE_END.sub("\n", words))
    sentences = {_key(sentence): sentence for sentence in tokens.split("\n") if sentence}
    return Fingerprint(normalise_url(url) if url else "", sentences)


def _key(sentence: str) -> int:
    """A sentence's key: the same in every run, so known articles' keys can be kept on disk."""
    return int.from_bytes(hashlib.blake2b(sentence.encode(), digest_size=8).digest(), "little")


def change(new: Fingerprint, old: Fingerprint, boilerplate=frozenset()) -> float | None:
    """How much of `old` an edit changed to give `new` (0 = nothing), or None if they are different articles.

    `boilerplate` holds sentences too common to tell articles apart (see the module docstring).
    """
    if new.url and old.url and new.url != old.url:
        return None
    shared, only_new, only_old = overlap(new, old, boilerplate)
    smaller = min(len(new.shingles()), len(old.shingles()))
    if shared < max(MIN_SHARED, MIN_DISTINCT * smaller) or shared < MIN_JACCARD * (shared + only_new + only_old):
        return None
    changed = min(only_new, only_old) / shared
    return changed if changed <= MAX_CHANGE else None


def overlap(new: Fingerprint, old: Fingerprint, boilerplate=frozenset()) -> tuple[int, int, int]:
    """(shingles in both, only in `new`, only in `old`), boilerplate sentences left out.

    A sentence of `new` that is a sentence of `old` with a typo corrected (nearly all its
    tokens the same, in the same order) counts as that sentence: in a short post two
    typos would otherwise change more runs than the whole rest of the edit.
    """
    retyped = _retyped(new, old, boilerplate)
    if retyped:
        sentences = {k: v for k, v in new.sentences.items() if k not in retyped}
        sentences.update({o: old.sentences[o] for o in retyped.values()})
        new = Fingerprint(new.url, sentences)
    a, b = new.shingles(boilerplate), old.shingles(boilerplate)
    shared = len(a & b)
    return shared, len(a) - shared, len(b) - shared


def _retyped(new: Fingerprint, old: Fingerprint, boilerplate) -> dict[int, int]:
    """{key in new: key in old} for sentences that differ by a typo or two."""
    only_new = [k for k in new.sentences if k not in old.sentences and k not in boilerplate]
    only_old = [k for k in old.sentences if k not in new.sentences and k not in boilerplate]
    if not only_new or not only_old or len(only_new) * len(only_old) > MAX_RETYPED_PAIRS:
        return {}  # nothing to pair, or a different text altogether
    pairs: dict[int, int] = {}
    for n in only_new:
        a = new.sentences[n]
        for o in only_old:
            b = old.sentences[o]
            if o in pairs.values() or abs(len(a) - len(b)) > TYPO_TOKENS:
                continue
            matcher = SequenceMatcher(None, a, b, autojunk=False)
            if matcher.quick_ratio() >= RETYPED and matcher.ratio() >= RETYPED:
                pairs[n] = o
                break
    return pairs
