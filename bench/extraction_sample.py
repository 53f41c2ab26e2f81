"""Write the small extraction sample set in bench/extraction-sample/ (own text).

bench_extraction.py scores this set beside the real ones: the shapes the
editors save, in our own sentences — articles in Simplified and Traditional
Chinese, English, Japanese, Korean and German, each wrapped in the page it
arrives in (portal chrome, a share bar, comments, related links, footers), in
UTF-8, GB18030 without a declared charset, Big5, Shift_JIS, and one gzipped;
with a promo box inside the article (with a sign-up link, or a "follow our
official account" box with a subscribe button and no link), a figure with its
caption, a block quote opening with a bold label, and an editor's credit line.

Ground truth is the article body as a reader would copy it: paragraphs, the
caption, the quote; no title, no promo, no credit line, no chrome.

    python bench/extraction_sample.py   # rewrites bench/extraction-sample/
"""
from __future__ import annotations

import gzip
import html
import json
from pathlib import Path

OUT = Path(__file__).with_name("extraction-sample")

ARTICLES = {
    "zh-hans-rail": {
        "lang": "zh-Hans", "encoding": "gb18030", "declare": False, "title": "城际铁路新增夜间班次",
        "body": [
            "从下个月起，滨江至青禾的城际铁路将在每晚十点以后增开四趟列车，末班车推迟到零点二十分发车。",
            "铁路公司表示，过去半年晚间客流增长了三成，许多乘客是在滨江加班后返回青禾的通勤族。",
            "新增班次将使用八节编组的列车，沿途只停靠三个大站，全程大约四十五分钟。",
            "车站的便利店和出口闸机也会延长营业时间，保证最后一班乘客出站时仍有人值守。",
            "有乘客在车站接受采访时说，以前错过末班车只能打车回家，花费是车票的五倍，新班次让她轻松了许多。",
        ],
        "promo": ["【福利】关注我们的公众号，参加抽奖赢取年度车票！", "第一步：扫码关注", "报名链接：https://rail.example.com/campaign/ticket"],
    },
    "zh-hant-market": {
        "lang": "zh-Hant", "encoding": "big5hkscs", "declare": True, "title": "老市場改建後重新開幕",
        "body": [
            "位於河口區的老市場經過兩年改建，本週六正式重新開幕，原本的六十多個攤位全數回到原址營業。",
            "新市場保留了舊建築的木造屋架，並加裝了排水溝與通風設備，夏天不再悶熱，地面也不再積水。",
            "攤商公會理事長表示，改建期間攤商在臨時市場營業，生意少了將近一半，現在終於可以回家了。",
            "市場二樓新設了共享廚房與小型展覽空間，週末會舉辦料理課程，讓附近居民認識在地食材。",
        ],
        "promo": [],
    },
    "en-library": {
        "lang": "en", "encoding": "utf-8", "declare": True, "title": "Town library lends tools as well as books",
        "body": [
            "The public library on Mill Street now lends drills, ladders and sewing machines alongside its books, "
            "after a pilot that ran through the winter proved far more popular than expected.",
            "Members can borrow up to three tools for a week with their ordinary library card. Staff check each "
            "item when it comes back and a volunteer repairs anything that needs attention on Saturday mornings.",
            "The most requested item so far is a carpet cleaner, followed by a tile cutter and a set of camping stoves.",
            "The librarian said the idea came from residents of the new apartment blocks, who have little storage "
            "space and rarely need a drill more than twice a year.",
        ],
        "promo": ["Don't miss our summer giveaway! Join now and win prizes!", "Step 1: subscribe to the newsletter",
                  "Sign up: https://town.example.com/campaign/summer"],
    },
    "en-garden": {
        "lang": "en", "encoding": "utf-8", "declare": True, "title": "Rooftop gardens cool school classrooms",
        "body": [
            "Three primary schools that planted gardens on their flat roofs last spring report classrooms on the "
            "top floor up to four degrees cooler during the hottest weeks of the year.",
            "Pupils water the beds before lessons start and weigh the vegetables they harvest for their maths classes.",
            "Engineers checked each roof before planting; two of them needed extra support beams.",
        ],
        "promo": [],
    },
    "zh-hans-repair": {
        "lang": "zh-Hans", "encoding": "utf-8", "declare": True, "title": "社区修理站一年修好两千件旧物",
        "body": [
            "城南社区的义务修理站成立一年，志愿者们一共修好了两千多件旧物，其中最多的是小家电和自行车。",
            "修理站每周六上午开放，居民把坏掉的东西带来，和志愿者一起动手修，常用的零件由社区统一采购。",
            "一位退休的电工师傅说，很多东西其实只是保险丝断了或者接头松了，扔掉太可惜。",
            "社区计划明年再开一个修理站，并邀请附近的职业学校学生来实习。",
        ],
        "promo": [],
        "gzip": True,
    },
    "zh-hans-museum": {
        "lang": "zh-Hans", "encoding": "utf-8", "declare": True, "title": "城市博物馆推出夜间导览",
        "body": [
            "城市博物馆从本周五起推出夜间导览，每周五和周六晚上七点开始，每场限二十人，由讲解员带领参观三个常设展厅。",
            "博物馆负责人介绍，夜间导览的路线和白天不同，会重点介绍老城区的城门模型和码头的历史照片。",
            "导览结束后，观众还可以在一楼的手工教室体验拓印，把城门的图案带回家。",
            "不少家长表示，晚上带孩子来博物馆比周末白天人少，讲解也听得更清楚。",
        ],
        "promo_box": ["【限时福利】关注“城市生活”公众号，回复“导览”即可领取免费门票", "立即订阅"],
        "figure": ("https://museum.example.com/img/night-tour.jpg", "讲解员在城门模型前为观众讲解。"),
        "quote": ("提示", "夜间导览需要提前一天在网上预约，现场不接受报名。"),
        "credit": "（责任编辑：王小明）",
    },
    "ja-library": {
        "lang": "ja", "encoding": "shift_jis", "declare": True, "title": "駅前の図書館が夜九時まで開館へ",
        "body": [
            "来月から、駅前の市立図書館は平日の開館時間を夜九時まで延長する。仕事帰りの利用者からの要望に応えたものだ。",
            "図書館によると、夕方以降の来館者はこの一年で二割ほど増えており、閉館時間を気にせず本を選びたいという声が多かった。",
            "延長時間には自習室も利用でき、職員二人が交代で窓口を担当する。",
            "館長は「静かに本を読める場所を、もっと多くの人に使ってほしい」と話している。",
        ],
        "promo": [],
    },
    "ko-market": {
        "lang": "ko", "encoding": "utf-8", "declare": True, "title": "동네 시장에 주말 야시장이 열린다",
        "body": [
            "다음 달부터 매주 토요일 저녁 동네 시장에서 야시장이 열린다. 상인회는 젊은 손님을 모으기 위해 이번 행사를 준비했다.",
            "야시장에서는 떡볶이와 전 같은 간단한 음식과 손으로 만든 소품을 판매한다.",
            "상인회장은 \"시장이 다시 활기를 찾기를 바란다\"고 말했다.",
        ],
        "promo": [],
    },
    "de-bakery": {
        "lang": "de", "encoding": "utf-8", "declare": True, "title": "Die Bäckerei am Marktplatz öffnet wieder",
        "body": [
            "Nach einem halben Jahr Pause öffnet die Bäckerei am Marktplatz am kommenden Montag wieder ihre Türen. "
            "Die neue Inhaberin hat den Laden renoviert und den alten Holzofen behalten.",
            "Neben Brot und Brötchen gibt es jetzt auch Kuchen nach den Rezepten ihrer Großmutter.",
            "Viele Nachbarn hatten sich die Rückkehr der Bäckerei gewünscht, weil der nächste Supermarkt zwölf "
            "Kilometer entfernt ist.",
        ],
        "promo": [],
        "figure": ("https://dorf.example.de/bilder/ofen.jpg", "Der alte Holzofen ist geblieben."),
        "quote": ("Öffnungszeiten", "Montag bis Samstag von sechs bis dreizehn Uhr."),
    },
}

