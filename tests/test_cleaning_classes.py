"""Each kind of junk real scraped pages carry, in pages written for these tests.

The shapes come from real pages (see ../shared/corpus/README.md); the words are
our own, so a rule that only knows one campaign's wording fails here.
"""
from __future__ import annotations

import pytest

from importer.cleaning import clean
from importer.dates import parse_date
from importer.line_blocks import structure
from importer.model import Article, Block
from importer.parts import split_parts
from importer.readers import split_lines

BODY = [
    "过去一周，三家云厂商同时调整了算力租赁的价格，中小团队的推理成本因此下降了两成左右。",
    "价格战的背后是新一代加速卡的集中交付，供给在半年内翻了一番，而需求的增长明显慢于预期。",
    "分析人士认为，这一轮降价会持续到明年上半年，届时自建机房与租用云端的成本差距将进一步缩小。",
]
EN_BODY = [
    "Cloud providers cut the price of rented accelerators again this week, and small teams noticed first.",
    "Behind the price war is a wave of new hardware that doubled supply in six months while demand grew slowly.",
    "Analysts expect the cuts to last into next spring, when owning a rack will cost barely more than renting one.",
]


def cleaned(src: str, **kw) -> Article:
    return clean(Article(source="t", blocks=split_lines(src)), **kw)


def texts(article: Article) -> list[str]:
    return [b.text for b in article.blocks]


def removed(article: Article) -> dict[str, str]:
    return {r.text: f"{r.kind}/{r.rule}" for r in article.removals}


# --- banners ------------------------------------------------------------------------------

ENGLISH_BANNER = """Nova Hub "Writer Partnership Track" - We Want Your Voice!
Join today, post three times a week and share $8,000 in monthly bonuses.
How to take part:
1️⃣ Open the app, tap Community, then tap your profile picture.
2️⃣ Choose Verify and fill in the short form.
Sign up: https://hub.example.org/forms/writers
Exclusive merch and front-page exposure are waiting for you!"""


def test_english_banner_whose_headline_has_no_campaign_word():
    article = cleaned(ENGLISH_BANNER + "\n" + "\n".join(EN_BODY))
    assert texts(article) == EN_BODY[1:] or texts(article) == EN_BODY
    assert all(kind == "banner/promo-banner" for kind in removed(article).values())
    assert len(article.removals) == 7


BROKEN_BANNER = """天河社区「春季写作季」正式开启，发帖解锁 30,000 USDT 大奖池
参与方式：
报名表单：https://tianhe.example.com/forms/spring
使用社区里的任意发帖工具，配上文字发布即可
奖励一览：
每篇合格帖子都可瓜分 12,000 USDT 奖池
20 位幸运读者：各得 2 TH + 天河保温杯
活动时间：2026 年 3 月 1 日 10:00 – 3 月 20 日 24:00（UTC+8）"""


def test_banner_run_broken_by_an_instruction_line_and_a_prize_line():
    article = cleaned(BROKEN_BANNER + "\n算力降价潮来了\n" + "\n".join(BODY))
    assert article.meta["title"] == "算力降价潮来了"
    assert texts(article) == BODY
    assert {r.kind for r in article.removals} == {"banner"}


NO_LINK_BANNER = """🌊 海岸广场 #海岸蓝色创作周# 🌊
用海岸蓝，画出你心里的海！
📅 活动时间
2026年6月1日 — 6月10日
🎯 活动玩法
1. 在海岸广场发布原创内容（图片 / 视频 / 手绘等），需包含海岸蓝元素。
2. 帖子正文必须包含标签 #海岸蓝色创作周# 。
3. 内容需为原创且符合社区规范，禁止抄袭或搬运。
🎁 奖励设置
一等奖（1名）：海岸联名滑板
二等奖（3名）：海岸品牌T恤
🏆 评选规则
创意表现（40%）：主题契合度、创意独特性
内容质量（30%）：画面完整度、叙述完整性
社区互动（30%）：点赞、评论及转发数据"""


def test_banner_with_no_link_and_a_list_that_runs_past_its_last_keyword():
    article = cleaned(NO_LINK_BANNER + "\n" + "\n".join(BODY))
    assert texts(article) == BODY
    assert "title" not in article.meta  # the post has no title line: shape takes its first sentence


def test_banner_cut_mid_word_by_the_scraper_keeps_the_post_after_it():
    banner = NO_LINK_BANNER.rsplit("\n", 3)[0] + "\n注意事项\n• 禁止抄袭、洗稿及违"
    article = cleaned(banner + "\n为什么算力会越来越便宜\n" + "\n".join(BODY))
    assert article.meta["title"] == "为什么算力会越来越便宜"
    assert texts(article) == BODY


def test_banner_at_the_end_with_social_links_and_a_signature():
    tail = ("加密世界的大门\n在示例交易所，安全快捷地交易上千种资产\n新用户请点击注册示例所。老用户推荐他人注册，获得30%佣金！\n"
            "点击立刻下载iOS/Android版App\n示例所社群\nTwitter:https://twitter.com/example_ex\n"
            "Telegram:https://t.me/example_ex\nexample.io\n2026年5月4日")
    article = cleaned("关于调整合约指数成分的公告\n" + "\n".join(BODY) + "\n" + tail)
    assert texts(article) == BODY
    assert article.meta["date"] == "2026年5月4日" and article.meta["author"] == "example.io"


def test_an_article_about_rewards_is_not_a_banner():
    lines = ["创作者奖励缩水之后", "平台上周宣布下调创作者奖励，很多作者担心收入会因此减半，纷纷在社区里讨论对策。",
             "其实奖池并没有变小，变化的是分配方式：互动质量的权重提高了，单纯刷量的帖子拿不到奖励。",
             "对认真写作的人来说，这也许是好消息，因为优质内容终于能分到更多的空投和曝光。"]
    article = cleaned("\n".join(lines))
    assert article.meta["title"] == lines[0] and texts(article) == lines[1:]
    assert article.removals == ()


