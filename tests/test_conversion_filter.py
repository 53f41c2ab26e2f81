"""bench/conversion_filter.py: which real sentence pairs can score a converter (pairs of our own)."""
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))
from conversion_filter import classify  # noqa: E402


@pytest.mark.parametrize("hans, hant", [
    ("这款软件支持多种格式。", "這款軟體支援多種格式。"),  # word-level vocabulary, same length
    ("内存价格上涨。", "記憶體價格上漲。"),  # another length, but a pair of the regional tables
    ("这家公司的产品质量一向稳定。", "這家公司的產品品質一向穩定。"),
    ("央行宣布降息，市场反应平淡。", "央行宣布降息，市場反應平淡。"),  # characters only
])
def test_a_conversion_is_kept(hans, hant):
    assert classify(hans, hant) is None


@pytest.mark.parametrize("hans, hant, reason", [
    ("请先安装软件。", "請先安裝這個軟體。", "length"),  # a word added
    ("下载 Git 并安装。", "下載 git 並安裝。", "not Chinese"),  # no converter changes Latin letters
    ("系统会提示你输入密码。", "系統將提示您輸入密碼。", "one character"),  # 会/將, 你/您: rewording
    ("这是新的设置。", "这是新的設定。", "script slip"),  # Simplified characters on the Taiwan side
    ("打开设置页面查看详情。", "開啟偏好選單瀏覽說明。", "reworded"),  # the same length, said otherwise
])
def test_a_pair_that_is_not_a_conversion_is_dropped_with_its_reason(hans, hant, reason):
    assert classify(hans, hant) == reason


def test_a_word_pair_both_editions_write_is_a_synonym_not_vocabulary():
    from conversion_filter import Usage

    # this publisher writes 主要 and 核心 in both scripts, and 软件 only in Simplified
    usage = Usage.of([("主要的原因", "主要的原因"), ("主要的问题", "主要的問題"),
                      ("核心的原因", "核心的原因"), ("核心的团队", "核心的團隊"),
                      ("这款软件", "這款軟體")] * 2)
    hans, hant = "这是市场的核心因素。", "這是市場的主要因素。"
    assert classify(hans, hant) is None  # without the publisher's text: an equal-length word pair
    assert classify(hans, hant, usage) == "synonym"
    assert classify("这款软件很好用。", "這款軟體很好用。", usage) is None  # 軟體 is not Mainland usage
