"""Chinese script variants: detect Simplified vs Traditional, convert at phrase level.

Taiwan ↔ Mainland (tw2sp, s2twp: 軟體→软件, 記憶體→内存) goes through
conversion.py: OpenCC with the project's phrase files, its phrase matches kept
from straddling two words, and entries limited to a subject. The other configs
(s2tw, s2hk, s2t, and t2s/s2t for detection) are OpenCC's own, with
phrases/<config>.txt taking precedence where it exists.
URLs and Markdown link targets are never converted. Inline code is, as code
blocks are: OpenCC changes only Han characters, and Han text in code is
placeholders, labels and comments, which publishers convert with the prose
(tldr-pages' `{{路径/到/文件}}` is `{{路徑/到/檔案}}` in its zh_TW pages).
"""
from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache

import opencc

from .conversion import DIRECTIONS, PHRASES_DIR, opencc_with_phrases, read_phrase_file, word_converter
from .han import HAN

# Spans that must come out exactly as they went in.
_PROTECTED = re.compile(r"\]\([^)\s]*\)|<https?://[^>\s]*>|https?://[^\s<>()\"'`，。、]+")

# Which config turns a text of the detected script into each target script.
TO_HANS = "tw2sp"
DEFAULT_TO_HANT = "s2twp"
HANT_CONFIGS = ("s2twp", "s2tw", "s2hk", "s2t")


def converter(config: str) -> opencc.OpenCC:
    """OpenCC's `config` with phrases/<config>.txt in front (entries for one subject left out).

    Plain OpenCC, no garble guard: for character-level work (script detection,
    search folding's character map) and as the benchmarks' floor.
    """
    entries = tuple((s, t) for s, t, context in read_phrase_file(PHRASES_DIR / f"{config}.txt") if not context)
    return opencc_with_phrases(config, entries)


def convert(text: str, config: str, context: frozenset[str] | None = None) -> str:
    """Convert the Chinese in `text`, leaving URLs and link targets untouched.

    `context` (from `context_of`) says what the whole article is about, so that
    its title, tags and body are converted alike; by default the text's own.
    """
    if config in DIRECTIONS:
        words = word_converter(config)
        if context is None:
            context = words.context_of(text)
        conv = lambda part: words.convert(part, context)  # noqa: E731
    else:
        conv = converter(config).convert
    out, pos = [], 0
    for m in _PROTECTED.finditer(text):
        out.append(conv(text[pos : m.start()]) if HAN.search(text[pos : m.start()]) else text[pos : m.start()])
        out.append(m.group(0))
        pos = m.end()
    rest = text[pos:]
    out.append(conv(rest) if HAN.search(rest) else rest)
    return "".join(out)


def context_of(text: str, config: str) -> frozenset[str]:
    """The subjects (contexts.txt) a text is about, for converting its parts with `convert`."""
    return word_converter(config).context_of(text) if config in DIRECTIONS else frozenset()


@lru_cache(maxsize=65536)
def _char_script(ch: str) -> int:
    """+1 for a character only Traditional uses, -1 for one only Simplified uses, else 0."""
    if not HAN.match(ch):
        return 0
    if converter("t2s").convert(ch) != ch:
        return 1
    if converter("s2t").convert(ch) != ch:
        return -1
    return 0


# Counting this many characters decides any real article; more only costs time.
SAMPLE_CHARS = 6000


def script_counts(text: str) -> tuple[int, int]:
    """(Traditional-only, Simplified-only) character counts in the first SAMPLE_CHARS characters."""
    trad = simp = 0
    # Counting every character of the sample (C speed) and classifying the few
    # hundred distinct ones is cheaper than extracting the Han characters first.
    for ch, n in Counter(text[:SAMPLE_CHARS]).items():
        s = _char_script(ch)
        trad += n * (s > 0)
        simp += n * (s < 0)
    return trad, simp


def detect_script(text: str) -> str:
    """zh-Hant or zh-Hans by majority of script-specific characters.

    Counting, not set membership: one stray Simplified character in a long
    Traditional article (a scraper's "广場") does not flip it.
    """
    trad, simp = script_counts(text)
    return "zh-Hant" if trad > simp else "zh-Hans"
