"""Chinese script variants: detect Simplified vs Traditional, convert at word level.

Taiwan ↔ Mainland (tw2sp, s2twp: 軟體→软件, 記憶體→内存) goes through
conversion.py: OpenCC's characters and regional vocabulary plus the project's
phrase files, applied to whole words of a segmentation only. The other configs
(s2tw, s2hk, s2t, and t2s/s2t for detection) are OpenCC's own, with
phrases/<config>.txt taking precedence where it exists.
URLs, inline code and Markdown link targets are never converted.
"""
from __future__ import annotations

import hashlib
import json
import os
import re
import tempfile
from collections import Counter
from functools import lru_cache
from pathlib import Path

import opencc

from .conversion import DIRECTIONS, PHRASES_DIR, read_phrase_file, word_converter

_SHARE = Path(opencc.__file__).parent / "clib" / "share" / "opencc"
_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_LATIN = re.compile(r"[A-Za-z]")
# Spans that must come out exactly as they went in.
_PROTECTED = re.compile(r"`[^`\n]*`|\]\([^)\s]*\)|<https?://[^>\s]*>|https?://[^\s<>()\"'，。、]+")

# Which config turns a text of the detected script into each target script.
TO_HANS = "tw2sp"
DEFAULT_TO_HANT = "s2twp"
HANT_CONFIGS = ("s2twp", "s2tw", "s2hk", "s2t")


@lru_cache(maxsize=None)
def converter(config: str) -> opencc.OpenCC:
    """An OpenCC converter for `config`, with phrases/<config>.txt overriding it.

    A custom config cannot name the built-in dictionaries by bare file name, so
    the packaged config is rewritten with absolute paths and the project's
    phrases are put first (short_circuit) in segmentation and the first stage;
    later stages get the targets mapped to themselves so that they keep them.
    """
    phrases = PHRASES_DIR / f"{config}.txt"
    # Entries limited to a context need the word converter (conversion.py).
    entries = [(s, t) for s, t, context in read_phrase_file(phrases) if not context]
    if not entries:
        return opencc.OpenCC(config)
    with open(_SHARE / f"{config}.json", encoding="utf-8") as fh:
        cfg = json.load(fh)
    _absolutise(cfg)
    digest = hashlib.sha1((config + repr(entries)).encode()).hexdigest()[:12]
    workdir = Path(tempfile.gettempdir()) / f"importer-opencc-{os.getuid()}-{digest}"
    workdir.mkdir(exist_ok=True)
    user_dict = workdir / "phrases.txt"
    _write_if_changed(user_dict, "".join(f"{k}\t{v}\n" for k, v in entries))
    user = {"type": "text", "file": str(user_dict)}
    seg = cfg["segmentation"]
    seg["dict"] = {"type": "group", "match_policy": "short_circuit", "dicts": [user, seg["dict"]]}
    keep_dict = workdir / "keep.txt"
    _write_if_changed(keep_dict, "".join(f"{v}\t{v}\n" for _, v in entries))
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


def convert(text: str, config: str, context: frozenset[str] | None = None) -> str:
    """Convert the Chinese in `text`, leaving URLs, code and link targets untouched.

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
        out.append(conv(text[pos : m.start()]) if _CJK.search(text[pos : m.start()]) else text[pos : m.start()])
        out.append(m.group(0))
        pos = m.end()
    rest = text[pos:]
    out.append(conv(rest) if _CJK.search(rest) else rest)
    return "".join(out)


def context_of(text: str, config: str) -> frozenset[str]:
    """The subjects (contexts.txt) a text is about, for converting its parts with `convert`."""
    return word_converter(config).context_of(text) if config in DIRECTIONS else frozenset()


@lru_cache(maxsize=65536)
def _char_script(ch: str) -> int:
    """+1 for a character only Traditional uses, -1 for one only Simplified uses, else 0."""
    if not _CJK.match(ch):
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


def is_chinese(text: str) -> bool:
    """Whether a text is written in Chinese (rather than English with a few Chinese words)."""
    sample = text[:SAMPLE_CHARS]
    cjk = len(_CJK.findall(sample))
    latin = len(_LATIN.findall(sample))
    return cjk > 0 and cjk >= 0.15 * (cjk + latin)
