"""HTML input: saved pages and CMS fragments import as cleanly as text, in any encoding."""
from __future__ import annotations

import re

import markdown
import pytest
from bs4 import BeautifulSoup

from helpers import FIXTURES, import_json, run_import, split_page
from importer.html_reading import decode_html, declared_charset, is_fragment, read_html
from importer.model import plain

HTML = FIXTURES / "html"
NEWS = HTML / "news-page.html"
NEWS_TEXT = NEWS.read_text(encoding="utf-8")

# Sentences of the article itself (Traditional, as written) that must survive.
NEWS_CONTENT = [
    "湖濱市立圖書館從下週一起延長開放時間",
    "館長陳文彬在記者會上指出",
    "不少市民在社群平台上留言表示支持",
    "也有家長提醒，夜間回家的交通安全同樣重要",
    "館方表示，試辦期間會統計每晚的入館人數",
    "我們希望圖書館不只是白天的地方",
    "市民若對夜間開放有任何意見",
]
# Page chrome around the article, the in-article promo, placeholders and footers.
NEWS_CHROME = [
    "首頁", "體育", "Cookie", "分享到臉書", "複製連結", "熱門新聞", "湖濱馬拉松", "相關新聞",
    "耐震補強", "讀者留言", "終於等到了", "地址：湖濱市中正路一號", "All rights reserved",
    "限時福利", "第一步", "報名連結", "reader-club", "image.png", "版權所有", "湖濱日報城市組記者",
    "logo.png", "pixel.gif", "avatars", "ads.example.net", "廣告", "tracker.js", "analytics",
]


def _import_one(path, tmp_path, name="docs"):
    docs = tmp_path / name
    report = import_json(path, docs=docs)
    assert report["errors"] == [], report
    (article,) = report["articles"]
    return article, docs


def _page(article, lang):
    return split_page(__import__("pathlib").Path(article["pages"][lang]))


def test_news_page_keeps_the_article_and_drops_the_rest(tmp_path):
    article, _ = _import_one(NEWS, tmp_path)
    assert article["languages"] == ["zh-Hans", "zh-Hant"]
    meta, body = _page(article, "zh-Hant")
    for sentence in NEWS_CONTENT:
        assert sentence in body, sentence
    for chrome in NEWS_CHROME:
        assert chrome not in body, chrome
    removed = {(r["kind"], r["rule"]) for r in article["removed"]}
    assert {("banner", "promo-banner"), ("placeholder", "image-file-stub"), ("footer", "rights-reserved"),
            ("image", "tracking-pixel"), ("image", "icon-or-avatar")} <= removed


def test_news_page_metadata_goes_to_front_matter(tmp_path):
    article, _ = _import_one(NEWS, tmp_path)
    meta, body = _page(article, "zh-Hant")
    assert meta["title"] == "湖濱市立圖書館夜間開放試辦三個月"
    assert meta["author"] == "林靜宜"  # without its 作者： label
    assert str(meta["date"]) == "2026-03-14"
    assert meta["source"] == "https://news.example.org/city/2026/03/library-night.html"
    assert meta["site_name"] == "湖濱日報"
    assert meta["source_lang"] == "zh-Hant"
    assert body.count("湖濱市立圖書館夜間開放試辦三個月") == 1  # the <h1> is the title, not repeated
    hans, _ = _page(article, "zh-Hans")
    assert hans["title"] == "湖滨市立图书馆夜间开放试办三个月"


