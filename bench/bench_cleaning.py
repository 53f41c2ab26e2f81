"""Cleaning quality on real scraped pages with a label for every line, beside the previous release.

Runs the importer (the working tree, and a baseline git revision in the same run)
over a labelled corpus (`../shared/corpus/NAME.txt` + `NAME.labels`, see its
README) and scores what reached the written pages, line by line:

- content kept: content, title and heading lines (C, T, H, X:*) found on a page
  (X:en on the English page, X:zh on a Chinese one);
- junk removed: banner, chrome, placeholder and footer lines (B, N, P, F) on no
  page; per kind also precision: of the lines the importer removed as that kind,
  how many carry that label;
- metadata right: an M:<key> line is off the page and front matter `<key>` holds
  its value;
- title right: the title is the T line (less a date or hashtag it carried), or,
  where the page has no title line, the first sentence of its first content line;
- languages right: English posts give an English page, Chinese posts the two
  Chinese pages, bilingual pages all three;
- headings (for information): heading lines rendered as Markdown headings, and
  content lines rendered as headings that should not be.

Only the importer's command line and the pages it writes are used, so any
version of it can be measured. Lines are compared on their letters and digits
(punctuation, spacing and Markdown escapes aside); identical lines count as
often as they occur.

    python bench/bench_cleaning.py [--corpus DIR] [--baseline REV] [--batch] [--only SUBSTR] [--show NAME]

--baseline: a git revision of this repository (default: the nearest earlier
commit on the first-parent line whose importer/ differs from the working tree,
that is the previous release on main). --batch imports the corpus as one batch
(what an editor's weekly folder is) instead of one file at a time. --show
prints every line of one file with its label and fate.
"""
from __future__ import annotations

import argparse
import html
import json
import re
import subprocess
import sys
import tarfile
import tempfile
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from io import BytesIO
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from importer.dates import parse_date  # noqa: E402

CORPUS = ROOT.parent / "shared" / "corpus"
JUNK = {"B": "banner", "N": "chrome", "P": "placeholder", "F": "footer"}
CONTENT = {"C", "T", "H", "X:en", "X:zh"}
TARGETS = {"content": 0.995, "junk": 0.97, "metadata": 0.95, "title": 0.95, "languages": 1.0}
NO_DATE = "1999-01-01"  # --date for undated articles: never a date the corpus states

# Imports every file (or the whole folder) with one version's command line, in-process,
# and prints {name: {"report": ..., "pages": {lang: text}}} as JSON.
DRIVER = r"""
import io, json, shutil, sys, contextlib
from pathlib import Path
from importer.__main__ import main
src, out, batch, date = Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3] == "1", sys.argv[4]
def run(args):
    buf = io.StringIO()
    with contextlib.redirect_stdout(buf), contextlib.redirect_stderr(io.StringIO()):
        try:
            main(["import", *args, "--json", "--date", date])
        except SystemExit:
            pass
    text = buf.getvalue().strip()
    return json.loads(text.splitlines()[-1]) if text else {"articles": [], "errors": []}
def pages(article):
    return {lang: Path(p).read_text(encoding="utf-8") for lang, p in article["pages"].items() if Path(p).exists()}
result = {}
files = sorted(src.glob("*.txt"))
if batch:
    report = run([str(src), "--docs", str(out / "docs")])
    for a in report["articles"]:
        result[Path(a["source"]).stem] = {"report": a, "pages": pages(a)}
    for e in report["errors"]:
        result[Path(e["source"]).stem] = {"error": e["message"]}
else:
    for n, f in enumerate(files):
        report = run([str(f), "--docs", str(out / f"docs{n}")])
        if report["articles"]:
            a = report["articles"][0]
            result[f.stem] = {"report": a, "pages": pages(a)}
        else:
            result[f.stem] = {"error": (report["errors"] or [{"message": "?"}])[0]["message"]}
        print(f"\r  {n + 1}/{len(files)}", end="", file=sys.stderr, flush=True)
    print("\r\033[K", end="", file=sys.stderr)
print(json.dumps(result, ensure_ascii=False))
"""