def test_a_one_paragraph_post_under_a_banner_keeps_its_paragraph():
    article = cleaned(BROKEN_BANNER + "\n" + BODY[0])
    assert texts(article) == [BODY[0]]


EMOJI_SECTION_BANNER = ["🖌 星港社区 画图挑战|一行字,画出你的新一年",
                        "在星港社区,人人都能当插画师,不需要任何基础。",
                        "写下一句话,系统就替你画好一幅画。",
                        "📅 活动时间", "2031年3月1日 10:00 – 3月20日 24:00(UTC+8)",
                        "🎯 参与方式", "打开星港社区,点击发帖,选择“画图”工具", "发布帖子并带上话题 #星港画图",
                        "🏆 奖励设置", "最佳作品奖(3名):星港定制台灯",
                        "📋 活动说明", "获奖用户需完成实名认证。", "星港保留对本次活动的最终解释权。"]


def test_campaign_laid_out_under_emoji_section_headings_is_one_banner():
    # Its opening sentences read like prose; the emoji headings with campaign words
    # below them show the whole block is the campaign's.
    article = cleaned("\n".join(EMOJI_SECTION_BANNER + BODY))
    assert texts(article) == BODY
    assert set(removed(article).values()) == {"banner/campaign-sections"}


EN_EMOJI_BANNER = ["🎉 Nova Hub — Show Us Your Best Chart & Win a Share of $300!",
                   "Markets can be confusing, so let's make them clearer together on Nova Hub.",
                   "Whether it is a neat trend line, a messy candle story or a bold forecast, we want to see it.",
                   "Post your best chart of the week and win your share of the prize pool!",
                   "💰 Rewards", "5 creators with the clearest charts", "Each gets $20 in tokens",
                   "📝 How to Join", "1⃣️ Follow Nova_Hub", "2⃣️ Post with the hashtag #MyBestChart",
                   "📌 Notes", "Hashtag #MyBestChart is required to enter"]


def test_a_last_emoji_heading_without_campaign_words_goes_with_its_campaign_line():
    article = cleaned("\n".join(EN_EMOJI_BANNER + EN_BODY))
    assert texts(article) == EN_BODY
    assert set(removed(article).values()) == {"banner/campaign-sections"}


def test_the_posts_own_emoji_heading_under_a_campaign_block_stays():
    article = cleaned("\n".join(EN_EMOJI_BANNER[:10] + ["📌 Key points"] + EN_BODY))
    assert texts(article)[-3:] == EN_BODY
    assert "📌 Key points" not in removed(article)  # it heads the post (here: its title)


def test_emoji_headings_of_an_article_are_its_own():
    lines = [BODY[0], "📌 核心观点", BODY[1], "📊 数据来源", "第三方机构的季度报告", "🔍 结论", BODY[2]]
    article = cleaned("\n".join(lines))
    assert "campaign-sections" not in " ".join(removed(article).values())
    assert all(line in texts(article) for line in BODY)


# --- menus and page chrome ----------------------------------------------------------------

MENU = ["Markets", "Spot", "Trade hundreds of pairs", "Margin", "Borrow to amplify", "Earn",
        "Stake and earn rewards", "Copy", "Follow top traders", "Learn", "Guides for beginners",
        "Academy", "Research", "Help"]


def test_site_menu_before_the_post_is_chrome_and_never_the_title():
    article = cleaned("\n".join(MENU + ["#ExampleWeeklyChallenge"] + EN_BODY))
    assert texts(article) == EN_BODY
    assert all(removed(article)[m].startswith("chrome/") for m in MENU)
    assert article.meta.get("title") != "Markets"
    assert article.meta["tags"] == "#ExampleWeeklyChallenge"


def test_short_list_items_with_the_article_running_on_below_are_no_menu():
    # A section of short list items after the last full-stop paragraph, with longer lines of
    # the article (no full stops) below it: the post's own list, not the page's foot menu.
    section = ["2 常见部署方式", "多数团队会先从这里起步", "单机部署如本地推理盒子",
               "托管服务,例如按量计费的云端接口", "混合方案,例如热数据留在本地", "边缘小板,例如 Jetson Orin Nano",
               "3 成本与风险"]
    tail = ["硬件折旧 电费 机房租金 运维人力以及备件库存这些都要算进去才行", "流量高峰时的弹性扩容往往比平时贵出三到五倍而且排队时间也很难预估"]
    lines = [BODY[0], "1 背景", *section, *tail]
    article = cleaned("\n".join(lines))
    assert all(line in " ".join(texts(article)) for line in section[1:6] + tail)
    assert not any(kind == "chrome/menu" for kind in removed(article).values())


CHROME_LINES = {
    "breadcrumb": "您的位置：首页 > 科技 > 云计算 > 算力降价潮来了",
    "counters": "312人阅读  评论(4)",
    "reading-time": "阅读本文需 6 分钟",
    "interface-words": "分享 收藏",
    "follow-and-subscribe": "[开启推播] 每日重大新闻通知",
    "advert-marker": "-----广告，请继续往下阅读-----",
    "login-register": "会员登录",
    "site-notice": "本站为示例资讯的镜像分站，每日更新热门文章，下载请前往主站",
    "browser-notice": "如需收听本段录音，请使用较新版本的浏览器。",
    "share-prompt": "分享到朋友圈",
    "read-more-stub": "Further reading: Who pays for the next data centre?",
}


@pytest.mark.parametrize("rule", sorted(CHROME_LINES))
def test_page_chrome_lines_go_wherever_they_are(rule):
    line = CHROME_LINES[rule]
    article = cleaned("\n".join(["算力降价潮来了", BODY[0], line, BODY[1], BODY[2]]))
    assert texts(article) == BODY
    assert removed(article)[line] == f"chrome/{rule}"


