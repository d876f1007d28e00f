"""The formula guard: spreadsheet-safe text cells, reversibly.

A text cell that a spreadsheet would run as a formula -- one starting with = + - @ tab
or CR (OWASP's list) -- is written with a leading apostrophe ("'=cmd" shows as "=cmd"
in Excel/LibreOffice and is not run).  To keep the guard reversible, a cell that
already starts with apostrophes followed by such a character gets one more.
`resolve.io.tables.read_output` undoes exactly this when the manifest says a file was
written with it, so our own outputs read back unchanged.
"""

from __future__ import annotations

import re
from typing import Callable

import pandas as pd

_NEEDS_GUARD = re.compile(r"'*[=+\-@\t\r]")
_GUARDED = re.compile(r"'+[=+\-@\t\r]")
_FIRST = frozenset("=+-@\t\r'")


def guard_cell(value: str) -> str:
    """The formula-guarded form of one cell (reversible with `unguard_cell`)."""
    return "'" + value if value[:1] in _FIRST and _NEEDS_GUARD.match(value) else value


def unguard_cell(value: str) -> str:
    """Undo `guard_cell`."""
    return value[1:] if value[:1] == "'" and _GUARDED.match(value) else value


def _text_columns(df: pd.DataFrame) -> list:
    return [c for c in df.columns if df[c].dtype == object or isinstance(df[c].dtype, pd.StringDtype)]


def _map_flagged_cells(df: pd.DataFrame, fn: Callable[[str], str], memo: dict | None = None) -> pd.DataFrame:
    """Copy of `df` with `fn` applied to the text cells whose first character is in `_FIRST`.

    Only those cells can change under the guard or its undoing; finding them with a
    vectorized test keeps writing a million-row table cheap.  A categorical column
    (resolve keeps big tables so) has its categories mapped, once each.
    """
    out = df.copy(deep=False)
    for col in out.columns:
        s = out[col]
        if not isinstance(s.dtype, pd.CategoricalDtype):
            continue
        cats = s.cat.categories
        # Keyed by the categories' identity; the entry holds them, so the id is not reused.
        known = memo.get(id(cats)) if memo is not None else None
        if known is not None and known[0] is cats:
            mapped = known[1]
        elif pd.api.types.infer_dtype(cats, skipna=False) == "string":
            mapped = [fn(v) if v[:1] in _FIRST else v for v in cats]
            # The guard is one-to-one, so the categories stay distinct; otherwise go cell by cell.
            mapped = pd.Index(mapped, dtype=object) if len(set(mapped)) == len(mapped) else None
            if memo is not None:
                memo[id(cats)] = (cats, mapped)
        else:
            continue
        out[col] = s.cat.rename_categories(mapped) if mapped is not None else s.astype(object)
    for col in _text_columns(out):
        try:
            flagged = out[col].str[:1].isin(_FIRST)
        except AttributeError:  # an object column holding no strings at all
            continue
        if flagged.any():
            column = out[col].copy()  # the shallow copy shares the caller's data
            column[flagged] = [fn(v) for v in column[flagged]]
            out[col] = column
    return out


def neutralize_formulas(df: pd.DataFrame, memo: dict | None = None) -> pd.DataFrame:
    """Copy of `df` with every text cell passed through `guard_cell`.

    `memo`: kept by the caller across chunks of one table, whose categoricals share their
    categories: each set of categories is then guarded once, not once per chunk."""
    return _map_flagged_cells(df, guard_cell, memo)


def restore_formulas(df: pd.DataFrame) -> pd.DataFrame:
    """Copy of `df` with every text cell passed through `unguard_cell`."""
    return _map_flagged_cells(df, unguard_cell)
