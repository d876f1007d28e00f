"""The extractor protocol: what every source of person mentions provides.

An extractor is built from the rules in force and its own options
(`get_extractor(name, rules, **options)`) and turns articles into mentions:

    extract(articles: DataFrame[ARTICLE_COLUMNS], on_articles=None) -> DataFrame[MENTION_COLUMNS]

sorted by (article_id, start), offsets into the article text, the name without its
title, honorific or possessive (schema.py states the columns).  `on_articles(n)`, when
given, may be called as articles are done (n more of them): the progress inside a long
window (the extract stage counts a window's articles done when it returns anyway).
`uses_batch_evidence` says whether a mention can depend on the other articles it is
extracted with; the extract stage then fixes the batches (resolve.extract.EXTRACT_WINDOW)
so the output does not depend on how the work is spread over processes;
`assumes_english`, whether the run should warn about articles that do not look English.
Extractors must be picklable with their options (workers receive them once); load
heavy resources lazily, in the process that uses them.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Callable
from typing import ClassVar

import pandas as pd

from ..errors import EXIT_USAGE, ResolveError
from ..rules import Rules
from ..schema import MENTION_COLUMNS, require_columns

#: `on_articles(n)`: n more articles of the window are done (`Progress.advance` is one).
OnArticles = Callable[[int], None]


class ExtractorError(ResolveError):
    """An extractor cannot run: unknown name, bad option, missing package or model."""


class UnknownExtractorError(ExtractorError):
    """No extractor of that name (a usage error: the message lists the names)."""

    exit_code = EXIT_USAGE


class Extractor(ABC):
    """Articles -> person mentions.  Subclasses set `name` and implement `extract`."""

    name: ClassVar[str]
    #: True when a mention's decision uses the other articles of the batch.
    uses_batch_evidence: ClassVar[bool] = False
    #: True when the extractor reads English only (its cues, or its model, are English):
    #: a run then warns about each article that does not look English (resolve.language).
    assumes_english: bool = False

    def __init__(self, rules: Rules) -> None:
        self.rules = rules

    @abstractmethod
    def extract(self, articles: pd.DataFrame, on_articles: OnArticles | None = None) -> pd.DataFrame:
        """Mentions of `articles` (one batch), MENTION_COLUMNS, sorted by (article_id, start);
        `on_articles(n)` may be told of articles done, for the progress."""


def mentions_frame(rows: list[dict]) -> pd.DataFrame:
    """Mention dicts -> DataFrame[MENTION_COLUMNS] with typed offsets, sorted by (article_id, start)."""
    df = pd.DataFrame.from_records(rows, columns=MENTION_COLUMNS)
    if len(df):
        df["start"] = df["start"].astype(int)
        df["end"] = df["end"].astype(int)
        df["confidence"] = df["confidence"].astype(float)
    return df.sort_values(["article_id", "start"], kind="stable").reset_index(drop=True)


def article_items(articles: pd.DataFrame) -> list[tuple[str, str]]:
    """(article_id, text) pairs of an article frame, in its order ("" for a missing text).
    MissingColumnsError (a ValueError) names the columns a frame lacks."""
    require_columns(articles, ("article_id", "text"), "articles", hint="give a frame like read_articles returns")
    if not len(articles):
        return []
    return [(aid, text or "") for aid, text in zip(articles["article_id"], articles["text"])]
