"""Import many sources in one run: the slow, pure part in worker processes, everything else here.

`pipeline.process` is a pure function of a file's bytes and takes nearly all the
CPU, so a batch hands it to one worker per core. Reading, the result cache, slug
choice and every write stay in this process and happen in input order, so the
outcome (slugs, -2 suffixes, reports) is the same as a one-at-a-time run and the
docs/ lock, atomic writes and hand-edit checks keep working unchanged.
"""
from __future__ import annotations

import contextlib
import ctypes
import multiprocessing
import os
import signal
from collections import deque
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

from . import cache
from .pipeline import ImportResult, Settings, cached_result, process, write_pages
from .reading import read_source

# Starting workers costs about as much as importing a handful of articles.
PARALLEL_MIN_FILES = 16
# Sources read ahead of the one being written: keeps every worker busy, bounds memory.
READ_AHEAD = 32


@dataclass
class _Job:
    path: Path
    data: bytes = b""
    key: str = ""
    entry: dict | None = None
    future: Future | None = None
    error: Exception | None = None


def import_files(paths: list[Path], settings: Settings) -> Iterator[tuple[Path, ImportResult | Exception]]:
    """(source, result or the exception that stopped it), one per path, in order.

    The caller holds the docs/ lock. An exception is yielded rather than raised
    so that one bad file (or a bug it triggers) does not stop the others.
    """
    results = cache.ResultCache(settings.cache)
    claimed: dict = {}
    try:
        with _workers(len(paths)) as pool:
            pending: deque[_Job] = deque()
            for path in paths:
                pending.append(_start(path, settings, results, pool))
                if len(pending) > READ_AHEAD:
                    yield _finish(pending.popleft(), settings, claimed, results)
            while pending:
                yield _finish(pending.popleft(), settings, claimed, results)
    finally:
        results.save()


def _start(path: Path, settings: Settings, results: cache.ResultCache, pool) -> _Job:
    job = _Job(path)
    try:
        job.data = read_source(path)
        job.key = cache.source_key(job.data, settings.docs, settings.hant_config)
        job.entry = None if settings.force else results.lookup(job.key)
        if job.entry is None and pool is not None:
            job.future = pool.submit(process, path, job.data, settings)
    except Exception as exc:  # reported when its turn comes, in order
        job.error = exc
    return job


def _finish(job: _Job, settings: Settings, claimed: dict, results: cache.ResultCache):
    try:
        if job.error is not None:
            raise job.error
        if job.entry is not None:
            result = cached_result(job.path, job.key, job.entry, claimed)
            if result is not None:
                return job.path, result
        article = job.future.result() if job.future else process(job.path, job.data, settings)
        result = write_pages(article, settings, claimed)
        if not settings.dry_run and all(p.action in ("created", "updated", "unchanged") for p in result.pages):
            results.store(job.key, result.slug, result.languages,
                          {p.lang: p.path for p in result.pages}, result.removed)
        return job.path, result
    except Exception as exc:
        return job.path, exc


def _workers(files: int):
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    if files < PARALLEL_MIN_FILES or cores < 2 or "fork" not in multiprocessing.get_all_start_methods():
        return contextlib.nullcontext(None)
    # fork: workers start in milliseconds and inherit the loaded rules.
    return ProcessPoolExecutor(max_workers=cores, mp_context=multiprocessing.get_context("fork"),
                               initializer=_worker_init)


def _worker_init() -> None:
    # Ctrl-C is the parent's to handle; a worker printing its own traceback is noise.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    # If the parent is killed outright, end too instead of idling forever (Linux).
    with contextlib.suppress(OSError, AttributeError):
        PR_SET_PDEATHSIG = 1
        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
