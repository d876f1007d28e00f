"""The review queue: uncertain decisions that a yes/no answer can settle, most valuable first.

Each doubt (resolve.report.uncertain) becomes a question only when its answer can be
written as a judgement that the next run obeys exactly:
- two full names that are different name forms -> a judgement on the names, which
  holds in any later run (`--rules DIR`);
- otherwise two different entities -> a judgement on their entity IDs, which holds in
  runs that continue this registry (`--rules DIR --registry OUTDIR`);
- otherwise (a short name merged into a full name, one entity): no question, since a
  name judgement on "Miller" would pull every "Miller" of every article; the report's
  "needs review" list still shows these.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..match.names import parse_name
from ..report import uncertain
from ..report.outputs import Outputs
from ..rules import Rules
from .judgements import pair_key


@dataclass(frozen=True)
class Question:
    doubt: uncertain.Doubt
    a: str  # judgement side a: a name, or an entity ID (by_id)
    b: str
    by_id: bool  # the sides are entity IDs (hold with --registry OUTDIR)


def judgement_sides(d: uncertain.Doubt, rules: Rules) -> tuple[str, str, bool] | None:
    """(a, b, by_id) for the judgement answering `d`, or None when no judgement can say it exactly."""
    pa, pb = parse_name(d.a_text, rules), parse_name(d.b_text, rules)
    if pa.kind == "full" and pb.kind == "full" and pa.name_norm != pb.name_norm:
        return d.a_text, d.b_text, False
    if d.a_entity != d.b_entity:
        return d.a_entity, d.b_entity, True
    return None


def questions(out: Outputs, rules: Rules) -> list[Question]:
    """Every answerable doubt of `out`, most valuable first, one question per pair of sides."""
    seen: set[tuple[str, ...]] = set()
    result = []
    for d in uncertain.ranked(uncertain.near_threshold(out) + uncertain.same_name_splits(out, rules)):
        sides = judgement_sides(d, rules)
        if sides is None:
            continue
        key = pair_key(*sides[:2])
        if key in seen:
            continue
        seen.add(key)
        result.append(Question(d, *sides))
    return result
