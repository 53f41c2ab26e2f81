"""Split a cleaned article into its language parts and read its title line.

Three shapes: a single-language post (one part); a newsletter issue whose
label lines ("内容总结:", "中文翻译:", "英文来源:") open a summary, a translation
and an English original; and a bilingual page whose English and Chinese
paragraphs alternate (each paragraph, then its translation), which gives a
Chinese and an English part. The shape is decided by what is found, not by the source.
"""
from __future__ import annotations

import re
from dataclasses import replace

from .dates import find_date
from .errors import InputError
from .han import HAN
from .language import CHINESE, ENGLISH, detect_language
from .line_blocks import structure
from .model import Article, Block, Part, plain
from .rules import Bilingual, RuleSet, load_rules
from .text import cjk_count, is_prose, line_language, reads_as_text, word_count

_SEPARATORS = " -–—|·:：,，"
_CHINESE_PUNCTUATION = re.compile(r"[，。；：！？、]")
_ROLE_ORDER = {"summary": 0, "translation": 1, "body": 1, "original": 2}


def split_parts(article: Article, rules: RuleSet | None = None) -> Article:
    rules = rules or load_rules()
    blocks = list(article.blocks)
    if not blocks:
        raise InputError("no article text left after cleaning")
    title, blocks = _take_title(blocks, article.meta, rules)
    meta = _title_meta(title, rules)
    sections = _find_sections(blocks, rules)
    text = "\n".join(plain(b.text) for b in blocks if b.kind != "image")
    lang = detect_language(text or title, article.meta.get("source_lang"))
    if len({rule.role for _, rule, _ in sections}) >= 2:
        parts = _parts_from_sections(blocks, sections)
    # (Alternating lines are Chinese/English only: Japanese lines would pass for Chinese.)
    elif lang in (CHINESE, ENGLISH) and (bilingual := _alternating_parts(blocks, rules.bilingual)):
        parts = list(bilingual)
    else:
        parts = [Part("body", lang, structure(blocks))] if blocks else []
    parts = [p for p in parts if p.blocks]
    if not parts:
        raise InputError("no article text found (only a title, banners or boilerplate)")
    parts.sort(key=lambda p: _ROLE_ORDER.get(p.role, 1))
    meta["tags"] = _tags(article.meta.get("tags"), meta.get("series"))
    return replace(article, parts=tuple(parts), meta=article.with_meta(**meta), blocks=())


def _alternating_parts(blocks: list[Block], b: Bilingual) -> tuple[Part, Part] | None:
    """A Chinese and an English part when English and Chinese paragraphs take turns, or when
    whole English paragraphs hold a good share of the text (one English summary among Chinese
    paragraphs).

    Lines in neither language (numbers, vocabulary entries) go to both. A Chinese
    article quoting some English, or with code in it, has neither.
    """
    texts = [plain(x.text) if x.kind not in ("image", "table") else "" for x in blocks]
    langs = [_paragraph_language(t, b) for t in texts]
    en, zh = langs.count("en"), langs.count("zh")
    turns = [lang for lang in langs if lang]
    switches = sum(x != y for x, y in zip(turns, turns[1:]))
    alternating = (en >= b.min_turn_lines and zh >= b.min_turn_lines and switches >= b.min_switches
                   and en >= b.min_line_share * (en + zh))
    if not (alternating or zh >= b.min_turn_lines and _english_version(texts, langs, b)):
        return None
    zh_part = Part("body", "zh", structure([x for x, lang in zip(blocks, langs) if lang != "en"]))
    en_part = Part("original", "en", structure([x for x, lang in zip(blocks, langs) if lang != "zh"]))
    return zh_part, en_part


def _paragraph_language(text: str, b: Bilingual) -> str:
    """A line's language, where a Chinese sentence stays Chinese however many English glosses
    it carries ("大语言模型（large language model）……")."""
    lang = line_language(text)
    if not lang and cjk_count(text) >= b.chinese_min_han and _CHINESE_PUNCTUATION.search(text):
        return "zh"
    return lang


def _english_version(texts: list[str], langs: list[str], b: Bilingual) -> bool:
    """Whole English paragraphs hold at least `min_text_share` of a Chinese page's text, and
    at most `max_text_share` (an English post with a Chinese paragraph in it is no Chinese page)."""
    words = sum(word_count(t) for t, lang in zip(texts, langs)
                if lang == "en" and is_prose(t) and word_count(t) >= b.paragraph_words)
    han = sum(cjk_count(t) for t, lang in zip(texts, langs) if lang == "zh")
    english = words * b.han_per_word
    return bool(words) and b.min_text_share * (english + han) <= english <= b.max_text_share * (english + han)


