"""Executors (resolve.sources.executors) and the windows of the extract stage."""

from __future__ import annotations

import pandas as pd

from resolve import read_articles
from resolve.extract import EXTRACT_WINDOW, extract_articles, extract_window, window_size
from resolve.sources.base import Extractor, mentions_frame
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


def test_make_executor_uses_processes_only_for_several_jobs(rules):
    job = Job(rules)
    assert isinstance(make_executor(job, jobs=1), SerialExecutor)
    assert isinstance(make_executor(job, jobs=2), ProcessExecutor)


class Recording(SerialExecutor):
    """An executor of our own: serial, remembering the window sizes."""

    def __init__(self, job: Job) -> None:
        super().__init__(job)
        self.sizes: list[int] = []

    def map(self, fn, items):
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

    def extract(self, articles):
        return mentions_frame([])


def test_window_size_is_fixed_only_for_batch_evidence(rules):
    assert window_size(RulesExtractor(rules), 10_000, 4) == EXTRACT_WINDOW
    assert window_size(NoBatch(rules), 10_000, 1) == EXTRACT_WINDOW
    assert window_size(NoBatch(rules), 80, 2) == 10  # four windows per process
    assert window_size(NoBatch(rules), 100_000, 2) == EXTRACT_WINDOW
