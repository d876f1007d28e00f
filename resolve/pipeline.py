"""The stages, wired: read -> extract -> normalize -> cluster -> registry -> write.

Each stage is a function over DataFrames (see `schema`); this module only calls
them in order.  The CLI calls `run` and `link`; so can Python users.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
from concurrent.futures import ProcessPoolExecutor, wait
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TextIO

import pandas as pd

from .cluster import cluster_with_links
from .explain import links_table
from .extract import extract_mentions
from .normalize import normalize_mentions
from .incremental import PreviousRegistry, add_registry_mentions, load_registry
from .registry import build_tables
from .rules import Rules, load_rules
from .errors import InputError, StrictError
from .io.formats import DEFAULT_FORMAT, get_format
from .io.inputs import Inputs, articles_frame, iter_articles
from .io.manifest import check_outdir
from .io.problem import OnProblem, Problem, Problems
from .io.tables import write_tables
from .language import language_problems
from .progress import NoProgress, Progress

#: Articles per extraction window.  The extractor uses evidence from the whole batch it
#: is given (names seen in full in other articles, words written in lower case), so the
#: batch is fixed here, independently of `jobs`: windows of this many consecutive
#: articles (in article_id order).  Same windows for any number of processes -> same
#: output; bounded evidence and memory per window -> cost linear in the corpus.  Corpora
#: up to this size are one window (what `extract_mentions` on all articles gives).
EXTRACT_WINDOW = 1000

#: Seconds between looks at the workers' article count (progress with --jobs > 1).
PROGRESS_POLL = 0.2

_worker_rules: Rules | None = None
_worker_done = None  # multiprocessing.Value: articles extracted by all workers so far


@contextmanager
def _fewer_gc_passes():
    """Extraction allocates millions of short-lived objects and almost no reference
    cycles, so the default thresholds run full collections for nothing (measured: ~8%
    of extraction time).  Raised for the duration only; the caller's settings return."""
    old = gc.get_threshold()
    gc.set_threshold(50_000, 20, 100)
    try:
        yield
    finally:
        gc.set_threshold(*old)


def _init_worker(rules: Rules, done) -> None:
    """Runs once per worker process: the rules arrive (and are indexed) once, not per window."""
    global _worker_rules, _worker_done
    _worker_rules, _worker_done = rules, done
    # Objects inherited from the parent by fork are never garbage here: keep the
    # collector off them (scanning them would also copy their memory pages).
    gc.freeze()
    gc.set_threshold(50_000, 20, 100)


def _count_article() -> None:
    with _worker_done.get_lock():
        _worker_done.value += 1


def _extract_window(window: pd.DataFrame) -> pd.DataFrame:
    assert _worker_rules is not None
    return extract_mentions(window, _worker_rules, on_article=_count_article)


def _extract_in_processes(windows: list[pd.DataFrame], rules: Rules, jobs: int, progress: Progress) -> list[pd.DataFrame]:
    """Each window's mentions, in window order, from `jobs` worker processes; the
    progress advances per article (workers count them in shared memory)."""
    done = multiprocessing.Value("q", 0)
    shown = 0
    parts = []
    # Workers are forked where possible (rules inherited, nothing to pickle).
    with ProcessPoolExecutor(max_workers=min(jobs, len(windows)), initializer=_init_worker, initargs=(rules, done)) as pool:
        futures = [pool.submit(_extract_window, w) for w in windows]
        try:
            for f in futures:
                while not wait([f], timeout=PROGRESS_POLL).done:
                    shown = _advance_to(progress, done.value, shown)
                parts.append(f.result())
                shown = _advance_to(progress, done.value, shown)
        except BaseException:
            pool.shutdown(wait=False, cancel_futures=True)
            raise
    return parts


def _advance_to(progress: Progress, done: int, shown: int) -> int:
    progress.advance(done - shown)
    return done


def extract_articles(
    articles: pd.DataFrame, rules: Rules, *, jobs: int = 1, progress: Progress | None = None, window: int | None = None
) -> pd.DataFrame:
    """`extract_mentions` over windows of `window` articles (default EXTRACT_WINDOW), in
    `jobs` processes (0 = one per CPU); the output does not depend on `jobs`.

    Windows are cut in article_id order and results sorted by (article_id, start, end).
    `progress` advances per article.
    """
    progress = progress or NoProgress()
    jobs = (os.cpu_count() or 1) if jobs <= 0 else jobs
    size = max(1, window or EXTRACT_WINDOW)
    n = len(articles)
    progress.stage("extracting", n)
    if n == 0:
        return extract_mentions(articles, rules)
    articles = articles.sort_values("article_id", kind="stable")
    windows = [articles.iloc[i : i + size] for i in range(0, n, size)]
    if jobs == 1 or len(windows) == 1:
        with _fewer_gc_passes():
            parts = [extract_mentions(w, rules, on_article=progress.advance) for w in windows]
    else:
        parts = _extract_in_processes(windows, rules, jobs, progress)
    # Empty windows are left out so they cannot turn integer columns into objects.
    parts = [p for p in parts if len(p)] or parts[:1]
    mentions = pd.concat(parts, ignore_index=True) if len(parts) > 1 else parts[0]
    return mentions.sort_values(["article_id", "start", "end"], kind="stable").reset_index(drop=True)


