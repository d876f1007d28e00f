"""Decisions worth a human look, most valuable first: the "needs review" list and the review queue.

Three kinds (docs/review.md says how they are ranked):
- near-threshold decisions: links.csv rows whose match weight lies within `NEAR_BITS`
  of the threshold weight, or whose reason states a candidate margin within
  `MARGIN_NEAR_BITS` of the margin required (ambiguous short names);
- same-name splits: distinct entities sharing a full name (their canonical name or an alias);
- surname-only entities: entities that the matcher held together across articles by
  surname-only (or initials-only) mentions alone, with no full name anywhere.

Value of a doubt = mentions affected x 2^-distance, where distance is in bits from
the threshold (or the margin) that decided it: a decision exactly at the threshold
counts every mention it moves, one two bits away a quarter of them.
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from dataclasses import dataclass

import pandas as pd

from ..registry.continuation import PSEUDO_PREFIX
from ..registry.records import parse_alias_counts
from ..match.names import parse_name
from ..rules import Rules
from ..match.score import MARGIN_BITS, THRESHOLD
from ..text import fold
from .outputs import Outputs

#: A scored decision this close (bits of weight) to the threshold is near it: p in [0.2, 0.8].
NEAR_BITS = 2.0
#: An ambiguous short name whose best candidate led by a margin this close to MARGIN_BITS.
MARGIN_NEAR_BITS = 1.0
#: Distance given to a same-name split that no scored decision measures.
UNSCORED_SPLIT_BITS = 1.0
#: Threshold as a weight (log2 odds): the probability THRESHOLD is 2^w / (1 + 2^w).
THRESHOLD_WEIGHT = math.log2(THRESHOLD / (1 - THRESHOLD))

# cluster.py states the margin of an ambiguous short name in its reason.
_MARGIN = re.compile(r"(?:leads by|candidates by) (-?\d+(?:\.\d+)?)")


@dataclass(frozen=True)
class Doubt:
    """One decision a person could confirm or overturn."""

    kind: str  # "near_threshold" | "same_name"
    a_entity: str
    b_entity: str
    a_text: str
    b_text: str
    a_article: str
    b_article: str
    decision: str  # "merged" | "kept apart"
    distance: float  # bits between the decision's weight (or margin) and what it needed
    affected: int  # mentions that would move if the decision were overturned
    row: dict | None = None  # the links.csv row, when one recorded the decision
    link: int | None = None  # that row's position in links.csv

    @property
    def value(self) -> float:
        return self.affected * 2.0 ** -self.distance

    @property
    def probability(self) -> float | None:
        p = (self.row or {}).get("probability", "")
        return float(p) if str(p) != "" else None


def decision_distance(row: dict) -> float | None:
    """Bits between a scored decision and the threshold (or margin) it was taken at; None if unscored."""
    if str(row.get("weight", "")) == "":
        return None
    weight = float(row["weight"])
    if math.isinf(weight):
        return None
    distance = abs(weight - THRESHOLD_WEIGHT)
    m = _MARGIN.search(str(row.get("reason", "")))
    if m and weight >= THRESHOLD_WEIGHT:
        distance = min(distance, abs(float(m.group(1)) - MARGIN_BITS))
    return distance


def _entity_of(entity: str, article: str, redirects: dict[str, str]) -> str:
    """The entity a side ended in; a previous registry's pseudo-article names it (`@registry:ID`)."""
    if not entity and article.startswith(PSEUDO_PREFIX):
        entity = article[len(PSEUDO_PREFIX):]
    return redirects.get(entity, entity)


class _Counts:
    """Mentions per entity and per (entity, surface form), from the registry."""

    def __init__(self, registry: pd.DataFrame):
        self.mentions = dict(zip(registry["entity_id"], registry["n_mentions"].astype(int)))
        self.forms: dict[str, dict[str, int]] = {}
        for eid, cell in zip(registry["entity_id"], registry["alias_counts"]):
            self.forms[eid] = dict(parse_alias_counts(str(cell), "", []) or {})

    def affected(self, decision: str, a: str, b: str, a_text: str, b_text: str) -> int:
        """Mentions that move if the decision flips: the smaller side."""
        if decision == "merged":
            forms = self.forms.get(a, {})
            return max(1, min(forms.get(a_text, 1), forms.get(b_text, 1)))
        return max(1, min(self.mentions.get(a, 1), self.mentions.get(b, 1)))


