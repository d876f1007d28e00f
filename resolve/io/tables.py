"""Output tables: write a set of them atomically in one format, and read any of them back.

`write_tables` writes each table as OUTDIR/<name><suffix> in the chosen format
(`resolve.io.formats`), formula-guarded where spreadsheets open the format, all
committed together (`resolve.io.commit`) with the manifest (`resolve.io.manifest`).
`read_output` is the one reader of our own outputs: it follows the manifest (format,
formula guard) and gives each table back as it was before writing, whatever the
format; use it (not bare pandas.read_csv) whenever a resolve output is an input again.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from pathlib import Path

import pandas as pd

from ..errors import InputError, OutputDirError
from ..schema import (
    ARTICLES_SEEN_COLUMNS,
    EVIDENCE_COLUMNS,
    LINKS_OUT_COLUMNS,
    MENTIONS_OUT_COLUMNS,
    REDIRECTS_COLUMNS,
    REGISTRY_COLUMNS,
    TITLES_COLUMNS,
)
from .commit import commit, discard, fsync_dir, remove_stale_tmp, stage
from .formats import DEFAULT_FORMAT, Format, format_of, get_format
from .formats.cells import as_text
from .guard import neutralize_formulas, restore_formulas
from .manifest import MANIFEST, Manifest, check_outdir, read_manifest, written_with_guard

#: The tables `resolve run` and `resolve link` write, and their columns (docs/output.md).
OUTPUT_TABLES = {
    "mentions": MENTIONS_OUT_COLUMNS,
    "registry": REGISTRY_COLUMNS,
    "titles": TITLES_COLUMNS,
    "redirects": REDIRECTS_COLUMNS,
    "links": LINKS_OUT_COLUMNS,
    "evidence": EVIDENCE_COLUMNS,
    "articles": ARTICLES_SEEN_COLUMNS,
}

#: Columns of our outputs that read back as numbers (everything else is text).
NUMERIC_COLUMNS = {"start": "int64", "end": "int64", "n_mentions": "int64", "n_articles": "int64", "confidence": "float64", "match_score": "float64"}


def write_tables(
    tables: Mapping[str, pd.DataFrame], outdir: str | Path, *, format: str = DEFAULT_FORMAT, safe: bool = True, force: bool = False
) -> list[Path]:
    """Write each table as OUTDIR/<name><suffix> in `format`, all atomically together; returns the paths written.

    `safe`: formula-guard the text cells (formats that spreadsheets open, i.e. CSV).
    Raises OutputDirError if OUTDIR holds files resolve did not write, unless `force`.
    Our files from an earlier run that this run does not produce (an old table, or
    the tables of another format) are removed, so the directory holds one coherent set.
    """
    with TableWriter(outdir, format=format, safe=safe, force=force) as writer:
        for name in sorted(tables):
            writer.add(name, tables[name])
    return writer.paths


class Chunked:
    """A table given as consecutive chunks of its rows, for a writer that writes each chunk
    and lets go of it (`TableWriter.add`): the whole table, e.g. a million articles'
    mention ids, is never held.  `chunks()` yields the chunks (DataFrames with the same
    columns and dtypes; at least one, maybe empty); `whole()` builds the table in one
    piece (for a format that cannot be written a chunk at a time); `table[col]` is one
    column of all rows in order (for lookups that need a few, `registry.links`)."""

    def __init__(self, n_rows: int, chunks: Callable[[], Iterator[pd.DataFrame]], whole: Callable[[], pd.DataFrame], column: Callable[[str], pd.Series]) -> None:
        self.n_rows, self.chunks, self.whole, self._column = n_rows, chunks, whole, column

    def __len__(self) -> int:
        return self.n_rows

    def __getitem__(self, col: str) -> pd.Series:
        return self._column(col)


class TableWriter:
    """`write_tables` one table at a time: each table `add`ed is written to its temporary
    file at once, so the caller can let go of it before building the next (a run's
    tables are never all in memory); leaving the `with` block commits them all
    together with the manifest, or, on an exception, discards them (previous outputs
    stay whole).  `paths` and `rows` (rows per table) are set by the commit."""

    def __init__(self, outdir: str | Path, *, format: str = DEFAULT_FORMAT, safe: bool = True, force: bool = False) -> None:
        self.fmt = get_format(format)
        self.fmt.check_available()
        self.guard = safe and self.fmt.spreadsheet
        self.outdir = Path(outdir)
        check_outdir(self.outdir, force=force)
        self.staged: list[tuple[Path, Path]] = []
        self.paths: list[Path] = []
        self.rows: dict[str, int] = {}
        self.previous: Manifest | None = None

    def __enter__(self) -> "TableWriter":
        self._guarded(self._open)
        return self

    def _open(self) -> None:
        self.outdir.mkdir(parents=True, exist_ok=True)
        remove_stale_tmp(self.outdir)
        self.previous = read_manifest(self.outdir)

    def add(self, name: str, table: pd.DataFrame | Chunked) -> None:
        """Write `table` as OUTDIR/<name><suffix> (a temporary file until the commit); a
        `Chunked` table a chunk at a time where the format allows, the same bytes."""
        path = self.outdir / f"{name}{self.fmt.suffix}"
        if isinstance(table, Chunked) and self.fmt.write_chunks is not None:
            memo: dict = {}  # the chunks' categoricals share their categories: guarded once
            chunks = (neutralize_formulas(c, memo) if self.guard else c for c in table.chunks())
            self._guarded(lambda: self.staged.append((path, stage(path, lambda fh: self.fmt.write_chunks(chunks, fh)))))
        else:
            frame = table.whole() if isinstance(table, Chunked) else table
            data = neutralize_formulas(frame) if self.guard else frame
            self._guarded(lambda: self.staged.append((path, stage(path, lambda fh: self.fmt.write(data, fh)))))
        self.rows[name] = len(table)

    def _guarded(self, step) -> None:
        """Run one writing step; if it fails, the staged files go (previous outputs stay whole)."""
        try:
            step()
        except OSError as e:  # full disk, lost permission, ...: say so, not a temp file's name
            self._discard()
            raise OutputDirError(f"cannot write the outputs in {self.outdir}: {e.strerror or e}; previous outputs are intact") from e
        except BaseException:
            self._discard()
            raise

    def _discard(self) -> None:
        discard(self.staged)
        self.staged = []

    def __exit__(self, kind, exc, tb) -> None:
        if kind is not None:
            self._discard()
            return
        self.staged.sort(key=lambda s: s[0].name)  # the order write_tables has always committed in
        names = [p.name for p, _ in self.staged]
        manifest = Manifest(tuple(names), self.fmt.name, self.guard).to_json().encode("utf-8")
        self._guarded(lambda: self.staged.append((self.outdir / MANIFEST, stage(self.outdir / MANIFEST, lambda fh: fh.write(manifest)))))
        self._guarded(lambda: commit(self.staged))
        for stale in sorted(set(self.previous.files if self.previous else ()) - set(names) - {MANIFEST}):
            if "/" not in stale and "\\" not in stale:
                (self.outdir / stale).unlink(missing_ok=True)
        fsync_dir(self.outdir)
        self.paths = [p for p, _ in self.staged[:-1]]


def output_file(outdir: str | Path, table: str) -> Path:
    """Where OUTDIR holds `table` ("mentions", "registry", ...): its name in the manifest's format."""
    manifest = read_manifest(outdir)
    return Path(outdir) / f"{table}{get_format(manifest.format if manifest else DEFAULT_FORMAT).suffix}"


