"""Where the tasks of a run are executed: this process, local worker processes, or a Dask cluster.

An executor is made for one run's `Job` (the rules and the extractor, sent to each
worker once) and maps task functions over items, yielding the results in item order
whatever finishes first:

    executor.map(fn, items, on_articles) -> Iterator[fn(job, item)]

Items are taken from `items` lazily, a few ahead of the results, so a stream of
article windows is never held whole.  The tasks decide everything (resolve.extract,
resolve.match.partition): the output never depends on the executor.

`on_articles(n)` is the progress inside tasks: a task reports the articles it has done
to `task_progress()` (the extractor's `on_articles`), and the executor passes it on
to the caller's `on_articles`, in the caller's process.  The serial executor calls it
directly; the process executor's workers add to a counter in shared memory, which the
caller reads while it waits.  The Dask executor does not look inside tasks: the
caller counts each window's articles when the window comes back.

- `SerialExecutor`: in this process;
- `ProcessExecutor`: `--jobs N` local processes (forked: the job is inherited); after
  `renew(job)` (`renew_workers`: the run's matching rounds, which need the rules only)
  fresh spawned ones that are sent the new job;
- `DaskExecutor`: `--scheduler local:N` (a LocalCluster of N worker processes) or
  `--scheduler tcp://host:8786` (a running `dask scheduler`), with `pip install
  "resolve[dask]"`.  A worker's error is raised here as it was raised there; a
  cluster that loses a worker (or its data) raises `SchedulerError`.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor, wait
from contextlib import contextmanager
from dataclasses import dataclass
from itertools import chain
from typing import TYPE_CHECKING, Any, Protocol, TypeVar

from ..errors import MissingDependencyError, ResolveError
from ..memory import give_back
from ..rules import Rules
from .base import Extractor, OnArticles

if TYPE_CHECKING:
    from ..registry import PreviousRegistry

T = TypeVar("T")
R = TypeVar("R")

#: Collector thresholds while tasks run: extraction allocates millions of short-lived
#: objects and almost no reference cycles, so the default thresholds run full
#: collections for nothing (measured: ~8% of extraction time).
_GC_THRESHOLDS = (50_000, 20, 100)

#: Seconds between looks at the workers' article count (progress with processes).
PROGRESS_POLL = 0.2


class SchedulerError(ResolveError):
    """The Dask cluster cannot be reached, or lost a worker (or data) during the run."""


@dataclass(frozen=True)
class Job:
    """What every worker of a run holds: the rules in force, the extractor (if the run
    extracts) and the previous registry (if the run continues one)."""

    rules: Rules
    extractor: Extractor | None = None
    previous: PreviousRegistry | None = None


class Executor(Protocol):
    def map(self, fn: Callable[[Job, T], R], items: Iterable[T], on_articles: OnArticles | None = None) -> Iterator[R]:
        """`fn(job, item)` for each item, yielded in item order; `on_articles` hears of the
        articles the tasks report done (`task_progress`)."""
        ...

    def start(self) -> None:
        """Start the workers now rather than on first use (the caller does so before reading
        large inputs: forked workers then do not carry the memory of what was read)."""
        ...

    def close(self) -> None:
        """End the workers (also on an error: the caller closes in a `finally`)."""
        ...

    # Optional: `renew(job)`, the tasks from here on need only `job` (`renew_workers`).


_task_progress: OnArticles | None = None  # where the running task's progress goes (set by its executor)


def task_progress() -> OnArticles | None:
    """The `on_articles` of the task running in this process (None when nobody listens)."""
    return _task_progress


@contextmanager
def _fewer_gc_passes():
    """Raise the collector thresholds for the duration only; the caller's settings return."""
    old = gc.get_threshold()
    gc.set_threshold(*_GC_THRESHOLDS)
    try:
        yield
    finally:
        gc.set_threshold(*old)


@contextmanager
def _reporting(on_articles: OnArticles | None):
    global _task_progress
    old, _task_progress = _task_progress, on_articles
    try:
        yield
    finally:
        _task_progress = old


