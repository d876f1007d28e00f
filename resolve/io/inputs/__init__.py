"""Read a batch of articles: .txt files, directories of them, JSONL, CSV, or stdin.

One module per input format (`txt`, `jsonl`, `csv`, and `stdin`: JSONL, CSV or plain
text), over shared decoding (`decode`, `lines`) and record checks (`records`); this
module picks the reader for each input, gives every article its id and drops duplicate
ids.  A single str or Path is one input (never iterated as characters).

Article ids are unique across all inputs of a run: a `.txt` article's id is its path
(without `.txt`) relative to the common parent of the inputs (`txt_base`: one
directory given -> that directory, so `dir/a/b.txt` is `a/b`; `srcA` and `srcB` given
-> their parent, so `srcA/1` and `srcB/1`); a JSONL/CSV record's id is its `id` field.
`id_prefixes` (`--id-prefix INPUT=PREFIX`) puts a prefix before the ids of one input's
articles, for inputs whose own ids collide (two JSONL feeds numbering from 1).

`iter_articles` is the streaming path: it yields one article record at a time,
opening each file only when its turn comes, so a directory of 100,000 files or a
JSONL of millions of lines never sits in memory at once.  `read_articles` collects
the same records into a DataFrame with `schema.ARTICLE_COLUMNS`.

Nothing in one bad input stops the batch.  Each problem becomes a `Problem`
(where = 'path' or 'path:line', message, severity) and reading goes on:

- severity "warning": something was skipped or repaired (binary or empty file,
  malformed line, missing id/text, duplicate id, non-UTF-8 bytes decoded as
  Windows-1252/Latin-1);
- severity "error": an input that exists, or was named, could not be read at all
  (missing path, permission denied, I/O error).

Pass a `problem.Problems` as `problems` to see each problem as it is met (the command
line prints it at once).  The caller decides what is fatal (`resolve run` exits 1 on errors, `--strict`
also on warnings; see docs/cli.md).
"""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import Iterable, Iterator, TextIO, Union

import pandas as pd

from ...schema import ARTICLE_COLUMNS
from ..problem import Problem
from .remote import is_url, read_url
from .stdin import read_stdin
from .streams import table_records
from .txt import read_txt, walk_txt

#: What the readers accept as inputs: one path (str or Path; "-" is stdin) or several.
Inputs = Union[str, os.PathLike, Iterable[Union[str, os.PathLike]]]


def input_list(inputs: Inputs) -> list[str]:
    """The inputs as a list of path strings: a str or Path is one input, not a sequence of characters."""
    if isinstance(inputs, (str, os.PathLike)):
        return [os.fspath(inputs)]
    return [os.fspath(i) for i in inputs]


def _is_txt_input(inp: str) -> bool:
    return inp != "-" and not is_url(inp) and (Path(inp).is_dir() or Path(inp).suffix.lower() not in (".jsonl", ".csv"))


def txt_base(inputs: list[str]) -> Path | None:
    """The common parent of the .txt inputs (a directory given counts as itself, a file as
    its directory): .txt article ids are paths relative to it.  None when there is no .txt input."""
    dirs = [Path(i).absolute() if Path(i).is_dir() else Path(i).absolute().parent for i in inputs if _is_txt_input(i)]
    if not dirs:
        return None
    try:
        return Path(os.path.commonpath(dirs))
    except ValueError:  # different drives: no common parent
        return None


def _relative_id(path: Path, base: Path | None) -> str:
    """`path` relative to `base`, '/'-separated ('' for `base` itself)."""
    if base is None:
        return path.name
    rel = os.path.relpath(path.absolute(), base)
    return "" if rel == "." else rel.replace(os.sep, "/")


def _iter_raw(inputs: list[str], problems: list[Problem], stdin: TextIO | None, prefixes: Mapping[str, str]) -> Iterator[dict]:
    base = txt_base(inputs)
    for inp in inputs:
        for rec in _iter_input(inp, base, problems, stdin):
            if prefixes.get(inp):
                rec["article_id"] = prefixes[inp] + rec["article_id"]
            yield rec


