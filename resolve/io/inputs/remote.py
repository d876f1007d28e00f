"""Inputs given as fsspec URLs: `s3://bucket/news/`, `gs://bucket/feed.jsonl.gz`, `memory://...`.

Any URL whose protocol fsspec knows is read through it (the optional extra
`resolve[remote]` installs fsspec; each store needs its own package: `s3fs` for s3://,
`gcsfs` for gs://, `adlfs` for az://, see docs/scale.md).  A URL names what a local
path would: a directory of .txt files (walked recursively, in sorted order; an
article's id is its path below the URL, without `.txt`), a .jsonl or .csv file (ids
from its records), or one .txt file (id: its name without `.txt`).  Compressed files
(`.gz`, `.bz2`, `.xz`, `.zst` after the format's suffix) are decompressed on the fly.
Files are opened one at a time, as for local inputs, so a bucket of a million files
never sits in memory.  Problems are the local ones (a missing URL is an error, a
binary file a warning), and a protocol whose package is missing is an error naming it.
"""

from __future__ import annotations

import posixpath
import re
from typing import Iterator

from ..problem import Problem
from .streams import table_records
from .txt import txt_article

#: "scheme://" at the start of an input: a URL, not a local path.
_URL = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]+://")
#: Compression suffixes fsspec's "infer" understands, stripped before the format suffix is read.
_COMPRESSED = (".gz", ".bz2", ".xz", ".zst", ".lzma")


def is_url(inp: str) -> bool:
    """An input written as a URL (two or more letters before '://', so a Windows drive is not one)."""
    return bool(_URL.match(inp))


def _format_suffix(path: str) -> str:
    """".jsonl", ".csv" or ".txt" (or another suffix) of `path`, under any compression suffix."""
    low = path.lower()
    for comp in _COMPRESSED:
        if low.endswith(comp):
            low = low[: -len(comp)]
            break
    return posixpath.splitext(low)[1]


def _filesystem(url: str, problems: list[Problem]):
    """(filesystem, path) for `url`, or None with an error when fsspec or the protocol's package is missing."""
    try:
        from fsspec.core import url_to_fs
    except ImportError:
        problems.append(Problem(url, 'reading URLs needs fsspec: pip install "resolve[remote]"', "error"))
        return None
    try:
        return url_to_fs(url)
    except (ImportError, ValueError) as e:  # "Install s3fs to access S3", "Protocol not known: ..."
        problems.append(Problem(url, f"cannot open this URL: {e}", "error"))
        return None


def read_url(url: str, problems: list[Problem]) -> Iterator[dict]:
    """Article records of one URL input (see the module doc); problems appended, never raised."""
    found = _filesystem(url, problems)
    if found is None:
        return
    fs, path = found
    try:
        is_dir = fs.isdir(path)
        exists = is_dir or fs.exists(path)
    except OSError as e:
        problems.append(Problem(url, f"cannot read: {e}", "error"))
        return
    if not exists:
        problems.append(Problem(url, "no such file or directory", "error"))
        return
    if is_dir:
        yield from _read_dir(fs, url, path, problems)
        return
    suffix = _format_suffix(path)
    if suffix in (".jsonl", ".csv"):
        try:
            fh = fs.open(path, "rb", compression="infer")
        except OSError as e:
            problems.append(Problem(url, f"cannot read: {e}", "error"))
            return
        with fh:
            yield from table_records(fh, url, suffix, problems)
        return
    yield from _read_txt(fs, url, path, posixpath.basename(path), problems)


def _read_dir(fs, url: str, root: str, problems: list[Problem]) -> Iterator[dict]:
    files = sorted(p for p in fs.find(root) if p.lower().endswith(".txt"))
    if not files:
        problems.append(Problem(url, "directory holds no .txt files"))
    base = url.rstrip("/")
    for f in files:
        rel = posixpath.relpath(f, root)
        yield from _read_txt(fs, f"{base}/{rel}", f, rel, problems)


def _read_txt(fs, where: str, path: str, name: str, problems: list[Problem]) -> Iterator[dict]:
    try:
        data = fs.cat_file(path)
    except OSError as e:
        problems.append(Problem(where, f"cannot read: {e}", "error"))
        return
    stem = name[: -len(".txt")] if name.lower().endswith(".txt") else name
    yield from txt_article(data, stem, where, problems)
