"""The language an article is written in: Chinese, Japanese, Korean, English or another.

Script decides what it can, because it is a fact of the text: kana are only
written in Japanese and Hangul only in Korean, so Han characters with neither
are Chinese — counting kanji alone once read a Japanese article as Chinese and
converted it with OpenCC (販売→贩売). What script cannot tell, the page's
declared language (`<html lang>`) does: Han-only text declared Japanese (a
headline in kanji), or Latin text declared German. A declaration the text
contradicts (Chinese text under a template's lang="en") is ignored.

Only "zh" text is ever converted between scripts (variants.py); every other
language is published as it was written.
"""
from __future__ import annotations

import re

CHINESE, ENGLISH, UNDETERMINED = "zh", "en", "und"
_CJK_LANGUAGES = {"zh", "ja", "ko"}

_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
# Hiragana and katakana, without the two marks Chinese text borrows (・ and ー),
# and half-width katakana.
_KANA = re.compile(r"[\u3041-\u30fa\u30fd-\u30ff\u31f0-\u31ff\uff66-\uff9d]")
_HANGUL = re.compile(r"[\uac00-\ud7af\u1100-\u11ff\u3131-\u318e]")
_LATIN = re.compile(r"[A-Za-z\u00c0-\u024f]")

# Counting this many characters decides any real article; more only costs time.
SAMPLE_CHARS = 6000
# A text is CJK when CJK characters are at least this share of its letters
# (Latin letters count one each): English with a few Chinese words stays English.
CJK_SHARE = 0.15
# Japanese prose is a third or more kana; Chinese quoting a Japanese title or
# a brand's "の" stays far below this share of its Han + kana characters.
KANA_SHARE = 0.1


def declared_language(tag: str | None) -> str | None:
    """The primary language of a declared tag: "zh-Hant-TW" → "zh", "en_US" → "en"."""
    primary = re.split(r"[-_]", (tag or "").strip().lower(), maxsplit=1)[0]
    return primary if re.fullmatch(r"[a-z]{2,3}", primary) else None


def detect_language(text: str, declared: str | None = None) -> str:
    """"zh", "ja", "ko", "en", the declared language of a non-CJK text, or "und"
    for text in another script (Cyrillic, Arabic…) that declares none."""
    sample = text[:SAMPLE_CHARS]
    han, kana, hangul = (len(p.findall(sample)) for p in (_HAN, _KANA, _HANGUL))
    cjk, latin = han + kana + hangul, len(_LATIN.findall(sample))
    stated = declared_language(declared)
    if cjk and cjk >= CJK_SHARE * (cjk + latin):
        if hangul > han + kana:
            return "ko"
        if kana >= KANA_SHARE * (han + kana):
            return "ja"
        # Han alone: Chinese, unless the page says it is Japanese or Korean.
        return stated if stated in ("ja", "ko") else CHINESE
    if stated and stated not in _CJK_LANGUAGES:
        return stated
    return ENGLISH if latin >= sum(ch.isalpha() for ch in sample) / 2 else UNDETERMINED


def is_chinese(text: str, declared: str | None = None) -> bool:
    """Whether a text is written in Chinese (not English with a few Chinese words, not Japanese)."""
    return detect_language(text, declared) == CHINESE
