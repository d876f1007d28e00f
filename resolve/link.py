"""`resolve link`: cluster a mention table from any extractor into the same outputs as `run`.

Input: a CSV (or our own mentions table, in any output format) with columns
`article_id, text` and optional `start, end, title, date` (the same names and aliases
as `resolve evaluate`: `doc_id`, `name_start`/`name_end`; see `resolve.io.columns`) (also `title_normalized,
title_status, role_kind, affiliation, honorific, confidence, anchor_id` when the extractor has them).  Missing optional columns are filled:
- `start`/`end`: from the row order within each article, as if the article were the
  mention texts joined by one space (so `text == article[start:end]` still holds);
- `title_normalized`, `title_status`, `role_kind`, `affiliation`, `honorific`: parsed from `title` with the title rules;
- `date`: the article's first non-empty date on any of its rows ("" when none);
- `confidence`: 1.0.
Rows with an empty `text` are dropped and reported as problems (nothing else is lost).
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from .errors import InputError
from .io.columns import canonical_columns
from .io.formats import DEFAULT_FORMAT, get_format
from .io.manifest import check_outdir
from .io.problem import OnProblem, Problem, Problems
from .io.tables import read_output, write_tables
from .pipeline import Result, resolve_mentions
from .registry import PreviousRegistry, load_registry
from .rules import Rules, load_rules
from .schema import require_columns
from .sources.table import prepare_mentions

REQUIRED = ("article_id", "text")


def read_mention_table(path: str | Path) -> pd.DataFrame:
    """Read a mention table (CSV from any extractor, or our own mentions in any format)
    through `read_output`, with the column names of `resolve.io.columns`; raises
    InputError when unusable."""
    path = Path(path)
    if path.is_dir():
        raise InputError(f"{path}: is a directory; give the mention table's file")
    df = canonical_columns(read_output(path))
    require_columns(df, REQUIRED, str(path), hint=f"need {', '.join(REQUIRED)} and optionally start, end, title, date")
    return df


def link(
    mentions_csv: str | Path,
    outdir: str | Path | None = None,
    *,
    rules: Rules | None = None,
    format: str = DEFAULT_FORMAT,
    safe_csv: bool = True,
    force: bool = False,
    registry: str | Path | PreviousRegistry | None = None,
    run_date: str | None = None,
    on_problem: OnProblem | None = None,
) -> Result:
    """Cluster the mentions in `mentions_csv`; write the tables of `run` to `outdir`.

    `format`, `safe_csv`, `force`, `registry`, `run_date` and `on_problem` work as for
    `run` (the registry is read fully before writing).  Rows that cannot be used are
    returned as problems, each where = the mention table.
    """
    get_format(format).check_available()
    if outdir is not None:
        check_outdir(outdir, force=force)
    rules = rules if rules is not None else load_rules()
    previous = load_registry(registry) if isinstance(registry, (str, Path)) else registry
    raw = read_mention_table(mentions_csv)
    mentions, articles, messages = prepare_mentions(raw, rules)
    problems = Problems(on_problem)
    problems.extend(Problem(str(mentions_csv), m) for m in messages)
    if mentions.empty:
        raise InputError(f"{mentions_csv}: no mention with an article_id and a text; nothing written", problems)
    tables = resolve_mentions(mentions, articles, rules, registry=previous, run_date=run_date)
    outputs = write_tables(tables, Path(outdir), format=format, safe=safe_csv, force=force) if outdir is not None else []
    return Result(tables, list(problems), len(articles), outputs)