def test_english_news_theme_labels_above_the_title_are_chrome():
    head = ["Connect with us", "Commentary", "Cheaper compute changes who can build", "Published", "on"]
    article = cleaned("\n".join(head + EN_BODY))
    assert texts(article) == EN_BODY
    assert article.meta["title"] == "Cheaper compute changes who can build"
    assert removed(article) == {"Connect with us": "chrome/follow-and-subscribe", "Commentary": "chrome/column-name",
                                "Published": "chrome/byline-label-fragment", "on": "chrome/byline-label-fragment"}


RETURNING_BANNER = ["👋 朋友们,每天都在看行情,却从来不留一句话吗?你的看法比你想的更重要!",
                 "星港新人回归福利正式开放!第一次发帖或久未发帖,都直接送你奖励!🎁",
                 "每月 $9,000 奖金等你来拿!",
                 "📅 活动时间: 长期有效(月底结算)",
                 "💎 参与方式:",
                 "参与者需为第一次发帖的新用户,或一个月没有发帖的回归用户。",
                 "发帖时必须带上话题标签 #星港第一帖 。",
                 "💰 奖励机制:",
                 "每位有效发帖的用户都能拿到 $20 体验券,先到先得,送完为止!",
                 "📝 发帖要求: 字数需多于三十字,拒绝纯表情或无意义的字符。",
                 "💡 你的第一次分享也许就是成为社区达人的起点,现在就开始创作吧!"]


def test_banner_above_a_mirrors_view_original_header_is_not_the_article_above_it():
    # A mirror prints "查看原文" above the article; a banner added above that must not make
    # the marker read as the article's end, which would cut the whole article.
    article = cleaned("\n".join(RETURNING_BANNER + ["查看原文"] + BODY))
    assert texts(article) == BODY


def test_breadcrumb_is_never_joined_with_the_line_above_as_a_wrapped_paragraph():
    # Two long lines of about the same width read like a hard-wrapped paragraph; a breadcrumb
    # among them is a line of its own (and goes as chrome).
    head = ["Cheaper compute changes who gets to build, and who pays for it | Example Wire",
            "Home » Newsroom » Cheaper compute changes who gets to build, and who pays"]
    article = cleaned("\n".join(head) + "\n\n" + "\n\n".join(EN_BODY))
    assert removed(article)[head[1]] == "chrome/breadcrumb"
    assert all(head[1] not in t for t in texts(article))


def test_comment_section_and_related_articles_end_the_article():
    tail = ["延伸阅读", "另一篇关于芯片的报道", "存储价格的下半场", "评论区", "读者甲：写得很清楚，期待续篇。", "读者乙：数据从哪里来的？"]
    article = cleaned("\n".join(["算力降价潮来了", *BODY, *tail]))
    assert texts(article) == BODY
    assert {removed(article)[t] for t in tail} <= {"chrome/related-articles", "chrome/comment-section"}


def test_view_original_and_the_copy_of_the_post_under_it():
    tail = ["View Original", "This page may contain third-party content, which is provided for information "
            "purposes only and should not be considered as financial advice.", EN_BODY[0], EN_BODY[1][:40]]
    article = cleaned("\n".join(["Cheaper compute is here", *EN_BODY, *tail]))
    assert texts(article) == EN_BODY


def test_short_paragraphs_and_a_refrain_in_html_are_the_article():
    """In a saved page the extractor has dropped the navigation: a run of short paragraphs
    (a list of products) and a paragraph printed twice are the article's. In text a short
    sentence printed twice is a caption printed as alt text too: one copy stays."""
    items = ["黑麦面包", "碱水结", "苹果卷", "奶酪蛋糕", "罂粟籽卷"]
    refrain = "面包要当天吃完。"
    lines = ["算力降价潮来了", BODY[0], *items, BODY[1], refrain, refrain, BODY[2]]
    page = clean(Article(source="t", blocks=tuple(Block("para", t) for t in lines), markup=True))
    assert texts(page) == lines[1:]
    assert texts(cleaned("\n".join(lines))).count(refrain) == 1


def test_the_authors_card_after_the_text_ends_the_article():
    box = ["关于作者", "林小雨", "32 篇文章 ・ 5 位粉丝", "专注云计算与半导体报道！相信数据比口号更有力量！"]
    article = cleaned("\n".join(["算力降价潮来了", "作者：林小雨", *BODY, *box]))
    assert article.meta["author"] == "林小雨" and texts(article) == BODY
    assert {removed(article)[line] for line in box} <= {"chrome/author-card", "chrome/counters"}
    # the name alone inside the text (a quoted speaker, a signature above more text) stays
    quoted = cleaned("\n".join(["算力降价潮来了", "作者：林小雨", BODY[0], "林小雨", *BODY[1:]]))
    assert texts(quoted) == [BODY[0], "林小雨", *BODY[1:]]


def test_heading_after_a_menu_is_not_an_item_of_it():
    lines = ["首页", "新闻", "财经", "科技", "体育", "娱乐", "汽车", "专题"]
    article = cleaned("\n".join([*lines, "算力降价潮来了", *BODY]))
    assert article.meta["title"] == "算力降价潮来了"
    assert texts(article) == BODY


@pytest.mark.parametrize("line, source, date", [
    ("湖畔网/ 2031.05.02 09:30", "湖畔网", "2031-05-02"),
    ("example.com.cn 2031-05-02 16:03", "example.com.cn", "2031-05-02"),
    ("ABCN 2031-05-02 08:01:06 阅读 12", "ABCN", "2031-05-02"),
])
def test_site_name_and_date_under_the_title_are_lifted(line, source, date):
    article = cleaned("\n".join(["算力降价潮来了", line, *BODY]))
    assert texts(article) == BODY
    assert article.meta["source_name"] == source
    assert str(parse_date(str(article.meta["date"]))) == date
    assert "author" not in article.meta