def _iter_input(inp: str, base: Path | None, problems: list[Problem], stdin: TextIO | None) -> Iterator[dict]:
    if inp == "-":
        yield from read_stdin(stdin or sys.stdin, problems)
        return
    if is_url(inp):
        yield from read_url(inp, problems)
        return
    path = Path(inp)
    if path.is_dir():
        found = False
        head = _relative_id(path, base)
        for f, article_id in walk_txt(path, problems):
            found = True
            yield from read_txt(f, f"{head}/{article_id}" if head else article_id, problems)
        if not found:
            problems.append(Problem(str(path), "directory holds no .txt files"))
        return
    suffix = path.suffix.lower()
    if suffix not in (".jsonl", ".csv"):
        if not path.exists() and not path.is_symlink():
            problems.append(Problem(str(path), "no such file or directory", "error"))
        else:
            yield from read_txt(path, _relative_id(path.with_suffix(""), base), problems)
        return
    try:
        fh = open(path, "rb")
    except FileNotFoundError:
        problems.append(Problem(str(path), "no such file or directory", "error"))
        return
    except OSError as e:
        problems.append(Problem(str(path), f"cannot read: {e.strerror or e}", "error"))
        return
    with fh:
        yield from table_records(fh, str(path), suffix, problems)


def iter_articles(
    inputs: Inputs, problems: list[Problem], stdin: TextIO | None = None, id_prefixes: Mapping[str, str] | None = None
) -> Iterator[dict]:
    """Yield article records (dicts with ARTICLE_COLUMNS) lazily, in input order; append problems.

    `id_prefixes`: input (as given) -> a prefix for the ids of its articles.  Duplicate
    article ids are reported (with file:line) and only the first is kept.
    """
    seen: dict[str, str] = {}
    for rec in _iter_raw(input_list(inputs), problems, stdin, id_prefixes or {}):
        aid = rec["article_id"]
        if aid in seen:
            problems.append(Problem(rec["source"], f"duplicate article id '{aid}' (first at {seen[aid]}); skipped"))
            continue
        seen[aid] = rec["source"]
        yield rec


def iter_article_frames(
    inputs: Inputs, problems: list[Problem], stdin: TextIO | None = None, chunk_size: int = 1000, id_prefixes: Mapping[str, str] | None = None
) -> Iterator[pd.DataFrame]:
    """`iter_articles` in DataFrames of at most `chunk_size` rows (ARTICLE_COLUMNS), for chunked extraction."""
    chunk: list[dict] = []
    for rec in iter_articles(inputs, problems, stdin, id_prefixes):
        chunk.append(rec)
        if len(chunk) >= chunk_size:
            yield pd.DataFrame.from_records(chunk, columns=ARTICLE_COLUMNS)
            chunk = []
    if chunk:
        yield pd.DataFrame.from_records(chunk, columns=ARTICLE_COLUMNS)


def articles_frame(recs: Iterable[dict]) -> pd.DataFrame:
    """Article records -> one articles DataFrame (ARTICLE_COLUMNS), sorted by article_id."""
    df = pd.DataFrame.from_records(list(recs), columns=ARTICLE_COLUMNS)
    return df.sort_values("article_id", kind="stable").reset_index(drop=True)


def read_articles(
    inputs: Inputs, stdin: TextIO | None = None, id_prefixes: Mapping[str, str] | None = None
) -> tuple[pd.DataFrame, list[Problem]]:
    """Read all inputs into one articles DataFrame (sorted by article_id) and the problems met.

    `id_prefixes` as for `iter_articles`.  Duplicate article ids are reported and only the first is kept.
    """
    problems: list[Problem] = []
    return articles_frame(iter_articles(inputs, problems, stdin, id_prefixes)), problems
