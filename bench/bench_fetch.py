"""Import by URL against import of the same files, on real scraped inputs, in one run.

Serves every input from a local HTTP server on 127.0.0.1 (text as text/plain,
saved pages as text/html, the bytes as they are), imports them all by URL into
one docs/, then again (every page now comes from the fetch cache), and imports
the same files into another docs/ (the baseline). Prints per file whether the
URL import's pages equal the file import's in everything but the lines the
address changes (`source`, the `article_id` derived from it and the page
digest), then the totals and the time of each run.

    python bench/bench_fetch.py [--inputs DIR ...]

Default inputs: ../shared/seeds and ../shared/corpus beside the checkout (real
scraped texts, read from there, never copied into the repository) and
bench/extraction-sample/ (own-written saved pages).
"""
from __future__ import annotations

import argparse
import http.server
import json
import re
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_INPUTS = [ROOT.parent / "shared" / "seeds", ROOT.parent / "shared" / "corpus", ROOT / "bench" / "extraction-sample"]
TYPES = {".txt": "text/plain", ".html": "text/html"}
# The lines the page's address changes: the source itself, the id derived from it, the page digest.
ADDRESS_LINES = re.compile(r"^(?:source|article_id|import_digest):.*\n", re.M)


def serve(files: dict[str, Path]) -> http.server.ThreadingHTTPServer:
    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            path = files.get(self.path)
            if path is None:
                self.send_error(404)
                return
            data = path.read_bytes()
            self.send_response(200)
            self.send_header("Content-Type", TYPES[path.suffix])
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def run_import(sources: list[str], docs: Path) -> tuple[dict, float]:
    start = time.perf_counter()
    proc = subprocess.run([sys.executable, "-m", "importer", "import", *sources, "--json", "--docs", str(docs),
                           "--date", "2026-11-21"], capture_output=True, text=True, cwd=ROOT)
    return json.loads(proc.stdout), time.perf_counter() - start


def pages(report: dict) -> dict[str, dict[str, str]]:
    """source -> {language: page text without the address lines}."""
    return {a["source"]: {lang: ADDRESS_LINES.sub("", Path(p).read_text(encoding="utf-8"))
                          for lang, p in a["pages"].items()} for a in report["articles"]}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--inputs", nargs="+", type=Path, default=DEFAULT_INPUTS)
    args = parser.parse_args()
    inputs = sorted(p for folder in args.inputs if folder.is_dir() for p in folder.iterdir() if p.suffix in TYPES)
    if not inputs:
        print("no inputs found in " + ", ".join(map(str, args.inputs)))
        return 1
    served = {f"/{n}/{p.name}": p for n, p in enumerate(inputs)}  # each in its own folder: names may repeat
    server = serve(served)
    try:
        base = f"http://127.0.0.1:{server.server_port}"
        urls = {f"{base}{path}": file for path, file in served.items()}
        with tempfile.TemporaryDirectory() as tmp:
            by_url, fetch_time = run_import(list(urls), Path(tmp) / "url" / "docs")
            again, cached_time = run_import(list(urls), Path(tmp) / "url" / "docs")
            by_file, file_time = run_import([str(p) for p in inputs], Path(tmp) / "file" / "docs")
            url_pages, file_pages = pages(by_url), pages(by_file)
            same = 0
            print(f"{'input':58} {'pages':>5}  URL import = file import")
            for url, file in urls.items():
                mine, theirs = url_pages.get(url), file_pages.get(str(file))
                equal = mine is not None and mine == theirs
                same += equal
                state = "yes" if equal else ("both failed" if mine is theirs is None else "NO")
                print(f"{file.parent.name + '/' + file.name:58.58} {len(mine or {}):>5}  {state}")
            unchanged = sum(set(a["actions"].values()) == {"unchanged"} for a in again["articles"])
    finally:
        server.shutdown()
        server.server_close()
    print(f"\n{len(inputs)} inputs: {same} imported by URL exactly as from the file (but for the address lines); "
          f"errors: by URL {len(by_url['errors'])}, by file {len(by_file['errors'])}")
    print(f"time: by URL {fetch_time:.1f} s (fetched), again {cached_time:.1f} s (from the cache, "
          f"{unchanged} unchanged), by file {file_time:.1f} s (baseline)")
    return 0 if same == len(inputs) - len(by_file["errors"]) else 1


if __name__ == "__main__":
    sys.exit(main())
