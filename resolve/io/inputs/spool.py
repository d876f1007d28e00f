"""Articles read once, kept in a temporary file, handed out in windows of article_id order.

Extraction works on windows of consecutive articles in article_id order (resolve.extract),
but inputs come in any order: a directory walk, a JSONL in publication order, stdin.
`ArticleSpool` reads the inputs as a stream (`iter_articles`: problems and duplicate
ids as ever), writes each record to an anonymous temporary file and keeps only its
id, date, text hash and place in memory; `windows(n)` then reads the records back, n
at a time, in article_id order.  Memory grows with the number of articles (an id, a
date and a hash each), not with their text; the file is removed when the spool is
closed (or the process ends).

What needs every text once is done while reading: the text hash (a previous registry's
changed articles get a version id, `registry.evidence.version_ids`, and articles.csv
records it) and, when asked, the language check (`resolve.language`).  Their warnings
follow the reading problems, in article_id order, as a run over the whole batch gives them.
"""

from __future__ import annotations

import pickle
import tempfile
from collections.abc import Iterator, Mapping
from typing import TextIO

import numpy as np
import pandas as pd

from ...language import language_problem
from ...registry.evidence import text_sha1, version_ids
from ...schema import ARTICLE_COLUMNS
from ..problem import Problem
from . import Inputs, iter_articles

_ID = ARTICLE_COLUMNS.index("article_id")


class ArticleSpool:
    """The articles of some inputs, on disk; ids, dates and text hashes in memory (`articles`,
    sorted by article_id).

    `seen`: a previous registry's article hashes (versions are given against them);
    `check_english`: run the language check.  Problems go to `problems` as they are met.
    """

    def __init__(
        self,
        inputs: Inputs,
        problems: list[Problem],
        *,
        stdin: TextIO | None = None,
        id_prefixes: Mapping[str, str] | None = None,
        seen: Mapping[str, str] | None = None,
        check_english: bool = False,
        directory: str | None = None,
    ) -> None:
        self._file = tempfile.TemporaryFile(prefix="resolve-articles-", dir=directory)
        ids: list[str] = []
        dates: dict[str, str] = {}  # one string object per distinct date
        day: list[str] = []
        sha1: list[str] = []
        sources: list[str] = []
        where: list[int] = []
        language: dict[int, Problem] = {}
        for rec in iter_articles(inputs, problems, stdin, id_prefixes):
            where.append(self._file.tell())
            pickle.dump(tuple(rec[c] for c in ARTICLE_COLUMNS), self._file, protocol=pickle.HIGHEST_PROTOCOL)
            ids.append(rec["article_id"])
            day.append(dates.setdefault(rec["date"], rec["date"]))
            sha1.append(text_sha1(rec["text"]))
            sources.append(rec["source"] if seen else "")
            if check_english and (p := language_problem(rec["source"], rec["text"])) is not None:
                language[len(ids) - 1] = p
        where.append(self._file.tell())
        order = _sorted(ids)
        if seen:
            versioned, changed = version_ids([ids[i] for i in order], [sha1[i] for i in order], [sources[i] for i in order], dict(seen))
            for i, v in zip(order.tolist(), versioned):
                ids[i] = v
            problems.extend(changed)
            order = _sorted(ids)
        problems.extend(language[i] for i in order.tolist() if i in language)
        offsets = np.array(where, dtype=np.int64)
        self._start, self._end = offsets[:-1][order], offsets[1:][order]
        self.articles = pd.DataFrame(
            {
                "article_id": np.array(ids, dtype=object)[order],
                "date": np.array(day, dtype=object)[order],
                "sha1": np.array(sha1, dtype=object)[order],
            }
        )

    def __len__(self) -> int:
        return len(self.articles)

    def windows(self, size: int) -> Iterator[pd.DataFrame]:
        """The articles (schema.ARTICLE_COLUMNS), `size` at a time, in article_id order."""
        fh = self._file
        ids = self.articles["article_id"].tolist()
        for i in range(0, len(self), size):
            recs = []
            for j, (start, end) in enumerate(zip(self._start[i : i + size].tolist(), self._end[i : i + size].tolist())):
                fh.seek(start)
                rec = list(pickle.loads(fh.read(end - start)))
                rec[_ID] = ids[i + j]  # the version id, when it has one
                recs.append(rec)
            yield pd.DataFrame.from_records(recs, columns=ARTICLE_COLUMNS)

    def close(self) -> None:
        self._file.close()

    def __enter__(self) -> ArticleSpool:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def _sorted(ids: list[str]) -> np.ndarray:
    return np.argsort(np.array(ids, dtype=object), kind="stable") if ids else np.zeros(0, dtype=np.int64)
