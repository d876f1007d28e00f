"""Write output tables as UTF-8 CSV, atomically and spreadsheet-safe; read them back.

Atomic set: every table is first written in full to a temporary file in OUTDIR
(flushed and fsync'ed); only when all are written are they renamed over the old
files (os.replace is atomic within a file system), then the directory is fsync'ed.
If anything fails before or during the renames, the files already renamed are put
back from hard-linked backups of the previous ones.  So an interrupted run (Ctrl-C,
kill, full disk) leaves the previous outputs whole: never a truncated registry, and
at worst (SIGKILL in the microseconds between two renames) a mix of complete files.

Ownership: OUTDIR/.resolve-manifest.json lists the files resolve wrote there.
Re-running into our own output directory is fine; a directory holding other files
needs `force=True` (`--force`), and other files are never touched.

Spreadsheet safety (formula guard, on by default): a text cell that a spreadsheet
would run as a formula -- one starting with = + - @ tab or CR -- is written with a
leading apostrophe ("'=cmd" shows as "=cmd" in Excel/LibreOffice and is not run).
To keep the guard reversible, a cell that already starts with apostrophes followed
by such a character gets one more apostrophe.  `read_csv_output` undoes exactly
this, so our own outputs read back unchanged; use it (not bare pandas.read_csv)
whenever a resolve output is an input again.
"""

from __future__ import annotations

import json
import os
import re
import secrets
import shutil
from pathlib import Path

import pandas as pd

from .errors import OutputDirError

#: A cell starting with one of these is run as a formula by spreadsheet programs (OWASP).
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
_NEEDS_GUARD = re.compile(r"'*[=+\-@\t\r]")
_GUARDED = re.compile(r"'+[=+\-@\t\r]")
_FIRST = frozenset("=+-@\t\r'")

#: Lists the files resolve wrote in an output directory.
MANIFEST = ".resolve-manifest.json"
#: Output files of any resolve version, recognised as ours even without a manifest.
KNOWN_OUTPUTS = frozenset({"mentions.csv", "registry.csv", "titles.csv", "redirects.csv", "links.csv"})
#: Files the OS or a file browser drops into any folder.
_IGNORABLE = frozenset({".DS_Store", "Thumbs.db", "desktop.ini"})
#: Temporary and backup files end with this; leftovers of a killed run are removed later.
TMP_SUFFIX = ".resolve-tmp"
_UMASK = os.umask(0o022)
os.umask(_UMASK)

#: Columns of our outputs that read back as numbers (everything else stays str).
NUMERIC_COLUMNS = {"start": "int64", "end": "int64", "n_mentions": "int64", "n_articles": "int64", "confidence": "float64", "match_score": "float64"}


def guard_cell(value: str) -> str:
    """The formula-guarded form of one cell (reversible with `unguard_cell`)."""
    return "'" + value if value[:1] in _FIRST and _NEEDS_GUARD.match(value) else value


def unguard_cell(value: str) -> str:
    """Undo `guard_cell`."""
    return value[1:] if value[:1] == "'" and _GUARDED.match(value) else value


def _text_columns(df: pd.DataFrame) -> list:
    return [c for c in df.columns if df[c].dtype == object or isinstance(df[c].dtype, pd.StringDtype)]


def _map_flagged_cells(df: pd.DataFrame, fn) -> pd.DataFrame:
    """Copy of `df` with `fn` applied to the text cells whose first character is in `_FIRST`.

    Only those cells can change under the guard or its undoing; finding them with a
    vectorized test keeps writing a million-row table cheap.
    """
    out = df.copy()
    for col in _text_columns(out):
        try:
            flagged = out[col].str[:1].isin(_FIRST)
        except AttributeError:  # an object column holding no strings at all
            continue
        if flagged.any():
            out.loc[flagged, col] = [fn(v) for v in out.loc[flagged, col]]
    return out


def neutralize_formulas(df: pd.DataFrame) -> pd.DataFrame:
    """Copy of `df` with every text cell passed through `guard_cell`."""
    return _map_flagged_cells(df, guard_cell)


def restore_formulas(df: pd.DataFrame) -> pd.DataFrame:
    """Copy of `df` with every text cell passed through `unguard_cell`."""
    return _map_flagged_cells(df, unguard_cell)


