"""Stage 0, fixed links: anchors and judgements, before any comparison.

Units sharing an anchor are joined.  A must-link judgement joins all units named by
either side (forms compared folded and as name keys, or entity IDs); a cannot-link
judgement marks the units of its two sides, and `Clusters.merge` refuses every later
merge that would join them.  These joins are forced: constraints apply from here on.
"""

from __future__ import annotations

from collections import defaultdict

from ...text import fold
from ..names import parse_name
from ..state import MatchState


def run(state: MatchState) -> None:
    units, clusters = state.units, state.clusters
    by_anchor: dict[str, list[int]] = defaultdict(list)
    for u, a in enumerate(units.anchor):
        if a:
            by_anchor[a].append(u)
    for a in sorted(by_anchor):
        us = by_anchor[a]
        for u in us[1:]:
            clusters.merge(us[0], u, force=True)
    if state.rules.judgements:
        _judgements(state)


def _judgements(state: MatchState) -> None:
    units, clusters, rules = state.units, state.clusters, state.rules
    by_norm: dict[str, list[int]] = defaultdict(list)
    for u, norm in enumerate(units.norm):
        by_norm[norm].append(u)
    by_id: dict[str, list[int]] = defaultdict(list)
    for u, a in enumerate(units.anchor):
        if a:
            by_id[fold(a)].append(u)

    def side(name: str) -> list[int]:
        keys = {fold(name), parse_name(name, rules).name_norm}
        out = set(by_id.get(fold(name), ()))
        for k in keys:
            out.update(by_norm.get(k, ()))
        return sorted(out)

    for j, judg in enumerate(rules.judgements):
        a, b = side(judg.a), side(judg.b)
        if judg.judgement == "must_link":
            group = a + b
            for u in group[1:]:
                clusters.merge(group[0], u, force=True)
            if a and b:
                state.link("judgement", a[0], b[0], "merged", p=1.0, reason=f"must_link {judg.a!r} = {judg.b!r} ({judg.where})")
        else:
            for us, s in ((a, 0), (b, 1)):
                for u in us:
                    clusters.mark_cannot(u, j, s)
            if a and b:
                state.link("judgement", a[0], b[0], "kept apart", p=0.0, reason=f"cannot_link {judg.a!r} / {judg.b!r} ({judg.where})")
