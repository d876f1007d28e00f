"""The extract stage: articles -> person mentions, by any extractor, in windows.

`extract_articles` cuts the articles (in article_id order) into windows, runs the
extractor over them with an executor (resolve.sources.executors: this process, local
processes or a Dask cluster) and puts the mentions back in order; `extract_window`
is that task on one window (`resolve run` runs it in the same task as the window's
preparation for matching, see resolve.pipeline).  `extract_mentions` is the default
extractor on one batch, the stage's plain Python entry point.

Interface (stable): `extract_mentions(articles, rules) -> DataFrame[MENTION_COLUMNS]`.
"""

from __future__ import annotations

import os

import pandas as pd

from .progress import NoProgress, Progress
from .rules import Rules
from .sources.base import Extractor, OnArticles
from .sources.executors import Executor, Job, make_executor, task_progress
from .sources.rules import RulesExtractor

#: Articles per extraction window.  The rules extractor uses evidence from the whole
#: batch it is given (names seen in full in other articles, words written in lower
#: case), so the batch is fixed here, independently of `jobs`: windows of this many
#: consecutive articles (in article_id order).  Same windows for any number of
#: processes -> same output; bounded evidence and memory per window -> cost linear in
#: the corpus.  Corpora up to this size are one window (what `extract_mentions` on all
#: articles gives).
EXTRACT_WINDOW = 1000


def extract_mentions(articles: pd.DataFrame, rules: Rules, *, on_articles: OnArticles | None = None) -> pd.DataFrame:
    """Mentions of all articles by the rules extractor, as one batch, sorted by (article_id, start).

    Names seen in full anywhere in the batch support surname-only mentions in other
    articles, so the result for one article can depend on the batch it is run with.
    `articles` needs the columns article_id and text (MissingColumnsError names the
    missing ones); `on_articles(1)` is called per article read (for progress).
    """
    return RulesExtractor(rules).extract(articles, on_articles)


class ArticleCount:
    """The progress of the extract stage: the articles the extractor reports done
    (`reported`), and at least all those of the windows returned (`at_least`), so an
    extractor or executor that reports nothing still advances per window."""

    def __init__(self, progress: Progress) -> None:
        self._progress = progress
        self._reported = self._returned = self._shown = 0

    def reported(self, n: int) -> None:
        self._reported += n
        self._show()

    def at_least(self, n: int) -> None:
        self._returned += n
        self._show()

    def _show(self) -> None:
        done = max(self._reported, self._returned)
        if done > self._shown:
            self._progress.advance(done - self._shown)
            self._shown = done


def window_size(extractor: Extractor, n_articles: int, jobs: int) -> int:
    """Articles per window: EXTRACT_WINDOW for an extractor using batch evidence;
    otherwise (any windows give the same output) small enough to keep `jobs` busy."""
    if extractor.uses_batch_evidence or jobs == 1:
        return EXTRACT_WINDOW
    return max(1, min(EXTRACT_WINDOW, -(-n_articles // (4 * jobs))))


def extract_window(job: Job, articles: pd.DataFrame) -> pd.DataFrame:
    """The mentions of one window of articles by the job's extractor, sorted by (article_id, start, end)."""
    assert job.extractor is not None
    mentions = job.extractor.extract(articles, task_progress())
    return mentions.sort_values(["article_id", "start", "end"], kind="stable").reset_index(drop=True)


def extract_articles(
    articles: pd.DataFrame,
    rules: Rules,
    *,
    extractor: Extractor | None = None,
    jobs: int = 1,
    progress: Progress | None = None,
    window: int | None = None,
    executor: Executor | None = None,
) -> pd.DataFrame:
    """Mentions of `articles` by `extractor` (default: the rules extractor with `rules`),
    over windows of `window` articles (default `window_size`), in `jobs` processes (0 =
    one per CPU) unless an `executor` (made for a Job with this extractor) is given; the
    output does not depend on `jobs` or the executor.

    Windows are cut in article_id order and results sorted by (article_id, start, end).
    `progress` advances per article as the extractor reports them, else per window.
    """
    extractor = extractor if extractor is not None else RulesExtractor(rules)
    progress = progress or NoProgress()
    jobs = (os.cpu_count() or 1) if jobs <= 0 else jobs
    n = len(articles)
    progress.stage("extracting", n)
    if n == 0:
        return extractor.extract(articles)
    size = max(1, window or window_size(extractor, n, jobs))
    articles = articles.sort_values("article_id", kind="stable")
    windows = [articles.iloc[i : i + size] for i in range(0, n, size)]
    own = executor is None
    executor = make_executor(Job(rules, extractor), jobs=jobs) if own else executor
    count = ArticleCount(progress)
    parts: list[pd.DataFrame] = []
    try:
        for w, part in zip(windows, executor.map(extract_window, windows, count.reported)):
            parts.append(part)
            count.at_least(len(w))
    finally:
        if own:
            executor.close()
    # Empty windows are left out so they cannot turn integer columns into objects.
    parts = [p for p in parts if len(p)] or parts[:1]
    return pd.concat(parts, ignore_index=True) if len(parts) > 1 else parts[0]
