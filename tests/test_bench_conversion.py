"""bench/bench_conversion.py's garble rule (sentences of our own)."""
import sys
from pathlib import Path

import opencc

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))
from bench_conversion import garbled  # noqa: E402


def test_a_phrase_across_a_word_boundary_is_a_garble():
    conv = opencc.OpenCC("s2twp").convert
    source = "平台鼓励社交互动。"
    output = conv(source)
    assert output == "平臺鼓勵社互動動。"  # OpenCC's 交互 → 互動 across 社交|互动
    assert garbled(source, output, "s2t", conv)
    assert garbled(source, output, "s2t", conv, ["平台鼓勵社交互動。"])


def test_a_replacement_the_reference_has_is_no_garble():
    # jieba cuts 對聯準會 as 对联|准会 (a couplet): 聯準會 → 美联储 straddles that cut, and is right
    source, output = "市場對聯準會的決議反應平淡。", "市场对美联储的决议反应平淡。"
    conv = lambda text: text  # noqa: E731 (no pair of adjacent replacements explains it)
    assert garbled(source, output, "t2s", conv)
    assert not garbled(source, output, "t2s", conv, ["市场对美联储的决议反应平淡。"])
    assert garbled(source, output, "t2s", conv, ["市场对联准会的决议反应平淡。"])


def test_an_output_equal_to_the_reference_is_no_garble():
    # 位元組碼 → 字节码 changes the length, so no span lines up with a reference
    # of the same length; an output that is the reference is still right
    source, output = "通過在位元組碼中移除指令。", "通过在字节码中移除指令。"
    conv = lambda text: text  # noqa: E731
    assert garbled(source, output, "t2s", conv)
    assert not garbled(source, output, "t2s", conv, [output])


def test_a_phrase_of_the_projects_own_file_made_of_whole_words_is_no_garble():
    # 地址簿 → 通訊錄 is an entry of importer/phrases/s2twp.txt; jieba cuts 地址|簿
    from importer.script import convert

    conv = lambda text: convert(text, "s2twp")  # noqa: E731
    source = "点击地址簿名称。"
    output = conv(source)
    assert output == "點選通訊錄名稱。"
    assert not garbled(source, output, "s2t", conv)
    assert garbled("点击社交互动。", "點選社互動動。", "s2t", opencc.OpenCC("s2twp").convert)
