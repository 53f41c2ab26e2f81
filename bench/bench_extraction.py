"""Extraction quality on real saved pages: the importer's rendered text against trafilatura alone.

Both run on the same pages in the same run and are scored with the same text
normalisation (NFC, whitespace collapsed, lower-cased tokens):

- importer: the page a reader gets, i.e. `process()` (read, clean, structure,
  languages), the page in the language the text was written in rendered to
  Markdown, and that Markdown rendered to HTML with mkdocs.yml's extensions, as
  MkDocs does; its visible text without the H1 (the title, which the ground
  truth leaves out too) and without the headings' permalink signs.
- trafilatura: its default `trafilatura.extract(html)` (plain text).

Three sets of pages, each printed with per-set totals and the pages where the
two differ most (all pages with --per-page):

- sample    bench/extraction-sample/, five own-written pages (zh-Hans, zh-Hant, en)
            in the shapes the editors save (see extraction_sample.py).
- dev       trafilatura's evaluation set (its tests/eval, tests/cache and
            tests/evaldata.json; 990 pages, mostly German and English): each page
            has up to six text snippets that must appear and up to six that must
            not. Scored as trafilatura's own evaluation does: a snippet counts when
            it is a substring of the output (after the normalisation above);
            precision tp/(tp+fp), recall tp/(tp+fn), F1.
- held-out  the article-extraction benchmark (github.com/scrapinghub/
            article-extraction-benchmark; 181 news and blog pages, html/*.html.gz,
            hand-made ground-truth.json {ID: {"articleBody": ...}}). Scored on
            tokens: each Han or kana character is one token (no spaces to split
            words on; a segmenter would add its own errors), each other run of
            letters or digits (Latin, Hangul, …) one lower-cased token; punctuation
            and whitespace are not tokens; common tokens counted as multisets.
            F1 over all tokens (micro) and the mean of per-page F1.

The dev set is the one to tune against; the held-out set is for checking a
change, not for finding one. The data lives outside the repository: the first
run exports it from the two projects' fetched mirrors (../.mirror, see
bench/mirror_data.py) into .cache/bench/extraction/;
`--pages DIR --truth FILE` scores any set in either truth format.

It also checks languages: a page converted by OpenCC (written as both zh-Hans
and zh-Hant) whose ground truth is not Chinese text is counted and listed.

    python bench/bench_extraction.py [--set sample|dev|held-out|all] [--per-page]
                                     [--limit N] [--json]
    python bench/bench_extraction.py --pages DIR --truth FILE

A full run (all sets) takes several minutes; progress goes to stderr, results
to stdout (--json: one JSON object and nothing else).
"""
from __future__ import annotations

import argparse
import datetime as dt
import gzip
import json
import re
import sys
import time
import unicodedata
from collections import Counter
from dataclasses import dataclass, field, replace
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import mirror_data  # noqa: E402  (a sibling: bench/ is on the path when run as a script)

SAMPLE = Path(__file__).with_name("extraction-sample")
DATA = mirror_data.CACHE / "extraction"
SETS = {  # name: (pages folder, ground truth, what it is)
    "sample": (SAMPLE, SAMPLE / "ground-truth.json", "the project's own sample pages"),
    "dev": (DATA / "trafilatura" / "tests", DATA / "trafilatura" / "tests" / "evaldata.json",
            "trafilatura's evaluation set"),
    "held-out": (DATA / "scrapinghub" / "html", DATA / "scrapinghub" / "ground-truth.json",
                 "the article-extraction benchmark"),
}
MIRRORED = {  # set: (repository, paths exported, folder)
    "dev": ("adbar/trafilatura", ["tests/eval", "tests/cache", "tests/evaldata.json"], DATA / "trafilatura"),
    "held-out": ("scrapinghub/article-extraction-benchmark", ["html", "ground-truth.json"], DATA / "scrapinghub"),
}
SYSTEMS = ("importer", "trafilatura")

_HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_KANA = "\u3040-\u30ff"
_TOKEN = re.compile(rf"[{_HAN}{_KANA}]|[^\W_{_HAN}{_KANA}]+")
_SPACE = re.compile(r"\s+")


