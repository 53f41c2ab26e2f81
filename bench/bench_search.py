"""Search benchmark: Pagefind (this site) against Material's built-in search, same archive, same run.

Synthesises N weekly issues (each gives zh-Hans, zh-Hant and en pages), imports
them into a temporary copy of the site, builds it twice (the project's config,
and the same with Material's search plugin instead of hooks/search_index.py),
serves each on 127.0.0.1 and drives headless Chromium with a fresh profile:

* first query: from the page's load event until the first results show (cold cache);
* latency: median over 50 queries (25 Chinese on the zh-Hans site, 25 English
  on the en site), from setting the query until results show;
* bytes: search files received (Content-Length of every response, workers'
  included) from navigation to the first results, and during each later query;
  text files are served gzipped, as GitHub Pages serves them.

    python bench/bench_search.py [--n 1000]
"""
from __future__ import annotations

import argparse
import functools
import gzip
import os
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))
sys.path.insert(0, str(ROOT / "tests"))
from synth import weekly  # noqa: E402
from conftest import SiteServer, _PrefixHandler, find_chromium  # noqa: E402

CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
ZH_QUERIES = ["芯片", "厂商", "内存", "投资者", "监管", "机构", "研究", "团队", "数据", "中心", "软件", "平台",
              "资本", "支出", "模型", "训练", "成本", "供应链", "推理", "服务", "价格", "研发", "预算", "许可", "市场"]
EN_QUERIES = ["chip", "market", "investor", "capital", "spending", "growth", "revenue", "data", "center",
              "inference", "training", "cost", "policy", "export", "license", "startup", "research",
              "benchmark", "memory", "software", "cloud", "model", "section", "source", "chips"]
# Files that only search needs: Pagefind's bundle and the box; Material's index and worker.
SEARCH_FILES = re.compile(r"/pagefind/|/bp-search/|/search/search_index\.json|/workers/search\.")
TARGETS = {"first_s": 1.0, "median_ms": 100.0, "kb": 300.0}

# Material's search as the site had it before issue 6 (jieba segments Chinese at build time).
MATERIAL_SEARCH = """  - search:
      separator: '[\\s\\u200b\\u3000\\-、。，．？！；：「」『』（）《》〈〉【】“”‘’"''()\\[\\],.!?;:/]+'
      pipeline:
        - stopWordFilter
"""

# Runs in the page: set the query as typing would, resolve when results show.
QUERY_JS = """
async ({query, timeout}) => {
  const input = document.querySelector('input.md-search__input');
  const count = () => document.querySelectorAll('a.md-search-result__link').length;
  const set = (value) => {
    input.value = value;
    input.dispatchEvent(new Event('input', {bubbles: true}));
    input.dispatchEvent(new KeyboardEvent('keyup', {bubbles: true, key: 'End'}));
  };
  const until = (test, ms) => new Promise((resolve) => {
    const end = performance.now() + ms;
    const poll = () => test() ? resolve(true) : performance.now() > end ? resolve(false) : setTimeout(poll, 1);
    poll();
  });
  set('');
  await until(() => count() === 0, 2000);
  const start = performance.now();
  set(query);
  const ok = await until(() => count() > 0, timeout);
  const end = performance.now();
  await new Promise((r) => setTimeout(r, 100));  // let late requests of this query land
  const load = performance.getEntriesByType('navigation')[0].loadEventEnd;
  return {ok, ms: end - start, sinceLoad: end - load};
}
"""


class _GzipHandler(_PrefixHandler):
    """Serves text files gzipped when the browser accepts it, as GitHub Pages does
    (Pagefind's own index files are gzipped already and go out as they are)."""

    TEXT = {".html", ".js", ".css", ".json", ".svg", ".xml"}
    cache: dict[str, bytes] = {}

    def do_GET(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        if path.suffix not in self.TEXT or not path.is_file() or "gzip" not in self.headers.get("Accept-Encoding", ""):
            return super().do_GET()
        body = self.compressed(path)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    @classmethod
    def compressed(cls, path: Path) -> bytes:
        key = str(path)
        if key not in cls.cache:
            cls.cache[key] = gzip.compress(path.read_bytes(), 6)
        return cls.cache[key]


class GzipSiteServer(SiteServer):
    def __init__(self, directory: Path):
        super().__init__(directory, "/")
        self.httpd.RequestHandlerClass = functools.partial(
            type("Handler", (_GzipHandler,), {"prefix": "/"}), directory=str(directory))
        for big in directory.glob("search/search_index.json"):  # compressed before timing starts
            _GzipHandler.compressed(big)


def make_site(tmp: Path, n: int) -> tuple[Path, Path]:
    """A copy of the site with N synthetic issues; returns (pagefind config, Material config)."""
    src, site = tmp / "src", tmp / "site-src"
    src.mkdir()
    rng = random.Random(6)
    for i in range(n):
        (src / f"{i:05d}.txt").write_text(weekly(i + 1, rng), encoding="utf-8")
    for name in ("overrides", "hooks"):
        shutil.copytree(ROOT / name, site / name)
    shutil.copytree(ROOT / "docs", site / "docs", ignore=shutil.ignore_patterns("articles"))
    proc = subprocess.run([sys.executable, "-m", "importer", "import", str(src), "--docs", str(site / "docs"),
                           "--json", "--date", "2025-06-01"], capture_output=True, text=True, cwd=ROOT)
    if proc.returncode != 0:
        sys.exit(f"import failed: {proc.stderr[-2000:]}")
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    pagefind = site / "mkdocs.yml"
    pagefind.write_text(config, encoding="utf-8")
    material = config.replace("  - hooks/search_index.py\n", "")
    material = material.replace("\n  - assets/bp-search/search.js", "\n  []")
    material = material.replace("plugins:\n", "plugins:\n" + MATERIAL_SEARCH, 1)
    assert material.count("bp-search") == 0 and "- search:" in material
    (site / "mkdocs.material.yml").write_text(material, encoding="utf-8")
    return pagefind, site / "mkdocs.material.yml"


def build(config: Path, out: Path) -> float:
    env = dict(os.environ, SITE_URL="http://127.0.0.1/", NO_MKDOCS_2_WARNING="1")
    start = time.perf_counter()
    proc = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "--config-file", str(config),
                           "--site-dir", str(out)], capture_output=True, text=True, env=env, cwd=config.parent)
    if proc.returncode != 0:
        sys.exit(f"build failed ({config.name}): {proc.stderr[-2000:]}")
    return time.perf_counter() - start