def test_news_page_structure_becomes_markdown(tmp_path):
    article, _ = _import_one(NEWS, tmp_path)
    _, body = _page(article, "zh-Hant")
    html = markdown.markdown(body, extensions=["tables"])
    soup = BeautifulSoup(html, "html.parser")
    assert [h.get_text() for h in soup.find_all("h2")] == ["市民反應熱烈", "試辦後將評估成效"]
    assert [li.get_text() for li in soup.find_all("li")][1] == "週六：上午九點至晚上六點"
    assert "一盞燈" in soup.find("blockquote").get_text()
    rows = [[c.get_text() for c in tr.find_all(["th", "td"])] for tr in soup.find_all("tr")]
    assert rows[0] == ["區域", "座位數", "夜間開放"] and rows[2] == ["期刊區", "60", "至晚上九點"]
    link = soup.find("a", string="延長附近公車路線的末班車時間")
    assert link["href"] == "https://news.example.org/city/2026/02/night-bus.html"  # made absolute
    assert soup.find("strong").get_text() == "很實際的改變"
    (img,) = soup.find_all("img")
    assert img["src"] == "https://news.example.org/images/2026/03/library-night.jpg"
    assert img["alt"] == "夜間的圖書館閱覽室"
    assert "燈光已全部換成省電燈具" in img.find_parent("p").find_next("p").get_text()  # its caption


ENCODINGS = {
    # name: (codec, charset declared in the page or None)
    "gb18030-declared-gb2312": ("gb18030", "gb2312"),
    "gb18030-declared-gbk": ("gb18030", "GBK"),
    "gb18030-undeclared": ("gb18030", None),
    "big5-declared": ("big5hkscs", "big5"),
    "big5-undeclared": ("big5hkscs", None),
}


def _encoded_copy(codec: str, charset: str | None) -> bytes:
    text = NEWS_TEXT.replace('<meta charset="utf-8">',
                             f'<meta http-equiv="Content-Type" content="text/html; charset={charset}">'
                             if charset else "")
    return text.encode(codec)  # strict: the fixture must be representable in Big5


@pytest.mark.parametrize("variant", sorted(ENCODINGS))
def test_encoded_pages_import_identically(tmp_path, variant):
    codec, charset = ENCODINGS[variant]
    (tmp_path / "utf8").mkdir()
    (tmp_path / "enc").mkdir()
    (tmp_path / "utf8" / "news.html").write_text(NEWS_TEXT, encoding="utf-8")
    (tmp_path / "enc" / "news.html").write_bytes(_encoded_copy(codec, charset))
    run_import(tmp_path / "utf8" / "news.html", docs=tmp_path / "d1", check=True)
    run_import(tmp_path / "enc" / "news.html", docs=tmp_path / "d2", check=True)
    pages = {p.name: p.read_text("utf-8") for p in (tmp_path / "d1" / "articles").glob("*.md")}
    assert pages == {p.name: p.read_text("utf-8") for p in (tmp_path / "d2" / "articles").glob("*.md")}
    assert "夜間開放" in "".join(pages.values())


def test_declared_charset_wins_over_detection():
    data = '<html><head><meta charset="gb2312"></head><body><p>价格——上涨</p></body></html>'.encode("gb18030")
    assert declared_charset(data) == "gb2312"
    assert "价格——上涨" in decode_html(data)  # gb2312 read as gb18030 keeps the dash
    # A wrong label (UTF-8 bytes declared as Big5) falls back to what the bytes are.
    wrong = '<meta charset="big5"><p>简体中文段落，用来测试错误的声明。</p>'.encode("utf-8")
    assert "简体中文段落" in decode_html(wrong)


def test_fragment_detection():
    assert is_fragment((HTML / "cms-fragment.html").read_text("utf-8"))
    assert not is_fragment(NEWS_TEXT)
    assert not is_fragment("<BODY><p>x</p></BODY>")


def test_cms_fragment_is_not_pruned(tmp_path):
    """A fragment is all content: every paragraph, the list and the image stay."""
    article, _ = _import_one(HTML / "cms-fragment.html", tmp_path)
    meta, body = _page(article, "zh-Hans")
    assert meta["title"] == "社区菜园开放认领"
    soup = BeautifulSoup(markdown.markdown(body), "html.parser")
    text = soup.get_text()
    for sentence in ("每户可以认领一块一平方米的菜畦", "浇水用的是收集起来的雨水", "带上身份证明到社区服务中心", "选择菜畦位置"):
        assert sentence in text
    assert soup.find("em").get_text() == "轮流照看"
    assert soup.find("a")["href"] == "https://community.example.org/garden"
    assert [li.get_text() for li in soup.find("ol").find_all("li")] == ["带上身份证明到社区服务中心", "选择菜畦位置"]
    assert [i["src"] for i in soup.find_all("img")] == ["https://community.example.org/img/garden.jpg"]
    assert "image.png" not in body and "data:" not in body
    assert ("image", "no-usable-src") in {(r["kind"], r["rule"]) for r in article["removed"]}