CHROME_TOP = """<header><a href="/"><img src="/logo.png" class="logo" alt="logo"></a>
<nav><ul><li><a href="/">{home}</a></li><li><a href="/news/">{news}</a></li><li><a href="/about/">{about}</a></li></ul></nav></header>
<div class="share"><a href="https://share.example.net/a">{share}</a> <a href="https://share.example.net/b">{share}</a></div>"""
CHROME_BOTTOM = """<section class="related"><h3>{related}</h3><ul><li><a href="/n/1">{rel1}</a></li><li><a href="/n/2">{rel2}</a></li></ul></section>
<section class="comments"><h3>{comments}</h3><p>{comment}</p></section>
<footer><p>{footer}</p></footer>"""
WORDS = {
    "zh-Hans": dict(home="首页", news="新闻", about="关于我们", share="分享", related="相关阅读", rel1="本市公交线路调整",
                    rel2="春季植树活动报名开始", comments="网友评论", comment="写得很好，希望多报道这样的消息。",
                    footer="版权所有 2026 滨江新闻网", copyright="未经授权禁止转载。"),
    "zh-Hant": dict(home="首頁", news="新聞", about="關於我們", share="分享", related="相關閱讀", rel1="本市公車路線調整",
                    rel2="春季植樹活動報名開始", comments="網友留言", comment="寫得很好，希望多報導這樣的消息。",
                    footer="版權所有 2026 河口新聞網", copyright="未經授權禁止轉載。"),
    "en": dict(home="Home", news="News", about="About", share="Share", related="Related", rel1="Bus routes change in May",
               rel2="Tree planting sign-ups open", comments="Comments", comment="Great story, more like this please.",
               footer="Copyright 2026 Town Gazette. All rights reserved.", copyright="All rights reserved."),
    "ja": dict(home="ホーム", news="ニュース", about="会社概要", share="シェア", related="関連記事", rel1="市バスの路線が変わります",
               rel2="春の植樹イベントの参加者募集", comments="コメント", comment="とても良い記事でした。",
               footer="Copyright 2026 駅前新聞", copyright="無断転載を禁じます。"),
    "ko": dict(home="홈", news="뉴스", about="소개", share="공유", related="관련 기사", rel1="버스 노선이 바뀝니다",
               rel2="봄 나무 심기 참가자 모집", comments="댓글", comment="좋은 기사 감사합니다.",
               footer="Copyright 2026 동네신문. All rights reserved.", copyright="무단 전재 금지."),
    "de": dict(home="Startseite", news="Nachrichten", about="Über uns", share="Teilen", related="Mehr zum Thema",
               rel1="Neue Busfahrpläne ab Mai", rel2="Anmeldung zur Baumpflanzaktion", comments="Kommentare",
               comment="Schöner Artikel, gerne mehr davon.", footer="Copyright 2026 Dorfzeitung. Alle Rechte vorbehalten.",
               copyright="Alle Rechte vorbehalten."),
}


