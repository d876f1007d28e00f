"""`.txt` files and directories of them: one article per file, id from the relative path."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Iterator

from ..problem import Problem
from .decode import SNIFF, binary_kind, clean_text, decode_bytes
from .records import article


def read_txt(path: Path, article_id: str, problems: list[Problem]) -> Iterator[dict]:
    where = str(path)
    try:
        with open(path, "rb") as fh:
            data = fh.read()
    except IsADirectoryError:
        problems.append(Problem(where, "is a directory where a file was expected", "error"))
        return
    except OSError as e:
        problems.append(Problem(where, f"cannot read: {e.strerror or e}", "error"))
        return
    yield from txt_article(data, article_id, where, problems)


def txt_article(data: bytes, article_id: str, where: str, problems: list[Problem]) -> Iterator[dict]:
    """The article of one .txt file's bytes (none for a binary or empty file: a warning)."""
    kind = binary_kind(data[:SNIFF])
    if kind:
        problems.append(Problem(where, f"not a text file ({kind}), skipped"))
        return
    text, warning = decode_bytes(data)
    if warning:
        problems.append(Problem(where, warning))
    if not text.strip():
        problems.append(Problem(where, "empty file, skipped"))
        return
    yield article(article_id, clean_text(text), where)


def _is_txt(name: str) -> bool:
    return name.lower().endswith(".txt")


def walk_txt(root: Path, problems: list[Problem]) -> Iterator[tuple[Path, str]]:
    """(path, article_id) of every .txt file below `root`, lazily, sorted by relative path.

    One `scandir` per directory (file types come from the directory entry, no stat per
    file); names sorted per directory, which equals sorting the relative paths part by
    part.  Symlinked directories are followed once (loops are skipped).
    """
    seen_dirs: set[tuple[int, int]] = set()

    def walk(d: Path, rel: tuple[str, ...]) -> Iterator[tuple[Path, str]]:
        try:
            st = d.stat()
            if (st.st_dev, st.st_ino) in seen_dirs:
                return
            seen_dirs.add((st.st_dev, st.st_ino))
            with os.scandir(d) as it:
                entries = sorted(it, key=lambda e: e.name)
        except OSError as e:
            problems.append(Problem(str(d), f"cannot list directory: {e.strerror or e}", "error"))
            return
        for entry in entries:
            try:
                is_dir = entry.is_dir()
            except OSError:
                is_dir = False
            if is_dir:
                yield from walk(Path(entry.path), rel + (entry.name,))
            elif _is_txt(entry.name):
                try:
                    regular = entry.is_file()
                except OSError:
                    regular = False
                if not regular:
                    problems.append(Problem(entry.path, "not a regular file (broken link, pipe or device); skipped"))
                    continue
                stem = entry.name[: -len(".txt")]
                yield Path(entry.path), "/".join(rel + (stem,))

    yield from walk(root, ())