def test_short_page_falls_back_to_its_body_without_chrome():
    """Too short for the extractor: the body minus nav/header/footer is the content."""
    page = ("<html><head><title>通知</title></head><body><nav><a href='/'>首页</a><a href='/a'>关于</a></nav>"
            "<p>本周六图书馆闭馆一天。</p><footer>联系我们</footer></body></html>").encode("utf-8")
    article = read_html(page)
    texts = [plain(b.text) for b in article.blocks]
    assert texts == ["本周六图书馆闭馆一天。"]


def test_hostile_page_imports_as_inert_text(tmp_path):
    article, _ = _import_one(HTML / "hostile-page.html", tmp_path)
    for lang, path in article["pages"].items():
        text = open(path, encoding="utf-8").read()
        # (Markup the page shows as text stays, escaped: the rendered DOM is checked below.)
        for bad in ("<script", "<iframe", "<form", "<style", "<svg", "<object", "<embed", "<img",
                    "javascript:alert('link')", "data:text", "http-equiv", "evil.example"):
            assert bad not in text, (lang, bad)
        _, body = split_page(__import__("pathlib").Path(path))
        soup = BeautifulSoup(markdown.markdown(body), "html.parser")
        assert not soup.find_all(["script", "iframe", "form", "style", "img", "svg", "object", "embed"])
        assert all(not a.startswith("on") for tag in soup.find_all(True) for a in tag.attrs)
        assert all(a["href"].startswith("https://") for a in soup.find_all("a")), soup.find_all("a")
    _, body = split_page(__import__("pathlib").Path(article["pages"]["zh-Hans"]))
    shown = BeautifulSoup(markdown.markdown(body), "html.parser").get_text()
    # Markup written as text in the page stays visible text, exactly.
    assert '<script>alert("escaped")</script> 这行字应当原样显示' in shown
    assert "[点我](javascript:alert('md'))" in shown and "**粗体**" in shown
    assert "负责活动的老师说" in shown and "点这里看记录" in shown


def test_directory_mixing_text_and_html(tmp_path):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "a-news.HTM").write_bytes(NEWS.read_bytes())
    (inbox / "b-fragment.html").write_bytes((HTML / "cms-fragment.html").read_bytes())
    (inbox / "c-post.txt").write_bytes((FIXTURES / "text" / "creator-post.txt").read_bytes())
    (inbox / "d-notes.pdf").write_bytes(b"%PDF-1.4")  # not a readable type: not picked up
    report = import_json(inbox, docs=tmp_path / "docs")
    assert report["errors"] == []
    assert [a["source"].rsplit("/", 1)[1] for a in report["articles"]] == ["a-news.HTM", "b-fragment.html", "c-post.txt"]


@pytest.mark.parametrize("content, reason", [
    (b"", "file is empty"),
    (b"\x89PNG\r\n\x1a\n\x00\x00", "binary file"),
    (b"<html><body><nav><a href='/'>Home</a></nav><script>x()</script></body></html>", "no article text"),
])
def test_bad_html_is_one_clear_line(tmp_path, content, reason):
    docs = tmp_path / "docs"
    (docs / "articles").mkdir(parents=True)
    keep = docs / "articles" / "kept.zh-Hans.md"
    keep.write_text("---\ntitle: 保留\n---\n\n正文\n", encoding="utf-8")
    bad = tmp_path / "bad.html"
    bad.write_bytes(content)
    proc = run_import(bad, docs=docs)
    assert proc.returncode == 1
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"error: {bad}: ") and reason in lines[0], proc.stderr
    assert sorted(p.name for p in (docs / "articles").iterdir()) == ["kept.zh-Hans.md"]
    assert keep.read_text(encoding="utf-8") == "---\ntitle: 保留\n---\n\n正文\n"


