"""Chinese typography at import (importer/typography.py, rules/typography.yml), on sentences of our own."""
from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from helpers import run_import, split_page
from importer.model import Block, Page
from importer.typography import RULES_FILE, Typesetter, load_rules, typeset, typeset_page


@pytest.mark.parametrize("scraped, expected", [
    # half-width marks between Chinese characters become full-width
    ("新版本今天上线,欢迎试用!有问题吗?请留言:我们会回复。", "新版本今天上线，欢迎试用！有问题吗？请留言：我们会回复。"),
    ("会场在二楼;午饭在一楼。", "会场在二楼；午饭在一楼。"),
    ("讲座(线上)下午开始。", "讲座（线上）下午开始。"),
    ("湖畔大学(Lakeside)发布了报告。", "湖畔大学（Lakeside）发布了报告。"),
    # stray spaces around full-width punctuation go
    ("第一场结束了。 第二场马上开始， 请回座。", "第一场结束了。第二场马上开始，请回座。"),
    ("票价是 30 元 , 学生半价 。", "票价是 30 元，学生半价。"),
    # one space between Chinese and Latin words or digits
    ("我们用GPU跑了3天,显存占满80GB。", "我们用 GPU 跑了 3 天，显存占满 80GB。"),
    ("股价下跌:AI热潮降温?", "股价下跌：AI 热潮降温？"),
    ("ＡＢＣ公司发布１２款新品", "ABC 公司发布 12 款新品"),
    # Chinese quotes are Chinese neighbours
    ("她说:“明天见!”就走了。", "她说：“明天见！”就走了。"),
])
def test_chinese_sentences_get_chinese_punctuation_and_spacing(scraped, expected):
    assert typeset(scraped) == expected


@pytest.mark.parametrize("text", [
    "Registration closes at 10:30, not later! Questions? Ask the desk (room 2).",
    "The ratio was 3:2; the total 1,000.",
    "",
])
def test_english_sentences_are_never_touched(text):
    assert typeset(text) == text


@pytest.mark.parametrize("scraped, expected", [
    # the URL keeps its comma and its Chinese path; the sentence around it is typeset
    ("详见https://example.org/路径,参数 这一页,谢谢!", "详见 https://example.org/路径,参数 这一页，谢谢！"),
    # code keeps its punctuation
    ("请运行 `make a,b;c` 命令;然后等待。", "请运行 `make a,b;c` 命令；然后等待。"),
    # numbers keep theirs
    ("版本1.2.3的比例是3:2,会议10:30开始。", "版本 1.2.3 的比例是 3:2，会议 10:30 开始。"),
    ("与会者共1,200人。", "与会者共 1,200 人。"),
])
def test_urls_code_and_numbers_keep_their_characters(scraped, expected):
    assert typeset(scraped) == expected


def _rules(**enabled):
    return tuple(replace(r, enabled=enabled.get(r.name.replace("-", "_"), r.enabled)) for r in load_rules())


def test_rules_are_named_with_reasons_in_the_rule_file():
    rules = load_rules()
    assert RULES_FILE.name == "typography.yml"
    assert {r.name for r in rules} == {"fullwidth-punctuation", "no-space-around-fullwidth",
                                       "cjk-latin-spacing", "halfwidth-alphanumerics"}
    assert all(r.reason and r.enabled for r in rules)


def test_each_rule_can_be_switched_off_alone():
    text = "我们用GPU跑了3天,显存满了。 然后呢?"
    assert Typesetter(_rules(cjk_latin_spacing=False))(text) == "我们用GPU跑了3天，显存满了。然后呢？"
    assert Typesetter(_rules(fullwidth_punctuation=False))(text) == "我们用 GPU 跑了 3 天,显存满了。然后呢?"
    assert Typesetter(_rules(no_space_around_fullwidth=False))(text) == "我们用 GPU 跑了 3 天，显存满了。 然后呢？"
    # a switched-off instance does not leave autocorrect configured for the next one
    assert typeset(text) == "我们用 GPU 跑了 3 天，显存满了。然后呢？"


def test_all_rules_off_leaves_text_as_scraped(tmp_path):
    off = tmp_path / "typography.yml"
    off.write_text(RULES_FILE.read_text(encoding="utf-8").replace("enabled: true", "enabled: false"),
                   encoding="utf-8")
    text = "我们用GPU跑了3天,显存满了。 然后呢?"
    assert Typesetter(load_rules(off))(text) == text


def test_only_chinese_pages_and_only_their_prose_are_typeset():
    blocks = (Block("para", "他说:好!"), Block("image", "https://img.example.org/a,b.png", alt="图一:走势"),
              Block("heading", "第2节:结论", level=2))
    hans = typeset_page(Page("zh-Hans", "标题:副标题", blocks))
    assert hans.title == "标题：副标题"
    assert [b.text for b in hans.blocks] == ["他说：好！", "https://img.example.org/a,b.png", "第 2 节：结论"]
    assert hans.blocks[1].alt == "图一：走势"
    english = Page("en", "Title: sub", (Block("para", "他说:好!"),))
    assert typeset_page(english) == english


def test_an_imported_chinese_post_reads_with_chinese_punctuation(tmp_path):
    source = tmp_path / "post.txt"
    source.write_text("夜市开张了! 摊位有多少?\n\n今晚七点,湖畔夜市正式开张,共有120个摊位。 欢迎大家来逛逛!\n",
                      encoding="utf-8")
    run_import(source, docs=tmp_path / "docs", check=True)
    pages = {p.name.split(".")[-2]: p for p in (tmp_path / "docs" / "articles").glob("*.md")}
    meta, body = split_page(pages["zh-Hans"])
    assert meta["title"] == "夜市开张了！摊位有多少？"
    assert "今晚七点，湖畔夜市正式开张，共有 120 个摊位。欢迎大家来逛逛！" in body
    hant_meta, hant_body = split_page(pages["zh-Hant"])
    assert "，" in hant_body and "," not in hant_body.split("---")[-1]