def normalise(text: str) -> str:
    return _SPACE.sub(" ", unicodedata.normalize("NFC", text or "")).strip()


def tokens(text: str) -> Counter:
    return Counter(t.lower() for t in _TOKEN.findall(normalise(text)))


def prf(tp: float, fp: float, fn: float) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def token_counts(text: str, item: dict) -> tuple[int, int, int]:
    """(tp, fp, fn) over tokens, as multisets."""
    found, truth = tokens(text), tokens(item.get("articleBody", ""))
    common = sum((found & truth).values())
    return common, sum(found.values()) - common, sum(truth.values()) - common


def snippet_counts(text: str, item: dict) -> tuple[int, int, int]:
    """(tp, fp, fn) over snippets: `with` found, `without` found, `with` missing."""
    text = normalise(text)
    tp = sum(normalise(s) in text for s in item["with"])
    fp = sum(normalise(s) in text for s in item["without"])
    return tp, fp, len(item["with"]) - tp


def is_chinese_truth(item: dict) -> bool:
    """Whether the ground truth is Chinese text: Han characters with (almost) no kana or
    Hangul, and not a few Han characters in Latin text (lyrics with pinyin are Chinese)."""
    text = item.get("articleBody") or " ".join(item.get("with", ()))
    han = len(re.findall(f"[{_HAN}]", text))
    other_cjk = len(re.findall(f"[{_KANA}\uac00-\ud7af\u1100-\u11ff]", text))
    letters = sum(ch.isalpha() for ch in text)
    return han > 0 and han >= 0.15 * letters and other_cjk < 0.05 * han


# --- the two systems ----------------------------------------------------------------

class Importer:
    """The importer's page as a reader sees it (see the module docstring)."""

    def __init__(self):
        import markdown
        from mkdocs.config import load_config

        from importer.pipeline import Settings, process
        from importer.render import render_page

        config = load_config(str(ROOT / "mkdocs.yml"))
        self.markdown = markdown.Markdown(extensions=config.markdown_extensions,
                                          extension_configs=config.mdx_configs)
        self.settings = Settings(date=dt.date(2026, 1, 1))
        self.process, self.render_page = process, render_page

    def __call__(self, key: str, data: bytes) -> tuple[str, dict]:
        import lxml.html
        from mkdocs.utils.meta import get_data

        article = self.process(Path("page.html"), data, self.settings)  # keys may be URLs
        article = replace(article, meta=article.with_meta(article_id="bench"))  # written by write_pages
        lang = article.meta.get("source_script") or next(iter(article.pages))
        markdown_text, _ = get_data(self.render_page(article, article.pages[lang], self.settings.date))
        html = self.markdown.reset().convert(markdown_text)
        root = lxml.html.fragment_fromstring(html or "<p></p>", create_parent="div")
        for el in root.xpath("//h1 | //a[contains(concat(' ', @class, ' '), ' headerlink ')]"):
            el.drop_tree()
        info = {"pages": list(article.pages), "lang": article.meta.get("content_lang", lang)}
        return visible_text(root), info


_BLOCK = {"p", "div", "li", "ul", "ol", "blockquote", "pre", "table", "tr", "figure", "figcaption",
          "dt", "dd", "br", "hr", *(f"h{n}" for n in range(1, 7))}


def visible_text(root) -> str:
    """The text a browser shows: block elements on their own lines, cells apart."""
    for el in root.iter():
        if el.tag in _BLOCK:
            el.tail = "\n" + (el.tail or "")
        elif el.tag in ("td", "th"):
            el.tail = " " + (el.tail or "")
    return root.text_content()


def trafilatura_text(key: str, data: bytes) -> tuple[str, dict]:
    import trafilatura

    return trafilatura.extract(data) or "", {}


# --- running a set ------------------------------------------------------------------

