"""The matching engine: mention rows -> persons (clusters), with every decision recorded.

`cluster_with_links(mentions, rules)` cuts the mentions into windows of consecutive
articles, prepares each window where it is (`window.prepare_window`: units, fixed
links, the article stage) and lets a partitioned run (`partition.Run`) take the
decisions across articles: full names, then short names (`stages/`).  It returns
the mentions with `schema.MATCH_OUTPUT_COLUMNS` and the decisions taken
(`schema.LINKS_COLUMNS`), which `resolve explain` reads back from links.csv.
The result does not depend on the window size, the partitions or the executor.
docs/matching.md has the reasoning.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..columns import sorted_categorical
from ..rules import Rules
from ..sources.executors import Executor, Job, SerialExecutor
from .partition import Clustering, Run
from .window import WindowPart, match_input, prepare_window

#: Articles per window.  Windows only spread the work: any size gives the same clusters.
MATCH_WINDOW = 1000


def cluster_mentions(mentions: pd.DataFrame, rules: Rules) -> pd.DataFrame:
    """Mentions plus `cluster` (int), `anchor_id` (str) and `match_score` (float)."""
    return cluster_with_links(mentions, rules)[0]


def cluster_with_links(mentions: pd.DataFrame, rules: Rules, *, executor: Executor | None = None, window: int = MATCH_WINDOW) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(clustered mentions, links): links are the decisions taken, one row per scored pair or attachment.

    `mentions`: MENTION_COLUMNS (at least article_id, start, text) and any of
    schema.MATCH_INPUT_COLUMNS; missing ones are empty (no date, anchor or title).
    `executor` (resolve.sources.executors): where the tasks run, this process by default.
    """
    df = match_input(mentions)
    executor = executor if executor is not None else SerialExecutor(Job(rules))
    run = Run(rules, executor.map)
    windows = article_windows(df["article_id"], window)
    unit = np.zeros(len(df), dtype=np.int64)
    for rows, part in zip(windows, executor.map(prepare, (df.iloc[rows] for rows in windows))):
        unit[rows] = part.of_row + run.add(part)
    result = run.finish()
    return with_clusters(df, unit, result), result.links


def prepare(job: Job, mentions: pd.DataFrame) -> WindowPart:
    """`window.prepare_window` as an executor task."""
    return prepare_window(mentions, job.rules)


def article_windows(article_ids: pd.Series, size: int) -> list[np.ndarray]:
    """Row numbers of each window of `size` consecutive articles (in article_id order)."""
    codes, uniques = pd.factorize(article_ids, sort=True)
    group = codes // max(1, size)
    order = np.argsort(group, kind="stable")
    cuts = np.flatnonzero(np.diff(group[order])) + 1
    return np.split(order, cuts) if len(order) else []


def with_clusters(df: pd.DataFrame, unit: np.ndarray, result: Clustering) -> pd.DataFrame:
    """The mention rows with the cluster, fixed ID and score of their unit (`unit`: each row's `gid`)."""
    label = result.label[unit]
    df["cluster"] = label
    df["anchor_id"] = anchor_ids(df["anchor_id"], label, result.anchor)
    df["match_score"] = rounded(result.score, 4)[unit]
    return df


def anchor_ids(given: pd.Series, label: np.ndarray, anchor: dict[int, str]) -> pd.Categorical:
    """Each row's anchor: its own when given, else its cluster's fixed ID ("" when none)."""
    s = given.astype("category") if not isinstance(given.dtype, pd.CategoricalDtype) else given
    values = list(s.cat.categories)
    index = {v: i for i, v in enumerate(values)}
    for a in sorted(set(anchor.values()) - set(index)):
        index[a] = len(values)
        values.append(a)
    codes = s.cat.codes.to_numpy().astype(np.int64)
    empty = index.setdefault("", len(values))
    if empty == len(values):
        values.append("")
    own = np.array([bool(v) for v in values], dtype=bool)
    per_label = np.full(int(label.max()) + 1 if len(label) else 0, empty, dtype=np.int64)
    for lab, a in anchor.items():
        per_label[lab] = index[a]
    take = ~own[codes] if len(codes) else np.zeros(0, dtype=bool)
    codes[take] = per_label[label[take]]
    return sorted_categorical(values, codes)  # few distinct anchors, many rows


def rounded(values: np.ndarray, digits: int) -> np.ndarray:
    """Python's round() of each value (numpy's rounding differs in the last digit for some
    values), computed once per distinct value."""
    uniq, inv = np.unique(values, return_inverse=True)
    return np.array([round(float(v), digits) for v in uniq.tolist()], dtype=np.float64)[inv] if len(values) else values
