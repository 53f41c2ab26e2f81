"""Rebuild the conversion benchmark's real parallel text in .cache/bench/parallel/.

bench/bench_conversion.py scores real text published by one publisher in both
scripts. That text is third-party, so it is never stored in git: this script
makes it again, into a cache outside git (`<repo>/.cache/bench/parallel/`, or
--out), from the publishers' own repositories, brought to this machine with
the tool library's `fetch` (bare git mirrors under ../.mirror/<owner>+<name>/repo):

  BYVoid/OpenCC            test/testcases/testcases.json → opencc-testcases.json
                           (the s2twp and tw2sp cases)
  tldr-pages/tldr          pages.zh/ ↔ pages.zh_TW/      → tldr.tsv
  rustdesk/doc.rustdesk.com  *.zh-cn.md ↔ *.zh-tw.md     → rustdesk.tsv
  hexojs/site              source/zh-cn/ ↔ source/zh-tw/ → hexo.tsv (all held out)
  ruby/www.ruby-lang.org   zh_cn/ ↔ zh_tw/               → ruby.tsv (all held out)

Lines are paired within one page by their ASCII skeleton (code, URLs, numbers
and Latin words are the same on both sides of a conversion; difflib aligns the
two sequences), then cut into sentences where both sides have as many; a pair repeated on
many pages (a template line) is kept once. Each
page goes to the "dev" or the "heldout" split by a hash of its path, so a page
is always in the same split. Pairs that are not a conversion of each other are
dropped later, by bench/conversion_filter.py, when the benchmark reads them.
A source whose mirror is missing is skipped with a note; the others are made.
The benchmark calls build() itself when a file is missing.

    python bench/parallel_sources.py [--mirrors DIR] [--out DIR]
"""
from __future__ import annotations

import argparse
import difflib
import hashlib
import json
import re
import subprocess
import sys
from pathlib import Path

import mirror_data
from conversion_filter import to_simplified

ROOT = Path(__file__).resolve().parent.parent
CACHE = mirror_data.CACHE / "parallel"
MIRRORS = mirror_data.MIRRORS
SAVED = ROOT.parent / "labelled"  # pages saved by hand, outside the repository
HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
SENTENCE = re.compile(r"(?<=[。！？!?])")
FENCE = re.compile(r"^\s*(```|~~~)")


def git_files(repo: Path) -> list[str]:
    out = subprocess.run(["git", "--git-dir", str(repo), "ls-tree", "-r", "--name-only", "HEAD"],
                         capture_output=True, text=True, check=True).stdout
    return out.splitlines()


def git_show(repo: Path, path: str) -> str:
    return subprocess.run(["git", "--git-dir", str(repo), "show", f"HEAD:{path}"],
                          capture_output=True, check=True).stdout.decode("utf-8", "replace")


def text_lines(page: str) -> list[str]:
    """The page's prose lines: no front matter, no fenced code, each with Han text."""
    lines, fenced = [], False
    body = re.sub(r"\A---\n.*?\n---\n", "", page, flags=re.S)
    for line in body.splitlines():
        if FENCE.match(line):
            fenced = not fenced
        elif not fenced and HAN.search(line):
            lines.append(line.strip())
    return lines


def skeleton(line: str) -> str:
    return re.sub(r"[^\x21-\x7e]+", "", line)


def aligned(hans: str, hant: str) -> list[tuple[str, str]]:
    """Sentence pairs of two versions of one page."""
    a, b = text_lines(hans), text_lines(hant)
    matcher = difflib.SequenceMatcher(None, [skeleton(x) for x in a], [skeleton(x) for x in b],
                                      autojunk=False)
    pairs = []
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal" or (op == "replace" and i2 - i1 == j2 - j1):
            for x, y in zip(a[i1:i2], b[j1:j2]):
                xs, ys = [s for s in SENTENCE.split(x) if s.strip()], [s for s in SENTENCE.split(y) if s.strip()]
                pairs.extend(zip(xs, ys) if len(xs) == len(ys) else [(x, y)])
    return [(x.strip(), y.strip()) for x, y in pairs if "\t" not in x + y]


def split_of(path: str) -> str:
    return "dev" if hashlib.sha1(path.encode()).digest()[0] % 2 == 0 else "heldout"