def key(text: str) -> str:
    """Letters and digits only: what survives escaping, punctuation and spacing changes
    (and a scraper's literal "\\n" line breaks, which the importer turns into real ones)."""
    return re.sub(r"[\W_]+", "", html.unescape(text.replace("\\n", " ")).lower())


def body_of(page: str) -> tuple[dict, str]:
    import yaml

    if page.startswith("---\n"):
        end = page.find("\n---\n", 4)
        meta = yaml.safe_load(page[4:end]) or {}
        return (meta if isinstance(meta, dict) else {}), page[end + 5:]
    return {}, page


@dataclass
class FileScore:
    name: str
    counts: Counter = field(default_factory=Counter)  # "<metric>:ok" / "<metric>:all"
    removed_as: Counter = field(default_factory=Counter)  # (removal kind, label) -> lines
    fates: list = field(default_factory=list)  # (label, fate, line)
    title: str = ""
    error: str = ""
    heading_errors: list = field(default_factory=list)

    def ratio(self, metric: str) -> str:
        n = self.counts[f"{metric}:all"]
        return f"{self.counts[f'{metric}:ok']}/{n}" if n else "-"


def labelled(corpus: Path, name: str) -> tuple[list[str], list[str]]:
    """The lines of NAME.txt and their labels (one final newline starts no line)."""
    lines = (corpus / f"{name}.txt").read_text(encoding="utf-8").split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    labels = (corpus / f"{name}.labels").read_text(encoding="utf-8").split("\n")[: len(lines)]
    return lines, labels


def expected_languages(name: str) -> set[str]:
    if "-en-" in name:
        return {"en"}
    if "-mixed-" in name:
        return {"zh-Hans", "zh-Hant", "en"}
    return {"zh-Hans", "zh-Hant"}


def score_file(name: str, lines: list[str], labels: list[str], outcome: dict) -> FileScore:
    fs = FileScore(name)
    # Lines with no letter or digit ("{", "-") cannot be found on a page: they are not scored.
    items = [(i, lab, ln) for i, (lab, ln) in enumerate(zip(labels, lines)) if lab.strip() and key(ln)]
    if "error" in outcome:
        fs.error = outcome["error"]
        for _, lab, ln in items:  # nothing published: no line kept, none removed either
            _count(fs, lab, False, "error", ln)
            if lab.strip() in JUNK:
                fs.counts["junk:ok"] -= 1
                fs.counts[f"{JUNK[lab.strip()]}:ok"] -= 1
        fs.counts["title:all"] += 1
        fs.counts["languages:all"] += 1
        return fs
    report, pages = outcome["report"], outcome["pages"]
    metas, bodies, shapes = {}, {}, {}
    for lang, text in pages.items():
        metas[lang], body = body_of(text)
        bodies[lang] = key(body)
        for md in body.split("\n"):  # how each line was rendered: heading or not (the title aside)
            if key(md) and not md.startswith("# "):
                shapes.setdefault(key(md.lstrip("#")), md.startswith("#"))
    # Lines the importer says it removed (whole lines first, then lines inside a joined removal).
    removals = [(key(r["text"]), f'{r["kind"]}/{r["rule"]}') for r in report["removed"]]
    fate: dict[int, str] = {}
    pool = Counter(k for k, _ in removals)
    kinds = defaultdict(list)
    for k, kind in removals:
        kinds[k].append(kind)
    # Identical lines cannot be told apart in the output: give removals to junk-labelled copies first.
    for i, lab, ln in sorted(items, key=lambda t: (t[1].strip() in CONTENT, t[0])):
        k = key(ln)
        if k and pool[k] > 0:
            pool[k] -= 1
            fate[i] = "removed:" + kinds[k].pop(0)
    # Kept: found on a page, as often as it occurs there.
    seen = Counter()
    for i, lab, ln in items:
        if i in fate:
            continue
        k = key(ln)
        lab = lab.strip()
        langs = [l for l in bodies if (l == "en") == (lab == "X:en")] if lab.startswith("X:") else list(bodies)
        wrong = [l for l in bodies if l not in langs]
        here = max((bodies[l].count(k) for l in langs), default=0)
        if here > seen[k]:
            seen[k] += 1
            fate[i] = "kept"
        elif lab.startswith("X:") and any(k in bodies[l] for l in wrong):
            fate[i] = "misrouted"
        elif any(k in r and len(r) > len(k) for r, _ in removals):
            # part of a longer removal (lines joined into one block)
            fate[i] = "removed:" + next(kind for r, kind in removals if k in r and len(r) > len(k))
        else:
            fate[i] = "lost"
    for i, lab, ln in items:
        k = key(ln)
        if fate[i] == "kept" and lab.strip() in ("H", "C") and k in shapes:
            fs.counts["headings:found"] += shapes[k]
            fs.counts["headings:right"] += shapes[k] and lab.strip() == "H"
            fs.counts["headings:all"] += lab.strip() == "H"
            fs.counts["headings:ok"] += shapes[k] and lab.strip() == "H"
            if shapes[k] != (lab.strip() == "H"):
                fs.heading_errors.append((lab.strip(), "heading" if shapes[k] else "not a heading", ln))
    for i, lab, ln in items:
        right = lab.startswith("M:") and fate[i] != "kept" and _meta_right(lab[2:].strip(), ln, metas)
        _count(fs, lab.strip(), fate[i] == "kept", fate[i] + (" (value lost)" if lab.startswith("M:") and not right
                                                               and fate[i] != "kept" else ""), ln)
        if fate[i].startswith("removed:"):
            fs.removed_as[(fate[i][8:].split("/")[0], lab.strip())] += 1
        fs.counts["metadata:ok"] += right
    titles = _page_titles(name, metas)
    fs.title = " | ".join(titles)
    fs.counts["title:all"] += 1
    title_ok = any(_title_right(t, [(lab.strip(), ln) for _, lab, ln in items]) for t in titles)
    fs.counts["title:ok"] += title_ok
    for n, (lab, fate_, line) in enumerate(fs.fates):
        if lab == "T" and title_ok and fate_ != "kept":  # it is the page's title (a date it held went to front matter)
            fs.fates[n] = (lab, "kept", line)
            fs.counts["content:ok"] += 1
    fs.counts["languages:all"] += 1
    fs.counts["languages:ok"] += set(report["languages"]) == expected_languages(name)
    return fs


