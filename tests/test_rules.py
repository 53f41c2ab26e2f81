"""Rules are data with a priority: the number, not the file a rule is in, decides which
rule is tried first (and so which one names a removal)."""
from __future__ import annotations

import shutil

import pytest

from importer.cleaning import clean
from importer.model import Article
from importer.readers import split_lines
from importer.rules import RULES_DIR, load_rules

PROFILE = """
placeholders:
  - name: early-image-stub
    priority: 2000
    reason: A test profile's rule placed before every generic one.
    pattern: '!\\s*image\\.png'
  - name: late-image-stub
    priority: 1
    reason: A test profile's rule placed after every generic one.
    pattern: '!\\s*image\\.png'
"""


def _rules(tmp_path):
    shutil.copytree(RULES_DIR, tmp_path / "rules")
    (tmp_path / "rules" / "aa-test.yml").write_text(PROFILE, encoding="utf-8")  # read before generic's profiles
    return load_rules(tmp_path / "rules")


def test_priority_orders_rules_across_files(tmp_path):
    names = [r.name for r in _rules(tmp_path).placeholders]
    assert names[0] == "early-image-stub" and names[-1] == "late-image-stub"
    assert names[1:-1] == [r.name for r in load_rules().placeholders]


def test_the_first_rule_by_priority_names_the_removal(tmp_path):
    text = "修理咖啡馆开张\n! image.png\n社区活动中心每个月第二个星期六会变成一间修理咖啡馆，志工带着工具帮居民修好旧东西。"
    article = Article(source="t", blocks=split_lines(text))
    assert [r.rule for r in clean(article).removals] == ["image-file-stub"]
    assert [r.rule for r in clean(article, rules=_rules(tmp_path)).removals] == ["early-image-stub"]



def test_a_rule_without_a_priority_is_named(tmp_path):
    shutil.copytree(RULES_DIR, tmp_path / "rules")
    (tmp_path / "rules" / "aa-test.yml").write_text(PROFILE.replace("    priority: 1\n", ""), encoding="utf-8")
    with pytest.raises(ValueError, match="late-image-stub.*priority"):
        load_rules(tmp_path / "rules")
