"""Golden tests: fixture inputs in both shapes and the exact pages they must produce.

Regenerate after an intended change with UPDATE_GOLDEN=1, then review the diff.
"""
import os

import pytest

from helpers import FIXTURES, run_import

CASES = sorted(p.stem for p in (FIXTURES / "text").glob("*.txt"))


@pytest.mark.parametrize("name", CASES)
def test_fixture_produces_expected_pages(name, tmp_path):
    run_import(FIXTURES / "text" / f"{name}.txt", docs=tmp_path, check=True)
    written = {p.name: p.read_text(encoding="utf-8") for p in (tmp_path / "articles").glob("*.md")}
    expected_dir = FIXTURES / "expected" / name
    if os.environ.get("UPDATE_GOLDEN"):
        expected_dir.mkdir(parents=True, exist_ok=True)
        for old in expected_dir.glob("*.md"):
            old.unlink()
        for fname, text in written.items():
            (expected_dir / fname).write_text(text, encoding="utf-8")
    expected = {p.name: p.read_text(encoding="utf-8") for p in expected_dir.glob("*.md")}
    assert sorted(written) == sorted(expected)
    for fname in expected:
        assert written[fname] == expected[fname], fname
