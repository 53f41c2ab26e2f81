"""Lighthouse benchmark: the four scores a real client gives the site, per page, mobile.

Imports the reference inputs (../shared/seeds: a weekly issue in three languages
and a Traditional-Chinese post; the project's own fixtures where the seeds are
absent) into a copy of the site, builds it with site_url set to a local server
that serves text gzipped as GitHub Pages does, and runs Lighthouse (the npm
package, installed on first use into .cache/lighthouse/, run against Debian's
chromium, headless) on each language's home page and on the imported articles.
In the same run the same pages are built with Material alone (no overrides,
hooks or stylesheets of the project) as the baseline.

Prints, per page, performance, accessibility, best practices and SEO (0-100),
first and largest contentful paint, total blocking time, layout shift, and the
audits that cost points; then the lowest score of
each category beside its target (100 / 100 / 100 / >= 95 performance).

    python bench/bench_lighthouse.py [--no-baseline] [--runs N]

The machine is shared and noisy: performance moves by a few points between runs
(--runs N keeps each page's median).
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
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))
sys.path.insert(0, str(ROOT / "tests"))
from bench_search import GzipSiteServer  # noqa: E402  (serves text gzipped, as GitHub Pages does)
from conftest import copy_site, find_chromium  # noqa: E402

LIGHTHOUSE = "lighthouse@13.5.0"
CACHE = ROOT / ".cache" / "lighthouse"
SEEDS = ROOT.parent / "shared" / "seeds"
FIXTURES = ROOT / "tests" / "fixtures" / "text"
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
TARGETS = {"performance": 95, "accessibility": 100, "best-practices": 100, "seo": 100}
CHROME_FLAGS = "--headless=new --no-sandbox --disable-gpu --no-first-run --disable-background-networking " \
               "--disable-component-update --disable-sync"
HOMES = {"zh-Hans": "", "zh-Hant": "zh-Hant/", "en": "en/"}
# The metrics shown beside the scores (ms, except CLS).
METRICS = {"FCP": "first-contentful-paint", "LCP": "largest-contentful-paint", "TBT": "total-blocking-time",
           "CLS": "cumulative-layout-shift"}


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def lighthouse_bin() -> Path:
    """The Lighthouse CLI, installed from the npm registry into the cache on first use."""
    binary = CACHE / "node_modules" / ".bin" / "lighthouse"
    if not binary.exists():
        if not shutil.which("npm"):
            sys.exit("bench_lighthouse: npm not found (apt-get install npm)")
        log(f"installing {LIGHTHOUSE} into {CACHE} …")
        CACHE.mkdir(parents=True, exist_ok=True)
        proc = subprocess.run(["npm", "install", "--no-audit", "--no-fund", "--loglevel=error",
                               "--prefix", str(CACHE), LIGHTHOUSE], capture_output=True, text=True)
        if proc.returncode != 0 or not binary.exists():
            sys.exit(f"bench_lighthouse: npm install {LIGHTHOUSE} failed: {proc.stderr.strip()[-500:]}")
    return binary


def sources() -> list[Path]:
    seeds = sorted(SEEDS.glob("*.txt")) if SEEDS.is_dir() else []
    return seeds or sorted(FIXTURES.glob("*.txt"))


def import_articles(project: Path) -> list[tuple[str, str]]:
    """Import the inputs into the copy; (page label, site-relative URL) of each imported page."""
    proc = subprocess.run([sys.executable, "-m", "importer", "import", *map(str, sources()),
                           "--docs", str(project / "docs"), "--json", "--date", "2026-01-30"],
                          capture_output=True, text=True, cwd=ROOT)
    report = json.loads(proc.stdout or "{}")
    if proc.returncode != 0 or report.get("errors"):
        sys.exit(f"bench_lighthouse: import failed: {report.get('errors') or proc.stderr[-1000:]}")
    pages = []
    for article in report["articles"]:
        for lang in article["languages"]:
            kind = "issue" if len(article["languages"]) == 3 else "post"
            pages.append((f"{kind} {lang}", f"{HOMES[lang]}articles/{article['slug']}/"))
    return pages


def baseline_config(project: Path) -> Path:
    """The same site with Material alone: no overrides, hooks, stylesheets or scripts of ours
    (only the zh-Hans language file, without which Material cannot render that language)."""
    languages = project / "baseline-theme" / "partials" / "languages"
    languages.mkdir(parents=True)
    shutil.copy(project / "overrides" / "partials" / "languages" / "zh-Hans.html", languages)
    path = project / "mkdocs.baseline.yml"
    path.write_text("INHERIT: mkdocs.yml\nhooks: []\nextra_css: []\nextra_javascript: []\n"
                    "theme:\n  custom_dir: baseline-theme\n", encoding="utf-8")
    return path


def build(config: Path, out: Path, site_url: str) -> None:
    proc = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "--config-file", str(config),
                           "--site-dir", str(out)], capture_output=True, text=True, cwd=config.parent,
                          env={**os.environ, "NO_MKDOCS_2_WARNING": "1", "SITE_URL": site_url})
    if proc.returncode != 0:
        sys.exit(f"bench_lighthouse: build of {config.name} failed: {proc.stderr.strip()[-1500:]}")


def audit(binary: Path, url: str, chromium: str, out: Path) -> dict:
    """One Lighthouse run (mobile, simulated throttling): scores, FCP and the audits that cost points."""
    proc = subprocess.run([str(binary), url, "--quiet", "--form-factor=mobile",
                           f"--only-categories={','.join(CATEGORIES)}", f"--chrome-flags={CHROME_FLAGS}",
                           "--output=json", f"--output-path={out}"],
                          capture_output=True, text=True, env={**os.environ, "CHROME_PATH": chromium}, timeout=300)
    if proc.returncode != 0 or not out.exists():
        sys.exit(f"bench_lighthouse: lighthouse {url} failed: {proc.stderr.strip()[-800:]}")
    report = json.loads(out.read_text(encoding="utf-8"))
    scores = {c: round(100 * (report["categories"][c]["score"] or 0)) for c in CATEGORIES}
    lost = sorted({ref["id"] for c in CATEGORIES for ref in report["categories"][c]["auditRefs"]
                   if ref["weight"] and (report["audits"][ref["id"]].get("score") or 0) < 1
                   and report["audits"][ref["id"]].get("scoreDisplayMode") in ("binary", "numeric")})
    metric = {key: report["audits"][name]["numericValue"] for key, name in METRICS.items()}
    # Where the accessibility, best-practice and SEO points go: the first elements each audit names.
    where = {}
    for c in CATEGORIES[1:]:
        for ref in report["categories"][c]["auditRefs"]:
            found = report["audits"][ref["id"]]
            if ref["weight"] and (found.get("score") or 0) < 1 and found.get("scoreDisplayMode") == "binary":
                items = (found.get("details") or {}).get("items") or []
                where[ref["id"]] = [(i.get("node") or {}).get("snippet") or i.get("url") or i.get("description", "")
                                    for i in items[:2]]
    return {**scores, **metric, "lost": lost, "where": where}


def measure(root: str, pages: list[tuple[str, str]], binary: Path, chromium: str, runs: int,
            tmp: Path) -> dict[str, dict]:
    results = {}
    for label, rel in pages:
        rounds = []
        for i in range(runs):
            log(f"  {label}: run {i + 1}/{runs}")
            rounds.append(audit(binary, root + rel, chromium, tmp / "report.json"))
        median = {c: statistics.median(r[c] for r in rounds) for c in (*CATEGORIES, *METRICS)}
        median["lost"] = sorted({a for r in rounds for a in r["lost"]})
        median["where"] = {k: v for r in rounds for k, v in r["where"].items()}
        results[label] = median
    return results


def table(title: str, results: dict[str, dict]) -> None:
    print(f"\n{title}")
    print(f"{'page':16}{'perf':>6}{'a11y':>6}{'best':>6}{'seo':>6}{'FCP ms':>8}{'LCP ms':>8}{'TBT ms':>8}"
          f"{'CLS':>6}  points lost on")
    for label, r in results.items():
        print(f"{label:16}" + "".join(f"{r[c]:>6.0f}" for c in CATEGORIES)
              + f"{r['FCP']:>8.0f}{r['LCP']:>8.0f}{r['TBT']:>8.0f}{r['CLS']:>6.2f}  " + (", ".join(r["lost"]) or "-"))
        for audit_id, nodes in r["where"].items():
            for node in nodes:
                print(f"{'':18}{audit_id}: {str(node)[:110]}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=1, help="Lighthouse runs per page (median kept)")
    parser.add_argument("--no-baseline", action="store_true", help="skip the Material-alone build")
    args = parser.parse_args()
    chromium = find_chromium()
    if not chromium:
        sys.exit("bench_lighthouse: no Chromium found (apt-get install chromium)")
    binary = lighthouse_bin()
    fonts = subprocess.run(["fc-list", ":lang=zh"], capture_output=True, text=True) if shutil.which("fc-list") else None
    if fonts is not None and not fonts.stdout.strip():
        log("warning: no Chinese font on this machine (a phone has one): Chromium's font fallback search "
            "slows every page with Chinese text; apt-get install fonts-wqy-microhei")
    with tempfile.TemporaryDirectory(prefix="bench-lighthouse-") as tmp:
        tmp = Path(tmp)
        # One server for both builds: this site under /site/, the baseline under /baseline/.
        with GzipSiteServer(tmp) as server:
            project = copy_site(tmp / "project")
            log("importing " + ", ".join(p.name for p in sources()))
            pages = [(f"home {lang}", rel) for lang, rel in HOMES.items()] + import_articles(project)
            log(f"building the site for {server.url('site/')}")
            build(project / "mkdocs.yml", tmp / "site", server.url("site/"))
            ours = measure(server.url("site/"), pages, binary, chromium, args.runs, tmp)
            base = None
            if not args.no_baseline:
                log("building the baseline (Material alone)")
                build(baseline_config(project), tmp / "baseline", server.url("baseline/"))
                base = measure(server.url("baseline/"), pages, binary, chromium, args.runs, tmp)
    print(f"Lighthouse {LIGHTHOUSE.split('@')[1]}, mobile, simulated throttling, {chromium}, "
          f"{args.runs} run(s) per page, text served gzipped")
    table("this site", ours)
    if base:
        table("baseline: the same pages, Material alone", base)
    print("\nlowest score per category (target):")
    for c in CATEGORIES:
        low = min(r[c] for r in ours.values())
        line = f"  {c:16}{low:>5.0f}  (target {'>= ' if c == 'performance' else ''}{TARGETS[c]})"
        line += "  met" if low >= TARGETS[c] else "  MISSED"
        if base:
            line += f"   baseline lowest {min(r[c] for r in base.values()):.0f}"
        print(line)


if __name__ == "__main__":
    main()
