"""Why the rules extractor took, or left, each name candidate of some articles.

`read_candidates` runs the extractor's own steps (`batch.prepare`, `batch.judge`) and
keeps every candidate, accepted or not, with the person model's probability and the
features that weighed most; `resolve candidates` prints it.  The articles are read as
one batch, as `resolve run` reads a window: a name is judged with the batch's evidence.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from ...rules import Rules
from ..base import article_items
from .batch import judge, prepare
from .model import PersonModel, shipped_model


@dataclass(frozen=True)
class CandidateReading:
    article_id: str
    start: int
    end: int
    text: str
    probability: float
    person: bool
    why: str  # "model", "known_actor" or "vetoed" (see batch.Judged)
    features: tuple[tuple[str, float], ...]  # (feature, weight), largest effect first


def read_candidates(articles: pd.DataFrame, rules: Rules, model: PersonModel | None = None, top: int = 10) -> list[CandidateReading]:
    """Every candidate of `articles` (article_id, text) with the decision on it and its
    `top` features by effect (all of them when `top` is 0)."""
    model = model or shipped_model()
    out = []
    for j in judge(prepare(article_items(articles), rules, model.namelike), model):
        c = j.candidate
        effects = model.explain(j.features)
        out.append(CandidateReading(
            j.article.article_id, c.start, c.end, j.article.text[c.start : c.end], j.probability, j.person, j.why,
            tuple(effects[:top] if top else effects),
        ))
    return out