def test_a_person_and_date_under_the_title_stay_the_byline():
    article = cleaned("\n".join(["算力降价潮来了", "林小河 2031-05-02 09:30", *BODY]))
    assert article.meta["author"] == "林小河"
    assert "source_name" not in article.meta


def test_name_signing_a_newsletters_opening_note_is_its_author():
    lines = ["Hi friends,", "This week we look at cheaper compute and who gains from it; the picks I liked best are starred.",
             "Priya", "Compute Notes", *EN_BODY]
    article = cleaned("\n".join(lines))
    assert article.meta["author"] == "Priya"
    assert "Priya" not in texts(article) and "Compute Notes" in texts(article)


def test_a_short_heading_under_a_paragraph_is_no_signature_without_a_greeting():
    lines = ["Cheaper compute is here", EN_BODY[0], "Markets", EN_BODY[1], EN_BODY[2]]
    article = cleaned("\n".join(lines))
    assert "author" not in article.meta
    assert "Markets" in texts(article)


@pytest.mark.parametrize("citation", ["Data source: Example Statistics Office 2030", "数据来源：示例统计局 2030"])
def test_a_data_source_at_the_end_is_the_articles_text_not_its_source(citation):
    article = cleaned("\n".join(["Cheaper compute is here", *EN_BODY, citation]))
    assert texts(article)[-1] == citation
    assert "source_name" not in article.meta


# --- placeholders ---------------------------------------------------------------------

@pytest.mark.parametrize("stub", ["img", "图片", "image", "(相关资料图)", "在这里插入图片描述", "Fill 1",
                                  "图片来源：示例图库", "图源《山海往事》", "圖源「夜行列車」", "(Image credit: studio sketch)",
                                  "[Photo/Example Wire]"])
def test_image_placeholders_without_a_file_name(stub):
    article = cleaned("\n".join(["算力降价潮来了", BODY[0], stub, BODY[1], BODY[2]]))
    assert texts(article) == BODY
    assert removed(article)[stub].startswith("placeholder/")


def test_alt_text_repeating_the_title_and_a_caption_printed_twice():
    caption = "上海的一处数据中心，机柜正在扩容。（作者提供）"
    lines = ["算力降价潮来了", BODY[0], "算力降价潮来了", BODY[1], "算力降价潮来了-图1", caption, caption, BODY[2]]
    article = cleaned("\n".join(lines))
    assert texts(article) == [BODY[0], BODY[1], caption, BODY[2]]
    rules = [r.rule for r in article.removals]
    assert rules.count("repeated-title") == 2 and rules.count("repeated-caption") == 1


def test_heading_that_only_introduced_a_removed_image_goes():
    lines = ["算力降价潮来了", BODY[0], "! image.png", "三大云厂商报价对比（2026 Q1）", "这意味着什么？", BODY[1], BODY[2]]
    article = cleaned("\n".join(lines))
    assert "三大云厂商报价对比（2026 Q1）" not in texts(article)
    assert removed(article)["三大云厂商报价对比（2026 Q1）"] == "placeholder/caption-of-removed-image"
    assert "这意味着什么？" in texts(article)


# --- metadata -------------------------------------------------------------------------

@pytest.mark.parametrize("line, key, value", [
    ("2026-02-03 17:37", "date", "2026-02-03"),
    ("2026/2/3 11:13:03", "date", "2026/2/3"),
    ("2026年2月3日", "date", "2026年2月3日"),
    ("刊登於 2026-02-03", "date", "2026-02-03"),
    ("科技资讯 阅读:42 2026-02-03 12:39:07 评论:0", "date", "2026-02-03"),
    ("中華民國115年2月3日星期二", "date", "中華民國115年2月3日"),
    ("文章转载自：示例日报 作者：林小雨", "source_name", "示例日报"),
    ("文章转载自：示例日报 作者：林小雨", "author", "林小雨"),
    ("記者 王小明 發自台北", "author", "記者 王小明"),
    ("经济日报／记者王小明／台北即时报导", "author", "记者王小明"),
    ("作者:Jane Roe 来源:medium 翻译:小李", "author", "Jane Roe"),
    ("#云计算#算力", "tags", "#云计算#算力"),
])
def test_metadata_lines_under_the_title(line, key, value):
    article = cleaned("\n".join(["算力降价潮来了", line, *BODY]))
    assert article.meta[key] == value
    assert texts(article) == BODY


def test_date_range_in_a_title_stays_in_the_title():
    src = "本周精华 - 2026年第18周 (2026-04-27 ~ 2026-05-03)\n" + "\n".join(BODY)
    article = split_parts(cleaned(src))
    assert article.meta["title"] == "本周精华 - 2026年第18周 (2026-04-27 ~ 2026-05-03)"
    assert "date" not in article.meta


def test_a_campaign_period_is_not_the_article_date():
    article = cleaned(NO_LINK_BANNER + "\n" + "\n".join(BODY))
    assert "date" not in article.meta


def test_fact_box_labels_are_content_not_a_byline():
    box = ["书名：云上的算盘", "作者：林小雨", "译者：王大川", "出版：示例出版社", "价格：300元"]
    article = cleaned("\n".join(["书评：云上的算盘", "2026-02-03", "书的小档案", *box, *BODY]))
    assert "author" not in article.meta
    assert [t for t in texts(article) if t in box] == box


# --- titles ---------------------------------------------------------------------------

def test_title_with_site_chrome_above_it_and_a_series_name():
    lines = ["欢迎来到示例资讯网！", "关于我们 客户服务", "深度报道", "算力降价潮来了：谁在为便宜买单", "2026-02-03  来源：示例资讯"]
    article = cleaned("\n".join(lines + BODY))
    assert article.meta["title"] == "算力降价潮来了：谁在为便宜买单"
    assert texts(article) == BODY