def measure(site: Path, chromium: str, profile: Path) -> dict:
    from playwright.sync_api import sync_playwright

    with GzipSiteServer(site) as server, sync_playwright() as p:
        context = p.chromium.launch_persistent_context(str(profile), executable_path=chromium, headless=True,
                                                       args=CHROMIUM_ARGS, viewport={"width": 1280, "height": 900})
        received = []  # bytes of each search response as sent, in order (workers' requests included)
        context.on("response", lambda r: SEARCH_FILES.search(r.url) and received.append(
            int(r.headers.get("content-length", 0))))
        page = context.new_page()
        result = {"first": [], "later": []}

        def run(query: str, timeout: int) -> dict:
            seen = len(received)
            out = page.evaluate(QUERY_JS, {"query": query, "timeout": timeout})
            return {**out, "bytes": sum(received[seen:])}

        for path, queries in (("", ZH_QUERIES), ("en/", EN_QUERIES)):
            seen = len(received)
            page.goto(server.url(path), wait_until="load")
            page.locator("input.md-search__input").click()
            first, *rest = queries + [queries[0]]
            out = run(first, 300_000)
            result["first"].append({**out, "bytes": sum(received[seen:])})  # from navigation on
            result["later"] += [run(q, 10_000) for q in rest]
        context.close()
    return result


def summary(name: str, r: dict) -> dict:
    answered = [q for q in r["later"] if q["ok"]]
    return {
        "name": name,
        "first_s": max(q["sinceLoad"] for q in r["first"]) / 1000,
        "first_ok": all(q["ok"] for q in r["first"]),
        "first_kb": max(q["bytes"] for q in r["first"]) / 1024,
        "median_ms": statistics.median(q["ms"] for q in answered) if answered else float("inf"),
        "median_kb": statistics.median(q["bytes"] for q in answered) / 1024 if answered else 0.0,
        "max_kb": max(q["bytes"] for q in answered) / 1024 if answered else 0.0,
        "answered": f"{len(answered)}/{len(r['later'])}",
    }


def dir_size(path: Path) -> int:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=1000, help="weekly issues (3 pages each)")
    args = parser.parse_args()
    chromium = find_chromium()
    if not chromium:
        sys.exit("bench_search: no Chromium found (apt-get install chromium)")
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        pf_config, md_config = make_site(tmp, args.n)
        pf_site, md_site = tmp / "out-pagefind", tmp / "out-material"
        pf_build = build(pf_config, pf_site)
        md_build = build(md_config, md_site)
        pages = sum(1 for _ in pf_site.rglob("articles/*/index.html"))
        index = (md_site / "search" / "search_index.json").read_bytes()
        index_mb, index_gz_mb = len(index) / 2**20, len(gzip.compress(index, 6)) / 2**20
        bundle_mb = dir_size(pf_site / "pagefind") / 2**20
        pf = summary("Pagefind", measure(pf_site, chromium, tmp / "profile-pf"))
        md = summary("Material", measure(md_site, chromium, tmp / "profile-md"))

    print(f"archive: {args.n} issues, {pages} article pages")
    print(f"build: Pagefind site {pf_build:.1f} s, Material-search site {md_build:.1f} s")
    print(f"index: Pagefind {bundle_mb:.1f} MB in small files (gzipped already); Material one "
          f"{index_mb:.1f} MB file ({index_gz_mb:.1f} MB gzipped); text files served gzipped")
    rows = [
        ("first query after load", "first_s", "s", TARGETS["first_s"], ".2f"),
        ("median query latency (50 queries)", "median_ms", "ms", TARGETS["median_ms"], ".1f"),
        ("search bytes, first query", "first_kb", "KB", TARGETS["kb"], ".0f"),
        ("search bytes, median later query", "median_kb", "KB", TARGETS["kb"], ".1f"),
        ("search bytes, largest later query", "max_kb", "KB", TARGETS["kb"], ".0f"),
    ]
    print(f"{'':38}{'Pagefind':>14}{'Material':>14}{'Material/Pagefind':>19}")
    for label, key, unit, target, fmt in rows:
        a, b = pf[key], md[key]
        ratio = f"{b / a:.2g}x" if a > 0 and b > 0 else "-"  # Material loads everything up front
        mark = "  [target met]" if a <= target and pf["first_ok"] else "  [TARGET MISSED]"
        print(f"{label:38}{format(a, fmt):>10} {unit:3}{format(b, fmt):>10} {unit:3}{ratio:>17}"
              f"{mark} (target {target:g} {unit})")
    print(f"{'queries answered':38}{pf['answered']:>14}{md['answered']:>14}")


if __name__ == "__main__":
    main()
