"""Build benchmark: N synthetic articles imported into a copy of the site, built with the
project's listings (articles out of the nav), and the same pages built the naive way
(every article in the nav, no listing hook), in the same run.

Prints import time, both build times and their ratio, pages, total site size and the
median article page size, each against its target.

    python bench/bench_build.py [--n 1000] [--keep DIR]
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from synth import generate  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
SITE_PARTS = ("mkdocs.yml", "docs", "overrides", "hooks")
UNDATED = "2025-06-30"  # import date given to the synthetic posts that state none

# What makes the naive site naive: these lines of mkdocs.yml go, and the templates that
# print what hooks/publishing.py computes (head metadata, interface words) with them.
NAIVE_DROPS = ("not_in_nav: |\n  /articles/\n", "  - hooks/publishing.py\n")
NAIVE_TEMPLATES = ("overrides/main.html", "overrides/404.html")

TARGET_RATIO = 0.5  # ours <= half the naive build time
TARGET_MEDIAN_KB = 40


def copy_site(dest: Path) -> Path:
    dest.mkdir(parents=True)
    for name in SITE_PARTS:
        src = ROOT / name
        (shutil.copytree if src.is_dir() else shutil.copy)(src, dest / name)
    return dest


def naive_config(project: Path) -> None:
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    for drop in NAIVE_DROPS:
        if drop not in text:
            sys.exit(f"{config}: expected to find {drop!r} to make the naive variant; update NAIVE_DROPS")
        text = text.replace(drop, "")
    config.write_text(text, encoding="utf-8")
    for template in NAIVE_TEMPLATES:
        (project / template).unlink()


def run(cmd: list[str], cwd: Path) -> float:
    start = time.perf_counter()
    proc = subprocess.run(cmd, cwd=cwd, capture_output=True, text=True,
                          env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    elapsed = time.perf_counter() - start
    if proc.returncode != 0:
        sys.exit(f"command failed in {cwd}: {' '.join(cmd)}\n{proc.stderr[-3000:]}")
    return elapsed


def build(project: Path) -> float:
    return run([sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet",
                "--config-file", "mkdocs.yml", "--site-dir", "site"], project)


def site_figures(site: Path) -> dict:
    pages = list(site.rglob("*.html"))
    articles = [p.stat().st_size for p in site.rglob("articles/*/index.html")]
    return {
        "pages": len(pages),
        "articles": len(articles),
        "size_mb": sum(p.stat().st_size for p in site.rglob("*") if p.is_file()) / 1e6,
        "median_kb": statistics.median(articles) / 1024 if articles else 0.0,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=1000, help="synthetic articles (default 1000)")
    parser.add_argument("--keep", type=Path, help="keep both projects and sites in this new directory")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        work = args.keep or Path(tmp)
        sources = generate(work / "inbox", args.n)
        ours = copy_site(work / "ours")
        start = time.perf_counter()
        out = subprocess.run([sys.executable, "-m", "importer", "import", str(work / "inbox"),
                              "--docs", str(ours / "docs"), "--json", "--date", UNDATED],
                             cwd=ROOT, capture_output=True, text=True)
        t_import = time.perf_counter() - start
        report = json.loads(out.stdout)
        if report["errors"]:
            sys.exit(f"import failed: {report['errors'][:3]}")

        naive = work / "naive"
        shutil.copytree(ours, naive)
        naive_config(naive)

        t_ours = build(ours)
        t_naive = build(naive)
        mine, theirs = site_figures(ours / "site"), site_figures(naive / "site")

    ratio = t_ours / t_naive
    rows = [
        ("articles", f"{len(sources)} synthetic ({sum(len(a['pages']) for a in report['articles'])} pages "
                     "in zh-Hans/zh-Hant/en)", None),
        ("import", f"{t_import:.1f} s", None),
        ("build, listings (ours)", f"{t_ours:.1f} s, {mine['pages']} HTML pages, {mine['size_mb']:.0f} MB", None),
        ("build, all in nav (naive)", f"{t_naive:.1f} s, {theirs['pages']} HTML pages, {theirs['size_mb']:.0f} MB",
         None),
        ("ours / naive build time", f"{ratio:.2f} (target <= {TARGET_RATIO})", ratio <= TARGET_RATIO),
        ("median article HTML, ours", f"{mine['median_kb']:.1f} KB (target < {TARGET_MEDIAN_KB} KB)",
         mine["median_kb"] < TARGET_MEDIAN_KB),
        ("median article HTML, naive", f"{theirs['median_kb']:.1f} KB", None),
    ]
    for name, value, ok in rows:
        mark = "" if ok is None else ("  [target met]" if ok else "  [TARGET MISSED]")
        print(f"{name:30} {value}{mark}")


if __name__ == "__main__":
    main()
