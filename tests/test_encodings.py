"""The same article saved in any encoding a scraper produces imports to the same pages."""
import codecs

import pytest

from helpers import FIXTURES, run_import
from importer.reading import decode

POST = (FIXTURES / "text" / "creator-post.txt").read_text(encoding="utf-8")
WEEKLY = (FIXTURES / "text" / "weekly-issue.txt").read_text(encoding="utf-8")

VARIANTS = {
    "utf8-bom-crlf": lambda t: codecs.BOM_UTF8 + t.replace("\n", "\r\n").encode("utf-8"),
    "utf16": lambda t: t.encode("utf-16"),
    "gb18030": lambda t: t.encode("gb18030"),
    "big5": lambda t: t.encode("big5hkscs"),
}


def _pages(docs):
    return {p.name: p.read_text(encoding="utf-8") for p in (docs / "articles").glob("*.md")}


@pytest.mark.parametrize("variant", sorted(VARIANTS))
def test_encoded_copies_import_identically(tmp_path, variant):
    text = POST
    if variant == "gb18030":
        text = WEEKLY
    name = "weekly-issue.txt" if text is WEEKLY else "creator-post.txt"
    if variant == "big5":  # Big5 has no emoji: compare with the text it can hold
        text = text.encode("big5hkscs", errors="ignore").decode("big5hkscs")
    (tmp_path / "utf8").mkdir()
    (tmp_path / "enc").mkdir()
    (tmp_path / "utf8" / name).write_text(text, encoding="utf-8")
    (tmp_path / "enc" / name).write_bytes(VARIANTS[variant](text))
    run_import(tmp_path / "utf8" / name, docs=tmp_path / "d1", check=True)
    run_import(tmp_path / "enc" / name, docs=tmp_path / "d2", check=True)
    assert _pages(tmp_path / "d1") == _pages(tmp_path / "d2")


def test_gb2312_dash_survives():
    # Python's gb2312 codec maps this byte pair to "―"; gb18030 reads it as "—".
    assert decode("价格——上涨了百分之十，市场反应强烈。".encode("gb18030")) == "价格——上涨了百分之十，市场反应强烈。"
