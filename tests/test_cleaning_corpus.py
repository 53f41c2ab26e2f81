"""The cleaner on real scraped pages: the labelled corpus beside the checkout
(../shared/corpus, see its README) meets the targets bench/bench_cleaning.py prints.

The corpus is third-party text: it is read from there, never copied into the repository.
"""
from __future__ import annotations

import sys

import pytest

from conftest import ROOT, unavailable

sys.path.insert(0, str(ROOT / "bench"))
import bench_cleaning as bench  # noqa: E402

CORPUS = ROOT.parent / "shared" / "corpus"


@pytest.fixture(scope="module")
def scores(tmp_path_factory):
    if not CORPUS.is_dir():
        unavailable(f"labelled corpus not found at {CORPUS}")
    src = tmp_path_factory.mktemp("corpus")
    names = sorted(p.stem for p in CORPUS.glob("*.txt") if p.with_suffix(".labels").exists())
    for name in names:
        (src / f"{name}.txt").write_bytes((CORPUS / f"{name}.txt").read_bytes())
    raw = bench.run_version(ROOT, src, batch=False)
    return [bench.score_file(name, *bench.labelled(CORPUS, name), raw[name]) for name in names]


@pytest.mark.parametrize("metric", sorted(bench.TARGETS))
def test_corpus_meets_the_target(scores, metric):
    counts, _ = bench.total(scores)
    assert bench.pct(counts, metric) >= bench.TARGETS[metric], [
        (s.name, s.ratio(metric)) for s in scores if bench.pct(s.counts, metric) < 1]


def test_no_file_loses_more_than_one_content_line(scores):
    assert all(s.counts["content:all"] - s.counts["content:ok"] <= 1 for s in scores), [
        (s.name, s.ratio("content")) for s in scores]


def test_every_page_is_imported(scores):
    assert [s.name for s in scores if s.error] == []
