"""Words of the generated listings, per language (the theme's own strings come from Material)."""
from __future__ import annotations

# Not calendar.month_name: that follows the process locale.
MONTHS = ("January", "February", "March", "April", "May", "June", "July",
          "August", "September", "October", "November", "December")

LABELS = {
    "zh-Hans": {
        "latest": "最新文章",
        "more": "更早的文章见[归档]({archive})，按主题浏览见[标签]({tags})。",
        "issue": "第 {n} 期",
        "year": "{y} 年",
        "month": "{y} 年 {m} 月",
        "tag_page": "标签：{tag}",
        "count": "{n} 篇",
        "tags_line": "标签：",
        "feed": "{site}（RSS）",
    },
    "zh-Hant": {
        "latest": "最新文章",
        "more": "更早的文章見[歸檔]({archive})，按主題瀏覽見[標籤]({tags})。",
        "issue": "第 {n} 期",
        "year": "{y} 年",
        "month": "{y} 年 {m} 月",
        "tag_page": "標籤：{tag}",
        "count": "{n} 篇",
        "tags_line": "標籤：",
        "feed": "{site}（RSS）",
    },
    "en": {
        "latest": "Latest",
        "more": "Older articles are in the [archive]({archive}); browse by subject under [tags]({tags}).",
        "issue": "Issue {n}",
        "year": "{y}",
        "month": "{month_name} {y}",
        "tag_page": "Tag: {tag}",
        "count": "{n} articles",
        "tags_line": "Tags:",
        "feed": "{site} (RSS)",
    },
}


def labels(lang: str) -> dict[str, str]:
    """The words for `lang`; an unknown language gets English rather than an error."""
    return LABELS.get(lang, LABELS["en"])


def month_heading(lang: str, year: int, month: int) -> str:
    return labels(lang)["month"].format(y=year, m=month, month_name=MONTHS[month - 1])