@dataclass
class SetResult:
    name: str
    what: str
    metric: str  # "tokens" | "snippets"
    keys: list[str] = field(default_factory=list)
    counts: dict = field(default_factory=lambda: {s: [] for s in SYSTEMS})
    seconds: dict = field(default_factory=lambda: dict.fromkeys(SYSTEMS, 0.0))
    failed: dict = field(default_factory=lambda: {s: [] for s in SYSTEMS})
    converted_non_chinese: list = field(default_factory=list)
    languages: Counter = field(default_factory=Counter)

    def totals(self, system: str) -> dict:
        tp, fp, fn = (sum(c[i] for c in self.counts[system]) for i in range(3))
        p, r, f1 = prf(tp, fp, fn)
        per_page = [prf(*c)[2] for c in self.counts[system]]
        return {"precision": p, "recall": r, "f1": f1,
                "mean_f1": sum(per_page) / len(per_page) if per_page else 0.0,
                "s_per_page": self.seconds[system] / max(len(self.keys), 1),
                "failed": len(self.failed[system])}


class MissingData(Exception):
    pass


def load_truth(truth: Path) -> tuple[dict, str]:
    if not truth.is_file():
        raise MissingData(f"no ground truth at {truth} (the docstring of bench/bench_extraction.py "
                          "says where the sets come from)")
    data = json.loads(truth.read_text(encoding="utf-8"))
    first = next(iter(data.values()), {})
    if "articleBody" in first:
        return data, "tokens"
    if "with" in first and "without" in first:
        return data, "snippets"
    raise MissingData(f"{truth}: unknown ground-truth format (expected articleBody or with/without)")


def page_bytes(pages: Path, key: str, item: dict) -> bytes:
    """ID.html / ID.html.gz, or the item's `file` under pages/, pages/cache or pages/eval."""
    names = [item["file"]] if item.get("file") else [f"{key}.html", f"{key}.html.gz"]
    for folder in (pages, pages / "cache", pages / "eval"):
        for name in names:
            path = folder / name
            if path.is_file():
                data = path.read_bytes()
                return gzip.decompress(data) if name.endswith(".gz") else data
    raise MissingData(f"page {key} not found under {pages}")


def run_set(name: str, pages: Path, truth_file: Path, what: str, limit: int | None, systems: dict) -> SetResult:
    truth, metric = load_truth(truth_file)
    keys = sorted(truth)[:limit] if limit else sorted(truth)
    result = SetResult(name, what, metric, keys)
    score = token_counts if metric == "tokens" else snippet_counts
    progress = Progress(name, len(keys))
    for n, key in enumerate(keys, 1):
        progress.show(n, key)
        data = page_bytes(pages, key, truth[key])
        for system, extract in systems.items():
            start = time.perf_counter()
            try:
                text, info = extract(key, data)
            except Exception as exc:  # a page a system cannot read scores zero, and is counted
                text, info = "", {}
                result.failed[system].append((key, f"{type(exc).__name__}: {exc}"))
            result.seconds[system] += time.perf_counter() - start
            result.counts[system].append(score(text, truth[key]))
            if system == "importer" and info:
                result.languages[info["lang"]] += 1
                if {"zh-Hans", "zh-Hant"} <= set(info["pages"]) and not is_chinese_truth(truth[key]):
                    result.converted_non_chinese.append(key)
    progress.done()
    return result


class Progress:
    """A one-line counter on a terminal; a line per 100 pages otherwise (never on stdout)."""

    def __init__(self, name: str, total: int):
        self.name, self.total, self.tty = name, total, sys.stderr.isatty()
        self.start = time.perf_counter()

    def show(self, n: int, key: str) -> None:
        if self.tty:
            print(f"\r{self.name}: {n}/{self.total} {key[:40]:<40}", end="", file=sys.stderr, flush=True)
        elif n % 100 == 1:
            print(f"{self.name}: {n}/{self.total}", file=sys.stderr, flush=True)

    def done(self) -> None:
        end = "\r" + " " * 60 + "\r" if self.tty else ""
        print(f"{end}{self.name}: {self.total} pages in {time.perf_counter() - self.start:.0f} s",
              file=sys.stderr, flush=True)


# --- output -------------------------------------------------------------------------

