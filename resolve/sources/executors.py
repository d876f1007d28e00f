"""How extraction windows are run: in this process, or in local worker processes.

An executor maps an extractor over windows of articles and yields the mentions of
each window in window order, whatever finishes first:

    executor.map(extractor, windows) -> Generator[DataFrame] (closed when the caller stops)

The windows are cut by the extract stage (resolve.extract), so the output does not
depend on the executor.  `SerialExecutor` and `ProcessExecutor` are the local ones; a
distributed engine is one more class with the same `map`.
"""

from __future__ import annotations

import gc
import os
from collections.abc import Generator, Sequence
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from typing import Protocol

import pandas as pd

from .base import Extractor

#: Collector thresholds while extracting: extraction allocates millions of short-lived
#: objects and almost no reference cycles, so the default thresholds run full
#: collections for nothing (measured: ~8% of extraction time).
_GC_THRESHOLDS = (50_000, 20, 100)


class Executor(Protocol):
    def map(self, extractor: Extractor, windows: Sequence[pd.DataFrame]) -> Generator[pd.DataFrame, None, None]:
        """`extractor.extract(w)` for each window, yielded in window order."""
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

    def map(self, extractor: Extractor, windows: Sequence[pd.DataFrame]) -> Generator[pd.DataFrame, None, None]:
        with _fewer_gc_passes():
            for w in windows:
                yield extractor.extract(w)


_worker_extractor: Extractor | None = None


def _init_worker(extractor: Extractor) -> None:
    """Runs once per worker process: the extractor arrives (and indexes its rules) once."""
    global _worker_extractor
    _worker_extractor = extractor
    # Objects inherited from the parent by fork are never garbage here: keep the
    # collector off them (scanning them would also copy their memory pages).
    gc.freeze()
    gc.set_threshold(*_GC_THRESHOLDS)


def _extract_window(window: pd.DataFrame) -> pd.DataFrame:
    assert _worker_extractor is not None
    return _worker_extractor.extract(window)


class ProcessExecutor:
    """Windows spread over `jobs` local processes (0 = one per CPU)."""

    def __init__(self, jobs: int = 0) -> None:
        self.jobs = (os.cpu_count() or 1) if jobs <= 0 else jobs

    def map(self, extractor: Extractor, windows: Sequence[pd.DataFrame]) -> Generator[pd.DataFrame, None, None]:
        # Workers are forked where possible (extractor inherited, nothing to pickle).
        workers = min(self.jobs, len(windows))
        with ProcessPoolExecutor(max_workers=workers, initializer=_init_worker, initargs=(extractor,)) as pool:
            yield from pool.map(_extract_window, windows)


def local_executor(jobs: int, n_windows: int) -> Executor:
    """Processes when there are several of both `jobs` (0 = one per CPU) and windows."""
    jobs = (os.cpu_count() or 1) if jobs <= 0 else jobs
    return SerialExecutor() if jobs == 1 or n_windows <= 1 else ProcessExecutor(jobs)
