"""The stages, wired: read -> extract -> match -> registry -> write.

Each stage is a function over DataFrames (see `schema`); this module calls them in
order, window by window.  The articles are read once into a spool (resolve.io.inputs.spool)
and handed out in windows of consecutive article ids; one task per window extracts
its mentions and prepares them for matching (`window_task`), on an executor
(resolve.sources.executors: this process, `jobs` processes, or a Dask cluster);
the client keeps the mentions in compact columns and lets the partitioned matcher
(resolve.match.partition) decide across windows.  The CLI calls `run` and `link`;
so can Python users.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TextIO

import numpy as np
import pandas as pd

from .columns import CodedFrames
from .errors import InputError, StrictError
from .extract import ArticleCount, extract_window, window_size
from .io.formats import DEFAULT_FORMAT, get_format
from .io.inputs import Inputs
from .io.inputs.spool import ArticleSpool
from .io.manifest import check_outdir
from .io.problem import OnProblem, Problem, Problems
from .io.tables import Chunked, TableWriter, WrittenTables
from .match.block import import_in_background
from .match.engine import MATCH_WINDOW, with_clusters
from .match.partition import Clustering, Run
from .match.window import WindowPart, match_input, prepare_window
from .memory import give_back
from .progress import NoProgress, Progress
from .registry import PreviousRegistry, add_registry_mentions, load_registry
from .registry.continuation import check_article_ids, stand_ins
from .registry.links import LinkSides
from .registry.tables import table_stream
from .rules import Rules, load_rules
from .sources import Extractor, get_extractor
from .sources.executors import Executor, Job, SerialExecutor, make_executor, renew_workers

#: The mention columns the client keeps for the registry and the outputs.
KEPT_COLUMNS = [
    "article_id", "start", "end", "text", "title", "title_normalized", "title_status", "role_kind",
    "affiliation", "honorific", "confidence", "date", "anchor_id", "soft_anchor", "pseudo",
]  # fmt: skip
_NUMBERS = ("start", "end", "confidence", "soft_anchor", "pseudo")


@dataclass
class Result:
    """What `run` or `link` produced: the output tables, the input problems met, how
    many articles (or, for `link`, distinct article ids) went in, and the files written
    (none when there was no `outdir`).

    With an `outdir`, `run` gives `tables` as `io.tables.WrittenTables`: each table is
    read back from its file when first asked for (the run does not hold them all)."""

    tables: Mapping[str, pd.DataFrame]
    problems: list[Problem] = field(default_factory=list)
    n_articles: int = 0
    outputs: list[Path] = field(default_factory=list)

    def n_rows(self, table: str) -> int:
        """The number of rows of `table`, without reading a written table back."""
        if isinstance(self.tables, WrittenTables):
            return self.tables.rows[table]
        return len(self.tables[table])


@dataclass(eq=False)
class Window:
    """One task's articles: their mentions (None: extract them), and the share of a previous
    registry (`registry.continuation`) whose articles fall in the window's range of ids:
    its evidence rows and stand-in pseudo-mentions."""

    articles: pd.DataFrame
    mentions: pd.DataFrame | None
    evidence: pd.DataFrame | None = None
    standing: pd.DataFrame | None = None


def window_task(job: Job, window: Window) -> tuple[pd.DataFrame, WindowPart, int]:
    """Extract (if needed) and prepare one window: its kept mention columns, its matching
    part, and its number of articles."""
    mentions = window.mentions if window.mentions is not None else extract_window(job, window.articles)
    mentions = with_article_dates(mentions, window.articles)
    if job.previous is not None:
        mentions = add_registry_mentions(mentions, window.articles, job.previous, evidence=window.evidence, standing=window.standing)
    df = match_input(mentions)
    part = prepare_window(df, job.rules)
    kept = df.reindex(columns=KEPT_COLUMNS)
    for col in ("title", "title_status", "role_kind", "honorific"):
        kept[col] = kept[col].fillna("")
    kept["pseudo"] = kept["pseudo"].eq(True)
    return kept, part, len(window.articles)


def with_article_dates(mentions: pd.DataFrame, articles: pd.DataFrame) -> pd.DataFrame:
    """Mentions with `date` filled, here and only here: a mention's own date (e.g. from `link`
    input) wins, else its article's.  Dates are matching evidence and the registry's
    first/last seen."""
    dates = dict(zip(articles["article_id"], articles["date"])) if len(articles) else {}
    own = mentions["date"].fillna("").astype(str) if "date" in mentions.columns else [""] * len(mentions)
    return mentions.assign(date=[d or dates.get(a, "") or "" for d, a in zip(own, mentions["article_id"])])


def _shares(previous: PreviousRegistry | None, firsts: list[str]) -> list[tuple[pd.DataFrame | None, pd.DataFrame | None]]:
    """(evidence, stand-ins) of a previous registry by window: window i takes the article ids
    from its first article to the next window's (the first and last windows: all below and above)."""
    if previous is None:
        return [(None, None)] * len(firsts)
    standing = stand_ins(previous)
    evidence = previous.evidence.sort_values("article_id", kind="stable") if previous.evidence is not None else None

    def split(frame: pd.DataFrame | None) -> list[pd.DataFrame | None]:
        if frame is None:
            return [None] * len(firsts)
        ids = frame["article_id"].astype(str).to_numpy(dtype=object) if len(frame) else np.zeros(0, dtype=object)
        cuts = [0] + [int(np.searchsorted(ids, f, side="left")) for f in firsts[1:]] + [len(ids)]
        return [frame.iloc[a:b] for a, b in zip(cuts, cuts[1:])]

    return list(zip(split(evidence), split(standing)))