class SerialExecutor:
    """Every task in this process, one after the other."""

    def __init__(self, job: Job) -> None:
        self.job = job

    def map(self, fn: Callable[[Job, T], R], items: Iterable[T], on_articles: OnArticles | None = None) -> Iterator[R]:
        with _fewer_gc_passes():
            for item in items:
                with _reporting(on_articles):
                    result = fn(self.job, item)
                yield result

    def start(self) -> None:
        pass

    def close(self) -> None:
        pass


def renew_workers(executor: Executor, job: Job) -> None:
    """Tell `executor` that the tasks from here on need only `job` (the matching rounds need
    the rules, not the extractor), so that it may replace its workers by fresh ones that
    hold nothing of the work before; an executor without `renew` is left as it is."""
    renew = getattr(executor, "renew", None)
    if renew is not None:
        renew(job)


_worker_job: Job | None = None
_worker_done = None  # multiprocessing.Value: articles the workers reported done so far
_worker_trims = False  # give freed memory back to the system after each task (renewed workers)


def _init_worker(job: Job, done, trims: bool = False) -> None:
    """Runs once per worker process: the job arrives (and its rules index themselves) once."""
    global _worker_job, _worker_done, _task_progress, _worker_trims
    _worker_job, _worker_done, _task_progress, _worker_trims = job, done, _count_articles, trims
    # Objects inherited from the parent by fork are never garbage here: keep the
    # collector off them (scanning them would also copy their memory pages).
    gc.freeze()
    gc.set_threshold(*_GC_THRESHOLDS)


def _count_articles(n: int) -> None:
    with _worker_done.get_lock():
        _worker_done.value += n


def _call(fn: Callable[[Job, T], R], item: T) -> R:
    assert _worker_job is not None
    if not _worker_trims:
        return fn(_worker_job, item)
    try:
        return fn(_worker_job, item)
    finally:
        # A round's partition is freed with its task: its heap goes back before the next one
        # (the peak of a worker is then its largest partition, not the sum of its leftovers).
        gc.collect()
        give_back()


def _in_order(submit: Callable[[T], Any], result: Callable[[Any], R], items: Iterable[T], ahead: int) -> Iterator[R]:
    """Submit items at most `ahead` beyond the result being waited for; yield results in order."""
    pending: deque = deque()
    it = iter(items)
    try:
        for item in it:
            pending.append(submit(item))
            if len(pending) >= ahead:
                yield result(pending.popleft())
        while pending:
            yield result(pending.popleft())
    finally:  # the caller stopped early or a task failed: start no other task
        for f in pending:
            f.cancel()


class ProcessExecutor:
    """Tasks spread over `jobs` local processes (0 = one per CPU), started on first use."""

    def __init__(self, job: Job, jobs: int = 0) -> None:
        self.job = job
        self.jobs = (os.cpu_count() or 1) if jobs <= 0 else jobs
        self._pool: ProcessPoolExecutor | None = None
        self._context = None  # None: the platform's default (fork on Linux); see `renew`
        self._done = multiprocessing.Value("q", 0)

    def map(self, fn: Callable[[Job, T], R], items: Iterable[T], on_articles: OnArticles | None = None) -> Iterator[R]:
        it = iter(items)
        first = next(it, _NONE)
        if first is _NONE:
            return
        second = next(it, _NONE)
        if second is _NONE and self._pool is None:  # one task: not worth starting processes
            with _fewer_gc_passes(), _reporting(on_articles):
                result = fn(self.job, first)
            yield result
            return
        self.start()
        pool, done = self._pool, self._done
        shown = done.value

        def result(f: Future) -> Any:
            nonlocal shown
            while on_articles is not None and not wait([f], timeout=PROGRESS_POLL).done:
                shown = _report(on_articles, done.value, shown)
            out = f.result()
            if on_articles is not None:
                shown = _report(on_articles, done.value, shown)
            return out

        rest = chain([first], [] if second is _NONE else [second], it)
        yield from _in_order(lambda item: pool.submit(_call, fn, item), result, rest, 2 * self.jobs)

    def start(self) -> None:
        if self._pool is None:
            # Workers are forked where possible (the job inherited, nothing to pickle), all
            # of them on the first task: one that does nothing launches them now.
            renewed = self._context is not None
            self._pool = ProcessPoolExecutor(max_workers=self.jobs, mp_context=self._context, initializer=_init_worker, initargs=(self.job, self._done, renewed))
            self._pool.submit(int).result()

    def renew(self, job: Job) -> None:
        """The tasks from here on need only `job`: the workers end now, and the next task
        starts fresh ones as new interpreters (`spawn`, not `fork`: a worker forked now would
        carry this process's memory of the run so far, and one kept from before carries the
        extractor's), each sent `job` once.  The same tasks give the same results."""
        self.close()
        self.job = job
        self._context = multiprocessing.get_context("spawn")
        self._done = self._context.Value("q", 0)

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None


