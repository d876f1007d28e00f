"""`resolve link`: cluster a mention table from any extractor into the same outputs as `run`.

Input: a CSV with columns `article_id, text` and optional `start, end, title, date`
(also `title_normalized, affiliation, honorific, confidence, anchor_id` when the
extractor has them).  Missing optional columns are filled:
- `start`/`end`: from the row order within each article, as if the article were the
  mention texts joined by one space (so `text == article[start:end]` still holds);
- `title_normalized`, `affiliation`, `honorific`: parsed from `title` with the title rules;
- `date`: the article's first non-empty date on any of its rows ("" when none);
- `confidence`: 1.0.
Rows with an empty `text` are dropped and reported as problems (nothing else is lost).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from .errors import InputError
from .incremental import PreviousRegistry, load_registry
from .pipeline import resolve_mentions
from .rules import Rules, load_rules
from .sources.table import prepare_mentions
from .write import check_outdir, restore_formulas, write_tables, written_with_guard

REQUIRED = ("article_id", "text")


@dataclass
class LinkResult:
    """What `link` produced: the output tables and the input problems met."""

    tables: dict[str, pd.DataFrame]
    problems: list[str] = field(default_factory=list)
    n_articles: int = 0


def read_mention_table(path: str | Path) -> pd.DataFrame:
    """Read a mention CSV as strings (no NaN guessing); raises InputError when unusable."""
    path = Path(path)
    try:
        df = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    except FileNotFoundError:
        raise InputError(f"{path}: no such file") from None
    except (pd.errors.ParserError, pd.errors.EmptyDataError, UnicodeDecodeError) as e:
        raise InputError(f"{path}: not a readable CSV ({e})") from None
    if written_with_guard(path):
        # Our own mentions.csv (or one like it): undo the spreadsheet formula guard.
        df = restore_formulas(df)
    df.columns = [c.strip().lower() for c in df.columns]
    missing = [c for c in REQUIRED if c not in df.columns]
    if missing:
        raise InputError(f"{path}: missing column(s) {', '.join(missing)}; need {', '.join(REQUIRED)} and optionally start, end, title, date")
    return df


def link(
    mentions_csv: str | Path,
    outdir: str | Path | None = None,
    *,
    rules: Rules | None = None,
    safe_csv: bool = True,
    force: bool = False,
    registry: str | Path | PreviousRegistry | None = None,
    run_date: str | None = None,
) -> LinkResult:
    """Cluster the mentions in `mentions_csv`; write the tables of `run` (+ links.csv) to `outdir`.

    `registry`: a previous registry to continue, as for `run` (read fully before writing).
    """
    rules = rules if rules is not None else load_rules()
    previous = load_registry(registry) if isinstance(registry, (str, Path)) else registry
    if outdir is not None:
        check_outdir(outdir, force=force)
    raw = read_mention_table(mentions_csv)
    mentions, articles, problems = prepare_mentions(raw, rules)
    if mentions.empty:
        raise InputError(f"{mentions_csv}: no mention with an article_id and a text; nothing written", problems)
    tables = resolve_mentions(mentions, articles, rules, registry=previous, run_date=run_date)
    if outdir is not None:
        write_tables(tables, Path(outdir), safe=safe_csv, force=force)
    return LinkResult(tables, problems, len(articles))