def _match(windows: Iterator[Window], executor: Executor, rules: Rules, progress: Progress) -> tuple[pd.DataFrame, Clustering]:
    """Each window's task on the executor, then the run's decisions: the kept mention rows
    with their clusters (`match.engine.with_clusters`), and the clustering.  The run's
    matching state is let go on return; the executor is no longer needed."""
    run = Run(rules, executor.map)
    store = CodedFrames(KEPT_COLUMNS, numbers=_NUMBERS)
    units: list[np.ndarray] = []
    count = ArticleCount(progress)
    # While workers extract, this process waits: the blocking library is imported meanwhile
    # (in this process's own extraction it would only compete with it).
    warm = None if isinstance(executor, SerialExecutor) else import_in_background()
    for kept, part, n in executor.map(window_task, windows, count.reported):
        store.append(kept)
        units.append(part.of_row + run.add(part))
        count.at_least(n)
    store.forget_indexes()  # no rows come after the windows
    # The rounds need the rules only: workers that extracted (and hold the extractor, its
    # caches and their heap) are replaced by fresh ones (`ProcessExecutor.renew`).
    renew_workers(executor, Job(rules))
    progress.stage("resolving")
    if warm is not None:
        warm.join()
    result = run.finish()
    unit = np.concatenate(units) if units else np.zeros(0, dtype=np.int64)
    return with_clusters(store.frame(), unit, result), result


#: Rows of the mentions and evidence tables built and written at a time when a run writes its tables.
MENTION_CHUNK_ROWS = 1 << 18


def _tables(
    clustered: list[pd.DataFrame], links: pd.DataFrame, articles: pd.DataFrame, rules: Rules, *, previous: PreviousRegistry | None, run_date: str | None, chunk_rows: int | None = None
) -> Iterator[tuple[str, pd.DataFrame | Chunked]]:
    """The output tables of a run's clustered mentions (`clustered`: a list holding the frame,
    emptied here so that the frame's memory goes as soon as the tables no longer need it)
    and its links, one table at a time (`registry.tables.table_stream`), the links last.
    `chunk_rows`: the mentions table comes as an `io.tables.Chunked` (for a writer)."""
    fixed_ids = {a.entity_id: a.name for a in rules.known_actors if a.entity_id}
    stream = table_stream(clustered.pop(), articles, previous=previous, run_date=run_date, fixed_ids=fixed_ids, rules=rules, chunk_rows=chunk_rows)
    sides = LinkSides(links)
    del links
    redirects = None
    for name, table in stream:
        sides.find(name, table)
        if name == "redirects":
            redirects = table
        yield name, table
        del table  # before the next table is built
    yield "links", sides.table(redirects)


