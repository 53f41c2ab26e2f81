"""The two reference inputs: every content paragraph kept, the rest gone, phrases converted."""
import re
from pathlib import Path

import pytest

from helpers import content_lines, import_json, page_text, seeds_dir, split_page
from importer.script import convert
from importer.typography import typeset

SOCIAL = "000_*.txt"
WEEKLY = "001_*.txt"


def _seed(pattern):
    return next(seeds_dir().glob(pattern))


@pytest.fixture(scope="module")
def imported(tmp_path_factory):
    docs = tmp_path_factory.mktemp("docs")
    report = import_json(seeds_dir(), docs=docs)
    assert report["errors"] == []
    return {a["source"].rsplit("/", 1)[-1][:3]: a for a in report["articles"]}


def _removed_texts(article):
    return {r["text"] for r in article["removed"]}


def _strip_marker(line):
    return re.sub(r"^(?:[-*•]\s+|\d+\.\s+)", "", line)


def test_social_post_keeps_every_paragraph_in_its_own_script(imported):
    art = imported["000"]
    assert art["languages"] == ["zh-Hans", "zh-Hant"]
    page = page_text(Path(art["pages"]["zh-Hant"]))
    removed = _removed_texts(art)
    for line in content_lines(_seed(SOCIAL).read_text(encoding="utf-8")):
        if line not in removed:  # as Chinese typography sets it (importer/typography.py)
            assert typeset(line) in page, f"lost: {line[:40]}"


def test_social_post_banner_placeholders_and_byline_leave_the_body(imported):
    art = imported["000"]
    kinds = {r["kind"] for r in art["removed"]}
    assert {"banner", "placeholder", "metadata"} <= kinds
    for lang, path in art["pages"].items():
        meta, body = split_page(Path(path))
        assert "image.png" not in body
        assert "questionnaire" not in body and "announcements" not in body
        assert not re.search(r"^作者[:：]", body, re.M)
        assert meta["author"] == "Bootly"
    assert meta["translations"] == ["zh-Hans", "zh-Hant"]


def test_social_post_simplified_page_uses_mainland_phrases(imported):
    hans = page_text(Path(imported["000"]["pages"]["zh-Hans"]))
    for word in ("软件", "内存", "数字", "芯片"):
        assert word in hans
    for taiwan in ("软体", "记忆体", "数位"):
        assert taiwan not in hans


def test_weekly_issue_yields_zh_and_en_pages_with_metadata(imported):
    art = imported["001"]
    assert art["languages"] == ["zh-Hans", "zh-Hant", "en"]
    for lang, path in art["pages"].items():
        meta, body = split_page(Path(path))
        assert meta["issue"] == 462
        assert str(meta["date"]) == "2026-01-29"
        assert meta["source"].startswith("https://")
        assert meta["link"].startswith("https://")
        assert meta["lang"] == lang
        assert "本站文章均为原创" not in body and "文章链接" not in body and "内容来源" not in body
    hans = page_text(Path(art["pages"]["zh-Hans"]))
    en = page_text(Path(art["pages"]["en"]))
    assert "In the News" not in hans and "微软" not in en


def test_weekly_issue_keeps_every_paragraph(imported):
    art = imported["001"]
    hans = page_text(Path(art["pages"]["zh-Hans"]))
    en = page_text(Path(art["pages"]["en"]))
    removed = _removed_texts(art)
    lines = content_lines(_seed(WEEKLY).read_text(encoding="utf-8"))
    labels = {"内容总结:", "中文翻译:", "英文来源:"}
    for line in lines[1:]:  # the title line is the page title, without its date
        if line in removed or line in labels:
            continue
        text = _strip_marker(line)
        assert typeset(text) in hans or text in en, f"lost: {text[:40]}"


def test_weekly_traditional_page_is_converted_and_structured(imported):
    art = imported["001"]
    meta, body = split_page(Path(art["pages"]["zh-Hant"]))
    assert meta["title"] == convert(split_page(Path(art["pages"]["zh-Hans"]))[0]["title"], "s2twp")
    assert "微軟" in body and "微软" not in body
    assert re.search(r"^## ", body, re.M) and re.search(r"^### ", body, re.M)
    assert re.search(r"^- ", body, re.M)
