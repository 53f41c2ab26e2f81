"""Interface words of the project's own parts, per language: listings, bylines, footer, 404.

The theme's own strings come from Material's language files (zh, zh-Hant, en);
the search box's are in overrides/assets/bp-search/search.js. Templates read
this table too (hooks/publishing.py puts it in their context as `words`).
"""
from __future__ import annotations

import datetime as dt

# Not calendar.month_name: that follows the process locale.
MONTHS = ("January", "February", "March", "April", "May", "June", "July",
          "August", "September", "October", "November", "December")

LABELS = {
    "zh-Hans": {
        "latest": "最新文章",
        "more": "更早的文章见[归档]({archive})，按主题浏览见[标签]({tags})。",
        "issue": "第 {n} 期",
        "series_issue": "{series} 第 {n} 期",
        "year": "{y} 年",
        "month": "{y} 年 {m} 月",
        "date": "{y} 年 {m} 月 {d} 日",
        "tag_page": "标签：{tag}",
        "count_one": "{n} 篇",
        "count": "{n} 篇",
        "tags_line": "标签：",
        "feed": "{site}（RSS）",
        "author": "作者：{author}",
        "source": "来源：",
        "other_languages": "本文其他语言版本：",
        "permalink": "本节链接",
        "made_with": "本站使用 {generator} 构建",
        "not_found_title": "页面不存在",
        "not_found": "您要找的页面不存在，可能已被移动或删除。",
        "go_home": "返回首页",
        "draft": "草稿",
        "scheduled": "定时发布：{date}",
        "page_n": "第 {n} 页",
        "pages": "分页",
        "previous_page": "上一页",
        "next_page": "下一页",
    },
    "zh-Hant": {
        "latest": "最新文章",
        "more": "更早的文章見[歸檔]({archive})，按主題瀏覽見[標籤]({tags})。",
        "issue": "第 {n} 期",
        "series_issue": "{series} 第 {n} 期",
        "year": "{y} 年",
        "month": "{y} 年 {m} 月",
        "date": "{y} 年 {m} 月 {d} 日",
        "tag_page": "標籤：{tag}",
        "count_one": "{n} 篇",
        "count": "{n} 篇",
        "tags_line": "標籤：",
        "feed": "{site}（RSS）",
        "author": "作者：{author}",
        "source": "來源：",
        "other_languages": "本文其他語言版本：",
        "permalink": "本節連結",
        "made_with": "本站使用 {generator} 建置",
        "not_found_title": "頁面不存在",
        "not_found": "您要找的頁面不存在，可能已被移動或刪除。",
        "go_home": "返回首頁",
        "draft": "草稿",
        "scheduled": "排定發佈：{date}",
        "page_n": "第 {n} 頁",
        "pages": "分頁",
        "previous_page": "上一頁",
        "next_page": "下一頁",
    },
    "en": {
        "latest": "Latest",
        "more": "Older articles are in the [archive]({archive}); browse by subject under [tags]({tags}).",
        "issue": "Issue {n}",
        "series_issue": "{series}, issue {n}",
        "year": "{y}",
        "month": "{month_name} {y}",
        "date": "{month_name} {d}, {y}",
        "tag_page": "Tag: {tag}",
        "count_one": "{n} article",
        "count": "{n} articles",
        "tags_line": "Tags:",
        "feed": "{site} (RSS)",
        "author": "By {author}",
        "source": "Source: ",
        "other_languages": "This article in other languages:",
        "permalink": "Link to this section",
        "made_with": "Made with {generator}",
        "not_found_title": "Page not found",
        "not_found": "The page you are looking for does not exist; it may have been moved or removed.",
        "go_home": "Go to the home page",
        "draft": "Draft",
        "scheduled": "Scheduled for {date}",
        "page_n": "Page {n}",
        "pages": "Pages",
        "previous_page": "Previous page",
        "next_page": "Next page",
    },
}


def labels(lang: str) -> dict[str, str]:
    """The words for `lang`; an unknown language gets English rather than an error."""
    return LABELS.get(lang, LABELS["en"])


def month_heading(lang: str, year: int, month: int) -> str:
    return labels(lang)["month"].format(y=year, m=month, month_name=MONTHS[month - 1])


def long_date(lang: str, date: dt.date) -> str:
    """2026 年 7 月 3 日 / July 3, 2026."""
    return labels(lang)["date"].format(y=date.year, m=date.month, d=date.day, month_name=MONTHS[date.month - 1])


def article_count(lang: str, n: int) -> str:
    """'1 article', '2 articles' (Chinese has one form)."""
    return labels(lang)["count_one" if n == 1 else "count"].format(n=n)
