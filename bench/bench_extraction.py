"""Extraction quality: the body the importer keeps from saved pages, against trafilatura alone.

Reads a folder of ID.html / ID.html.gz and a ground-truth JSON in the format of
public article-extraction benchmarks ({ID: {"articleBody": "..."}}), runs both
on the same pages in the same run and prints token-level precision, recall and
F1 (micro: over all tokens; and the mean of per-page F1).

Tokens: each Han character is one token (Chinese has no spaces to split words
on, and a word segmenter would add its own errors), each run of Latin letters
or digits is one lower-cased token; punctuation and whitespace are not tokens.
Scores count common tokens as multisets (bag of tokens), as those benchmarks do.

The importer's body is what its HTML path keeps (read → clean → structure), in
the page's own script, without the title (a separate front-matter field).
Target: the importer's F1 is at least trafilatura's on the same pages.

    python bench/bench_extraction.py [--pages DIR] [--truth FILE]

Default: bench/extraction-sample/, a small own-written set (see extraction_sample.py);
no public benchmark data can be downloaded here.
"""
from __future__ import annotations

import argparse
import gzip
import json
import re
import sys
import time
from collections import Counter
from pathlib import Path

import trafilatura

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from importer.cleaning import clean  # noqa: E402
from importer.model import CELL, ROW, plain  # noqa: E402
from importer.reading import READERS  # noqa: E402
from importer.shape import split_parts  # noqa: E402

SAMPLE = Path(__file__).with_name("extraction-sample")
_TOKEN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]|[^\W_]+")


def tokens(text: str) -> Counter:
    return Counter(t.lower() for t in _TOKEN.findall(text or ""))


def scores(found: Counter, truth: Counter) -> tuple[int, int, int]:
    """(common, found, truth) token counts."""
    return sum((found & truth).values()), sum(found.values()), sum(truth.values())


def prf(common: int, found: int, truth: int) -> tuple[float, float, float]:
    p = common / found if found else 0.0
    r = common / truth if truth else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def importer_body(data: bytes) -> str:
    article = READERS[".html"](data)
    article = split_parts(clean(article))
    return "\n".join(plain(b.text.replace(CELL, " ").replace(ROW, "\n"))
                     for p in article.parts for b in p.blocks if b.kind != "image")


def trafilatura_body(data: bytes) -> str:
    return trafilatura.extract(data) or ""


def load(pages: Path, key: str) -> bytes:
    plain_file, gz = pages / f"{key}.html", pages / f"{key}.html.gz"
    return plain_file.read_bytes() if plain_file.exists() else gzip.decompress(gz.read_bytes())


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--pages", type=Path, default=SAMPLE, help="folder of ID.html / ID.html.gz")
    ap.add_argument("--truth", type=Path, help="ground-truth JSON (default: PAGES/ground-truth.json)")
    args = ap.parse_args()
    truth = json.loads((args.truth or args.pages / "ground-truth.json").read_text(encoding="utf-8"))
    systems = {"importer": importer_body, "trafilatura": trafilatura_body}
    totals = {name: [0, 0, 0] for name in systems}
    per_page = {name: [] for name in systems}
    seconds = dict.fromkeys(systems, 0.0)
    failed = {name: 0 for name in systems}
    keys = sorted(truth)
    for extract in systems.values():  # one-time set-up (imports, rules, OpenCC) is not timed
        extract(load(args.pages, keys[0]))
    for key in keys:
        data = load(args.pages, key)
        want = tokens(truth[key].get("articleBody", ""))
        for name, extract in systems.items():
            start = time.perf_counter()
            try:
                body = extract(data)
            except Exception as exc:  # a page the system cannot read scores zero, and is counted
                body, failed[name] = "", failed[name] + 1
                print(f"  {name} failed on {key}: {exc}", file=sys.stderr)
            seconds[name] += time.perf_counter() - start
            c, f, t = scores(tokens(body), want)
            for i, v in enumerate((c, f, t)):
                totals[name][i] += v
            per_page[name].append(prf(c, f, t)[2])
    print(f"pages: {len(keys)} from {args.pages}")
    print("tokens: Han characters one each, Latin/digit words one each (lower-cased); bag of tokens")
    print(f"{'system':<12} {'precision':>9} {'recall':>7} {'F1':>6} {'mean F1':>8} {'s/page':>7} {'failed':>6}")
    f1 = {}
    for name in systems:
        p, r, f1[name] = prf(*totals[name])
        mean = sum(per_page[name]) / len(keys) if keys else 0.0
        print(f"{name:<12} {p:9.3f} {r:7.3f} {f1[name]:6.3f} {mean:8.3f} {seconds[name] / max(len(keys), 1):7.4f} {failed[name]:6d}")
    met = f1["importer"] >= f1["trafilatura"]
    print(f"importer F1 {f1['importer']:.3f} >= trafilatura F1 {f1['trafilatura']:.3f}: "
          + ("[target met]" if met else "[TARGET MISSED]"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