def page(art: dict) -> str:
    w = WORDS[art["lang"]]
    paras = [f"<p>{html.escape(p)}</p>" for p in art["body"]]
    promo = "".join(f"<p>{html.escape(p)}</p>" for p in art.get("promo", ()))
    if promo:
        paras.insert(2, f'<div class="box">{promo}</div>')
    if art.get("promo_box"):  # a "follow us" box whose button is a link, no URL in its text
        headline, button = art["promo_box"]
        paras.insert(2, f'<div class="promo"><p>{html.escape(headline)}</p>'
                        f'<p><a href="https://mp.example.com/subscribe">{html.escape(button)}</a></p></div>')
    if art.get("figure"):
        src, caption = art["figure"]
        paras.insert(1, f'<figure><img src="{src}" alt=""><figcaption>{html.escape(caption)}</figcaption></figure>')
    if art.get("quote"):
        label, text = art["quote"]
        paras.append(f"<blockquote><strong>{html.escape(label)}</strong> {html.escape(text)}</blockquote>")
    if art.get("credit"):
        paras.append(f"<p>{html.escape(art['credit'])}</p>")
    paras.insert(1, '<img src="https://px.example.net/pixel.gif" width="1" height="1">')
    charset = {"utf-8": "utf-8", "gb18030": "gbk", "big5hkscs": "big5", "shift_jis": "shift_jis"}[art["encoding"]]
    head = f'<meta charset="{charset}">' if art["declare"] else ""
    return (f'<!DOCTYPE html><html lang="{art["lang"]}"><head>{head}<title>{html.escape(art["title"])}</title>'
            f'<script>var t=1;</script></head><body>{CHROME_TOP.format(**w)}'
            f'<article><h1>{html.escape(art["title"])}</h1>{"".join(paras)}<p>{w["copyright"]}</p></article>'
            f'<aside><h3>{w["related"]}</h3><p>{w["rel1"]}</p></aside>{CHROME_BOTTOM.format(**w)}</body></html>')


def truth(art: dict) -> str:
    """What a reader copies: the paragraphs, the caption under the image, the quote."""
    body = list(art["body"])
    if art.get("figure"):
        body.insert(1, art["figure"][1])
    if art.get("quote"):
        body.append(" ".join(art["quote"]))
    return "\n".join(body)


def main() -> None:
    OUT.mkdir(exist_ok=True)
    truth_of = {}
    for key, art in ARTICLES.items():
        data = page(art).encode(art["encoding"])
        if art.get("gzip"):
            (OUT / f"{key}.html.gz").write_bytes(gzip.compress(data, mtime=0))
        else:
            (OUT / f"{key}.html").write_bytes(data)
        truth_of[key] = {"articleBody": truth(art)}
    (OUT / "ground-truth.json").write_text(json.dumps(truth_of, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
