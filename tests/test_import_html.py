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
