"""Script detection and phrase-level conversion with the project's overrides."""
import pytest

from importer.script import convert, detect_script, script_counts


def test_detection_counts_characters_so_one_stray_does_not_flip():
    trad = "微軟發佈了新的軟體更新，記憶體價格也同步上漲，這對整個產業影響深遠。" * 20
    assert detect_script(trad + "广") == "zh-Hant"
    simp = "微软发布了新的软件更新，内存价格也同步上涨，这对整个产业影响深远。" * 20
    assert detect_script(simp + "廣場") == "zh-Hans"
    t, s = script_counts("微軟微软")
    assert (t, s) == (1, 1)


@pytest.mark.parametrize("taiwan, mainland", [("軟體", "软件"), ("記憶體", "内存"), ("數位", "数字"), ("晶片", "芯片")])
def test_taiwan_phrases_become_mainland_phrases(taiwan, mainland):
    assert convert(f"這是{taiwan}。", "tw2sp") == f"这是{mainland}。"


@pytest.mark.parametrize("simplified, taiwan", [("被发明", "被發明"), ("展示了", "展示了"), ("估值回调", "估值回檔"),
                                                ("模型参数", "模型參數")])
def test_project_phrase_file_overrides_opencc(simplified, taiwan):
    assert convert(simplified, "s2twp") == taiwan


def test_urls_link_targets_and_english_are_never_converted():
    text = "软件 https://example.com/软件?q=内存 `内存` Memory [链接](https://a.cn/发布) done"
    out = convert(text, "s2twp")
    assert out.startswith("軟體 https://example.com/软件?q=内存 `")
    assert "](https://a.cn/发布)" in out and " Memory [連結]" in out


def test_han_text_in_inline_code_is_converted_with_the_prose():
    """Placeholders and labels in code are text: publishers convert them (tldr's zh_TW pages)."""
    assert convert("运行 `cp {{路径/到/文件}} https://a.cn/文件`", "s2twp", frozenset({"software"})) \
        == "執行 `cp {{路徑/到/檔案}} https://a.cn/文件`"


def test_hong_kong_config_is_available():
    assert convert("软件", "s2hk") != convert("软件", "s2twp")