def test_page_title_variant_with_a_site_suffix_is_not_the_title():
    lines = ["科普：算力为什么越来越便宜？_示例网", "作者：", "时间：4/27/2026 12:48:57 PM", "科普：算力为什么越来越便宜？"]
    article = cleaned("\n".join(lines + BODY))
    assert article.meta["title"] == "科普：算力为什么越来越便宜？"
    assert article.meta["date"] == "4/27/2026"
    assert texts(article) == BODY


def test_bilingual_title_and_its_translation():
    lines = ["Cheaper Compute Arrives for Small Teams", "小团队迎来更便宜的算力"]
    article = cleaned("\n".join(lines + [EN_BODY[0], BODY[0], EN_BODY[1], BODY[1]]))
    assert article.meta["title"] == lines[0] and article.meta["translated_title"] == lines[1]


# --- structure and languages ----------------------------------------------------------

def test_alternating_english_and_chinese_paragraphs_split_into_two_parts():
    lines = ["双语新闻：算力降价", EN_BODY[0], BODY[0], EN_BODY[1], BODY[1], EN_BODY[2], BODY[2], "重点词汇",
             "1、accelerator", "n. 加速器"]
    article = split_parts(cleaned("\n".join(lines)))
    parts = {p.lang: [b.text for b in p.blocks] for p in article.parts}
    assert set(parts) == {"zh", "en"}
    assert all(t in parts["en"] for t in EN_BODY) and not any(t in parts["en"] for t in BODY)
    assert all(t in parts["zh"] for t in BODY) and not any(t in parts["zh"] for t in EN_BODY)
    assert "accelerator" in parts["en"] and "accelerator" in parts["zh"]  # a numbered vocabulary entry


def test_a_chinese_article_with_code_is_not_bilingual():
    lines = ["用示例框架写一个接口", BODY[0], "public int add(int x, int y) {", "return x + y;", "}", BODY[1],
             "// The handler answers every request", "handler.serve(request);", BODY[2]]
    article = split_parts(cleaned("\n".join(lines)))
    assert [p.lang for p in article.parts] == ["zh"]


@pytest.mark.parametrize("line, kind", [("---", "rule"), ("* * *", "rule"), ("**小结**", "heading"),
                                        ("1.1 背景介绍", "heading")])
def test_separators_bold_lines_and_section_numbers(line, kind):
    blocks = structure([b for b in split_lines("\n".join([BODY[0], line, BODY[1]]))])
    assert blocks[1].kind == kind
    if kind == "heading":
        assert blocks[1].text == line.strip("*")


def test_runs_of_short_lines_are_not_headings():
    lines = [BODY[0], "更低的价格", "更多的供给", "更慢的需求", "更长的周期", BODY[1]]
    blocks = structure(list(split_lines("\n".join(lines))))
    assert [b.kind for b in blocks] == ["para"] * len(lines)


def test_a_label_over_headings_becomes_their_parent():
    lines = ["本周要闻", "云厂商降价", BODY[0], "芯片交付提速", BODY[1]]
    blocks = structure(list(split_lines("\n".join(lines))))
    assert [(b.kind, b.level) for b in blocks[:3]] == [("heading", 2), ("heading", 3), ("para", 0)]
    assert (blocks[3].kind, blocks[3].level) == ("heading", 3)


def test_fifty_thousand_short_lines_do_not_become_headings():
    lines = [f"第{n}行" for n in range(50_000)]
    blocks = structure(list(split_lines("\n".join(lines))))
    assert not any(b.kind == "heading" for b in blocks)


# --- classes from an earlier set of held-out pages (holdout2, no longer kept) ------------

def test_title_and_headings_between_blank_lines_are_no_menu():
    # An old blog layout: close button, title, counters, an empty category slot and two
    # headings, each a paragraph of its own. A site menu prints its items line under line.
    src = "\n\n".join(["关闭", "分布式缓存入门笔记", "标签: 缓存 分布式", "318人阅读 评论(2) 收藏 举报", "分类:",
                       "缓存与数据库的分工", "缓存解决什么问题", BODY[0], BODY[1], BODY[2]])
    article = cleaned(src)
    assert article.meta["title"] == "分布式缓存入门笔记"
    assert texts(article) == ["缓存与数据库的分工", "缓存解决什么问题", *BODY]
    gone = removed(article)
    assert gone["318人阅读 评论(2) 收藏 举报"] == "chrome/counters-and-buttons"
    assert gone["分类:"] == "chrome/category-field"
    assert gone["关闭"] == "chrome/interface-words"


def test_the_same_lines_line_under_line_are_still_a_menu():
    src = "\n".join(["关闭", "分布式缓存入门笔记", "缓存与数据库", "缓存的分工", "什么问题", "下载中心", "帮助"]) + "\n\n" \
        + "\n\n".join(BODY)
    article = cleaned(src)
    assert "缓存与数据库" not in texts(article) and texts(article)[-3:] == BODY


@pytest.mark.parametrize("line, source, author", [
    ("本文来自微信公众号:山海杂谈(ID:shanhai2024),作者:林一舟", "山海杂谈", "林一舟"),
    ("文章来自微信公众号:山海杂谈(ID:shanhai2024),作者:林一舟,题图来自:视觉素材库", "山海杂谈", "林一舟"),
    ("本文摘编自《慢变量》,作者:林一舟,题图来源:视觉素材库", "《慢变量》", "林一舟"),
])
def test_reprint_line_with_account_id_or_book_and_picture_credit(line, source, author):
    article = cleaned("\n".join(["算力降价的三个原因", "2025-03-02 08:15", line, *BODY]))
    assert (article.meta["source_name"], article.meta["author"]) == (source, author)
    assert article.meta["title"] == "算力降价的三个原因" and texts(article) == BODY


