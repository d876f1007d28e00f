"""How extraction windows are run: in this process, or in local worker processes.

An executor maps an extractor over windows of articles and yields the mentions of
each window in window order, whatever finishes first:

    executor.map(extractor, windows, on_articles) -> Generator[DataFrame] (closed when the caller stops)

`on_articles(n)` is the progress inside windows: it is called in the caller's process
as the extractor reports articles done.  The serial executor hands it to the
extractor; the process executor's workers add to a counter in shared memory, which
the caller reads while it waits.  An engine that cannot see inside a window (a
cluster's futures) may ignore it: the extract stage counts each window's articles
when the window comes back.

The windows are cut by the extract stage (resolve.extract), so the output does not
depend on the executor.  `SerialExecutor` and `ProcessExecutor` are the local ones; a
distributed engine is one more class with the same `map`.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
from collections.abc import Generator, Sequence
from concurrent.futures import ProcessPoolExecutor, wait
from contextlib import contextmanager
from typing import Protocol

import pandas as pd

from .base import Extractor, OnArticles

#: Collector thresholds while extracting: extraction allocates millions of short-lived
#: objects and almost no reference cycles, so the default thresholds run full
#: collections for nothing (measured: ~8% of extraction time).
_GC_THRESHOLDS = (50_000, 20, 100)

#: Seconds between looks at the workers' article count (progress with processes).
PROGRESS_POLL = 0.2


class Executor(Protocol):
    def map(
        self, extractor: Extractor, windows: Sequence[pd.DataFrame], on_articles: OnArticles | None = None
    ) -> Generator[pd.DataFrame, None, None]:
        """`extractor.extract(w)` for each window, yielded in window order; `on_articles`
        hears of the articles done."""
        ...


@contextmanager
def _fewer_gc_passes():
    """Raise the collector thresholds for the duration only; the caller's settings return."""
    old = gc.get_threshold()
    gc.set_threshold(*_GC_THRESHOLDS)
    try:
        yield
    finally:
        gc.set_threshold(*old)


class SerialExecutor:
    """Every window in this process, one after the other."""

    def map(
        self, extractor: Extractor, windows: Sequence[pd.DataFrame], on_articles: OnArticles | None = None
    ) -> Generator[pd.DataFrame, None, None]:
        with _fewer_gc_passes():
            for w in windows:
                yield extractor.extract(w, on_articles)


_worker_extractor: Extractor | None = None
_worker_done = None  # multiprocessing.Value: articles done by all workers so far (None: nobody asked)


def _init_worker(extractor: Extractor, done) -> None:
    """Runs once per worker process: the extractor arrives (and indexes its rules) once."""
    global _worker_extractor, _worker_done
    _worker_extractor, _worker_done = extractor, done
    # Objects inherited from the parent by fork are never garbage here: keep the
    # collector off them (scanning them would also copy their memory pages).
    gc.freeze()
    gc.set_threshold(*_GC_THRESHOLDS)


def _count_articles(n: int) -> None:
    with _worker_done.get_lock():
        _worker_done.value += n


def _extract_window(window: pd.DataFrame) -> pd.DataFrame:
    assert _worker_extractor is not None
    return _worker_extractor.extract(window, _count_articles if _worker_done is not None else None)


class ProcessExecutor:
    """Windows spread over `jobs` local processes (0 = one per CPU)."""

    def __init__(self, jobs: int = 0) -> None:
        self.jobs = (os.cpu_count() or 1) if jobs <= 0 else jobs

    def map(
        self, extractor: Extractor, windows: Sequence[pd.DataFrame], on_articles: OnArticles | None = None
    ) -> Generator[pd.DataFrame, None, None]:
        done = multiprocessing.Value("q", 0) if on_articles is not None else None
        shown = 0
        # Workers are forked where possible (extractor inherited, nothing to pickle).
        workers = min(self.jobs, len(windows))
        with ProcessPoolExecutor(max_workers=workers, initializer=_init_worker, initargs=(extractor, done)) as pool:
            futures = [pool.submit(_extract_window, w) for w in windows]
            try:
                for f in futures:
                    while done is not None and not wait([f], timeout=PROGRESS_POLL).done:
                        shown = _report(on_articles, done.value, shown)
                    part = f.result()
                    if done is not None:
                        shown = _report(on_articles, done.value, shown)
                    yield part
            finally:  # the caller stopped early or a window failed: start no other window
                for f in futures:
                    f.cancel()


def _report(on_articles: OnArticles, done: int, shown: int) -> int:
    """Tell `on_articles` of the articles done since `shown`; the new count shown."""
    if done > shown:
        on_articles(done - shown)
    return done


def local_executor(jobs: int, n_windows: int) -> Executor:
    """Processes when there are several of both `jobs` (0 = one per CPU) and windows."""
    jobs = (os.cpu_count() or 1) if jobs <= 0 else jobs
    return SerialExecutor() if jobs == 1 or n_windows <= 1 else ProcessExecutor(jobs)
