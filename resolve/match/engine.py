"""The matching engine: the clustering stages, in order, over one shared state.

`cluster_with_links(mentions, rules)` builds the state (`MatchState.start`: units,
clusters, scores, links), runs the stages of `stages/` and returns the mentions with
`schema.MATCH_OUTPUT_COLUMNS` and the decisions taken (`schema.LINKS_COLUMNS`), which
`resolve explain` reads back from links.csv.  docs/matching.md has the reasoning.
"""

from __future__ import annotations

from collections import defaultdict

import pandas as pd

from ..rules import Rules
from .context import Contexts
from .stages import article, fixed, full_names, short_names
from .state import MatchState


def cluster_mentions(mentions: pd.DataFrame, rules: Rules) -> pd.DataFrame:
    """Mentions plus `cluster` (int), `anchor_id` (str) and `match_score` (float)."""
    return cluster_with_links(mentions, rules)[0]


def cluster_with_links(mentions: pd.DataFrame, rules: Rules) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(clustered mentions, links): links are the decisions taken, one row per scored pair or attachment.

    `mentions`: MENTION_COLUMNS (at least article_id, start, text) and any of
    schema.MATCH_INPUT_COLUMNS; missing ones are empty (no date, anchor or title).
    """
    df = _match_input(mentions)
    state = MatchState.start(df, rules)
    run_stages(state)
    of_row = state.units.of_row
    labels = _labels(state)
    df["cluster"] = [labels[u] for u in of_row]
    anchors = _cluster_anchors(state, labels)
    df["anchor_id"] = [a or anchors[labels[u]] for u, a in zip(of_row, df["anchor_id"])]
    df["match_score"] = [round(state.scores[u], 4) for u in of_row]
    return df, state.links_frame()


def run_stages(state: MatchState) -> None:
    """Fixed links, then within articles, then full names and short names across articles."""
    fixed.run(state)
    article.run(state)
    contexts = Contexts(state.units)  # co-mentions as the article stage left the names
    full_names.run(state, contexts)
    short_names.run(state, contexts)


def _match_input(mentions: pd.DataFrame) -> pd.DataFrame:
    df = mentions.reset_index(drop=True).copy()
    for col in ("title_normalized", "affiliation", "date", "anchor_id"):
        df[col] = df[col].fillna("").astype(str) if col in df.columns else ""
    # Only a real True counts: the flag is set by the registry continuation, never read from files.
    df["soft_anchor"] = df["soft_anchor"].eq(True) if "soft_anchor" in df.columns else False
    df["article_id"] = df["article_id"].astype(str)
    return df


def _labels(state: MatchState) -> list[int]:
    """Cluster label per unit: clusters numbered by their smallest unit id."""
    roots = state.clusters.roots()
    order = {r: i for i, r in enumerate(sorted(set(roots)))}
    return [order[r] for r in roots]


def _cluster_anchors(state: MatchState, labels: list[int]) -> dict[int, str]:
    """Cluster label -> the fixed entity ID it carries ('' when none or several)."""
    fixed_ids: dict[int, set[str]] = defaultdict(set)
    for u, f in enumerate(state.units.fixed):
        if f:
            fixed_ids[labels[u]].add(f)
    return defaultdict(str, {lab: next(iter(v)) for lab, v in fixed_ids.items() if len(v) == 1})