def test_a_summary_bullet_never_titles_the_article():
    src = "\n".join(["首页", "快讯", "打开APP", "看推荐", "搜索历史", "删除", "完成", "全部删除", "热门词", "2025-03-02 08:15", "",
                     "算力降价的三个原因", "", "本文来自微信公众号:山海杂谈,作者:林一舟", "", "文章摘要", BODY[0], "",
                     "• 新一代加速卡集中交付，供给翻番", "", "• 需求增长慢于供给，价格战持续", "", BODY[1], "", "", BODY[2]])
    article = cleaned(src)
    assert article.meta["title"] == "算力降价的三个原因"


def test_a_newspaper_issue_lists_its_articles_above_the_one_shown():
    headlines = ["算力降价还能持续多久?", "港口自动化的下一步", "夜市摊贩的数位转型", "为长跑社团说几句话"]
    src = "\n".join(["今日新闻 社论 评论 专题报导 回首页", "2025年3月2日星期日", "", *headlines, "", "",
                     headlines[0], "", "☉林一舟", "", "\n\n".join(BODY)])
    article = cleaned(src)
    assert article.meta["title"] == headlines[0] and article.meta["author"] == "林一舟"
    assert texts(article) == BODY
    gone = removed(article)
    assert all(gone[h] == "chrome/issue-contents" for h in headlines[1:])


def test_a_title_printed_again_as_alt_text_is_no_issue_list():
    # the title's copies between paragraphs of their own (alt text), a caption among them
    src = "\n\n".join(["算力降价的三个原因", "发布时间:2025-03-02", "算力降价的三个原因", "机房里的新一代加速卡",
                       "图片来源:示例图库", "算力降价的三个原因", "导读:", *BODY])
    article = cleaned(src)
    assert article.meta["title"] == "算力降价的三个原因" and "机房里的新一代加速卡" in texts(article)
    assert not any(r.rule == "issue-contents" for r in article.removals)


def test_category_and_tags_line_and_a_clock_with_counts_under_the_title():
    src = "\n".join(["我的静态博客搭建记", "2019 3 7 09:12 PM 4821次查看", "分类:建站笔记 标签:Python, 静态站点", *BODY])
    article = cleaned(src)
    assert article.meta["title"] == "我的静态博客搭建记"
    assert "Python" in article.meta["tags"] and "建站笔记" not in article.meta["tags"]
    assert texts(article)[-3:] == BODY


def test_a_dated_title_printed_twice_is_the_title_not_a_site_name():
    src = "\n\n".join(["算力周记(2025-03-01 至 2025-03-07)", "算力周记(2025-03-01 至 2025-03-07)", "2025/03/07",
                       "预计阅读时长 6 分钟", "分类:weekly | slug:compute-weekly-10", *BODY])
    article = cleaned(src)
    assert article.meta["title"] == "算力周记(2025-03-01 至 2025-03-07)"
    assert texts(article) == BODY
    assert removed(article)["分类:weekly | slug:compute-weekly-10"] == "chrome/category-field"


@pytest.mark.parametrize("lines, name", [(["山海财经", "2025-03-02 08:00"], "山海财经"),
                                         (["Harbor Daily News 2025-03-02"], "Harbor Daily News")])
def test_a_publication_beside_the_date_is_the_source_not_the_author(lines, name):
    article = cleaned("\n".join(["算力降价的三个原因", *lines, *BODY]))
    assert article.meta.get("source_name") == name and "author" not in article.meta
    assert texts(article) == BODY


def test_a_publication_after_the_date_on_its_line_is_the_source():
    article = cleaned("\n".join(["算力降价的三个原因", "2025-03-02 08:00 山海日报", *BODY]))
    assert (article.meta["date"], article.meta["source_name"]) == ("2025-03-02", "山海日报")


def test_a_person_beside_the_date_stays_the_author():
    article = cleaned("\n".join(["算力降价的三个原因", "林一舟", "2025-03-02 08:00", *BODY]))
    assert article.meta["author"] == "林一舟" and "source_name" not in article.meta


def test_price_ticker_arrows_are_chrome():
    article = cleaned("\n".join(["Why compute got cheaper", "BTC ▲ 2.35%", "ETH/USDT 3,120 ▼ 1.2%", *EN_BODY]))
    assert texts(article) == EN_BODY
    assert set(removed(article).values()) == {"chrome/price-ticker"}


LONG_EN = [" ".join(EN_BODY + EN_BODY), EN_BODY[1], EN_BODY[2]]


def test_a_one_sentence_headline_over_long_paragraphs_is_the_title():
    headline = "Cheaper accelerators are not a gift to small teams, but a bet on who will still be renting next year."
    article = cleaned("\n".join([headline, *LONG_EN]))
    assert article.meta["title"] == headline and texts(article) == LONG_EN


EXCHANGE_NAV = ["Markets", "Trade crypto with ease", "Futures", "Perpetual contracts for every coin", "Earn",
                "Grow your holdings while you sleep", "Launch", "Be first to the next new token"]


@pytest.mark.parametrize("headline", ["🎉 Nova Hub Writers Fair is live: 5,000 USDT in prizes for two weeks of posting 🎉",
                                      "Why compute got cheaper this spring"])
def test_a_headline_right_under_an_exchange_menu_is_the_title(headline):
    article = cleaned("\n".join(EXCHANGE_NAV + [headline] + LONG_EN))
    assert article.meta["title"] == headline and texts(article) == LONG_EN
    assert set(removed(article).values()) == {"chrome/menu"}


