"""Executors (resolve.sources.executors) and the windows of the extract stage."""

from __future__ import annotations

import pandas as pd

from resolve import read_articles
from resolve.extract import EXTRACT_WINDOW, extract_articles, extract_window, window_size
from resolve.sources.base import Extractor, mentions_frame
from resolve.sources import executors
from resolve.sources.executors import Job, ProcessExecutor, SerialExecutor, make_executor
from resolve.sources.rules import RulesExtractor

from ..conftest import SEEDS


def _windows(rules):
    articles, _ = read_articles([str(SEEDS)])
    return [articles.iloc[:1], articles.iloc[1:]]


def test_serial_and_process_executors_give_the_windows_in_order(rules):
    windows = _windows(rules) * 3
    job = Job(rules, RulesExtractor(rules))
    serial = list(SerialExecutor(job).map(extract_window, windows))
    pool = ProcessExecutor(job, 2)
    try:
        parallel = list(pool.map(extract_window, iter(windows)))  # a stream of items is fine
    finally:
        pool.close()
    assert [set(p["article_id"]) for p in serial] == [set(w["article_id"]) for w in windows]
    for a, b in zip(serial, parallel):
        pd.testing.assert_frame_equal(a, b)


def test_one_task_does_not_start_processes(rules):
    pool = ProcessExecutor(Job(rules, RulesExtractor(rules)), 2)
    assert len(list(pool.map(extract_window, _windows(rules)[:1]))) == 1
    assert pool._pool is None
    pool.close()


def test_executors_report_every_article_to_the_caller(rules, monkeypatch):
    windows = _windows(rules)
    job = Job(rules, RulesExtractor(rules))
    serial: list[int] = []
    list(SerialExecutor(job).map(extract_window, windows, serial.append))
    assert serial == [1, 1]  # one call per article, as the rules extractor reads them
    monkeypatch.setattr(executors, "PROGRESS_POLL", 0.01)
    parallel: list[int] = []
    pool = ProcessExecutor(job, 2)
    try:
        list(pool.map(extract_window, windows, parallel.append))  # counted in the workers, heard here
    finally:
        pool.close()
    assert sum(parallel) == 2 and all(n > 0 for n in parallel)


def test_make_executor_uses_processes_only_for_several_jobs(rules):
    job = Job(rules)
    assert isinstance(make_executor(job, jobs=1), SerialExecutor)
    assert isinstance(make_executor(job, jobs=2), ProcessExecutor)


class Recording(SerialExecutor):
    """An executor of our own: serial, remembering the window sizes."""

    def __init__(self, job: Job) -> None:
        super().__init__(job)
        self.sizes: list[int] = []

    def map(self, fn, items, on_articles=None):
        for w in items:
            self.sizes.append(len(w))
            yield fn(self.job, w)


def test_extract_stage_runs_any_executor_with_the_same_output(rules):
    articles, _ = read_articles([str(SEEDS)])
    rec = Recording(Job(rules, RulesExtractor(rules)))
    got = extract_articles(articles, rules, executor=rec, window=1)
    assert rec.sizes == [1, 1]
    pd.testing.assert_frame_equal(got, extract_articles(articles, rules, window=1))


class NoBatch(Extractor):
    name = "no-batch"

    def extract(self, articles, on_articles=None):
        return mentions_frame([])


class Advances:
    """A Progress that keeps the advances of the extracting stage."""

    def __init__(self) -> None:
        self.advances: list[int] = []

    def stage(self, name, total=None):
        pass

    def advance(self, n=1):
        self.advances.append(n)


def test_progress_advances_per_window_when_nothing_reports_articles(rules):
    articles, _ = read_articles([str(SEEDS)])
    silent = Advances()  # an extractor that does not report articles
    extract_articles(articles.iloc[[0, 1, 0]], rules, extractor=NoBatch(rules), window=2, progress=silent)
    assert silent.advances == [2, 1]
    ignoring = Advances()  # an executor that does not pass the reports on

    class Ignoring(Recording):
        def map(self, fn, items, on_articles=None):
            return super().map(fn, items)

    extract_articles(articles, rules, executor=Ignoring(Job(rules, RulesExtractor(rules))), window=1, progress=ignoring)
    assert ignoring.advances == [1, 1]


def test_window_size_is_fixed_only_for_batch_evidence(rules):
    assert window_size(RulesExtractor(rules), 10_000, 4) == EXTRACT_WINDOW
    assert window_size(NoBatch(rules), 10_000, 1) == EXTRACT_WINDOW
    assert window_size(NoBatch(rules), 80, 2) == 10  # four windows per process
    assert window_size(NoBatch(rules), 100_000, 2) == EXTRACT_WINDOW
