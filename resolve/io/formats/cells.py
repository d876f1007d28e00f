"""Cells as every format stores them, so that all formats give the same rows back."""

from __future__ import annotations

import math

import pandas as pd


def is_number_column(s: pd.Series) -> bool:
    """Integer and float columns are stored as numbers; every other column as text."""
    return pd.api.types.is_integer_dtype(s.dtype) or pd.api.types.is_float_dtype(s.dtype)


def cell_text(value: object) -> str:
    """One cell as text, as CSV writes it: "" for a missing value, else str()."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    return value if isinstance(value, str) else str(value)


def as_text(s: pd.Series) -> pd.Series:
    """The column as text cells (object dtype)."""
    if s.dtype == object and pd.api.types.infer_dtype(s, skipna=False) == "string":
        return s  # already all text (the usual case): no per-cell pass
    return pd.Series([cell_text(v) for v in s.tolist()], index=s.index, dtype=object, name=s.name)


def as_stored(df: pd.DataFrame) -> pd.DataFrame:
    """`df` with number columns kept and every other column as text."""
    return df.assign(**{c: as_text(df[c]) for c in df.columns if not is_number_column(df[c])})