def near_threshold(out: Outputs, near: float = NEAR_BITS, margin_near: float = MARGIN_NEAR_BITS) -> list[Doubt]:
    """Scored decisions within `near` bits of the threshold or `margin_near` bits of the margin."""
    counts = _Counts(out.registry)
    redirects = dict(zip(out.redirects["old_id"], out.redirects["new_id"]))
    doubts = []
    for i, row in enumerate(out.link_rows):
        distance = decision_distance(row)
        if distance is None:
            continue
        weight_near = abs(float(row["weight"]) - THRESHOLD_WEIGHT) <= near
        if not weight_near and distance > margin_near:
            continue
        a = _entity_of(row["a_entity"], row["a_article"], redirects)
        b = _entity_of(row["b_entity"], row["b_article"], redirects)
        if not a or not b or (row["decision"] == "merged") != (a == b):
            continue  # overtaken: e.g. two forms kept apart here were joined through a third
        affected = counts.affected(row["decision"], a, b, row["a_text"], row["b_text"])
        doubts.append(Doubt("near_threshold", a, b, row["a_text"], row["b_text"], row["a_article"], row["b_article"], row["decision"], distance, affected, row, i))
    return doubts


def same_name_groups(registry: pd.DataFrame, rules: Rules) -> list[tuple[str, list[str]]]:
    """(folded name, entity IDs) for each full name (given name and surname) held by several entities."""
    holders: dict[str, set[str]] = defaultdict(set)
    for eid, name, aliases in zip(registry["entity_id"], registry["name"], registry["aliases"]):
        for form in {fold(name), *(fold(x) for x in str(aliases).split("|") if x)}:
            holders[form].add(eid)
    groups = {}
    for form in sorted(holders):
        ids = sorted(holders[form])
        if len(ids) >= 2 and parse_name(form, rules).kind == "full":
            groups.setdefault(tuple(ids), form)  # one group per set of entities, under its first form
    return sorted(((form, list(ids)) for ids, form in groups.items()), key=lambda g: (-len(g[1]), g[0]))


def same_name_splits(out: Outputs, rules: Rules) -> list[Doubt]:
    """One doubt per same-name group member against the group's most mentioned entity."""
    counts = _Counts(out.registry)
    names = dict(zip(out.registry["entity_id"], out.registry["name"]))
    first_article = dict(zip(out.registry["entity_id"], (str(x).split("|")[0] for x in out.registry["article_ids"])))
    scored = _scored_between(out.link_rows)
    doubts = []
    seen: set[tuple[str, str]] = set()
    for _, ids in same_name_groups(out.registry, rules):
        top, *rest = sorted(ids, key=lambda e: (-counts.mentions.get(e, 0), e))
        for other in rest:
            if (top, other) in seen:
                continue
            seen.add((top, other))
            row, link = scored.get(frozenset((top, other)), (None, None))
            distance = decision_distance(row) if row else None
            doubts.append(
                Doubt(
                    "same_name", top, other, names[top], names[other], first_article[top], first_article[other], "kept apart",
                    UNSCORED_SPLIT_BITS if distance is None else distance, counts.affected("kept apart", top, other, "", ""), row, link,
                )
            )
    return doubts


def _scored_between(link_rows: list[dict]) -> dict[frozenset, tuple[dict, int]]:
    """(row, position) of the scored decision closest to the threshold between each pair of distinct entities."""
    best: dict[frozenset, tuple[float, dict]] = {}
    for i, row in enumerate(link_rows):
        d = decision_distance(row)
        if d is None or not row["a_entity"] or row["a_entity"] == row["b_entity"]:
            continue
        key = frozenset((row["a_entity"], row["b_entity"]))
        if key not in best or d < best[key][0]:
            best[key] = (d, (row, i))
    return {k: found for k, (_, found) in best.items()}


def surname_only_entities(out: Outputs) -> list[str]:
    """Entities joined across articles only by the rule "no full name with this surname", most articles first."""
    lk = out.links
    rows = lk[(lk["stage"] == "short_name") & (lk["decision"] == "merged") & (lk["probability"].astype(str) == "")]
    ids = set(rows["a_entity"]) | set(rows["b_entity"])
    ids.discard("")
    n_articles = dict(zip(out.registry["entity_id"], out.registry["n_articles"].astype(int)))
    return sorted((e for e in ids if e in n_articles), key=lambda e: (-n_articles[e], e))


def ranked(doubts: list[Doubt]) -> list[Doubt]:
    """Most valuable first; ties in a fixed order."""
    return sorted(doubts, key=lambda d: (-d.value, d.distance, d.kind, d.a_entity, d.b_entity, d.a_text, d.b_text, d.a_article, d.b_article))
