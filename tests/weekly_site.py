"""The texts and page addresses of the weekly-publication tests (tests/test_listings.py and
test_browser_listings.py); the site they import them into and build is conftest.py's `published`."""
from __future__ import annotations

from pathlib import Path
from urllib.parse import urljoin

from bs4 import BeautifulSoup

from conftest import LANGUAGES, site_url

# Our own text in the weekly-issue shape (summary / translation / English source).
NEW_ISSUE = """科技周报 - 第121期:城市图书馆的夜间开放实验 - 2027年1月8日

内容来源:https://weekly.example.org/issues/121
内容总结:
夜间开放吸引年轻读者
滨湖市图书馆把闭馆时间推迟到晚上十一点，三周内夜间借阅量翻了一倍，自习区常常座无虚席。
中文翻译:
本周焦点:图书馆的夜晚
图书馆管理员说，晚上来的读者大多刚下班，他们更愿意借纸质书，而不是电子书。
1. 读者反馈
- 市民甲:终于不用请假借书——下班后还能在阅览室坐两个小时。
英文来源:
This Week
The Library at Night
The city library now stays open until eleven at night, and evening loans doubled within three weeks.
- Reader Feedback
- Resident A: No More Days Off to Borrow Books – After work there is still time for two hours in the reading room.
文章标题:科技周报 - 第121期:城市图书馆的夜间开放实验 - 2027年1月8日
文章链接:https://blog.example.org/?post=121
"""

# A Traditional-Chinese post without a date or an English version.
CHINESE_ONLY = """夜市攤販開始用電子發票了嗎?
本週走訪了三個夜市，大約一半的攤販已經可以開立電子發票，其餘攤販則表示手機操作太麻煩。
年紀較大的攤主希望公所能派人到現場教學，而不是只發一張說明傳單。
作者:夜市觀察員
"""
CHINESE_ONLY_DATE = "2027-01-02"  # older than the new issue, newer than the sample articles
NEW_MONTH = (2027, 1)


def page_url(rel_dir: str) -> str:
    return site_url() + rel_dir


def soup_of(site: Path, rel_dir: str) -> BeautifulSoup:
    return BeautifulSoup((site / rel_dir / "index.html").read_text("utf-8"), "html.parser")


def resolve(site: Path, base_rel_dir: str, href: str) -> str:
    """Site-relative directory a link on page `base_rel_dir` leads to."""
    absolute = urljoin(page_url(base_rel_dir), href)
    assert absolute.startswith(site_url()), absolute
    return absolute[len(site_url()):].split("#")[0]


def article_dir(lang: str, slug: str) -> str:
    return f"{LANGUAGES[lang]}articles/{slug}/"
