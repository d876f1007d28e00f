"""Match probability of a comparison vector: Fellegi–Sunter with declared m/u probabilities.

weight = prior + sum over comparisons of log2(m / u) of the observed level
probability = 2**weight / (1 + 2**weight)

The m/u values live with the comparisons (`comparisons.COMPARISONS`); the priors (the
log2 odds that a candidate pair is a match before looking at it) depend on how the
pair was generated and live here.  Why declared numbers rather than ECM estimates:
see docs/matching.md.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from .comparisons import COMPARISON_BY_NAME, ComparisonVector

#: log2 prior odds by stage.
PRIORS = {
    # Two distinct full-name forms sharing a surname or phonetic block.
    "name": -2.0,
    # A surname/initial-only entity and the only full-name cluster it could be.
    "surname_unique": 2.0,
    # ... one of several full-name clusters it could be (decided by margin, see stages/short_names.py).
    "surname_ambiguous": 0.0,
}

#: Probability at or above which a candidate pair is merged.
THRESHOLD = 0.5
#: Minimum weight lead (bits) of the best over the second-best candidate for an ambiguous short name.
MARGIN_BITS = 2.0


@dataclass(frozen=True)
class Score:
    weight: float  # log2 odds
    probability: float
    blocked: str  # "" or the hard rule that forbids the match ("given names differ")

    @property
    def matched(self) -> bool:
        return not self.blocked and self.probability >= THRESHOLD


def level_weight(comparison: str, level: str) -> float:
    """log2(m/u) of one level (-inf when m is 0: a hard rule)."""
    lv = COMPARISON_BY_NAME[comparison].level(level)
    if lv.m == 0.0:
        return -math.inf
    return math.log2(lv.m / lv.u)


_WEIGHTS = {(c, lv.name): level_weight(c, lv.name) for c in COMPARISON_BY_NAME for lv in COMPARISON_BY_NAME[c].levels}


def score(vector: ComparisonVector, stage: str = "name") -> Score:
    """Weight and probability of one comparison vector."""
    if vector.levels.get("given") == "conflict":
        return Score(-math.inf, 0.0, "given names differ")
    w = PRIORS[stage] + sum(_WEIGHTS[(c, lv)] for c, lv in vector.levels.items())
    return Score(w, probability(w), "")


def probability(weight: float) -> float:
    if weight == -math.inf:
        return 0.0
    if weight > 60:
        return 1.0
    odds = 2.0**weight
    return odds / (1.0 + odds)
