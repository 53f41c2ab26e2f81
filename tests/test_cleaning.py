"""Cleaning rules on inputs the project has never seen: other banners, placeholders, footers."""
import pytest

from importer.cleaning import clean
from importer.model import Article
from importer.readers import split_lines


def assert_cleans(src: str, kept: list[str], removed: dict[str, int] | None = None):
    """Clean `src`; exactly `kept` lines remain (the title line first, if one was found)
    and the removals count per kind."""
    article = clean(Article(source="t", blocks=split_lines(src)))
    title = [article.meta["title"]] if article.meta.get("title") else []
    assert title + [b.text for b in article.blocks] == kept
    if removed is not None:
        counts = {}
        for r in article.removals:
            counts[r.kind] = counts.get(r.kind, 0) + 1
        assert counts == removed
    return article


ARTICLE = ["芯片巨头的新战场", "本周，三家厂商同时公布了新一代处理器的路线图，竞争焦点从制程转向封装。", "封装产能成为新的瓶颈，交货周期已经拉长到九个月。"]

BANNERS = {
    "simplified-top": (
        "【夏季创作大赛】优质作者火热招募中！\n发帖即可瓜分 20,000 USDT 奖池，还有限定周边！\n"
        "参与步骤：\n1️⃣ 打开 App 进入【社区】\n2️⃣ 点击【申请认证】填写问卷\n"
        "立即报名：https://x.example.com/questionnaire/99\n活动详情：https://x.example.com/announcements/article/123\n"
    ),
    "traditional-longer-perks": (
        "📣 海風平台「金筆作者計畫」開放申請!\n每月瓜分 $3,000 創作獎金,參與活動還有空投福利!\n"
        "① 登入後前往【廣場】\n② 點擊頭像申請認證\n③ 每週發文三篇\n④ 邀請好友加入可再拿獎勵\n"
        "報名連結:https://y.example.org/forms/apply-2026\n限量周邊、流量扶持、專屬徽章等你來拿!\n"
    ),
    "english": (
        "Join the Creator Program - share a $5,000 prize pool every week!\nStep 1: open the app and go to Square\n"
        "Step 2: tap your avatar and apply for verification\nSign up: https://z.example.net/campaign/creators\n"
    ),
}


@pytest.mark.parametrize("name", sorted(BANNERS))
def test_banner_at_top_is_removed(name):
    src = BANNERS[name] + "\n".join(ARTICLE)
    article = assert_cleans(src, ARTICLE)
    assert {r.kind for r in article.removals} == {"banner"}
    assert all(r.rule == "promo-banner" for r in article.removals)


@pytest.mark.parametrize("name", sorted(BANNERS))
def test_banner_at_bottom_is_removed(name):
    src = "\n".join(ARTICLE) + "\n作者：王五\n" + BANNERS[name]
    article = assert_cleans(src, ARTICLE)
    assert article.meta["author"] == "王五"


def test_article_that_talks_about_campaigns_is_not_a_banner():
    # Campaign words without call-to-action links are content.
    lines = ["交易所的创作者激励计划值得吗？", "很多平台推出创作者奖励和空投活动，吸引作者报名。",
             "但奖金池的分配规则往往并不透明，作者需要仔细阅读活动规则。"]
    assert_cleans("\n".join(lines), lines, {})


def test_first_line_after_banner_with_one_campaign_word_is_kept():
    title = "平台奖励缩水之后"
    src = BANNERS["simplified-top"] + title + "\n" + "\n".join(ARTICLE[1:])
    assert_cleans(src, [title] + ARTICLE[1:])


@pytest.mark.parametrize("stub", ["! image.png", "![image.png]", "![]()", "[图片]", "[圖片]", "image.png",
                                  "!image.jpg", "【图片】", "![截图](  )"])
def test_image_placeholders_are_removed(stub):
    src = "\n".join([ARTICLE[0], ARTICLE[1], stub, ARTICLE[2]])
    assert_cleans(src, ARTICLE, {"placeholder": 1})


def test_real_images_and_their_captions_are_kept():
    lines = [ARTICLE[0], "![路线图](https://img.example.com/roadmap.png)", "图：三家厂商的路线图", ARTICLE[1]]
    assert_cleans("\n".join(lines), lines, {})


def test_inline_placeholder_is_cut_out_of_a_paragraph():
    article = clean(Article(source="t", blocks=split_lines("标题\n正文第一段 ! image.png 继续说明。")))
    assert article.meta["title"] == "标题"
    assert [b.text for b in article.blocks] == ["正文第一段  继续说明。"]


@pytest.mark.parametrize("footer", ["本站文章均为原创，未经许可禁止转载", "© 2026 Example Media. All rights reserved.",
                                    "版權所有，轉載請註明出處", "Copyright 2026 Example Inc."])
def test_site_footers_are_removed(footer):
    assert_cleans("\n".join(ARTICLE) + "\n" + footer, ARTICLE, {"footer": 1})


def test_metadata_lines_move_to_front_matter():
    src = ("标题\n来源：https://news.example.com/a/1\n" + "\n".join(ARTICLE[1:]) +
           "\n标签：芯片，封装\n文章标题：标题\n文章链接：https://site.example.cn/?p=9\nAuthor: Jane Doe")
    article = assert_cleans(src, ["标题"] + ARTICLE[1:], {"metadata": 5})
    assert dict(article.meta) == {"title": "标题", "source": "https://news.example.com/a/1", "tags": "芯片，封装",
                                  "original_title": "标题", "link": "https://site.example.cn/?p=9",
                                  "author": "Jane Doe"}


def test_copyright_word_inside_the_body_is_content():
    line = "法院认定该公司未经授权使用了版权所有者的素材，判赔五百万元。"
    lines = [ARTICLE[0], line, ARTICLE[1]]
    assert_cleans("\n".join(lines), lines, {})
