"""The state the clustering stages share, built once before the first stage runs.

A state may hold all the units of a run or one partition of them (`match.partition`):
every decision is then recorded with its *position* in the run's global decision
order (the stage, then what the stage iterates over: an article, a full-name key, a
candidate pair, a short name), set by the stages with `at`, so the decisions of all
partitions interleave back into the order one state would have taken them in.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from ..rules import Rules
from ..schema import LINKS_COLUMNS
from .comparisons import ComparisonVector
from .constraints import Clusters
from .score import Score
from .units import Units, build_units


#: Stages in decision order: the first item of a decision's position.
STAGE_ORDER = ("judgement", "article", "same_name", "name", "short_name", "orphan")
_RANK = {s: i for i, s in enumerate(STAGE_ORDER)}


def link_row(stage: str, a: tuple[str, str], b: tuple[str, str], decision: str, *, p: float | str = "", w: float | str = "", features: str = "", reason: str = "") -> dict:
    """One row of schema.LINKS_COLUMNS; each side is (article, name form as written)."""
    return {
        "stage": stage,
        "a_article": a[0],
        "a_text": a[1],
        "b_article": b[0],
        "b_text": b[1],
        "decision": decision,
        "probability": round(p, 4) if isinstance(p, float) else p,
        "weight": round(w, 3) if isinstance(w, float) and abs(w) != float("inf") else w,
        "features": features,
        "reason": reason,
    }


@dataclass(eq=False)
class MatchState:
    """The units, their clusters, each unit's match score and the decisions taken (links)."""

    rules: Rules
    units: Units
    clusters: Clusters
    scores: list[float]  # per unit: probability of the decision that attached it (1.0 for rules)
    links: list[dict]  # rows of schema.LINKS_COLUMNS, in decision order
    positions: list[tuple] = field(default_factory=list)  # per link: its position in the run's decision order
    position: tuple = ()  # where the stages are now (`at`)

    @classmethod
    def start(cls, mentions: pd.DataFrame, rules: Rules) -> MatchState:
        """Units of `mentions` (schema.MATCH_INPUT_COLUMNS, filled), each its own cluster, no decision."""
        units = build_units(mentions, rules)
        return cls(rules, units, Clusters(units, rules), [1.0] * len(units), [])

    def at(self, stage: str, *key: object) -> None:
        """The decisions that follow are taken by `stage` on `key` (an article, a name key, ...):
        their position in the run's decision order.  Each key is decided in one partition."""
        self.position = (_RANK[stage], *key)

    def members(self) -> dict[int, list[int]]:
        """Cluster root -> its units, as the clusters stand now."""
        return self.clusters.groups()

    def link(self, stage: str, a: int, b: int, decision: str, *, p: float | str = "", w: float | str = "", features: str = "", reason: str = "") -> None:
        """Record a decision between units a and b (each side shown by its article and form)."""
        units = self.units
        side_a, side_b = (units.article[a], units.text[a]), (units.article[b], units.text[b])
        self.links.append(link_row(stage, side_a, side_b, decision, p=p, w=w, features=features, reason=reason))
        self.positions.append(self.position)

    def scored_link(self, stage: str, a: int, b: int, decision: str, sc: Score, vec: ComparisonVector, reason: str = "") -> None:
        """Record a decision taken on a Fellegi-Sunter score."""
        self.link(stage, a, b, decision, p=sc.probability, w=sc.weight, features=vec.features(), reason=reason)

    def links_frame(self) -> pd.DataFrame:
        return pd.DataFrame.from_records(self.links, columns=LINKS_COLUMNS) if self.links else pd.DataFrame(columns=LINKS_COLUMNS)
