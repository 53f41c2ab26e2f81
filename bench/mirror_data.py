"""Benchmark data made again from fetched repositories, kept in a cache outside git.

Real third-party data never lives in this repository. The benchmarks read it
from `.cache/bench/<name>/` (gitignored), which this module fills from the
bare git mirrors the tool library's `fetch` leaves in ../.mirror/<owner>+<name>/repo.
"""
from __future__ import annotations

import io
import subprocess
import sys
import tarfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CACHE = ROOT / ".cache" / "bench"
MIRRORS = ROOT.parent / ".mirror"


class MissingMirror(Exception):
    pass


def export(repo: str, paths: list[str], into: Path, mirrors: Path = MIRRORS) -> Path:
    """Write `paths` (files or folders) of `repo`'s HEAD under `into`, once; return `into`."""
    if into.is_dir() and any(into.iterdir()):
        return into
    git_dir = mirrors / repo.replace("/", "+") / "repo"
    if not git_dir.is_dir():
        raise MissingMirror(f"no mirror of {repo} at {git_dir} (bring it with the tool library's fetch)")
    print(f"exporting {', '.join(paths)} from {repo} into {into}", file=sys.stderr)
    archive = subprocess.run(["git", "--git-dir", str(git_dir), "archive", "HEAD", *paths],
                             capture_output=True, check=True).stdout
    partial = into.with_name(into.name + ".part")
    partial.mkdir(parents=True, exist_ok=True)
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        tar.extractall(partial, filter="data")
    partial.rename(into)  # whole or absent: an interrupted export is never read
    return into