def written_with_guard(path: str | Path) -> bool:
    """Whether the CSV at `path` was written with the formula guard (from the manifest beside it; default True)."""
    try:
        data = json.loads((Path(path).parent / MANIFEST).read_text(encoding="utf-8"))
        if Path(path).name in data.get("files", []):
            return bool(data.get("formula_guard", True))
    except (OSError, ValueError, AttributeError):
        pass
    return True


def read_csv_output(path: str | Path, *, dtype: dict | None = None, formula_guard: bool | None = None) -> pd.DataFrame:
    """Read a CSV that resolve wrote, exactly as it was before writing.

    Every column is read as text (ids like "007" stay text, "" stays "" rather than
    NaN), the formula guard is undone -- if the file was written with it, which the
    manifest beside it records (`formula_guard` overrides) -- and the known numeric
    columns (`NUMERIC_COLUMNS`, or `dtype`) are converted back when every value parses.
    """
    df = pd.read_csv(path, dtype=str, keep_default_na=False, na_filter=False, encoding="utf-8")
    if formula_guard is None:
        formula_guard = written_with_guard(path)
    if formula_guard:
        df = restore_formulas(df)
    types = {**NUMERIC_COLUMNS, **(dtype or {})}
    for col, typ in types.items():
        if col in df.columns:
            try:
                df[col] = df[col].astype(typ)
            except (ValueError, TypeError):
                pass  # not all numeric (e.g. blanks): leave as text
    return df


# ---------------------------------------------------------------------------
# Output directory


def _manifest_files(outdir: Path) -> set[str]:
    try:
        data = json.loads((outdir / MANIFEST).read_text(encoding="utf-8"))
        return {str(f) for f in data.get("files", [])}
    except (OSError, ValueError, AttributeError):
        return set()


def foreign_files(outdir: str | Path) -> list[str]:
    """Names of entries in `outdir` that resolve did not write there (sorted)."""
    outdir = Path(outdir)
    own = _manifest_files(outdir) | KNOWN_OUTPUTS | _IGNORABLE | {MANIFEST}
    try:
        names = os.listdir(outdir)
    except FileNotFoundError:
        return []
    return sorted(n for n in names if n not in own and not n.endswith(TMP_SUFFIX))


def check_outdir(outdir: str | Path, *, force: bool = False) -> None:
    """Raise OutputDirError unless `outdir` can take our outputs.

    Fine: missing (it will be created), empty, or holding only files resolve wrote.
    A directory with other files needs `force` (those files are left alone).
    """
    outdir = Path(outdir)
    if outdir.exists() and not outdir.is_dir():
        raise OutputDirError(f"output directory {outdir} exists and is not a directory")
    if force:
        return
    others = foreign_files(outdir)
    if others:
        shown = ", ".join(others[:3]) + (f" and {len(others) - 3} more" if len(others) > 3 else "")
        raise OutputDirError(
            f"output directory {outdir} holds files resolve did not write ({shown}); "
            "choose another directory or use --force to write there anyway (other files are left alone)"
        )


# ---------------------------------------------------------------------------
# Atomic writing


def _tmp_path(target: Path, kind: str) -> Path:
    """A fresh name beside `target`, carrying our process id so a later run can tell
    a dead run's leftovers from a concurrent run's files in progress."""
    return target.with_name(f".{target.name}.{os.getpid()}.{secrets.token_hex(6)}.{kind}{TMP_SUFFIX}")


_TMP_PID = re.compile(r"\.(\d+)\.[0-9a-f]+\.(?:new|bak)" + re.escape(TMP_SUFFIX) + "$")


def _writer_alive(name: str) -> bool:
    m = _TMP_PID.search(name)
    if not m:
        return False
    pid = int(m.group(1))
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OSError, OverflowError):
        return True  # exists (another user's) or cannot tell: leave it
    return True


def _write_tmp(target: Path, write) -> Path:
    """Write to a fresh temporary file next to `target` via `write(fh)`; fsync; return its path."""
    tmp = _tmp_path(target, "new")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o600)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as fh:
            write(fh)
            fh.flush()
            os.fsync(fh.fileno())
        # Created private (0600) while incomplete; give it the mode a plain open() would
        # (or the previous file's), so a shared OUTDIR stays readable by its group.
        try:
            mode = target.stat().st_mode & 0o777
        except OSError:
            mode = 0o666 & ~_UMASK
        os.chmod(tmp, mode)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return Path(tmp)


