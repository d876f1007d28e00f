"""Atomic writing of a set of files: all new, or all old.

Every file is first written in full to a temporary file beside its target (flushed
and fsync'ed); only when all are written are they renamed over the old files
(os.replace is atomic within a file system), then the directory is fsync'ed.  If
anything fails before or during the renames, the files already renamed are put back
from hard-linked backups of the previous ones.  So an interrupted run (Ctrl-C, kill,
full disk) leaves the previous outputs whole: never a truncated registry, and at
worst (SIGKILL in the microseconds between two renames) a mix of complete files.
"""

from __future__ import annotations

import os
import re
import secrets
import shutil
from pathlib import Path
from typing import BinaryIO, Callable

#: Temporary and backup files end with this; leftovers of a killed run are removed later.
TMP_SUFFIX = ".resolve-tmp"
_UMASK = os.umask(0o022)
os.umask(_UMASK)


def tmp_path(target: Path, kind: str) -> Path:
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


def stage(target: Path, write: Callable[[BinaryIO], None]) -> Path:
    """Write a fresh temporary file next to `target` via `write(fh)` (a binary file); fsync; return its path."""
    tmp = tmp_path(target, "new")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o600)
    try:
        with os.fdopen(fd, "wb") as fh:
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


def fsync_dir(d: Path) -> None:
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


def commit(staged: list[tuple[Path, Path]]) -> None:
    """Rename each (target, tmp) tmp over target, all or nothing (see module doc)."""
    backups: dict[Path, Path] = {}
    done: list[Path] = []
    try:
        for target, _ in staged:
            if target.exists():
                bak = tmp_path(target, "bak")
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


def discard(staged: list[tuple[Path, Path]]) -> None:
    """Remove the temporary files of a set that will not be committed."""
    for _, tmp in staged:
        tmp.unlink(missing_ok=True)


def remove_stale_tmp(outdir: Path) -> None:
    """Remove temporary files left by a killed earlier run (its process is gone)."""
    for p in outdir.glob(f".*{TMP_SUFFIX}"):
        try:
            if not _writer_alive(p.name):
                p.unlink()
        except OSError:
            pass