def page_pairs(repo: Path, hans_path, hant_of, split: str | None = None) -> list[tuple[str, str, str, str]]:
    """Rows (doc, split, hans, hant) for every Simplified page that has a Taiwan twin
    (the split of each page by split_of, or `split` for every page)."""
    files = set(git_files(repo))
    rows, seen = [], set()
    for path in sorted(f for f in files if hans_path(f)):
        twin = hant_of(path)
        if twin in files:
            for x, y in aligned(git_show(repo, path), git_show(repo, twin)):
                if (x, y) not in seen:  # template lines (tldr's alias pages) count once
                    seen.add((x, y))
                    rows.append((path, split or split_of(path), x, y))
    return rows


def opencc_cases(repo: Path) -> list[dict]:
    raw = git_show(repo, "test/testcases/testcases.json")
    data = json.loads(re.sub(r",(\s*[}\]])", r"\1", raw))  # the file allows trailing commas
    cases = []
    for case in data["cases"]:
        expected = case.get("expected", {})
        if "s2twp" in expected:
            cases.append(dict(id=case["id"], direction="s2t", hans=case["input"], hant=expected["s2twp"]))
        if "tw2sp" in expected:
            cases.append(dict(id=case["id"], direction="t2s", hans=expected["tw2sp"], hant=case["input"]))
    return cases


def _opencc(repo: Path) -> tuple[str, str]:
    cases = opencc_cases(repo)
    return json.dumps(cases, ensure_ascii=False, indent=1), f"{len(cases)} cases"


def _tldr(repo: Path) -> tuple[str, str]:
    return _rows(page_pairs(repo, lambda f: f.startswith("pages.zh/"),
                            lambda f: "pages.zh_TW/" + f.removeprefix("pages.zh/")))


def _rustdesk(repo: Path) -> tuple[str, str]:
    return _rows(page_pairs(repo, lambda f: f.endswith(".zh-cn.md"),
                            lambda f: f.removesuffix(".zh-cn.md") + ".zh-tw.md"))


# Sources wholly held out: added after the phrase files were written, their
# failures never read while writing them (every page in the "heldout" split).


def _hexo(repo: Path) -> tuple[str, str]:
    return _rows(page_pairs(repo, lambda f: f.startswith("source/zh-cn/"),
                            lambda f: "source/zh-tw/" + f.removeprefix("source/zh-cn/"), split="heldout"))


def _ruby(repo: Path) -> tuple[str, str]:
    return _rows(page_pairs(repo, lambda f: f.startswith("zh_cn/"),
                            lambda f: "zh_tw/" + f.removeprefix("zh_cn/"), split="heldout"))


# -- saved pages (Gate) -------------------------------------------------------------


def saved_page(path: Path) -> tuple[str, list[str]]:
    """(URL, sentences) of a saved page: its first line is the URL; a last
    sentence cut short (the end of an excerpt) is left out."""
    url, _, body = path.read_text(encoding="utf-8").partition("\n")
    sentences = [x.strip() for line in body.splitlines() if HAN.search(line)
                 for x in SENTENCE.split(line) if x.strip()]
    if sentences and not re.search(r"[。！？!?|」”）)]$", sentences[-1]):
        sentences.pop()
    return url.strip(), sentences


def similar_pairs(hans: list[str], hant: list[str], least: float = 0.5) -> list[tuple[str, str]]:
    """Sentence pairs of two versions of one text, in order, by the similarity of
    their Simplified characters (difflib's ratio, at least `least`).

    For text without an ASCII skeleton to pair lines by (news prose): a
    monotone alignment maximising the summed similarity, so a sentence the
    other version drops or splits leaves its neighbours paired."""
    fold = to_simplified()
    b_folded = [y.translate(fold) for y in hant]
    sim = [[difflib.SequenceMatcher(None, x, y, autojunk=False).ratio() for y in b_folded] for x in hans]
    n, m = len(hans), len(hant)
    best = [[0.0] * (m + 1) for _ in range(n + 1)]
    for i in range(n - 1, -1, -1):
        for j in range(m - 1, -1, -1):
            take = sim[i][j] + best[i + 1][j + 1] if sim[i][j] >= least else 0.0
            best[i][j] = max(take, best[i + 1][j], best[i][j + 1])
    pairs, i, j = [], 0, 0
    while i < n and j < m:
        if sim[i][j] >= least and best[i][j] == sim[i][j] + best[i + 1][j + 1]:
            pairs.append((hans[i], hant[j]))
            i, j = i + 1, j + 1
        elif best[i][j] == best[i + 1][j]:
            i += 1
        else:
            j += 1
    return [(x, y) for x, y in pairs if "\t" not in x + y]