def _fsync_dir(d: Path) -> None:
    try:
        fd = os.open(d, os.O_RDONLY)
    except OSError:
        return  # e.g. Windows: directories cannot be opened
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _commit(staged: list[tuple[Path, Path]]) -> None:
    """Rename each (target, tmp) tmp over target, all or nothing (see module doc)."""
    backups: dict[Path, Path] = {}
    done: list[Path] = []
    try:
        for target, _ in staged:
            if target.exists():
                bak = _tmp_path(target, "bak")
                try:
                    os.link(target, bak)
                except OSError:  # file system without hard links
                    shutil.copy2(target, bak)
                backups[target] = bak
        for target, tmp in staged:
            os.replace(tmp, target)
            done.append(target)
    except BaseException:
        for target in reversed(done):
            if target in backups:
                os.replace(backups.pop(target), target)
            else:
                target.unlink(missing_ok=True)
        raise
    finally:
        for bak in backups.values():
            bak.unlink(missing_ok=True)
        for _, tmp in staged:
            tmp.unlink(missing_ok=True)


def _remove_stale_tmp(outdir: Path) -> None:
    """Remove temporary files left by a killed earlier run (its process is gone)."""
    for p in outdir.glob(f".*{TMP_SUFFIX}"):
        try:
            if not _writer_alive(p.name):
                p.unlink()
        except OSError:
            pass


class _LFRows:
    """File wrapper: rows end in \n, yet fields holding a lone \r are quoted.

    The csv writer quotes a field only if it holds a character of the line
    terminator, so with "\n" a bare \r would go out unquoted and every reader would
    split the row there.  Writing with "\r\n" (all of \r, \n quoted) and turning
    each row's final \r\n into \n keeps both: the csv module writes one row per
    write() call, and a field's own \r\n is inside quotes, before the row's end.
    """

    def __init__(self, fh) -> None:
        self._fh = fh

    def write(self, s: str) -> int:
        if s.endswith("\r\n"):
            s = s[:-2] + "\n"
        return self._fh.write(s)

    def flush(self) -> None:
        self._fh.flush()


def _csv_writer(df: pd.DataFrame):
    return lambda fh: df.to_csv(_LFRows(fh), index=False, lineterminator="\r\n")


def write_csv_atomic(df: pd.DataFrame, path: str | Path, *, safe: bool = True) -> None:
    """Write `df` to `path` via a temporary file and a rename (formula-guarded if `safe`)."""
    path = Path(path)
    data = neutralize_formulas(df) if safe else df
    _commit([(path, _write_tmp(path, _csv_writer(data)))])


def write_tables(tables: dict[str, pd.DataFrame], outdir: str | Path, *, safe: bool = True, force: bool = False) -> list[Path]:
    """Write each table as OUTDIR/<name>.csv, all atomically together; returns the paths written.

    Raises OutputDirError if OUTDIR holds files resolve did not write, unless `force`.
    Our files from an earlier run that this run does not produce are removed, so the
    directory always holds one coherent set.
    """
    outdir = Path(outdir)
    check_outdir(outdir, force=force)
    outdir.mkdir(parents=True, exist_ok=True)
    _remove_stale_tmp(outdir)
    previous = _manifest_files(outdir)
    staged: list[tuple[Path, Path]] = []
    try:
        for name in sorted(tables):
            path = outdir / f"{name}.csv"
            data = neutralize_formulas(tables[name]) if safe else tables[name]
            staged.append((path, _write_tmp(path, _csv_writer(data))))
        names = sorted(p.name for p, _ in staged)
        manifest = json.dumps({"tool": "resolve", "formula_guard": safe, "files": names}, indent=1) + "\n"
        staged.append((outdir / MANIFEST, _write_tmp(outdir / MANIFEST, lambda fh: fh.write(manifest))))
    except BaseException:
        for _, tmp in staged:
            tmp.unlink(missing_ok=True)
        raise
    _commit(staged)
    for stale in sorted(previous - set(names) - {MANIFEST}):
        if "/" not in stale and "\\" not in stale:
            (outdir / stale).unlink(missing_ok=True)
    _fsync_dir(outdir)
    return [p for p, _ in staged[:-1]]
