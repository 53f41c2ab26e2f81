"""Language detection: Chinese is told from Japanese and Korean, and only Chinese is converted."""
from __future__ import annotations

import pytest

from helpers import import_json, split_page
from importer.language import declared_language, detect_language

# Our own sentences, a few per language.
HANS = "城南社区的修理站每周六上午开放，居民把坏掉的东西带来，和志愿者一起动手修理。"
HANT = "位於河口區的老市場經過兩年改建，本週六正式重新開幕，攤位全數回到原址營業。"
JA = "来月から、駅前の図書館は平日の開館時間を夜九時まで延長する。仕事帰りの利用者の要望に応えた。"
JA_KANJI_ONLY = "東京都知事選挙結果速報"
KO = "다음 달부터 매주 토요일 저녁 동네 시장에서 야시장이 열린다. 상인회는 행사를 준비했다."
EN = "The public library now lends drills, ladders and sewing machines alongside its books."
DE = "Nach einem halben Jahr Pause öffnet die Bäckerei am Marktplatz wieder ihre Türen."
RU = "Городская библиотека продлевает часы работы до девяти вечера по будним дням."


@pytest.mark.parametrize("text, declared, expected", [
    (HANS, None, "zh"),
    (HANT, "zh-Hant", "zh"),
    (JA, None, "ja"),
    (JA, "zh-CN", "ja"),  # kana are a fact of the text; a wrong declaration does not make it Chinese
    (JA_KANJI_ONLY, "ja", "ja"),  # Han alone cannot tell; the page's declaration does
    (JA_KANJI_ONLY, None, "zh"),
    (KO, None, "ko"),
    (KO, "en", "ko"),
    (HANS, "en", "zh"),  # a template's lang="en" on a Chinese article
    (HANS + HANS + "周末大家常去街角的“森の家”咖啡店聊天。", None, "zh"),  # a shop's "の" does not flip it
    (EN, None, "en"),
    (EN + " 人工智能", None, "en"),  # English with a few Chinese words
    (EN, "zh-CN", "en"),  # Latin text on a page declared Chinese: the text wins
    (DE, "de-DE", "de"),
    (DE, None, "en"),  # undeclared Latin text is published as English (README)
    (RU, None, "und"),
    (RU, "ru", "ru"),
])
def test_detect_language(text, declared, expected):
    assert detect_language(text, declared) == expected


@pytest.mark.parametrize("tag, primary", [
    ("zh-Hant-TW", "zh"), ("en_US", "en"), ("JA", "ja"), (" de ", "de"), ("", None), (None, None),
    ("x-klingon", None), ("12", None),
])
def test_declared_language(tag, primary):
    assert declared_language(tag) == primary


PAGE = """<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8"><title>{title}</title></head><body>
<nav><a href="/">Home</a></nav><article><h1>{title}</h1>{paras}</article><footer>Footer</footer></body></html>"""


def _page(lang: str, title: str, paras: list[str]) -> bytes:
    return PAGE.format(lang=lang, title=title, paras="".join(f"<p>{p}</p>" for p in paras)).encode("utf-8")


JA_PARAS = [
    "先月、駅前の電器店で中古のスマートフォンを販売していた男性が、商標法違反の疑いで逮捕された。",
    "警察によると、男性は部品を交換した端末を新品と偽って販売し、三か月で二百台ほどを売っていたという。",
    "専門家は、中古品を買うときは販売店の保証の内容を確かめるよう呼びかけている。",
]
KO_PARAS = [
    "다음 달부터 매주 토요일 저녁 동네 시장에서 야시장이 열린다. 상인회는 젊은 손님을 모으기 위해 행사를 준비했다.",
    "야시장에서는 떡볶이와 전 같은 간단한 음식과 손으로 만든 소품을 판매한다. 시장 입구에는 작은 무대도 설치된다.",
    "상인회장은 시장이 다시 활기를 찾기를 바란다고 말했다. 행사는 가을까지 이어질 예정이다.",
]
DE_PARAS = [
    "Nach einem halben Jahr Pause öffnet die Bäckerei am Marktplatz am kommenden Montag wieder ihre Türen.",
    "Die neue Inhaberin hat den Laden renoviert und den alten Holzofen behalten, in dem schon ihr Großvater backte.",
    "Viele Nachbarn hatten sich die Rückkehr gewünscht, weil der nächste Supermarkt zwölf Kilometer entfernt ist.",
]


