"""The state the clustering stages share, built once before the first stage runs."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from ..rules import Rules
from ..schema import LINKS_COLUMNS
from .comparisons import ComparisonVector
from .constraints import Clusters
from .score import Score
from .units import Units, build_units


@dataclass(eq=False)
class MatchState:
    """The units, their clusters, each unit's match score and the decisions taken (links)."""

    rules: Rules
    units: Units
    clusters: Clusters
    scores: list[float]  # per unit: probability of the decision that attached it (1.0 for rules)
    links: list[dict]  # rows of schema.LINKS_COLUMNS, in decision order

    @classmethod
    def start(cls, mentions: pd.DataFrame, rules: Rules) -> MatchState:
        """Units of `mentions` (schema.MATCH_INPUT_COLUMNS, filled), each its own cluster, no decision."""
        units = build_units(mentions, rules)
        return cls(rules, units, Clusters(units, rules), [1.0] * len(units), [])

    def members(self) -> dict[int, list[int]]:
        """Cluster root -> its units, as the clusters stand now."""
        return self.clusters.groups()

    def link(self, stage: str, a: int, b: int, decision: str, *, p: float | str = "", w: float | str = "", features: str = "", reason: str = "") -> None:
        """Record a decision between units a and b (each side shown by its article and form)."""
        units = self.units
        self.links.append(
            {
                "stage": stage,
                "a_article": units.article[a],
                "a_text": units.text[a],
                "b_article": units.article[b],
                "b_text": units.text[b],
                "decision": decision,
                "probability": round(p, 4) if isinstance(p, float) else p,
                "weight": round(w, 3) if isinstance(w, float) and abs(w) != float("inf") else w,
                "features": features,
                "reason": reason,
            }
        )

    def scored_link(self, stage: str, a: int, b: int, decision: str, sc: Score, vec: ComparisonVector, reason: str = "") -> None:
        """Record a decision taken on a Fellegi-Sunter score."""
        self.link(stage, a, b, decision, p=sc.probability, w=sc.weight, features=vec.features(), reason=reason)

    def links_frame(self) -> pd.DataFrame:
        return pd.DataFrame.from_records(self.links, columns=LINKS_COLUMNS) if self.links else pd.DataFrame(columns=LINKS_COLUMNS)