def test_a_banner_under_an_exchange_menu_still_goes():
    article = cleaned("\n".join(EXCHANGE_NAV + ENGLISH_BANNER.split("\n") + LONG_EN))
    assert texts(article) == LONG_EN or texts(article) == LONG_EN[1:]
    assert not any(b in " ".join(texts(article)) for b in ("Sign up", "merch"))


@pytest.mark.parametrize("lines, body, meta", [
    (["算力降价的三个原因", "! logo.png", "来源：山海日报 作者：林一舟"], BODY, {"source_name": "山海日报", "author": "林一舟"}),
    (["Why compute got cheaper", "Harbor Daily News logo", "Via Harbor Daily News"], EN_BODY,
     {"source_name": "Harbor Daily News"}),
])
def test_a_source_line_under_a_logo_or_cover_image(lines, body, meta):
    article = cleaned("\n".join(lines + body))
    assert {k: article.meta.get(k) for k in meta} == meta and texts(article) == body


# --- lines of fields: credits, bylines, dates and sources side by side ------------------------

def test_a_credits_line_of_label_bar_name_fields_is_chrome_wherever_it_stands():
    credits = "主持人 | 周若水 審校 | 韓青 策劃 | 孟遠"
    article = cleaned("\n".join([credits, "算力降价的三个原因", BODY[0], BODY[1], credits.replace("孟遠", "宋一"), BODY[2]]))
    assert texts(article) == BODY and article.meta["title"] == "算力降价的三个原因"
    assert set(removed(article).values()) == {"chrome/credits-line"}


def test_a_credits_line_led_by_the_writer_is_the_byline_even_deep_in_a_newsletter():
    first, second = "文 | 林一舟 整理 | 白露 编辑 | 秦川", "文 | 顾长风 责编 | 秦川"
    article = cleaned("\n".join([first, *BODY, "第二条：存储也在降价", second, *EN_BODY[:1]]))
    assert article.meta["author"] == "林一舟"
    assert first not in texts(article) and second not in texts(article)
    # a post without a title line is titled by its first sentence, never by a credits line
    assert split_parts(article).meta["title"] == "过去一周，三家云厂商同时调整了算力租赁的价格"


@pytest.mark.parametrize("line, meta", [
    ("文／林一舟", {"author": "林一舟"}),
    ("By Mara Quill", {"author": "Mara Quill"}),
    ("作者 林一舟", {"author": "林一舟"}),
    ("林一舟 · 2025年3月2日", {"author": "林一舟", "date": "2025年3月2日"}),
    ("2025-03-02 08:00 · 林一舟", {"author": "林一舟", "date": "2025-03-02"}),
    ("Mara Quill | 2025-03-02", {"author": "Mara Quill", "date": "2025-03-02"}),
    ("Written by Mara Quill · 6 min read", {"author": "Mara Quill"}),
    ("Posted by Mara Quill on March 2, 2025", {"author": "Mara Quill", "date": "March 2, 2025"}),
    ("發佈時間：2025/03/02 來源：山海日報", {"date": "2025/03/02", "source_name": "山海日報"}),
])
def test_bylines_dates_and_sources_in_forms_other_than_a_colon_label(line, meta):
    article = cleaned("\n".join(["算力降价的三个原因", line, *BODY]))
    assert {k: article.meta.get(k) for k in meta} == meta and texts(article) == BODY


def test_a_caption_with_an_image_label_is_no_credit():
    caption = "图：三家厂商的价格曲线"
    article = cleaned("\n".join(["算力降价的三个原因", BODY[0], caption, BODY[1]]))
    assert caption in texts(article)


# --- HTML residue in text ------------------------------------------------------------------

def test_empty_tags_and_stray_closing_tags_in_text_are_chrome():
    residue = ['<div id="sidebar-slot"></div>', "<p></p>", "</p>", '<span class="meta"></span><br>']
    article = cleaned("\n".join(["算力降价的三个原因", residue[0], BODY[0], residue[1], BODY[1], residue[2], residue[3],
                                 BODY[2]]))
    assert texts(article) == BODY
    assert set(removed(article).values()) == {"chrome/html-residue"}


def test_closing_tags_of_an_html_listing_stay_with_it():
    listing = ['<ul class="menu">', '<li><a href="/">首页</a></li>', "</ul>", "</nav>"]
    article = cleaned("\n".join(["算力降价的三个原因", BODY[0], *listing, BODY[1]]))
    assert texts(article) == [BODY[0], *listing, BODY[1]]


# --- bilingual pages -----------------------------------------------------------------------

def test_one_english_paragraph_among_chinese_paragraphs_with_glosses_is_the_english_version():
    glossed = ["过去一周，三家云厂商同时调整了算力租赁（compute leasing）的价格，中小团队的推理（inference）成本下降了两成。",
               "价格战的背后是新一代加速卡（accelerator）的集中交付，供给在半年内翻了一番，需求增长却慢于预期。",
               "分析人士认为，这一轮降价会持续到明年，届时自建机房（on-premises）与租用云端的差距将进一步缩小。"]
    english = " ".join(EN_BODY[:2])
    parts = split_parts(cleaned("\n".join(["算力降价的三个原因", glossed[0], glossed[1], english, glossed[2]]))).parts
    assert {(p.lang, p.role) for p in parts} == {("zh", "body"), ("en", "original")}
    en = next(p for p in parts if p.lang == "en")
    assert [b.text for b in en.blocks] == [english]


def test_a_chinese_article_quoting_one_english_sentence_stays_chinese():
    quote = "Compute is the new electricity, and its price will keep falling."
    parts = split_parts(cleaned("\n".join(["算力降价的三个原因", BODY[0], quote, BODY[1], BODY[2]]))).parts
    assert [p.lang for p in parts] == ["zh"]


