"""Articles read once, kept in a temporary file, handed out in windows of article_id order.

Extraction works on windows of consecutive articles in article_id order (resolve.extract),
but inputs come in any order: a directory walk, a JSONL in publication order, stdin.
`ArticleSpool` reads the inputs as a stream (`iter_articles`: problems and duplicate
ids as ever), writes each record to an anonymous temporary file and keeps only its
id, date and place in memory; `windows(n)` then reads the records back, n at a time,
in article_id order.  Memory grows with the number of articles (an id and a date each),
not with their text; the file is removed when the spool is closed (or the process ends).
"""

from __future__ import annotations

import pickle
import tempfile
from collections.abc import Iterable, Iterator
from typing import TextIO

import numpy as np
import pandas as pd

from ...schema import ARTICLE_COLUMNS
from ..problem import Problem
from . import iter_articles


class ArticleSpool:
    """The articles of some inputs, on disk; ids and dates in memory (sorted by article_id)."""

    def __init__(self, inputs: Iterable[str], stdin: TextIO | None = None, directory: str | None = None) -> None:
        self.problems: list[Problem] = []
        self._file = tempfile.TemporaryFile(prefix="resolve-articles-", dir=directory)
        ids: list[str] = []
        dates: dict[str, str] = {}  # one string object per distinct date
        day: list[str] = []
        where: list[int] = []
        for rec in iter_articles(inputs, self.problems, stdin):
            where.append(self._file.tell())
            pickle.dump(tuple(rec[c] for c in ARTICLE_COLUMNS), self._file, protocol=pickle.HIGHEST_PROTOCOL)
            ids.append(rec["article_id"])
            day.append(dates.setdefault(rec["date"], rec["date"]))
        where.append(self._file.tell())
        order = np.argsort(np.array(ids, dtype=object), kind="stable") if ids else np.zeros(0, dtype=np.int64)
        offsets = np.array(where, dtype=np.int64)
        self._start, self._end = offsets[:-1][order], offsets[1:][order]
        self.articles = pd.DataFrame({"article_id": np.array(ids, dtype=object)[order], "date": np.array(day, dtype=object)[order]})

    def __len__(self) -> int:
        return len(self.articles)

    def windows(self, size: int) -> Iterator[pd.DataFrame]:
        """The articles (schema.ARTICLE_COLUMNS), `size` at a time, in article_id order."""
        fh = self._file
        for i in range(0, len(self), size):
            recs = []
            for start, end in zip(self._start[i : i + size].tolist(), self._end[i : i + size].tolist()):
                fh.seek(start)
                recs.append(pickle.loads(fh.read(end - start)))
            yield pd.DataFrame.from_records(recs, columns=ARTICLE_COLUMNS)

    def close(self) -> None:
        self._file.close()

    def __enter__(self) -> ArticleSpool:
        return self

    def __exit__(self, *exc) -> None:
        self.close()