@pytest.mark.parametrize("lang, title, paras, declared", [
    ("ja", "中古スマートフォンの販売で男性逮捕", JA_PARAS, "ja"),
    ("ko", "동네 시장에 주말 야시장이 열린다", KO_PARAS, "ko"),
    ("de", "Die Bäckerei am Marktplatz öffnet wieder", DE_PARAS, "de"),
    # No declaration at all: kana and Hangul still say what the text is.
    ("ja", "中古スマートフォンの販売で男性逮捕", JA_PARAS, ""),
    ("ko", "동네 시장에 주말 야시장이 열린다", KO_PARAS, ""),
])
def test_other_languages_import_as_written_in_one_page(tmp_path, lang, title, paras, declared):
    """One page (the English edition), no OpenCC conversion, the text's language in content_lang."""
    source = tmp_path / "page.html"
    source.write_bytes(_page(declared, title, paras).replace(b' lang=""', b""))
    report = import_json(source, docs=tmp_path / "docs")
    assert report["errors"] == []
    (article,) = report["articles"]
    assert article["languages"] == ["en"]
    assert sorted(p.name for p in (tmp_path / "docs" / "articles").iterdir()) == [f"{article['slug']}.en.md"]
    meta, body = split_page(tmp_path / "docs" / "articles" / f"{article['slug']}.en.md")
    assert meta["lang"] == "en" and meta["content_lang"] == lang and meta["title"] == title
    for paragraph in paras:
        assert paragraph in body  # exactly as written: 販売 stays 販売 (OpenCC would write 贩売)


def test_japanese_text_file_is_not_converted(tmp_path):
    source = tmp_path / "note.txt"
    source.write_text("中古スマートフォンの販売で男性逮捕\n\n" + "\n\n".join(JA_PARAS) + "\n", encoding="utf-8")
    report = import_json(source, docs=tmp_path / "docs")
    (article,) = report["articles"]
    assert article["languages"] == ["en"]
    meta, body = split_page(tmp_path / "docs" / "articles" / f"{article['slug']}.en.md")
    assert meta["content_lang"] == "ja" and JA_PARAS[0] in body and "贩" not in body


def test_chinese_page_declared_english_is_still_converted(tmp_path):
    """A wrong template declaration does not stop a Chinese article from getting both scripts."""
    source = tmp_path / "page.html"
    paras = [HANS, "修理站成立一年，志愿者们一共修好了两千多件旧物，其中最多的是小家电和自行车。",
             "社区计划明年再开一个修理站，并邀请附近职业学校的学生来实习，学习修理的手艺。"]
    source.write_bytes(_page("en", "社区修理站一年修好两千件旧物", paras))
    (article,) = import_json(source, docs=tmp_path / "docs")["articles"]
    assert article["languages"] == ["zh-Hans", "zh-Hant"]
    meta, body = split_page(tmp_path / "docs" / "articles" / f"{article['slug']}.zh-Hant.md")
    assert "content_lang" not in meta and "志願者們" in body


def test_built_page_marks_its_text_with_its_language(tmp_path):
    """In the English edition's HTML a Japanese article sits inside lang="ja"."""
    from bs4 import BeautifulSoup

    from conftest import copy_site, run_mkdocs_build

    project = copy_site(tmp_path / "project")
    source = tmp_path / "page.html"
    source.write_bytes(_page("ja", "中古スマートフォンの販売で男性逮捕", JA_PARAS))
    (article,) = import_json(source, docs=project / "docs")["articles"]
    proc = run_mkdocs_build(project / "site", project / "mkdocs.yml")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    html = (project / "site" / "en" / "articles" / article["slug"] / "index.html").read_text(encoding="utf-8")
    soup = BeautifulSoup(html, "html.parser")
    assert soup.html["lang"] == "en"
    (marked,) = soup.select('[lang="ja"]')
    assert marked.h1.get_text(strip=True).startswith("中古スマートフォンの販売で男性逮捕")
    assert JA_PARAS[0] in marked.get_text()
    # An English article of the same site has no such wrapper.
    english = project / "site" / "en" / "index.html"
    assert not BeautifulSoup(english.read_text(encoding="utf-8"), "html.parser").select(".bp-content")


def test_japanese_lines_alternating_with_english_are_not_a_chinese_english_page(tmp_path):
    english = ["A man who sold second-hand phones as new ones has been arrested, police said on Monday.",
               "Police say he replaced parts and sold about two hundred phones in three months.",
               "Experts advise buyers to check what a shop's guarantee covers before they pay."]
    source = tmp_path / "note.txt"
    lines = ["中古スマートフォンの販売で男性逮捕"] + [line for pair in zip(JA_PARAS, english) for line in pair]
    source.write_text("\n\n".join(lines) + "\n", encoding="utf-8")
    (article,) = import_json(source, docs=tmp_path / "docs")["articles"]
    assert article["languages"] == ["en"]
    meta, body = split_page(tmp_path / "docs" / "articles" / f"{article['slug']}.en.md")
    assert meta["content_lang"] == "ja" and JA_PARAS[0] in body