def _gate(pages: Path) -> tuple[str, str]:
    """gate.tsv from saved pages `<slug>.zh.txt` / `<slug>.zh-tw.txt` (see their README)."""
    rows = []
    for hans_file in sorted(pages.glob("*.zh.txt")):
        twin = hans_file.with_name(hans_file.name.removesuffix(".zh.txt") + ".zh-tw.txt")
        if twin.exists():
            url, hans = saved_page(hans_file)
            rows.extend((url, split_of(url), x, y) for x, y in similar_pairs(hans, saved_page(twin)[1]))
    return _rows(rows)


def _rows(rows: list[tuple[str, ...]]) -> tuple[str, str]:
    return "".join("\t".join(r) + "\n" for r in rows), f"{len(rows)} pairs"


# file → (where it is made from, given the mirrors and the saved-pages directories; its builder)
FILES = {
    "opencc-testcases.json": (lambda mirrors, saved: mirrors / "BYVoid+OpenCC" / "repo", _opencc),
    "tldr.tsv": (lambda mirrors, saved: mirrors / "tldr-pages+tldr" / "repo", _tldr),
    "rustdesk.tsv": (lambda mirrors, saved: mirrors / "rustdesk+doc.rustdesk.com" / "repo", _rustdesk),
    "gate.tsv": (lambda mirrors, saved: saved / "parallel-gate", _gate),
    "hexo.tsv": (lambda mirrors, saved: mirrors / "hexojs+site" / "repo", _hexo),
    "ruby.tsv": (lambda mirrors, saved: mirrors / "ruby+www.ruby-lang.org" / "repo", _ruby),
}


def build(out: Path, mirrors: Path = MIRRORS, saved: Path = SAVED,
          only: list[str] | None = None) -> tuple[dict, dict]:
    """Make the files of FILES (or `only` of them) in `out`: ({file: summary}, {file: why not made}).

    A missing mirror or directory of saved pages is a note, never an
    exception: that source is not scored. Each file is written whole (a
    temporary name, then renamed), so an interrupted run leaves no half file
    for the benchmark to read."""
    made, missing = {}, {}
    for name in only or list(FILES):
        where, make = FILES[name]
        source = where(mirrors, saved)
        if not source.is_dir():
            fetched = source.parent.name.replace("+", "/") if source.name == "repo" else None
            missing[name] = (f"{source.parent} not fetched (bring {fetched} with `fetch`)" if fetched
                             else f"{source} not found (the saved pages it is made from)")
            continue
        try:
            text, made[name] = make(source)
        except (subprocess.CalledProcessError, ValueError, OSError) as err:  # a broken mirror or file
            missing[name] = f"{source} could not be read ({err})"
            continue
        out.mkdir(parents=True, exist_ok=True)
        tmp = out / f".{name}.part"
        tmp.write_text(text, encoding="utf-8")
        tmp.replace(out / name)
    return made, missing


def stale(out: Path, mirrors: Path = MIRRORS, saved: Path = SAVED) -> list[str]:
    """Files of FILES missing in `out` or older than this script or what they are made from."""
    def newest(path: Path) -> float:
        return max([path.stat().st_mtime] + [p.stat().st_mtime for p in path.iterdir()]) if path.is_dir() else 0.0

    script = Path(__file__).stat().st_mtime
    return [name for name, (where, _) in FILES.items()
            if not (out / name).exists()
            or (out / name).stat().st_mtime < max(script, newest(where(mirrors, saved)))]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mirrors", type=Path, default=MIRRORS, help="fetched git mirrors (default ../.mirror)")
    parser.add_argument("--saved", type=Path, default=SAVED,
                        help="saved pages: DIR/parallel-gate/ (default ../labelled)")
    parser.add_argument("--out", type=Path, default=CACHE, help="where the files go (default .cache/bench/parallel)")
    args = parser.parse_args()
    made, missing = build(args.out, args.mirrors, args.saved)
    for name, why in missing.items():
        print(f"parallel_sources: {name} not made: {why}", file=sys.stderr)
    if made:
        print("; ".join(f"{name} {summary}" for name, summary in made.items()) + f" → {args.out}")
    return 0 if made else 1


if __name__ == "__main__":
    sys.exit(main())