def test_rendered_markers_never_make_unsafe_markdown():
    from importer.model import LINK_CLOSE, LINK_OPEN, STRONG_CLOSE, STRONG_OPEN
    from importer.render import escape_text

    assert escape_text(f"看{LINK_OPEN}这里{LINK_CLOSE}", ("javascript:alert(1)",)) == "看这里"
    assert escape_text(f"好!{LINK_OPEN}链接{LINK_CLOSE}", ("https://a.example/x",)) == "好\\![链接](https://a.example/x)"
    assert escape_text(f"{LINK_OPEN}https://a.example/{LINK_CLOSE}", ("https://a.example/",)) \
        == "[https://a.example/](https://a.example/)"  # no nested autolink
    assert escape_text(f"{STRONG_OPEN}<b>x</b>{STRONG_CLOSE}") == "**&lt;b&gt;x&lt;/b&gt;**"
    assert re.fullmatch(r"\[a\]\(https://a\.example/%28x%29%20y\)",
                        escape_text(f"{LINK_OPEN}a{LINK_CLOSE}", ("https://a.example/(x) y",)))


# --- extraction details (issue 16) -----------------------------------------------------

ARTICLE = [
    "The first ferry of the new harbour line left the east pier at seven in the morning, carrying "
    "commuters and a few curious visitors across the water in twelve minutes.",
    "City officials said the line would run every twenty minutes during the week and every half hour "
    "at weekends, with a late service on Fridays until midnight.",
    "Tickets cost the same as a bus fare, and monthly passes are valid on both. The operator expects "
    "about two thousand passengers a day by the end of the year.",
    "Residents of the old town welcomed the service, which replaces a long detour around the bay that "
    "took most of them forty minutes by bus in the morning traffic.",
]


def _saved_page(article_html: str, title: str = "New ferry line opens across the harbour") -> bytes:
    return (f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{title}</title>'
            '<link rel="canonical" href="https://harbour.example.org/news/ferry.html"></head><body>'
            '<header><nav><a href="/">Home</a> <a href="/news/">News</a></nav></header>'
            f'<main><article><h1>{title}</h1>{article_html}</article></main>'
            '<aside><h3>Most read</h3><ul><li><a href="/a">Bus routes change in May</a></li></ul></aside>'
            '<footer><p>Harbour News, 1 Quay Street</p></footer></body></html>').encode("utf-8")


def _import_page(tmp_path, data: bytes, name: str = "page.html"):
    source = tmp_path / name
    source.write_bytes(data)
    article, _ = _import_one(source, tmp_path)
    return article, _page(article, article["languages"][0])


def test_caption_kept_once_under_its_image(tmp_path):
    ferry = "https://harbour.example.org/img/ferry.jpg"
    article_html = (
        f"<p>{ARTICLE[0]}</p>"
        f'<figure><img src="{ferry}" alt="The ferry"><figcaption>The new ferry at the east pier.</figcaption></figure>'
        f"<p>{ARTICLE[1]}</p>"
        # The same picture again, as a lazy-loading copy and its <noscript> fallback.
        f'<figure><img data-src="{ferry}" src="data:image/gif;base64,R0lGOD"><noscript><img src="{ferry}"></noscript>'
        "<figcaption>The new ferry at the east pier.</figcaption></figure>"
        f"<p>{ARTICLE[2]}</p>"
        # A gallery: the extractor keeps each caption as the item's text as well.
        '<ul class="gallery">'
        '<li><figure><img src="https://harbour.example.org/img/deck.jpg"><figcaption>Passengers on the upper deck'
        "</figcaption></figure></li>"
        '<li><figure><img src="https://harbour.example.org/img/view.jpg"><figcaption>The old town seen from the water'
        "</figcaption></figure></li></ul>"
        f"<p>{ARTICLE[3]}</p>")
    _, (_, body) = _import_page(tmp_path, _saved_page(article_html))
    lines = [ln for ln in body.splitlines() if ln.strip()]
    for caption, image in [("The new ferry at the east pier.", ferry),
                           ("Passengers on the upper deck", "https://harbour.example.org/img/deck.jpg"),
                           ("The old town seen from the water", "https://harbour.example.org/img/view.jpg")]:
        assert body.count(caption) == 1, (caption, body)
        at = next(i for i, ln in enumerate(lines) if caption in ln)
        assert lines[at] == f"*{caption}*" and lines[at - 1].endswith(f"({image})"), lines[at - 1: at + 1]
    assert body.count(f"({ferry})") == 1
    for paragraph in ARTICLE:
        assert paragraph in body