@dataclass
class Result:
    """What `run` or `link` produced: the output tables, the input problems met, how
    many articles (or, for `link`, distinct article ids) went in, and the files written
    (none when there was no `outdir`)."""

    tables: dict[str, pd.DataFrame]
    problems: list[Problem] = field(default_factory=list)
    n_articles: int = 0
    outputs: list[Path] = field(default_factory=list)


def resolve_mentions(
    mentions: pd.DataFrame,
    articles: pd.DataFrame,
    rules: Rules,
    *,
    registry: str | Path | PreviousRegistry | None = None,
    run_date: str | None = None,
) -> dict[str, pd.DataFrame]:
    """normalize -> cluster -> registry tables, for mentions from any extractor.

    `registry`: a previous registry (path, OUTDIR or loaded) to continue: its entities
    join the clustering as anchored pseudo-mentions and keep their IDs (see `incremental`).
    """
    previous = load_registry(registry) if isinstance(registry, (str, Path)) else registry
    if previous is not None:
        mentions = add_registry_mentions(mentions, articles, previous)
    if ("date" not in mentions.columns or (mentions["date"].fillna("") == "").all()) and len(articles):
        # Article dates are matching evidence (compare.py): give them to the clusterer.
        dates = dict(zip(articles["article_id"], articles["date"]))
        mentions = mentions.assign(date=[dates.get(a, "") or "" for a in mentions["article_id"]])
    normalized = normalize_mentions(mentions, rules)
    clustered, links = cluster_with_links(normalized, rules)
    fixed_ids = {a.entity_id: a.name for a in rules.known_actors if a.entity_id}
    tables = build_tables(clustered, articles, previous=previous, run_date=run_date, fixed_ids=fixed_ids)
    tables["links"] = links_table(links, tables["mentions"])
    return tables


def run(
    inputs: Inputs,
    outdir: str | Path | None = None,
    *,
    rules: Rules | None = None,
    stdin: TextIO | None = None,
    format: str = DEFAULT_FORMAT,
    safe_csv: bool = True,
    jobs: int = 1,
    progress: Progress | None = None,
    registry: str | Path | PreviousRegistry | None = None,
    run_date: str | None = None,
    force: bool = False,
    strict: bool = False,
    on_problem: OnProblem | None = None,
) -> Result:
    """Read articles, extract and resolve person mentions; write the tables if `outdir` is given.

    `inputs`: one path (a str or Path: a .txt file, a directory, a .jsonl or .csv file,
    or "-" for `stdin`) or a list of them.  The tables are written in `format`
    (`resolve.io.formats`: csv, jsonl, parquet); `safe_csv` formula-guards CSV cells
    (see `resolve.io.guard`).

    Raises (see `resolve.errors`), before any work, MissingDependencyError when the
    format needs a package that is not installed and OutputDirError when `outdir` is
    not writable or holds files resolve did not write (unless `force`); InputError
    when no article could be read; StrictError, before extracting and without writing,
    when `strict` and the inputs had problems.  Otherwise input problems (an article
    that does not look English among them) are returned in `Result.problems`, and
    `on_problem` is called with each as it is met.

    `jobs` processes extract (0 = one per CPU; same output for any value); `progress`
    receives stage names and article counts (see `resolve.progress`).
    """
    progress = progress or NoProgress()
    get_format(format).check_available()  # fail before any work
    if outdir is not None:
        check_outdir(outdir, force=force)
    rules = rules if rules is not None else load_rules()
    # Read the previous registry fully before anything is written: it may live in `outdir`.
    previous = load_registry(registry) if isinstance(registry, (str, Path)) else registry
    progress.stage("reading")
    problems = Problems(on_problem)
    articles = articles_frame(iter_articles(inputs, problems, stdin))
    problems.extend(language_problems(articles))
    if articles.empty:
        raise InputError("no article could be read from the inputs; nothing written", problems)
    if strict and problems:
        raise StrictError(f"--strict: {len(problems)} input problem(s); nothing written", problems)
    mentions = extract_articles(articles, rules, jobs=jobs, progress=progress)
    progress.stage("resolving")
    tables = resolve_mentions(mentions, articles, rules, registry=previous, run_date=run_date)
    outputs = []
    if outdir is not None:
        progress.stage("writing")
        outputs = write_tables(tables, Path(outdir), format=format, safe=safe_csv, force=force)
    return Result(tables, list(problems), len(articles), outputs)
