"""Import many sources in one run: the slow, pure part in worker processes, everything else here.

`pipeline.prepare` (cleaning, conversion and the article's fingerprint) is a pure
function of a file's bytes and takes nearly all the CPU, so a batch hands it to one
worker per core. Reading, the result cache, which article a source is, slug choice
and every write stay in this process and happen in input order, so the outcome
(slugs, -2 suffixes, reports) is the same as a one-at-a-time run and the docs/
lock, atomic writes and hand-edit checks keep working unchanged.
"""
from __future__ import annotations

import contextlib
import ctypes
import os
import signal
from collections import deque
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Iterator

from . import boilerplate, cache
from .pipeline import ImportResult, Run, Settings, cached_result, prepare, write_pages
from .reading import read_source
from .writing import docs_lock

if TYPE_CHECKING:
    from concurrent.futures import Future

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

    The docs/ lock is held from the first result to the last (or until the caller
    stops asking). An exception is yielded rather than raised so that one bad file
    (or a bug it triggers) does not stop the others.
    """
    with docs_lock(settings.docs):
        yield from _import_files(paths, settings)


def _import_files(paths: list[Path], settings: Settings) -> Iterator[tuple[Path, ImportResult | Exception]]:
    results = cache.ResultCache(settings.cache)
    known = _learn(paths, settings, results)
    run = Run(settings)
    workers = _Workers(len(paths))
    try:
        pending: deque[_Job] = deque()
        for path in paths:
            pending.append(_start(path, settings, results, workers, known))
            if len(pending) > READ_AHEAD:
                yield _finish(pending.popleft(), settings, run, results, known)
        while pending:
            yield _finish(pending.popleft(), settings, run, results, known)
    finally:
        workers.close()
        results.save()
        run.save()


def _learn(paths: list[Path], settings: Settings, results: cache.ResultCache) -> boilerplate.Known:
    """The boilerplate known before this batch, plus what its sources and docs/ teach.

    Learning reads every source and page, so it only happens when some source is
    new or changed; what it learns is saved for the editor to review and commit.
    """
    store = boilerplate.Store(settings.learned)
    known = store.known
    fresh = settings.force
    for path in paths:
        try:
            key = cache.source_key(read_source(path), settings.docs, settings.output_options, known.digest,
                                   _origin(path, settings))
        except Exception:  # reported when the file's turn comes
            continue
        fresh = fresh or results.lookup(key) is None
        if fresh:
            break
    if not fresh:
        return known
    store.add(boilerplate.learn(boilerplate.sources_for_learning(paths, settings.docs), known), settings.date)
    if store.added and not settings.dry_run:
        store.save()
    return store.known


def _start(path: Path, settings: Settings, results: cache.ResultCache, workers: _Workers,
           known: boilerplate.Known) -> _Job:
    job = _Job(path)
    try:
        job.data = read_source(path)
        job.key = cache.source_key(job.data, settings.docs, settings.output_options, known.digest,
                                   _origin(path, settings))
        job.entry = None if settings.force else results.lookup(job.key)
        if job.entry is None:
            job.future = workers.submit(prepare, path, job.data, settings, known)
    except Exception as exc:  # reported when its turn comes, in order
        job.error = exc
    return job


def _origin(path: Path, settings: Settings) -> str:
    """What the source's address and tags add to its bytes (the same page fetched or saved differs there)."""
    origin = settings.origins.get(str(path))
    return repr((origin.url, origin.tags)) if origin else ""


def _finish(job: _Job, settings: Settings, run: Run, results: cache.ResultCache, known: boilerplate.Known):
    try:
        if job.error is not None:
            raise job.error
        if job.entry is not None:
            result = cached_result(job.path, job.entry, run)
            if result is not None:
                return job.path, result
        article, identity = job.future.result() if job.future else prepare(job.path, job.data, settings, known)
        result = write_pages(article, settings, run, identity)
        if (not settings.dry_run and not result.image_failures  # a failed download is tried again
                and all(p.action.as_imported for p in result.pages)):
            results.store(job.key, result)
        return job.path, result
    except Exception as exc:
        return job.path, exc


class _Workers:
    """One process per core, started at the first source the cache cannot answer.

    `submit` returns None when the batch is too small (or the system cannot fork):
    the caller then processes in this process.
    """

    def __init__(self, files: int):
        cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
        self.wanted = files >= PARALLEL_MIN_FILES and cores > 1
        self.cores = cores
        self.executor = None

    def submit(self, fn, *args) -> Future | None:
        if self.executor is None and self.wanted:
            # Imported here: they cost a tenth of a re-import that finds nothing to do.
            import multiprocessing
            from concurrent.futures import ProcessPoolExecutor

            self.wanted = "fork" in multiprocessing.get_all_start_methods()
            if self.wanted:  # fork: workers start in milliseconds and inherit the loaded rules
                self.executor = ProcessPoolExecutor(max_workers=self.cores, initializer=_worker_init,
                                                    mp_context=multiprocessing.get_context("fork"))
        return self.executor.submit(fn, *args) if self.executor else None

    def close(self) -> None:
        if self.executor is not None:
            self.executor.shutdown(cancel_futures=True)


def _worker_init() -> None:
    # Ctrl-C is the parent's to handle; a worker printing its own traceback is noise.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    # If the parent is killed outright, end too instead of idling forever (Linux).
    with contextlib.suppress(OSError, AttributeError):
        PR_SET_PDEATHSIG = 1
        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
