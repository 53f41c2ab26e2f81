"""Import benchmark: N synthetic articles into an empty docs/, against a floor.

Prints articles per second, peak memory, the floor (read the inputs, run the
two OpenCC conversions on their text, write the same bytes) and a second
import of the same files. Each step runs in its own process, all in one run.

    python bench/bench_import.py [--n 1000]
"""
from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from synth import generate  # noqa: E402

FLOOR = r"""
import sys
from pathlib import Path
from importer.script import converter
src, out = Path(sys.argv[1]), Path(sys.argv[2])
hans, hant = converter("tw2sp"), converter("s2twp")
out.mkdir(parents=True, exist_ok=True)
for i, path in enumerate(sorted(src.glob("*.txt"))):
    text = path.read_text(encoding="utf-8")
    (out / f"{i}.zh-Hans.md").write_text(hans.convert(text), encoding="utf-8")
    (out / f"{i}.zh-Hant.md").write_text(hant.convert(text), encoding="utf-8")
"""


def timed(cmd: list[str]) -> tuple[float, int, str, float]:
    """(seconds, peak RSS in MB of that child, stdout, CPU seconds of it and its workers).

    CPU time is printed beside wall time: on a shared machine the wall time of
    one run depends on what else runs, its CPU time much less."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    before, cpu_before = usage.ru_maxrss, usage.ru_utime + usage.ru_stime
    start = time.perf_counter()
    proc = subprocess.run(cmd, capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    if proc.returncode not in (0,):
        sys.exit(f"command failed: {' '.join(cmd)}\n{proc.stderr[-2000:]}")
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return elapsed, max(usage.ru_maxrss, before) // 1024, proc.stdout, usage.ru_utime + usage.ru_stime - cpu_before


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=1000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        paths = generate(tmp / "src", args.n)
        chars = sum(len(p.read_text(encoding="utf-8")) for p in paths) // len(paths)
        importer = [sys.executable, "-m", "importer", "import", str(tmp / "src"), "--docs", str(tmp / "docs"), "--json"]
        t_import, rss, out, cpu_import = timed(importer)
        report = json.loads(out)
        assert not report["errors"], report["errors"][:3]
        pages = sum(len(a["pages"]) for a in report["articles"])
        t_floor, _, _, cpu_floor = timed([sys.executable, "-c", FLOOR, str(tmp / "src"), str(tmp / "floor")])
        t_again, _, out, _ = timed(importer)
        rewritten = sum(act != "unchanged" for a in json.loads(out)["articles"] for act in a["actions"].values())

    rate = args.n / t_import
    rows = [
        ("articles", f"{args.n} (avg {chars} characters), {pages} pages, {os.cpu_count()} cores", None),
        ("first import", f"{t_import:.2f} s = {rate:.0f} articles/s (CPU {cpu_import:.2f} s)", rate >= 300),
        ("floor (read + 2 conversions + write)",
         f"{t_floor:.2f} s (CPU {cpu_floor:.2f} s); import/floor = {t_import / t_floor:.2f}x",
         t_import <= 3 * t_floor),
        ("peak memory (largest process)", f"{rss} MB", rss < 200),
        ("second import", f"{t_again:.2f} s; first/second = {t_import / t_again:.1f}x, {rewritten} pages rewritten",
         t_import / t_again >= 10 and rewritten == 0),
    ]
    for name, value, ok in rows:
        mark = "" if ok is None else ("  [target met]" if ok else "  [TARGET MISSED]")
        print(f"{name:40} {value}{mark}")


if __name__ == "__main__":
    main()
