"""The stages, wired: read -> extract -> normalize -> cluster -> registry -> write.

Each stage is a function over DataFrames (see `schema`); this module only calls
them in order.  The CLI calls `run` and `link`; so can Python users.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, TextIO

import pandas as pd

from .cluster import cluster_mentions
from .extract import extract_mentions
from .normalize import normalize_mentions
from .read import Problem, read_articles
from .registry import build_tables
from .rules import Rules, load_rules
from .write import write_tables


@dataclass
class Result:
    """What a run produced: the output tables and the input problems met."""

    tables: dict[str, pd.DataFrame]
    problems: list[Problem] = field(default_factory=list)
    n_articles: int = 0


def resolve_mentions(mentions: pd.DataFrame, articles: pd.DataFrame, rules: Rules) -> dict[str, pd.DataFrame]:
    """normalize -> cluster -> registry tables, for mentions from any extractor."""
    normalized = normalize_mentions(mentions, rules)
    clustered = cluster_mentions(normalized, rules)
    return build_tables(clustered, articles)


def run(
    inputs: Iterable[str],
    outdir: str | Path | None = None,
    *,
    rules: Rules | None = None,
    stdin: TextIO | None = None,
    safe_csv: bool = True,
) -> Result:
    """Read articles, extract and resolve person mentions; write the tables if `outdir` is given."""
    rules = rules if rules is not None else load_rules()
    articles, problems = read_articles(list(inputs), stdin=stdin)
    mentions = extract_mentions(articles, rules)
    tables = resolve_mentions(mentions, articles, rules)
    if outdir is not None:
        write_tables(tables, Path(outdir), safe=safe_csv)
    return Result(tables, problems, len(articles))
