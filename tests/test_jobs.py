"""`--jobs N` extracts in N processes with output identical to one process."""

from __future__ import annotations

import sys
from pathlib import Path

import pandas as pd
from typer.testing import CliRunner

from resolve import extract_mentions, read_articles
from resolve.cli import app
from resolve import extract
from resolve.extract import extract_articles
from resolve.sources import executors

from .conftest import SEEDS

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))
import generate  # noqa: E402  (bench/generate.py)


def _corpus(tmp_path: Path, n: int) -> Path:
    """A synthetic corpus big enough to be split into several chunks, plus the seed articles."""
    generate.write_corpus(n, tmp_path / "corpus", seed=3)
    return tmp_path / "corpus" / "articles.jsonl"


def test_jobs_2_writes_byte_identical_files(tmp_path, monkeypatch):
    # Small windows so that 230 articles make several of them (the default is 1000).
    monkeypatch.setattr(extract, "EXTRACT_WINDOW", 40)
    corpus = _corpus(tmp_path, 230)
    runner = CliRunner()
    outs = {}
    for jobs in (1, 2):
        out = tmp_path / f"out{jobs}"
        res = runner.invoke(app, ["run", str(corpus), str(SEEDS), "-o", str(out), "--jobs", str(jobs), "--quiet"])
        assert res.exit_code == 0, res.output
        outs[jobs] = {p.name: p.read_bytes() for p in sorted(out.glob("*.csv"))}
    assert outs[1].keys() == outs[2].keys() and "mentions.csv" in outs[1]
    assert len(outs[1]["mentions.csv"].splitlines()) > 230  # something was extracted
    for name in outs[1]:
        assert outs[1][name] == outs[2][name], name


def test_windows_do_not_depend_on_jobs_or_input_order(rules, tmp_path):
    articles, _ = read_articles([str(_corpus(tmp_path, 130))])
    one = extract_articles(articles, rules, jobs=1, window=25)
    shuffled = articles.sample(frac=1.0, random_state=5)
    pd.testing.assert_frame_equal(extract_articles(shuffled, rules, jobs=2, window=25), one)
    # Each window is one extract_mentions batch: the first window alone gives its rows.
    first = articles.sort_values("article_id").iloc[:25]
    alone = extract_mentions(first, rules).sort_values(["article_id", "start", "end"], kind="stable").reset_index(drop=True)
    pd.testing.assert_frame_equal(one[one["article_id"].isin(first["article_id"])].reset_index(drop=True), alone)


def test_corpus_within_one_window_is_one_batch(rules, tmp_path):
    articles, _ = read_articles([str(_corpus(tmp_path, 60))])
    whole = extract_mentions(articles, rules).sort_values(["article_id", "start", "end"], kind="stable").reset_index(drop=True)
    pd.testing.assert_frame_equal(extract_articles(articles, rules, jobs=2), whole)


def test_jobs_0_means_all_cpus_and_empty_input_works(rules):
    articles, _ = read_articles([str(SEEDS)])
    assert extract_articles(articles, rules, jobs=0).equals(extract_articles(articles, rules, jobs=1))
    empty = extract_articles(articles.iloc[:0], rules, jobs=2)
    assert len(empty) == 0 and list(empty.columns)[:3] == ["article_id", "start", "end"]


def test_quiet_suppresses_summary_and_no_bar_when_not_a_terminal(tmp_path):
    runner = CliRunner()
    loud = runner.invoke(app, ["run", str(SEEDS), "-o", str(tmp_path / "a")])
    quiet = runner.invoke(app, ["run", str(SEEDS), "-o", str(tmp_path / "b"), "--quiet"])
    assert loud.exit_code == quiet.exit_code == 0
    assert "articles" in loud.output and "articles" not in quiet.output
    # CliRunner's stderr is not a terminal: no progress bar drawing characters.
    assert "\r" not in loud.output and "━" not in loud.output


def test_progress_bar_reports_stages(tmp_path):
    """On a terminal-like stream the bar shows each stage and the article count."""
    import io

    from resolve.pipeline import run
    from resolve.progress import BarProgress, NoProgress, make_progress

    class Tty(io.StringIO):
        def isatty(self) -> bool:
            return True

    assert isinstance(make_progress(True, io.StringIO()), NoProgress)
    assert isinstance(make_progress(False, Tty()), NoProgress)
    stream = Tty()
    bar = make_progress(True, stream)
    assert isinstance(bar, BarProgress)
    try:
        run([str(SEEDS)], tmp_path / "o", progress=bar)
    finally:
        bar.close()
    text = stream.getvalue()
    for stage in ("reading", "extracting", "resolving", "writing"):
        assert stage in text
    assert "2/2" in text  # two seed articles extracted


class _Recorder:
    """A Progress that records what the pipeline reports."""

    def __init__(self) -> None:
        self.stages: list[tuple[str, int | None]] = []
        self.advances: list[int] = []

    def stage(self, name, total=None):
        self.stages.append((name, total))

    def advance(self, n=1):
        self.advances.append(n)

    def echo(self, line):
        pass

    def close(self):
        pass


def test_progress_advances_per_article_not_per_window(rules, tmp_path, monkeypatch):
    articles, _ = read_articles([str(_corpus(tmp_path, 70))])
    serial = _Recorder()
    extract_articles(articles, rules, jobs=1, window=25, progress=serial)
    assert serial.stages == [("extracting", len(articles))]
    assert serial.advances == [1] * len(articles)
    monkeypatch.setattr(executors, "PROGRESS_POLL", 0.01)
    parallel = _Recorder()
    extract_articles(articles, rules, jobs=2, window=25, progress=parallel)
    assert sum(parallel.advances) == len(articles) and all(n >= 0 for n in parallel.advances)


def test_rounds_on_renewed_workers_write_byte_identical_files(tmp_path, monkeypatch):
    """With --jobs 2 the rounds run on fresh spawned workers holding the rules only
    (`executors.ProcessExecutor.renew`); small partitions send them many tasks."""
    from resolve.match import plan

    monkeypatch.setattr(extract, "EXTRACT_WINDOW", 40)
    monkeypatch.setattr(plan, "PARTITION_UNITS", 60)
    renewed: list = []
    renew = executors.ProcessExecutor.renew

    def spy(self, job):
        renewed.append(job)
        renew(self, job)

    monkeypatch.setattr(executors.ProcessExecutor, "renew", spy)
    calls: list = []
    call = executors._in_order

    def count(submit, result, items, ahead):
        calls.append(1)
        return call(submit, result, items, ahead)

    monkeypatch.setattr(executors, "_in_order", count)
    corpus = _corpus(tmp_path, 230)
    outs = {}
    for jobs in (1, 2):
        out = tmp_path / f"out{jobs}"
        res = CliRunner().invoke(app, ["run", str(corpus), "-o", str(out), "--jobs", str(jobs), "--quiet"])
        assert res.exit_code == 0, res.output
        outs[jobs] = {p.name: p.read_bytes() for p in sorted(out.glob("*.csv"))}
    assert len(renewed) == 1 and renewed[0].extractor is None and renewed[0].rules is not None
    assert len(calls) >= 3  # the windows, then rounds of several tasks on the renewed workers
    assert outs[1] == outs[2]