def resolve_mentions(
    mentions: pd.DataFrame,
    articles: pd.DataFrame,
    rules: Rules,
    *,
    registry: str | Path | PreviousRegistry | None = None,
    run_date: str | None = None,
    executor: Executor | None = None,
) -> dict[str, pd.DataFrame]:
    """match -> registry tables, for mentions from any extractor.

    `registry`: a previous registry (path, OUTDIR or loaded) to continue: its entities
    join the clustering as anchored pseudo-mentions and keep their IDs (see `registry`).
    `executor`: where the tasks run (this process by default); same tables for any.
    """
    previous = load_registry(registry) if isinstance(registry, (str, Path)) else registry
    articles = articles.sort_values("article_id", kind="stable").reset_index(drop=True)
    ids = sorted(set(articles["article_id"]) | set(mentions["article_id"].astype(str)))
    if previous is not None:
        check_article_ids(ids)
    firsts = ids[::MATCH_WINDOW]
    shares = _shares(previous, firsts)
    mentions = mentions.sort_values("article_id", kind="stable")
    mids = mentions["article_id"].astype(str).to_numpy(dtype=object)
    aids = articles["article_id"].to_numpy(dtype=object)
    bounds = firsts[1:]

    def windows() -> Iterator[Window]:
        m_cuts = [0] + [int(np.searchsorted(mids, f)) for f in bounds] + [len(mids)]
        a_cuts = [0] + [int(np.searchsorted(aids, f)) for f in bounds] + [len(aids)]
        for i, (evidence, standing) in enumerate(shares):
            yield Window(articles.iloc[a_cuts[i] : a_cuts[i + 1]], mentions.iloc[m_cuts[i] : m_cuts[i + 1]], evidence, standing)

    own = executor is None
    executor = make_executor(Job(rules, previous=previous)) if own else executor
    try:
        clustered, result = _match(windows(), executor, rules, NoProgress())
    finally:
        if own:
            executor.close()
    return dict(_tables([clustered], result.links, articles, rules, previous=previous, run_date=run_date))


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
    extractor: str | Extractor = "rules",
    extractor_options: Mapping[str, object] | None = None,
    id_prefixes: Mapping[str, str] | None = None,
    scheduler: str | None = None,
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
    that does not look English among them, when the extractor assumes English) are
    returned in `Result.problems`, and `on_problem` is called with each as it is met.

    `jobs` processes extract and match (0 = one per CPU), or `scheduler` names a Dask
    cluster (`local:N` or `tcp://host:port`, see resolve.sources.executors); the output
    is the same for any.  `progress` receives stage names and article counts (see
    `resolve.progress`).  `extractor`: an Extractor or the name of one
    (`resolve.sources.get_extractor`, with `extractor_options`); ExtractorError before
    any work when it cannot be had.
    `id_prefixes`: input -> prefix for its article ids (`resolve.io.inputs`).
    """
    progress = progress or NoProgress()
    get_format(format).check_available()  # fail before any work
    if outdir is not None:
        check_outdir(outdir, force=force)
    rules = rules if rules is not None else load_rules()
    if not isinstance(extractor, Extractor):
        extractor = get_extractor(extractor, rules, **(extractor_options or {}))
    # Read the previous registry fully before anything is written: it may live in `outdir`.
    previous = load_registry(registry) if isinstance(registry, (str, Path)) else registry
    problems = Problems(on_problem)
    seen = previous.article_sha1 if previous is not None else None
    executor = make_executor(Job(rules, extractor, previous), jobs=jobs, scheduler=scheduler)
    try:
        executor.start()  # forked workers then carry nothing of the inputs read next
        progress.stage("reading")
        with ArticleSpool(inputs, problems, stdin=stdin, id_prefixes=id_prefixes, seen=seen, check_english=extractor.assumes_english) as spool:
            if not len(spool):
                raise InputError("no article could be read from the inputs; nothing written", problems)
            if strict and problems:
                raise StrictError(f"--strict: {len(problems)} input problem(s); nothing written", problems)
            articles = spool.articles
            if previous is not None:
                check_article_ids(articles["article_id"])
            size = window_size(extractor, len(spool), (os.cpu_count() or 1) if jobs <= 0 else jobs)
            firsts = articles["article_id"].iloc[::size].tolist()
            windows = (Window(w, None, evidence, standing) for w, (evidence, standing) in zip(spool.windows(size), _shares(previous, firsts)))
            progress.stage("extracting", len(spool))
            clustered, result = _match(windows, executor, rules, progress)
    finally:
        executor.close()  # before the tables: the workers' memory is given back first
    held, links = [clustered], result.links
    del clustered, result  # the matching state goes; the mention frame goes inside `_tables`
    give_back()  # what the rounds freed, before the tables are built beside it
    stream = _tables(held, links, articles, rules, previous=previous, run_date=run_date, chunk_rows=None if outdir is None else MENTION_CHUNK_ROWS)
    del links
    if outdir is None:
        return Result(dict(stream), list(problems), len(articles), [])
    # Each table is written as soon as it is built and let go (the writer commits them all
    # together at the end): the peak holds one table, not all of them.
    progress.stage("writing")
    with TableWriter(Path(outdir), format=format, safe=safe_csv, force=force) as writer:
        for name, table in stream:
            writer.add(name, table)
            del table
            give_back()
    return Result(WrittenTables(outdir, writer.rows), list(problems), len(articles), writer.paths)