def test_quote_keeps_the_text_after_its_bold_label(tmp_path):
    article_html = (f"<p>{ARTICLE[0]}</p><blockquote><strong>Summary</strong> Studies show that commuters "
                    f"prefer boats to buses when the trip is short.</blockquote><p>{ARTICLE[1]}</p><p>{ARTICLE[2]}</p>")
    _, (_, body) = _import_page(tmp_path, _saved_page(article_html))
    assert "> **Summary** Studies show that commuters prefer boats to buses when the trip is short." in body


def test_text_inside_wrappers_lists_in_cells_and_soft_hyphens():
    from importer.html_blocks import to_blocks

    blocks = to_blocks('<a href="https://a.example/s"><p>A section inside a link.</p><ul><li>its item</li></ul></a>'
                       "<table><tr><th>Setting</th><th>Values</th></tr>"
                       "<tr><td><h5>Language</h5><p>Used in menus.</p></td><td><ul><li>English</li><li>German</li>"
                       "</ul></td></tr></table><div>Text with <b>bold</b> and a tail.</div>")
    assert [(b.kind, b.text if b.kind == "table" else plain(b.text)) for b in blocks] == [
        ("para", "A section inside a link."), ("item", "its item"),
        ("table", "Setting\ue00eValues\ue00fLanguage Used in menus.\ue00eEnglish German"),
        ("para", "Text with bold and a tail.")]
    page = _saved_page("".join(f"<p>{p}</p>" for p in ARTICLE).replace("passengers", "pas&shy;sen&shy;gers"))
    assert "passengers a day" in " ".join(plain(b.text) for b in read_html(page).blocks)


def test_page_wrapped_in_a_form_or_header_is_extracted():
    """ASP.NET pages put the whole body in one <form>; some themes everything in a <header>."""
    for wrapper in ("form", "header"):
        page = (f'<html><head><title>Ferry</title></head><body><{wrapper} id="main"><div class="content">'
                + "".join(f"<p>{p}</p>" for p in ARTICLE) + f"</div></{wrapper}></body></html>").encode()
        texts = [plain(b.text) for b in read_html(page).blocks]
        assert all(p in texts for p in ARTICLE), (wrapper, texts)


def test_broken_bytes_and_bad_addresses_do_not_change_the_page():
    page = _saved_page("".join(f"<p>{p}</p>" for p in ARTICLE)
                       + '<p>Über die Brücke fährt <a href="https://[not-an-ip]/x">die Fähre</a> nicht.</p>')
    broken = page.replace("Brücke".encode(), "Br\xfccke".encode("latin-1"))  # one byte that is not UTF-8
    article = read_html(broken)
    texts = [plain(b.text) for b in article.blocks]
    assert "Über die Br\ufffdcke fährt die Fähre nicht." in texts  # read as the UTF-8 it declares
    assert all(not link.startswith("https://[") for b in article.blocks for link in b.links)