def _count(fs: FileScore, lab: str, kept: bool, fate: str, line: str) -> None:
    lab = lab.strip()
    fs.fates.append((lab, fate, line))
    if lab in CONTENT:
        fs.counts["content:all"] += 1
        fs.counts["content:ok"] += kept
    elif lab in JUNK:
        fs.counts["junk:all"] += 1
        fs.counts["junk:ok"] += not kept
        fs.counts[f"{JUNK[lab]}:all"] += 1
        fs.counts[f"{JUNK[lab]}:ok"] += not kept
    elif lab.startswith("M:"):
        fs.counts["metadata:all"] += 1


def _meta_right(meta_key: str, line: str, metas: dict) -> bool:
    if re.fullmatch(r"\s*\S{1,6}\s*[:：]\s*", line):
        return True  # a label with no value ("作者:"): nothing to lift, it only has to go
    for meta in metas.values():
        # a source is an address (`source`) or a publication's name (`source_name`)
        value = meta.get(meta_key) or (meta.get("source_name") if meta_key == "source" else None)
        if meta_key == "date":
            stated = parse_date(line)
            if stated and str(value) == stated.isoformat():
                return True
            continue
        values = value if isinstance(value, list) else [value]
        for v in values:
            k = key(str(v)) if v not in (None, "") else ""
            if k and (k in key(line) or key(line) in k):
                return True
    return False


def _page_titles(name: str, metas: dict) -> list[str]:
    """The titles of the pages in the source's own script (and in English, for a bilingual
    page, whose title line may be English)."""
    order = ("zh-Hant", "zh-Hans", "en") if "-hant-" in name else ("zh-Hans", "zh-Hant", "en")
    titles = [str(metas[lang].get("title", "")) for lang in order if lang in metas]
    return titles if "-mixed-" in name else titles[:1]


