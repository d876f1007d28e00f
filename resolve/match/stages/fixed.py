"""Stage 0, fixed links: anchors and judgements, before any comparison.

Units sharing an anchor are joined.  A must-link judgement joins all units named by
either side (forms compared folded and as name keys, or entity IDs); a cannot-link
judgement marks the units of its two sides, and `Clusters.merge` refuses every later
merge that would join them.  These joins are forced: constraints apply from here on.
The decisions are recorded once for the whole run (`judgement_links`), from the first
unit each side names in any partition of the mentions.
"""

from __future__ import annotations

from collections import defaultdict

from ...rules import Rules
from ...text import fold
from ..names import parse_name
from ..state import MatchState, link_row


def run(state: MatchState) -> list[tuple[list[int], list[int]]]:
    """Join anchored units, apply the judgements; returns each judgement's two sides (the
    units each names, ascending), from which `judgement_links` records the decisions."""
    units, clusters = state.units, state.clusters
    by_anchor: dict[str, list[int]] = defaultdict(list)
    for u, a in enumerate(units.anchor):
        if a:
            by_anchor[a].append(u)
    for a in sorted(by_anchor):
        us = by_anchor[a]
        for u in us[1:]:
            clusters.merge(us[0], u, force=True)
    if not state.rules.judgements:
        return []
    sides = judgement_sides(state)
    for j, (judg, (a, b)) in enumerate(zip(state.rules.judgements, sides)):
        if judg.judgement == "must_link":
            group = a + b
            for u in group[1:]:
                clusters.merge(group[0], u, force=True)
        else:
            for us, s in ((a, 0), (b, 1)):
                for u in us:
                    clusters.mark_cannot(u, j, s)
    return sides


def judgement_sides(state: MatchState) -> list[tuple[list[int], list[int]]]:
    """The units named by each side of each judgement: forms compared folded and as name keys, or entity IDs."""
    units, rules = state.units, state.rules
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

    return [(side(judg.a), side(judg.b)) for judg in rules.judgements]


def judgement_links(rules: Rules, firsts: list[tuple[tuple[str, str] | None, tuple[str, str] | None]]) -> list[tuple[int, dict]]:
    """The judgement decisions, (judgement index, schema.LINKS_COLUMNS row), for each judgement whose two sides name units.

    `firsts[j]`: (article, form) of the first unit of each side of judgement j, None for a side naming none.
    """
    rows = []
    for j, (judg, (a, b)) in enumerate(zip(rules.judgements, firsts)):
        if a is None or b is None:
            continue
        if judg.judgement == "must_link":
            rows.append((j, link_row("judgement", a, b, "merged", p=1.0, reason=f"must_link {judg.a!r} = {judg.b!r} ({judg.where})")))
        else:
            rows.append((j, link_row("judgement", a, b, "kept apart", p=0.0, reason=f"cannot_link {judg.a!r} / {judg.b!r} ({judg.where})")))
    return rows
