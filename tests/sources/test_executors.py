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


def _who(job, item):
    """In a worker: its process, whether its job holds an extractor, and the item back."""
    import os

    return os.getpid(), job.extractor is not None, item


def test_renewed_workers_are_fresh_processes_holding_the_new_job(rules):
    pool = ProcessExecutor(Job(rules, RulesExtractor(rules)), 2)
    try:
        before = list(pool.map(_who, range(6)))
        executors.renew_workers(pool, Job(rules))
        assert pool._pool is None  # the old workers are gone at once
        after = list(pool.map(_who, range(6)))
    finally:
        pool.close()
    assert [i for *_, i in before] == [i for *_, i in after] == list(range(6))  # in order, all of them
    assert all(has for _, has, _ in before) and not any(has for _, has, _ in after)
    assert not {p for p, _, _ in before} & {p for p, _, _ in after}


def test_renewed_workers_give_the_same_results(rules):
    windows = _windows(rules) * 2
    job = Job(rules, RulesExtractor(rules))
    pool = ProcessExecutor(job, 2)
    try:
        first = list(pool.map(extract_window, windows))
        pool.renew(job)  # spawned workers, the job sent to them pickled
        second = list(pool.map(extract_window, windows))
    finally:
        pool.close()
    for a, b in zip(first, second):
        pd.testing.assert_frame_equal(a, b)


def test_renew_is_optional_for_an_executor(rules):
    serial = SerialExecutor(Job(rules, RulesExtractor(rules)))
    executors.renew_workers(serial, Job(rules))  # no `renew`: left as it is
    assert serial.job.extractor is not None


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


# ---------------------------------------------------------------- Dask (resolve[dask])
# A LocalCluster of 2 worker processes, shared by the comparisons: every output file of a
# run on it must be byte-identical to the local engine's.

import os  # noqa: E402
import sys  # noqa: E402
from pathlib import Path  # noqa: E402

import pytest  # noqa: E402

from resolve import pipeline  # noqa: E402
from resolve.sources.executors import SchedulerError  # noqa: E402

from ..conftest import ECB, ROOT  # noqa: E402


@pytest.fixture(scope="module")
def cluster():
    pytest.importorskip("distributed", reason='Dask is not installed (pip install "resolve[dask]")')
    import dask
    from distributed import LocalCluster

    with dask.config.set({"distributed.scheduler.allowed-failures": 0}):
        c = LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None, silence_logs=40)
    yield c.scheduler_address
    c.close()


def _same_files(a: Path, b: Path) -> None:
    names = sorted(p.name for p in a.iterdir())
    assert names == sorted(p.name for p in b.iterdir()) and "mentions.csv" in names
    for name in names:
        assert (a / name).read_bytes() == (b / name).read_bytes(), name


def _local_and_dask(inputs, tmp_path: Path, scheduler: str, **kwargs) -> tuple[Path, Path]:
    pipeline.run(inputs, tmp_path / "local", **kwargs)
    pipeline.run(inputs, tmp_path / "dask", scheduler=scheduler, **kwargs)
    return tmp_path / "local", tmp_path / "dask"


def test_dask_tables_are_byte_identical_to_the_local_engine_on_the_seeds(cluster, tmp_path):
    _same_files(*_local_and_dask(str(SEEDS), tmp_path, cluster))


def test_dask_tables_are_byte_identical_to_the_local_engine_on_ecbplus_dev(cluster, tmp_path):
    articles = ECB / "articles"
    if not articles.is_dir():
        pytest.skip(f"ECB+ dev articles not present at {articles}")
    _same_files(*_local_and_dask(str(articles), tmp_path, cluster))


def test_dask_tables_are_byte_identical_to_the_local_engine_on_a_synthetic_corpus(cluster, tmp_path):
    sys.path.insert(0, str(ROOT / "bench"))
    import generate

    generate.write_corpus(2500, tmp_path / "corpus", seed=3)  # three extraction windows
    _same_files(*_local_and_dask(str(tmp_path / "corpus" / "articles.jsonl"), tmp_path, cluster))


def test_dask_continues_a_registry_as_the_local_engine_does(cluster, tmp_path):
    for engine, scheduler in (("local", None), ("dask", cluster)):
        out = tmp_path / engine
        pipeline.run(str(sorted(SEEDS.glob("*.txt"))[0]), out, scheduler=scheduler)
        pipeline.run(str(SEEDS), out, registry=out, scheduler=scheduler)
    _same_files(tmp_path / "local", tmp_path / "dask")


def test_a_bad_file_on_dask_is_a_warning_naming_it(cluster, tmp_path):
    bad = tmp_path / "in" / "empty.txt"
    bad.parent.mkdir()
    bad.write_text("", encoding="utf-8")
    (tmp_path / "in" / "good.txt").write_text("Senator Chuck Hagel said on Monday that he would serve.", encoding="utf-8")
    result = pipeline.run(str(tmp_path / "in"), tmp_path / "out", scheduler=cluster)
    assert [p.where for p in result.problems] == [str(bad)] and result.n_articles == 1
    assert (tmp_path / "out" / "mentions.csv").is_file()


class DyingExtractor(RulesExtractor):
    """Kills the worker process it runs in when it meets the article `fatal`."""

    name = "dying"
    fatal = "b"

    def extract(self, articles, on_articles=None):
        if self.fatal in set(articles["article_id"]):
            os._exit(1)
        return super().extract(articles, on_articles)


def test_a_worker_lost_mid_run_fails_the_run_cleanly(rules, tmp_path):
    pytest.importorskip("distributed", reason='Dask is not installed (pip install "resolve[dask]")')
    src = tmp_path / "in"
    src.mkdir()
    for name in ("a", "b"):
        (src / f"{name}.txt").write_text(f"Senator Chuck Hagel said on Monday that {name} would serve.", encoding="utf-8")
    out = tmp_path / "out"
    with pytest.raises(SchedulerError, match="lost a worker") as err:
        pipeline.run(str(src), out, rules=rules, extractor=DyingExtractor(rules), scheduler="local:2")
    assert err.value.exit_code == 1
    assert not out.exists() or not any(out.iterdir())  # nothing written, not even a part


def test_scheduler_without_dask_installed_is_a_clear_error(rules, monkeypatch):
    from resolve.errors import MissingDependencyError

    monkeypatch.setitem(sys.modules, "distributed", None)  # import fails as if not installed
    with pytest.raises(MissingDependencyError, match=r"pip install 'resolve\[dask\]'"):
        make_executor(Job(rules), scheduler="local:2")


def test_a_bad_scheduler_address_is_a_clear_error(rules):
    pytest.importorskip("distributed", reason='Dask is not installed (pip install "resolve[dask]")')
    with pytest.raises(SchedulerError, match="local:N or tcp://HOST:PORT"):
        make_executor(Job(rules), scheduler="local:two")
