"""Golden tests: fixture inputs and the exact pages they must produce, byte for byte.

Text sources (fixtures/text/*.txt, both shapes) and saved web pages and CMS fragments
(fixtures/pages/*.html: a whole Traditional Chinese page with chrome, an English
fragment with lists, a table and a quote, a Simplified fragment with promo lines);
the pages each must produce are in fixtures/expected/<name>/.
Regenerate after an intended change with UPDATE_GOLDEN=1, then review the diff.
"""
import os

import pytest

from helpers import FIXTURES, run_import

SOURCES = sorted([*(FIXTURES / "text").glob("*.txt"), *(FIXTURES / "pages").glob("*.html")])


@pytest.mark.parametrize("source", SOURCES, ids=[p.name for p in SOURCES])
def test_fixture_produces_expected_pages(source, tmp_path):
    run_import(source, docs=tmp_path, check=True)
    written = {p.name: p.read_text(encoding="utf-8") for p in (tmp_path / "articles").glob("*.md")}
    expected_dir = FIXTURES / "expected" / source.stem
    if os.environ.get("UPDATE_GOLDEN"):
        expected_dir.mkdir(parents=True, exist_ok=True)
        for old in expected_dir.glob("*.md"):
            old.unlink()
        for fname, text in written.items():
            (expected_dir / fname).write_text(text, encoding="utf-8")
    expected = {p.name: p.read_text(encoding="utf-8") for p in expected_dir.glob("*.md")}
    assert expected, f"no expected pages in {expected_dir}"
    assert sorted(written) == sorted(expected)
    for fname in expected:
        assert written[fname] == expected[fname], fname
