"""Conversion benchmark: Simplified ↔ Taiwan Traditional sentence pairs.

Prints, per source and split, sentence accuracy and character error rate (CER)
of the project's converter (importer.script.convert: s2twp / tw2sp) beside
OpenCC's s2t / s2tw / s2twp and t2s / tw2s / tw2sp and zhconv (MediaWiki's
tables, zh-tw / zh-cn), all in one run.

Sources (third-party text is read from ../shared/parallel/, never stored here):
  own      bench/conversion/own-pairs.tsv: sentences written for this project,
           one class per error of issue 12
  issues   ../shared/parallel/opencc-issues.tsv: wrong conversions reported upstream
  opencc   ../shared/parallel/opencc-testcases.json: OpenCC's own s2twp/tw2sp cases
  real     ../shared/parallel/zeabur.tsv: one publisher's zh-CN and zh-TW pages;
           split "dev" (looked at while growing the phrase files) and
           "heldout" (never looked at)

A sentence is right when the output equals the reference after these
normalisations: {a|b} in a reference accepts either form; quotation marks
(「」 vs “”) are typography, not conversion; in Taiwan text 臺/台, 瞭解/了解,
使用者/用戶, 平臺/平台 and 紀錄/記錄 are both standard. Sentences of one real
page are converted with that page's context (what the importer does with an
article); the others each on their own.

    python bench/bench_conversion.py [--failures] [--json]
"""
from __future__ import annotations

import argparse
import json
import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import opencc  # noqa: E402
import zhconv  # noqa: E402

from importer.script import context_of, convert  # noqa: E402

SHARED = ROOT.parent / "shared" / "parallel"
OWN = ROOT / "bench" / "conversion" / "own-pairs.tsv"
QUOTES = str.maketrans({"「": "“", "」": "”", "『": "‘", "』": "’"})
# Both forms standard in Taiwan (the second is folded to the first in output and reference).
HANT_EQUIVALENT = [("臺", "台"), ("瞭解", "了解"), ("使用者", "用戶"), ("平臺", "平台"), ("紀錄", "記錄")]
ALT = re.compile(r"\{([^{}]*)\}")


def load() -> list[dict]:
    """Pairs: {source, split, direction (both|s2t|t2s), hans, hant, cls}."""
    pairs = []
    for row in _tsv(OWN):
        cls, direction, hans, hant = row
        pairs.append(dict(source="own", split="-", direction=direction, hans=hans, hant=hant, cls=cls))
    if (SHARED / "opencc-issues.tsv").exists():
        for direction, hans, hant, _ in _tsv(SHARED / "opencc-issues.tsv"):
            pairs.append(dict(source="issues", split="-", direction=direction, hans=hans, hant=hant, cls="issue"))
    if (SHARED / "opencc-testcases.json").exists():
        for case in json.loads((SHARED / "opencc-testcases.json").read_text(encoding="utf-8")):
            pairs.append(dict(source="opencc", split="-", direction=case["direction"], hans=case["hans"],
                              hant=case["hant"], cls=case["id"]))
    if (SHARED / "zeabur.tsv").exists():
        for doc, split, hans, hant in _tsv(SHARED / "zeabur.tsv"):
            pairs.append(dict(source="real", split=split, direction="both", hans=hans, hant=hant, cls=doc))
    else:
        print(f"note: {SHARED} not found: real parallel text, OpenCC cases and issue reports skipped", file=sys.stderr)
    return pairs


def _tsv(path: Path) -> list[list[str]]:
    return [line.split("\t") for line in path.read_text(encoding="utf-8").splitlines()
            if line.strip() and not line.startswith("#")]


def systems() -> dict[str, dict]:
    occ = {c: opencc.OpenCC(c).convert for c in ("s2t", "s2tw", "s2twp", "t2s", "tw2s", "tw2sp")}
    return {
        "s2t": {"project s2twp": lambda t, c=None: convert(t, "s2twp", c), "opencc s2t": occ["s2t"], "opencc s2tw": occ["s2tw"],
                "opencc s2twp": occ["s2twp"], "zhconv zh-tw": lambda t: zhconv.convert(t, "zh-tw")},
        "t2s": {"project tw2sp": lambda t, c=None: convert(t, "tw2sp", c), "opencc t2s": occ["t2s"], "opencc tw2s": occ["tw2s"],
                "opencc tw2sp": occ["tw2sp"], "zhconv zh-cn": lambda t: zhconv.convert(t, "zh-cn")},
    }


def _normal(text: str, hant: bool) -> str:
    text = text.translate(QUOTES)
    if hant:
        for a, b in HANT_EQUIVALENT:
            text = text.replace(a, b)
    return text