def _title_right(title: str, items: list[tuple[str, str]]) -> bool:
    t = key(title.rstrip("…"))
    if not t:
        return False
    marked = [ln for lab, ln in items if lab == "T"]
    if marked:
        k = key(marked[0])
        return (t in k and len(t) >= 0.5 * len(k)) or k in t
    first = next((ln for lab, ln in items if lab in ("C", "X:en", "X:zh")), "")
    if not first:
        return False
    # The first sentence of the first content line, at most ~40 Chinese / 80 Latin characters.
    cjk = len(re.findall(r"[\u3400-\u9fff]", title))
    short = cjk <= 41 if cjk else len(title) <= 81
    return short and t in key(first)[: len(t) + 40]  # a hashtag may open the line


# --- running a version ------------------------------------------------------------------------

def run_version(tree: Path, corpus_txt: Path, batch: bool) -> dict:
    with tempfile.TemporaryDirectory(prefix="bench-cleaning-") as out:
        proc = subprocess.run([sys.executable, "-c", DRIVER, str(corpus_txt), out, "1" if batch else "0", NO_DATE],
                              cwd=tree, capture_output=True, text=True, env=_env(tree))
    if proc.returncode != 0 or not proc.stdout.strip():
        sys.exit(f"error: the importer at {tree} failed on the corpus: {proc.stderr.strip()[-400:]}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


def _env(tree: Path) -> dict:
    import os

    env = dict(os.environ, PYTHONPATH=str(tree))
    env.pop("PYTHONSAFEPATH", None)
    return env


def default_baseline() -> str:
    """The nearest first-parent ancestor whose importer/ differs from the working tree's."""
    revs = subprocess.run(["git", "rev-list", "--first-parent", "HEAD", "--", "importer"], cwd=ROOT,
                          capture_output=True, text=True, check=True).stdout.split()
    for rev in revs:
        if subprocess.run(["git", "diff", "--quiet", rev, "--", "importer"], cwd=ROOT).returncode:
            return rev
        # Same importer as the working tree: the release before is the parent's side.
        parent = subprocess.run(["git", "rev-parse", f"{rev}^1"], cwd=ROOT, capture_output=True, text=True)
        if parent.returncode == 0 and subprocess.run(["git", "diff", "--quiet", parent.stdout.strip(), "--",
                                                      "importer"], cwd=ROOT).returncode:
            return parent.stdout.strip()
    sys.exit("error: no earlier importer in this repository's history; pass --baseline REV")


def checkout(rev: str, dest: Path) -> Path:
    data = subprocess.run(["git", "archive", rev, "importer"], cwd=ROOT, capture_output=True, check=True).stdout
    with tarfile.open(fileobj=BytesIO(data)) as tar:
        tar.extractall(dest, filter="data")
    return dest


# --- report -----------------------------------------------------------------------------------

def total(scores: list[FileScore]) -> tuple[Counter, Counter]:
    counts, removed = Counter(), Counter()
    for s in scores:
        counts.update(s.counts)
        removed.update(s.removed_as)
    return counts, removed


def pct(counts: Counter, metric: str) -> float:
    n = counts[f"{metric}:all"]
    return counts[f"{metric}:ok"] / n if n else 1.0


def precision(removed: Counter, kind: str) -> str:
    label = {v: k for k, v in JUNK.items()}[kind]
    n = sum(v for (k, _), v in removed.items() if k == kind)
    return f"{removed[(kind, label)] / n:6.1%}" if n else "     -"


def print_report(names, ours, base, base_rev: str) -> None:
    print(f"{'file':44} {'content':>9} {'junk':>9} {'meta':>6} {'title':>5} {'langs':>5}   baseline: content junk meta title langs")
    for name in names:
        o, b = ours[name], base[name]
        flag = lambda s, m: " " if pct(s.counts, m) >= TARGETS[m] else "!"  # noqa: E731
        print(f"{name[:44]:44} {o.ratio('content'):>8}{flag(o, 'content')} {o.ratio('junk'):>8}{flag(o, 'junk')}"
              f" {o.ratio('metadata'):>6} {'ok' if o.counts['title:ok'] else 'NO':>5} "
              f"{'ok' if o.counts['languages:ok'] else 'NO':>5}   "
              f"{b.ratio('content'):>8} {b.ratio('junk'):>8} {b.ratio('metadata'):>6} "
              f"{'ok' if b.counts['title:ok'] else 'NO':>5} {'ok' if b.counts['languages:ok'] else 'NO':>5}"
              + (f"  [{o.error}]" if o.error else ""))
    (oc, orm), (bc, brm) = total(ours.values()), total(base.values())
    print()
    print(f"{'':28} {'this tree':>12} {'baseline':>12}   target")
    rows = [("content lines kept", "content"), ("junk lines removed", "junk"),
            ("metadata to the right key", "metadata"), ("title right", "title"), ("languages right", "languages")]
    for label, m in rows:
        met = "met" if pct(oc, m) >= TARGETS[m] else "NOT met"
        print(f"{label:28} {pct(oc, m):12.1%} {pct(bc, m):12.1%}   >= {TARGETS[m]:.1%} [{met}]")
    print()
    print(f"{'removed kind':28} {'recall':>7} {'prec.':>7}   {'baseline recall':>15} {'prec.':>7}")
    for kind in JUNK.values():
        print(f"{kind:28} {pct(oc, kind):7.1%} {precision(orm, kind):>7}   {pct(bc, kind):15.1%} {precision(brm, kind):>7}")
    for label, c in (("this tree", oc), ("baseline", bc)):
        found = c["headings:found"]
        print(f"headings ({label}): {c['headings:ok']}/{c['headings:all']} heading lines rendered as headings, "
              f"{found - c['headings:right']} other lines rendered as headings")
    learned = sum(v for (k, _), v in orm.items() if k == "boilerplate")
    if learned:
        print(f"{'(learned boilerplate)':28} {learned:7d} lines")
    print(f"\nbaseline: {base_rev[:12]}")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", type=Path, default=CORPUS)
    ap.add_argument("--baseline", help="git revision to compare with (default: the previous release)")
    ap.add_argument("--batch", action="store_true", help="import the corpus as one batch")
    ap.add_argument("--only", default="", help="only files whose name contains this")
    ap.add_argument("--show", help="print each line of this file with its label and fate")
    ap.add_argument("--errors", action="store_true", help="print every line whose fate is wrong, per file")
    args = ap.parse_args(argv)
    if not args.corpus.is_dir():
        print(f"error: corpus not found at {args.corpus}", file=sys.stderr)
        return 2
    names = sorted(p.stem for p in args.corpus.glob("*.txt") if args.only in p.stem and p.with_suffix(".labels").exists())
    base_rev = args.baseline or default_baseline()
    with tempfile.TemporaryDirectory(prefix="bench-cleaning-src-") as tmp:
        src = Path(tmp) / "corpus"
        src.mkdir()
        for name in names:
            (src / f"{name}.txt").write_bytes((args.corpus / f"{name}.txt").read_bytes())
        print(f"importing {len(names)} files with this tree…", file=sys.stderr)
        ours_raw = run_version(ROOT, src, args.batch)
        print(f"importing with the baseline {base_rev[:12]}…", file=sys.stderr)
        base_raw = run_version(checkout(base_rev, Path(tmp) / "baseline"), src, args.batch)
    ours, base = {}, {}
    for name in names:
        lines, labels = labelled(args.corpus, name)
        ours[name] = score_file(name, lines, labels, ours_raw.get(name, {"error": "no result"}))
        base[name] = score_file(name, lines, labels, base_raw.get(name, {"error": "no result"}))
    if args.show:
        s = ours[args.show]
        print(f"title: {s.title!r}")
        for lab, fate, line in s.fates:
            bad = (lab in CONTENT) != (fate == "kept")
            print(f"{'!' if bad else ' '} {lab:6} {fate:22} {line[:100]}")
        return 0
    if args.errors:
        for name in names:
            s = ours[name]
            wrong = [(lab, fate, line) for lab, fate, line in s.fates
                     if (lab in CONTENT and fate != "kept") or (lab in JUNK and fate == "kept")
                     or (lab.startswith("M:") and (fate == "kept" or "value lost" in fate))]
            title_bad = not s.counts["title:ok"]
            if wrong or title_bad or s.heading_errors:
                print(f"== {name}" + (f"   title: {s.title!r}" if title_bad else ""))
                for lab, fate, line in wrong + s.heading_errors:
                    print(f"   {lab:6} {fate:40} {line[:90]}")
        return 0
    print_report(names, ours, base, base_rev)
    return 0


if __name__ == "__main__":
    sys.exit(main())
