"""Write output tables as UTF-8 CSV, atomically and spreadsheet-safe.

Each file is written to a temporary file in the output directory and renamed over
the old one (os.replace is atomic on one file system), so an interrupted run
leaves the previous outputs whole.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pandas as pd

#: A cell starting with one of these is run as a formula by spreadsheet programs.
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def neutralize_formulas(df: pd.DataFrame) -> pd.DataFrame:
    """Prefix text cells that a spreadsheet would run as a formula with a single quote (OWASP advice)."""
    out = df.copy()
    for col in out.columns:
        if out[col].dtype == object:
            out[col] = [("'" + v) if isinstance(v, str) and v.startswith(FORMULA_PREFIXES) else v for v in out[col]]
    return out


def write_csv_atomic(df: pd.DataFrame, path: Path, *, safe: bool = True) -> None:
    """Write `df` to `path` via a temporary file and a rename."""
    path = Path(path)
    data = neutralize_formulas(df) if safe else df
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as fh:
            data.to_csv(fh, index=False, lineterminator="\n")
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise


def write_tables(tables: dict[str, pd.DataFrame], outdir: Path, *, safe: bool = True) -> list[Path]:
    """Write each table as OUTDIR/<name>.csv; returns the paths written."""
    outdir = Path(outdir)
    outdir.mkdir(parents=True, exist_ok=True)
    written = []
    for name in sorted(tables):
        path = outdir / f"{name}.csv"
        write_csv_atomic(tables[name], path, safe=safe)
        written.append(path)
    return written
