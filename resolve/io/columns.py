"""Column names of the tables resolve reads as input: the same names and aliases everywhere.

`resolve link` (mention tables from any extractor) and `resolve evaluate` (predicted
mentions, gold mentions, ranges) accept the same headers.  Names are compared case- and
space-insensitively; where a table gives several names for one column, the most
specific wins:

- `article_id`: `article_id`, else `doc_id`;
- `start`, `end`: `name_start`, `name_end` (the personal name alone: gold files that
  have them give the whole mention, title included, as `start`, `end`) when both are
  there, else `start`, `end`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pandas as pd

#: (columns, the names accepted for them together, most specific first).
ALIASES: tuple[tuple[tuple[str, ...], tuple[tuple[str, ...], ...]], ...] = (
    (("article_id",), (("article_id",), ("doc_id",))),
    (("start", "end"), (("name_start", "name_end"), ("start", "end"))),
)


def canonical_columns(df: pd.DataFrame) -> pd.DataFrame:
    """`df` with its headers folded (case, spaces) and aliases renamed to resolve's names."""
    df = df.rename(columns=lambda c: str(c).strip().lower())
    for columns, accepted in ALIASES:
        names = next((names for names in accepted if all(n in df.columns for n in names)), columns)
        if names != columns:
            df = df.drop(columns=[c for c in columns if c in df.columns]).rename(columns=dict(zip(names, columns)))
    return df