def print_result(result: SetResult, per_page: bool, worst: int = 10) -> None:
    unit = ("tokens: Han and kana characters one each, other words one each; bag of tokens"
            if result.metric == "tokens" else "snippets: `with` found = tp, `without` found = fp, `with` missing = fn")
    print(f"\n== {result.name}: {len(result.keys)} pages, {result.what}\n{unit}")
    print(f"{'system':<12} {'precision':>9} {'recall':>7} {'F1':>6} {'mean F1':>8} {'s/page':>7} {'failed':>6}")
    totals = {s: result.totals(s) for s in SYSTEMS}
    for s, t in totals.items():
        print(f"{s:<12} {t['precision']:9.3f} {t['recall']:7.3f} {t['f1']:6.3f} {t['mean_f1']:8.3f} "
              f"{t['s_per_page']:7.4f} {t['failed']:6d}")
    met = totals["importer"]["f1"] >= totals["trafilatura"]["f1"]
    print(f"importer F1 {totals['importer']['f1']:.3f} vs trafilatura F1 {totals['trafilatura']['f1']:.3f}: "
          + ("at least as good" if met else "WORSE"))
    langs = ", ".join(f"{lang} {n}" for lang, n in result.languages.most_common())
    print(f"importer languages: {langs}")
    print(f"converted by OpenCC from a non-Chinese text: {len(result.converted_non_chinese)}"
          + (f" ({', '.join(result.converted_non_chinese)})" if result.converted_non_chinese else ""))
    for s in SYSTEMS:
        for key, why in result.failed[s]:
            print(f"  {s} failed on {key}: {why}")
    rows = [(prf(*i)[2] - prf(*t)[2], key, prf(*i)[2], prf(*t)[2])
            for key, i, t in zip(result.keys, result.counts["importer"], result.counts["trafilatura"])]
    if not per_page:
        rows = [r for r in sorted(rows)[:worst] if r[0] < 0]
        if rows:
            print(f"pages where the importer loses most (of {len(result.keys)}; all with --per-page):")
    if rows:
        print(f"  {'page':<40} {'importer':>8} {'trafilatura':>11} {'diff':>6}")
    for diff, key, fi, ft in rows:
        print(f"  {key[:40]:<40} {fi:8.3f} {ft:11.3f} {diff:+6.3f}")


def as_json(result: SetResult) -> dict:
    return {"set": result.name, "pages": len(result.keys), "metric": result.metric,
            "totals": {s: result.totals(s) for s in SYSTEMS},
            "converted_non_chinese": result.converted_non_chinese,
            "languages": dict(result.languages),
            "failed": {s: result.failed[s] for s in SYSTEMS},
            "per_page": {key: {s: prf(*result.counts[s][n])[2] for s in SYSTEMS}
                         for n, key in enumerate(result.keys)}}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--set", choices=[*SETS, "all"], default="all", help="which set(s) to score (default: all)")
    ap.add_argument("--pages", type=Path, help="a folder of pages to score instead of the named sets")
    ap.add_argument("--truth", type=Path, help="its ground truth (default: PAGES/ground-truth.json)")
    ap.add_argument("--limit", type=int, help="only the first N pages of each set (quick checks)")
    ap.add_argument("--per-page", action="store_true", help="print every page's F1, not only the worst")
    ap.add_argument("--json", action="store_true", help="print one JSON object instead of tables")
    args = ap.parse_args()
    if args.pages:
        chosen = {"custom": (args.pages, args.truth or args.pages / "ground-truth.json", str(args.pages))}
    else:
        chosen = SETS if args.set == "all" else {args.set: SETS[args.set]}
    try:
        for name, (pages, truth, _) in chosen.items():
            if name in MIRRORED:
                repo, paths, into = MIRRORED[name]
                mirror_data.export(repo, paths, into)
            load_truth(truth)  # every set is there before minutes are spent on the first
            if not pages.is_dir():
                raise MissingData(f"no pages at {pages}")
        systems = {"importer": Importer(), "trafilatura": trafilatura_text}
        results = [run_set(name, pages, truth, what, args.limit, systems)
                   for name, (pages, truth, what) in chosen.items()]
    except (MissingData, mirror_data.MissingMirror) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    if args.json:
        print(json.dumps([as_json(r) for r in results], ensure_ascii=False))
    else:
        for result in results:
            print_result(result, args.per_page)
    return 0


if __name__ == "__main__":
    sys.exit(main())