def read_output(source: str | Path, table: str | None = None) -> pd.DataFrame:
    """Read a table that resolve wrote, exactly as it was before writing.

    `source`: an output directory (then `table` names the table: "mentions", "registry",
    "titles", "redirects", "links") or a table's file (its format from its suffix).
    Text columns come back as text (ids like "007" stay text, "" stays ""), the formula
    guard is undone when the manifest beside the file says it was applied (a file
    without a manifest is taken as guarded), and `NUMERIC_COLUMNS` are numbers again
    when every value parses.  Raises InputError when the file is missing or unreadable.
    """
    source = Path(source)
    if source.is_dir():
        if table is None:
            raise ValueError("read_output: name the table to read from an output directory")
        path = output_file(source, table)
    else:
        path, table = source, table or source.stem
    fmt = format_of(path)
    try:
        df = fmt.read(path, OUTPUT_TABLES.get(table))
    except FileNotFoundError:
        raise InputError(f"{path}: no such file") from None
    except ValueError as e:  # pandas' ParserError/EmptyDataError, UnicodeDecodeError, JSON and Arrow errors
        raise InputError(f"{path}: not a readable {fmt.label} ({e})") from None
    return _as_written(df, fmt, guarded=fmt.spreadsheet and written_with_guard(path))


def _as_written(df: pd.DataFrame, fmt: Format, *, guarded: bool) -> pd.DataFrame:
    """Cells as stored -> the table as written: text columns as text, guard undone, numbers restored."""
    df = df.assign(**{c: as_text(df[c]) for c in df.columns if c not in NUMERIC_COLUMNS and df[c].dtype != object})
    if guarded:
        df = restore_formulas(df)
    for col, typ in NUMERIC_COLUMNS.items():
        if col in df.columns:
            try:
                df[col] = df[col].astype(typ)
            except (ValueError, TypeError):
                pass  # not all numeric (e.g. blanks): leave as text
    return df


class WrittenTables(Mapping[str, pd.DataFrame]):
    """The tables a run wrote to OUTDIR, each read back (`read_output`) when first asked for
    and kept from then on: a run with an OUTDIR writes each table and lets go of it, so a
    million articles' tables are not all held for a result nobody reads.  A table read
    back is the written one, as `read_output` gives it (text columns as text, numbers
    as numbers).  `rows` gives each table's number of rows without reading it."""

    def __init__(self, outdir: str | Path, rows: Mapping[str, int]) -> None:
        self.outdir = Path(outdir)
        self.rows = dict(rows)
        self._read: dict[str, pd.DataFrame] = {}

    def __getitem__(self, name: str) -> pd.DataFrame:
        if name not in self.rows:
            raise KeyError(name)
        if name not in self._read:
            self._read[name] = read_output(self.outdir, name)
        return self._read[name]

    def __iter__(self):
        return iter(self.rows)

    def __len__(self) -> int:
        return len(self.rows)

    def __repr__(self) -> str:
        return f"WrittenTables({str(self.outdir)!r}, {self.rows!r})"