def _references(ref: str) -> list[str]:
    """Every spelling a reference with {a|b} groups accepts (the first alternative when there are many groups)."""
    out = [""]
    pos = 0
    for m in ALT.finditer(ref):
        options = m.group(1).split("|")
        out = [o + ref[pos : m.start()] + opt for o in out for opt in options][:64]
        pos = m.end()
    return [o + ref[pos:] for o in out]


def _distance(a: str, b: str) -> int:
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        prev = cur
    return prev[-1]


def score(output: str, reference: str, hant: bool) -> tuple[bool, int, int]:
    """(exact, edit distance, reference length) against the closest accepted reference."""
    out = _normal(output, hant)
    best = None
    for ref in _references(reference):
        ref = _normal(ref, hant)
        d = 0 if out == ref else _distance(out, ref)
        if best is None or d < best[1]:
            best = (d == 0, d, len(ref))
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--failures", action="store_true", help="print the project's wrong sentences")
    parser.add_argument("--json", action="store_true", help="print the figures as one JSON object")
    args = parser.parse_args()
    pairs = load()
    groups: dict[tuple, dict] = {}
    failures = []
    for direction, convs in systems().items():
        hant = direction == "s2t"
        side, config = ("hans", "s2twp") if hant else ("hant", "tw2sp")
        pages: dict[str, list[str]] = {}
        for pair in pairs:
            if pair["source"] == "real":
                pages.setdefault(pair["cls"], []).append(pair[side])
        page_context = {doc: context_of("\n".join(texts), config) for doc, texts in pages.items()}
        for pair in pairs:
            if pair["direction"] not in ("both", direction):
                continue
            src, ref = (pair["hans"], pair["hant"]) if hant else (pair["hant"], pair["hans"])
            src = _references(src)[0]
            for name, conv in convs.items():
                if name.startswith("project"):
                    out = conv(src, page_context.get(pair["cls"]) if pair["source"] == "real" else None)
                else:
                    out = conv(src)
                exact, dist, length = score(out, ref, hant)
                for key in ((direction, pair["source"], pair["split"], name), (direction, "all", "-", name)):
                    g = groups.setdefault(key, {"n": 0, "right": 0, "edits": 0, "chars": 0})
                    g["n"] += 1
                    g["right"] += exact
                    g["edits"] += dist
                    g["chars"] += length
                if name.startswith("project") and not exact:
                    failures.append((direction, pair["source"], pair["cls"], src, out, ref))
    if args.json:
        print(json.dumps([{"direction": d, "source": s, "split": sp, "system": n, **g}
                          for (d, s, sp, n), g in groups.items()], ensure_ascii=False))
        return
    _table(groups)
    if args.failures:
        print("\nproject converter, wrong sentences:")
        for direction, source, cls, src, out, ref in failures:
            print(f"  [{direction} {source} {cls}] {src}\n      got {out}\n     want {ref}")
    _speed()


def _table(groups: dict) -> None:
    order = [("own", "-"), ("issues", "-"), ("opencc", "-"), ("real", "dev"), ("real", "heldout"), ("all", "-")]
    for direction in ("s2t", "t2s"):
        title = "Simplified → Taiwan Traditional" if direction == "s2t" else "Taiwan Traditional → Simplified"
        names = [n for (d, s, sp, n) in groups if d == direction and s == "all"]
        print(f"\n{title}: sentence accuracy % (CER %)")
        print(f"{'source':16}{'n':>5}  " + "".join(f"{n:>22}" for n in names))
        for source, split in order:
            cells = [groups.get((direction, source, split, n)) for n in names]
            if not cells[0]:
                continue
            label = source if split == "-" else f"{source} {split}"
            line = "".join(f"{100 * g['right'] / g['n']:>14.1f} ({100 * g['edits'] / max(g['chars'], 1):4.1f})"
                           for g in cells)
            print(f"{label:16}{cells[0]['n']:>5}  {line}")


def _speed() -> None:
    text = "".join(_tsv(OWN)[i % 40][2] for i in range(4000))
    hant = convert(text[:200], "s2twp") and convert(text, "s2twp")
    for name, conv in (("project s2twp", lambda t: convert(t, "s2twp")), ("opencc s2twp", opencc.OpenCC("s2twp").convert),
                       ("project tw2sp", lambda t: convert(t, "tw2sp")), ("opencc tw2sp", opencc.OpenCC("tw2sp").convert)):
        src = text if "s2t" in name else hant
        start = time.perf_counter()
        conv(src)
        rate = len(src) / (time.perf_counter() - start) / 1e6
        print(f"speed {name:14} {rate:5.2f} M characters/s ({len(src)} characters)")


if __name__ == "__main__":
    main()