def test_markup_extraction_is_checked_against_the_plain_one():
    from importer.html_reading import _reconcile
    from importer.model import Block

    para = [Block("para", p) for p in ARTICLE]
    caption_as_text = Block("para", "Passengers boarding the ferry at the east pier this morning")
    image = Block("image", "https://harbour.example.org/img/ferry.jpg")
    # The markup extraction kept a caption as a paragraph: it goes, the image stays.
    assert _reconcile((para[0], image, caption_as_text, *para[1:]), tuple(para)) == (para[0], image, *para[1:])
    # The markup extraction settled on the teaser only: the plain one is used.
    assert _reconcile((para[0],), tuple(para)) == tuple(para)


def test_short_article_is_extracted_without_its_sidebar():
    """A short article on a full page: the extractor's text, not the whole body."""
    page = ('<html lang="en"><head><title>Ferry</title></head><body><div class="menu"><a href="/">Home</a></div>'
            f"<article><h1>Ferry line opens</h1><p>{ARTICLE[0]}</p></article>"
            '<section class="related"><h3>Related</h3><ul><li><a href="/n/1">Bus routes change in May</a></li>'
            '</ul></section><section class="comments"><h3>Comments</h3><p>Great news for the old town!</p>'
            "</section></body></html>").encode()
    texts = [plain(b.text) for b in read_html(page).blocks]
    assert texts == ["Ferry line opens", ARTICLE[0]]


PROMO_PAGE = """<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><title>城市博物馆推出夜间导览</title></head>
<body><article><h1>城市博物馆推出夜间导览</h1>
<p>城市博物馆从本周五起推出夜间导览，每周五和周六晚上七点开始，每场限二十人，由讲解员带领参观三个常设展厅。</p>
<p>博物馆负责人介绍，夜间导览的路线和白天不同，会重点介绍老城区的城门模型和码头的历史照片。</p>
<div class="promo"><p>【限时福利】关注“城市生活”公众号，回复“导览”即可领取免费门票</p>
<p><a href="https://mp.example.com/subscribe">立即订阅</a></p></div>
<p>导览结束后，观众还可以在一楼的手工教室体验拓印，把城门的图案带回家。</p>
<p>不少家长表示，晚上带孩子来博物馆比周末白天人少，讲解也听得更清楚。（责任编辑：王小明）</p>
<p>责任编辑：王小明</p>
</article></body></html>"""


@pytest.mark.parametrize("kind", ["html", "text"])
def test_promo_box_and_editor_credit_are_removed_as_in_text(tmp_path, kind):
    if kind == "html":
        source, data = tmp_path / "page.html", PROMO_PAGE.encode("utf-8")
    else:  # the same article saved as text: the same rules remove the same lines
        soup = BeautifulSoup(PROMO_PAGE, "html.parser")
        source, data = tmp_path / "page.txt", "\n\n".join(
            [soup.h1.get_text()] + [p.get_text() for p in soup.find_all("p")]).encode("utf-8")
    source.write_bytes(data)
    article, _ = _import_one(source, tmp_path)
    _, body = _page(article, "zh-Hans")
    for gone in ("限时福利", "公众号", "立即订阅", "责任编辑", "王小明"):
        assert gone not in body, gone
    assert "讲解也听得更清楚。" in body and "把城门的图案带回家" in body
    removed = {(r["kind"], r["rule"]) for r in article["removed"]}
    assert {("placeholder", "follow-account-promo"), ("placeholder", "call-to-action-button"),
            ("placeholder", "editor-credit"), ("footer", "editor-credit-line")} <= removed, removed


def test_follow_account_rule_leaves_campaign_lines_to_the_banner_rule():
    """A campaign box (prize draw, sign-up link) is the banner rule's to remove whole: taken out
    line by line first, it would be too short to be recognised as a banner."""
    from importer.rules import load_rules

    rule = next(r for r in load_rules().placeholders if r.name == "follow-account-promo")
    assert rule.matches("【限时福利】关注“城市生活”公众号，回复“导览”即可领取免费门票")
    assert not rule.matches("【福利】关注我们的公众号，参加抽奖赢取年度门票！")
    assert not rule.matches("【观点】关注公众号的人越来越多，这说明了什么？")  # a headline, no reward