def _tags(line: str | None, series: str | None) -> tuple[str, ...]:
    """Tags from a tag line, with the newsletter's series first. Tags are split at commas
    and semicolons ("Open Source, Machine Learning" is two tags), else at hashtags
    ("#AI #芯片"), else at spaces ("AI 芯片")."""
    line = line or ""
    separator = next((sep for sep in (r"[,，、;；]", "#") if re.search(sep, line)), r"\s")
    tags = [tag for tag in (" ".join(t.replace("#", " ").split()) for t in re.split(separator, line)) if tag]
    if series and series not in tags:
        tags.insert(0, series)
    return tuple(dict.fromkeys(tags))


def _take_title(blocks: list[Block], meta, rules: RuleSet) -> tuple[str, list[Block]]:
    """The title the cleaner found (or the page declares), dropping its repeat at the top of
    the body; else the first sentence of the first paragraph, which stays in the body."""
    if meta.get("title"):
        first = plain(blocks[0].text)
        repeat = blocks[0].kind in ("heading", "para", "line") and first == meta["title"] and len(blocks) > 1
        return meta["title"], blocks[1:] if repeat else blocks
    if blocks[0].kind == "heading" and len(blocks) > 1:  # a fragment of HTML opening with its heading
        return plain(blocks[0].text), blocks[1:]
    if meta.get("original_title"):
        return meta["original_title"], blocks
    text = [b for b in blocks if b.kind not in ("image", "table")] or blocks
    opening = next((b for b in text if reads_as_text(plain(b.text))), text[0])
    return first_sentence(plain(opening.text or opening.alt), rules), blocks


_HASHTAGS = re.compile(r"^(?:#[^\s#]+#?\s*)+")
_SENTENCE = re.compile(r"[。．！？!?；;]|\.(?=\s|$)")
_SOFT_BREAK = re.compile(r"[，,、：:—–]|\s-\s")


def first_sentence(text: str, rules: RuleSet) -> str:
    """A title from running text: its first sentence, cut at natural punctuation to
    about `max_cjk` Chinese or `max_latin` Latin characters."""
    text = _HASHTAGS.sub("", text).strip() or text.strip()
    m = _SENTENCE.search(text)
    cut = text[: m.start() + (m.group(0) in "?？!！")] if m and m.start() > 0 else text
    limit = rules.title.max_cjk if HAN.search(cut) else rules.title.max_latin
    if len(cut) <= limit:
        return cut.strip()
    soft = [b.start() for b in _SOFT_BREAK.finditer(cut[: limit + 1]) if b.start() >= limit // 3]
    if soft:
        return cut[: soft[-1]].rstrip(" ，,、：:—–-")
    if not HAN.search(cut):
        space = cut.rfind(" ", 0, limit)
        if space > limit // 2:
            return cut[:space].strip() + "…"
    return cut[:limit].strip() + "…"


def _title_meta(title: str, rules: RuleSet) -> dict:
    """Title without its date; issue number, series and date from the title line."""
    meta = {"title": title}
    found = find_date(title)
    if found and _in_range(title, found[1]):
        found = None  # "(2026-04-27 ~ 2026-05-03)": a period the title names, not the article's date
    if found:
        date, m = found
        meta["date"] = date.isoformat()
        stripped = (title[: m.start()].rstrip(_SEPARATORS) + " " + title[m.end():].lstrip(_SEPARATORS)).strip()
        meta["title"] = stripped or title
    m = rules.title.issue.search(meta["title"])
    if m:
        meta["issue"] = int(next(g for g in m.groups() if g))
        s = rules.title.series.search(meta["title"])
        if s and s.group("series").strip(_SEPARATORS):
            meta["series"] = s.group("series").strip(_SEPARATORS)
    return meta


def _in_range(text: str, m) -> bool:
    before, after = text[: m.start()], text[m.end():]
    return bool(re.search(r"[-–—~至到]\s*$", before) and find_date(before)) or \
        bool(re.match(r"\s*[-–—~至到]", after) and find_date(after))


def _find_sections(blocks, rules: RuleSet):
    """(block index, rule, text after the label) for each section label line."""
    found = []
    for i, block in enumerate(blocks):
        if block.kind not in ("line", "para", "heading"):
            continue
        line = plain(block.text)
        for rule in rules.sections:
            m = rule.pattern.fullmatch(line)
            if m:
                found.append((i, rule, (m.group("rest") or "").strip()))
                break
    return found


def _parts_from_sections(blocks, sections) -> list[Part]:
    parts = []
    preamble = blocks[: sections[0][0]]
    for n, (start, rule, rest) in enumerate(sections):
        end = sections[n + 1][0] if n + 1 < len(sections) else len(blocks)
        line = plain(blocks[start].text)
        first = [Block("line" if blocks[start].kind == "line" else "para", rest)] if rest else []
        body = first + blocks[start + 1 : end]
        if n == 0:
            body = preamble + body  # text before the first label is never dropped
        label = line[: len(line) - len(rest)].rstrip(" :：") if rest else line.rstrip(" :：")
        parts.append(Part(rule.role, rule.lang, structure(body), label=label))
    return parts
