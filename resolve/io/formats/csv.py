"""CSV: UTF-8, comma-separated, one header line, \\n row ends, quoting only where needed.

The default format, and the one spreadsheets open: text cells are formula-guarded.
Read back, every cell is text; `read_output` restores the number columns.
"""

from __future__ import annotations

import io
from collections.abc import Iterable
from pathlib import Path
from typing import BinaryIO

import pandas as pd

from . import Format


class _LFRows:
    """File wrapper: rows end in \\n, yet fields holding a lone \\r are quoted.

    The csv writer quotes a field only if it holds a character of the line
    terminator, so with "\\n" a bare \\r would go out unquoted and every reader would
    split the row there.  Writing with "\\r\\n" (all of \\r, \\n quoted) and turning
    each row's final \\r\\n into \\n keeps both: the csv module writes one row per
    write() call, and a field's own \\r\\n is inside quotes, before the row's end.
    """

    def __init__(self, fh) -> None:
        self._fh = fh

    def write(self, s: str) -> int:
        if s.endswith("\r\n"):
            s = s[:-2] + "\n"
        return self._fh.write(s)

    def flush(self) -> None:
        self._fh.flush()


def _write(df: pd.DataFrame, fh: BinaryIO) -> None:
    text = io.TextIOWrapper(fh, encoding="utf-8", newline="")
    try:
        df.to_csv(_LFRows(text), index=False, lineterminator="\r\n")
        text.flush()
    finally:
        text.detach()  # the caller owns (fsyncs and closes) the binary file


def _write_chunks(frames: Iterable[pd.DataFrame], fh: BinaryIO) -> None:
    """The rows of `frames` as one table: the header of the first, then every frame's rows
    (a cell is written the same whatever rows surround it)."""
    text = io.TextIOWrapper(fh, encoding="utf-8", newline="")
    try:
        first = True
        for df in frames:
            df.to_csv(_LFRows(text), index=False, header=first, lineterminator="\r\n")
            first = False
        text.flush()
    finally:
        text.detach()


def _read(path: Path, columns: list[str] | None = None) -> pd.DataFrame:
    # Every cell as text: ids like "007" stay text, "" stays "" rather than NaN.
    return pd.read_csv(path, dtype=str, keep_default_na=False, na_filter=False, encoding="utf-8-sig")


FORMAT = Format("csv", ".csv", "CSV", _write, _read, spreadsheet=True, write_chunks=_write_chunks)