CHATTY_BANNER = """🎈 Nova Hub — Tell Us Your Worst Trade & Win a $50 Laugh Prize!
Markets can be brutal, so let's have a laugh about them together.
A missed stop, a fat-finger order or a panic sell: anything goes.
Post your story and win your share of the Laugh Prize!
💰 Rewards: the eight writers with the funniest stories each get $10 in tokens
🧭 How to Join: follow Nova_Hub first, then write as much or as little as you like
1️⃣ Post with the hashtag #MyWorstTrade so that our judges can find your story
2️⃣ Memes, screenshots, short clips and long confessions all count as entries
📌 Notes: one entry per writer, and the hashtag is requi"""


def test_an_english_banner_with_chatty_sentences_above_the_title_goes_whole():
    headline = "Why cheaper compute changes who can build models"
    article = cleaned(CHATTY_BANNER + "\n" + headline + "\n" + "\n".join(LONG_EN))
    assert article.meta["title"] == headline and texts(article) == LONG_EN
    assert {r.kind for r in article.removals} == {"banner"}


def test_a_title_of_four_english_words_printed_twice_keeps_one_copy():
    headline = "What Ten Years of Code Review Taught Me"
    article = cleaned("\n\n".join([headline, headline, *LONG_EN]))
    assert article.meta["title"] == headline and texts(article) == LONG_EN


@pytest.mark.parametrize("line, meta", [
    ("Harbor Review, 12(3):45-51, May 2024", {"source_name": "Harbor Review"}),
    ("from Harbor Daily https://feeds.example.org/x7Kq", {"source": "https://feeds.example.org/x7Kq"}),
    ("Tuesday, 4 March 2025", {"date": "4 March 2025"}),
    ("林一舟 2025-03-02 08:15:40 阅读 215", {"author": "林一舟", "date": "2025-03-02"}),
])
def test_citations_repost_credits_weekday_dates_and_bylines_with_counts_are_metadata(line, meta):
    article = cleaned("\n".join(["Why compute got cheaper", line, *LONG_EN]))
    assert {k: article.meta.get(k) for k in meta} == meta and texts(article) == LONG_EN


@pytest.mark.parametrize("stub", ["This story continues at Harbor Daily", "Or just read more coverage about: Compute",
                                  "相關閱讀:《算力為何越來越便宜》"])
def test_read_more_stubs_are_chrome(stub):
    article = cleaned("\n".join(["Why compute got cheaper", *LONG_EN[:2], stub, LONG_EN[2]]))
    assert texts(article) == LONG_EN and removed(article)[stub] == "chrome/read-more-stub"


def test_a_comment_section_heading_with_its_count_ends_the_article():
    tail = ["Comments (3)", "Sort: Best New Old", "Sign in to join the discussion."]
    article = cleaned("\n".join(["Why compute got cheaper", *LONG_EN, *tail]))
    assert texts(article) == LONG_EN


def test_a_bracketed_credit_with_a_compound_label_and_a_list_of_names_is_the_byline():
    line = "(研究出品方/作者:山海证券,林一舟、白露)"
    article = cleaned("\n".join(["算力降价的三个原因", line, *BODY]))
    assert article.meta["author"] == "山海证券,林一舟、白露" and texts(article) == BODY


def test_the_title_printed_again_with_other_spacing_is_alt_text():
    article = cleaned("\n".join(["基于 GPU 集群的推理成本分析", BODY[0], "基于GPU集群的推理成本分析", BODY[1], BODY[2]]))
    assert texts(article) == BODY and removed(article)["基于GPU集群的推理成本分析"] == "placeholder/repeated-title"


def test_an_empty_byline_and_a_bare_count_under_the_date_go():
    article = cleaned("\n".join(["Why compute got cheaper", "Posted by", "2025-03-02", "4821", *LONG_EN]))
    assert texts(article) == LONG_EN and article.meta["date"] == "2025-03-02"
    assert removed(article)["4821"] == "chrome/bare-count"


def test_a_list_of_sections_with_counts_is_chrome_but_the_intro_above_it_stays():
    intro = ["Hello everyone,", "This week the digest comes in three parts. Below we cover:"]
    sections = ["• Compute Prices (5)", "• Chip News (7)", "• Research Notes (3)"]
    article = cleaned("\n".join(intro + sections + LONG_EN))
    assert texts(article) == intro + LONG_EN
    assert {removed(article)[s] for s in sections} == {"chrome/count-list"}
    one = cleaned("\n".join(["Why compute got cheaper", LONG_EN[0], "• Compute Prices (5)", *LONG_EN[1:]]))
    assert "• Compute Prices (5)" in texts(one)  # one such line is a list item of the article


def test_a_summary_stitched_from_the_articles_own_sentences_is_a_copy():
    summary = "【摘要】:" + BODY[0] + BODY[2] + "另一句只在摘要里出现的话，也会被一起去掉。"
    article = cleaned("\n".join(["算力降价的三个原因", summary, *BODY]))
    assert texts(article) == BODY and removed(article)[summary] == "chrome/stitched-summary"
    dek = "【摘要】:三家云厂商同时降价，小团队受益最多。降价会持续到明年上半年。"
    assert dek in texts(cleaned("\n".join(["算力降价的三个原因", dek, *BODY])))  # a dek written for the reader stays


def test_a_promo_line_with_a_button_between_arrows_goes_with_the_chrome_under_it():
    promo = "山海课堂全新上线，百门课程限时免费试听，》》》了解详情《《《"
    article = cleaned("\n".join(["算力降价的三个原因", "2025-03-02", promo, "欢迎订阅山海课堂的每日频道", *BODY]))
    assert texts(article) == BODY and removed(article)[promo].startswith("banner/")


def test_an_english_post_with_one_chinese_paragraph_stays_english():
    parts = split_parts(cleaned("\n".join(["Why compute got cheaper", LONG_EN[0], BODY[0], *LONG_EN[1:]]))).parts
    assert [p.lang for p in parts] == ["en"]