def _report(on_articles: OnArticles, done: int, shown: int) -> int:
    """Tell `on_articles` of the articles done since `shown`; the new count shown."""
    if done > shown:
        on_articles(done - shown)
    return done


class DaskExecutor:
    """Tasks on a Dask distributed cluster: `local:N` starts a LocalCluster of N worker
    processes (closed with the executor), any other address is a running scheduler."""

    def __init__(self, job: Job, scheduler: str) -> None:
        try:
            import dask
            from distributed import Client, LocalCluster
        except ImportError:
            raise MissingDependencyError(f"--scheduler {scheduler}", "distributed", "dask") from None
        self._cluster = None
        try:
            if scheduler.startswith("local:"):
                n = _workers(scheduler)
                # A task whose worker dies is not tried again elsewhere: the run fails (`SchedulerError`).
                with dask.config.set({"distributed.scheduler.allowed-failures": 0}):
                    self._cluster = LocalCluster(n_workers=n, threads_per_worker=1, processes=True, dashboard_address=None, silence_logs=40)
                self.client = Client(self._cluster)
            else:
                self.client = Client(scheduler, timeout="30s")
            self.workers = max(1, len(self.client.scheduler_info()["workers"]))
            self._job = self.client.scatter(job, broadcast=True, hash=False)
        except (OSError, TimeoutError) as e:
            self.close()
            raise SchedulerError(f"--scheduler {scheduler}: cannot reach the Dask scheduler ({e})") from None

    def start(self) -> None:
        pass  # the cluster is there once the executor is made

    def map(self, fn: Callable[[Job, T], R], items: Iterable[T], on_articles: OnArticles | None = None) -> Iterator[R]:
        client, job = self.client, self._job

        def submit(item):
            return client.submit(_dask_call, fn, job, client.scatter(item, hash=False), pure=False)

        yield from _in_order(submit, _dask_result, items, 2 * self.workers)

    def close(self) -> None:
        client = getattr(self, "client", None)
        if client is not None:
            client.close()
        if self._cluster is not None:
            self._cluster.close()
            self._cluster = None


def _workers(scheduler: str) -> int:
    """N of `local:N`."""
    n = scheduler.split(":", 1)[1]
    if not n.isdigit() or int(n) < 1:
        raise SchedulerError(f"--scheduler {scheduler}: expected local:N or tcp://HOST:PORT")
    return int(n)


def _dask_call(fn: Callable[[Job, T], R], job: Job, item: T) -> R:
    if gc.get_threshold() != _GC_THRESHOLDS:  # once per worker process
        gc.set_threshold(*_GC_THRESHOLDS)
    return fn(job, item)


def _dask_result(future) -> Any:
    from distributed.client import FutureCancelledError
    from distributed.scheduler import KilledWorker

    try:
        return future.result()
    except (KilledWorker, FutureCancelledError) as e:
        raise SchedulerError(f"the Dask cluster lost a worker or its data during the run ({type(e).__name__}: {e}); nothing was written") from None


def make_executor(job: Job, *, jobs: int = 1, scheduler: str | None = None) -> Executor:
    """The executor for `--scheduler` if given, else `--jobs` local processes (1: this process)."""
    if scheduler:
        return DaskExecutor(job, scheduler)
    jobs = (os.cpu_count() or 1) if jobs <= 0 else jobs
    return SerialExecutor(job) if jobs == 1 else ProcessExecutor(job, jobs)



_NONE = object()
