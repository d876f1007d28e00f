"""JSON Lines: one JSON object per row, keys in column order; numbers as JSON numbers."""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path
from typing import BinaryIO

import pandas as pd

from . import Format
from .cells import as_text, is_number_column


def _values(s: pd.Series) -> list:
    if is_number_column(s):
        return [None if v != v else v for v in s.tolist()]  # NaN -> null (JSON has no NaN)
    return as_text(s).tolist()


#: Rows turned into values at a time: a million-row table is never held as lists of cells.
CHUNK_ROWS = 1 << 16


def _write(df: pd.DataFrame, fh: BinaryIO) -> None:
    columns = [str(c) for c in df.columns]
    for a in range(0, len(df), CHUNK_ROWS):
        chunk = df.iloc[a : a + CHUNK_ROWS]
        for row in zip(*(_values(chunk[c]) for c in chunk.columns)):
            fh.write(json.dumps(dict(zip(columns, row)), ensure_ascii=False).encode("utf-8") + b"\n")


def _write_chunks(frames: Iterable[pd.DataFrame], fh: BinaryIO) -> None:
    for df in frames:  # a row's line does not depend on the rows around it
        _write(df, fh)


def _read(path: Path, columns: list[str] | None = None) -> pd.DataFrame:
    with open(path, encoding="utf-8") as fh:
        rows = [json.loads(line) for line in fh if line.strip()]
    # A table without rows has no keys to name its columns: take the expected ones.
    return pd.DataFrame.from_records(rows, columns=list(rows[0]) if rows else list(columns or []))


FORMAT = Format("jsonl", ".jsonl", "JSONL", _write, _read, write_chunks=_write_chunks)
