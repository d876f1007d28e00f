"""The stages, wired: read -> extract -> match -> registry -> write.

Each stage is a function over DataFrames (see `schema`); this module only calls
them in order.  The CLI calls `run` and `link`; so can Python users.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TextIO

import pandas as pd

from .extract import extract_articles
from .match import cluster_with_links
from .registry import PreviousRegistry, add_registry_mentions, build_tables, links_table, load_registry, version_articles
from .rules import Rules, load_rules
from .errors import InputError, StrictError
from .io.formats import DEFAULT_FORMAT, get_format
from .io.inputs import Inputs, articles_frame, iter_articles
from .io.manifest import check_outdir
from .io.problem import OnProblem, Problem, Problems
from .io.tables import write_tables
from .language import language_problems
from .progress import NoProgress, Progress
from .sources import Extractor, get_extractor


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
    """match -> registry tables, for mentions from any extractor.

    `registry`: a previous registry (path, OUTDIR or loaded) to continue: its entities
    join the clustering as anchored pseudo-mentions and keep their IDs (see `registry`).
    """
    previous = load_registry(registry) if isinstance(registry, (str, Path)) else registry
    mentions = with_article_dates(mentions, articles)
    if previous is not None:
        mentions = add_registry_mentions(mentions, articles, previous)
    clustered, links = cluster_with_links(mentions, rules)
    fixed_ids = {a.entity_id: a.name for a in rules.known_actors if a.entity_id}
    tables = build_tables(clustered, articles, previous=previous, run_date=run_date, fixed_ids=fixed_ids, rules=rules)
    tables["links"] = links_table(links, tables)
    return tables


def with_article_dates(mentions: pd.DataFrame, articles: pd.DataFrame) -> pd.DataFrame:
    """Mentions with `date` filled, here and only here: a mention's own date (e.g. from `link`
    input) wins, else its article's.  Dates are matching evidence and the registry's
    first/last seen."""
    dates = dict(zip(articles["article_id"], articles["date"])) if len(articles) else {}
    own = mentions["date"].fillna("").astype(str) if "date" in mentions.columns else [""] * len(mentions)
    return mentions.assign(date=[d or dates.get(a, "") or "" for d, a in zip(own, mentions["article_id"])])


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

    `jobs` processes extract (0 = one per CPU; same output for any value); `progress`
    receives stage names and article counts (see `resolve.progress`).  `extractor`: an
    Extractor or the name of one (`resolve.sources.get_extractor`, with
    `extractor_options`); ExtractorError before any work when it cannot be had.
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
    progress.stage("reading")
    problems = Problems(on_problem)
    articles = articles_frame(iter_articles(inputs, problems, stdin, id_prefixes))
    if previous is not None:  # a text changed since it was counted: a new version of the article
        articles, changed = version_articles(articles, previous.article_sha1)
        articles = articles.sort_values("article_id", kind="stable").reset_index(drop=True)
        problems.extend(changed)
    if extractor.assumes_english:  # another language's model reads other text
        problems.extend(language_problems(articles))
    if articles.empty:
        raise InputError("no article could be read from the inputs; nothing written", problems)
    if strict and problems:
        raise StrictError(f"--strict: {len(problems)} input problem(s); nothing written", problems)
    mentions = extract_articles(articles, rules, extractor=extractor, jobs=jobs, progress=progress)
    progress.stage("resolving")
    tables = resolve_mentions(mentions, articles, rules, registry=previous, run_date=run_date)
    outputs = []
    if outdir is not None:
        progress.stage("writing")
        outputs = write_tables(tables, Path(outdir), format=format, safe=safe_csv, force=force)
    return Result(tables, list(problems), len(articles), outputs)
