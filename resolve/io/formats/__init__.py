"""Output formats, by name: one module per format, each defining `FORMAT`.

Adding a format: a module here that defines `FORMAT = Format(...)`, and its name in
`FORMAT_NAMES`.  Writing, the atomic commit, the manifest and `read_output` then work
for it unchanged.  This registry holds names only and imports nothing heavy, so the
command line lists the formats without loading pandas or pyarrow; a format's module
is imported when the format is used.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from pathlib import Path
from collections.abc import Iterable
from typing import TYPE_CHECKING, BinaryIO, Callable

from ...errors import MissingDependencyError

if TYPE_CHECKING:
    import pandas as pd

#: The output formats (`--format`), each the name of its module here.
FORMAT_NAMES = ("csv", "jsonl", "parquet")
DEFAULT_FORMAT = "csv"


@dataclass(frozen=True)
class Format:
    """How tables are stored in one format.

    `write(df, fh)` writes one table to a binary file; `write_chunks(frames, fh)`, where
    the format has it, writes the rows of consecutive frames as one table, byte for byte
    what `write` of them concatenated gives (`resolve.io.tables.Chunked`); `read(path, columns)` reads one
    back with its cells as stored (text, or numbers where the format keeps them);
    `columns` are the expected columns, for formats that cannot store them without rows.
    `spreadsheet`: spreadsheet programs open this format, so text cells are written
    formula-guarded (`resolve.io.guard`).  `requires`: (module, pip extra) of an
    optional dependency.
    """

    name: str
    suffix: str
    label: str
    write: Callable[[pd.DataFrame, BinaryIO], None]
    read: Callable[[Path, list[str] | None], pd.DataFrame]
    spreadsheet: bool = False
    requires: tuple[str, str] | None = None
    write_chunks: Callable[[Iterable[pd.DataFrame], BinaryIO], None] | None = None

    def check_available(self) -> None:
        """Raise MissingDependencyError (naming the pip command) when the format's optional package is absent."""
        if self.requires is None:
            return
        try:
            importlib.import_module(self.requires[0])
        except ImportError:
            raise MissingDependencyError(f"--format {self.name}", *self.requires) from None


def get_format(name: str) -> Format:
    """The format called `name` (one of FORMAT_NAMES); ValueError for any other name."""
    if name not in FORMAT_NAMES:
        raise ValueError(f"unknown output format {name!r}; expected one of {', '.join(FORMAT_NAMES)}")
    return importlib.import_module(f"{__name__}.{name}").FORMAT


def format_of(path: str | Path) -> Format:
    """The format of a table file, by its suffix; CSV for any other suffix (mention tables from other tools)."""
    suffix = Path(path).suffix.lower()
    return next((get_format(n) for n in FORMAT_NAMES if get_format(n).suffix == suffix), get_format(DEFAULT_FORMAT))
