"""Stage 2, full names across articles.

Local persons (clusters after the article stage) sharing a full-name key (given keys
+ surname key) join, unless their contexts prove two people: incompatible titles
*and* affiliations, no co-mentioned person in common, and dates more than a year apart
or unknown (the "two James Millers" case).  Then the distinct full-name forms are
paired by blocking (`block.name_pairs`), compared and scored; pairs at or above the
threshold join in order of decreasing weight (ties by node order), each merge checked
against the constraints.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from functools import cache
from typing import Callable

from ...rules import Rules
from ..comparisons import NameSide, compare, context_levels, given_relation, surname_level, title_level
from ..constraints import NO_NEW_MENTION
from ..context import Context, Contexts, GrowingContext
from ..names import ParsedName
from ..score import score
from ..state import MatchState

_TWO_PEOPLE = "same name, contexts of two people (titles and affiliations conflict, no shared co-mention, dates far or unknown)"


@dataclass(frozen=True)
class Node:
    """One full-name form of one person so far: its face in comparisons and its units."""

    rep: int  # the unit whose parsed name is compared
    root: int  # a unit of the cluster (its root when the node was made)
    units: list[int]
    order: tuple  # (full-name key, group): nodes are compared and listed in this order


def same_names(state: MatchState, contexts: Contexts) -> list[Node]:
    """Join local persons sharing a full-name key (unless two people); one node per group.

    The nodes are then paired by blocking on their faces (`block.name_pairs` on their
    `block.given_block_keys`) and the pairs scored and merged (`join_pairs`)."""
    units, clusters = state.units, state.clusters
    members = state.members()
    # Each local person with a full name, under each of its full-name keys.
    by_key: dict[tuple, list[int]] = defaultdict(list)
    for root in sorted(members):
        for u in members[root]:
            if units.kind[u] == "full":
                p = units.parsed[u]
                lst = by_key[(p.given_keys, p.surname_key)]
                if not lst or lst[-1] != root:
                    lst.append(root)
    local_ctx = cache(lambda r: contexts.of(members[r]))
    nodes: list[Node] = []
    for k in sorted(by_key):
        state.at("same_name", k)
        groups = _split_same_name(state, by_key[k], local_ctx, members)
        for gi, group in enumerate(groups):
            joined = _join_group(state, group)
            rep = min(u for u in members[group[0]] if units.kind[u] == "full" and (units.parsed[u].given_keys, units.parsed[u].surname_key) == k)
            nodes.append(Node(rep, group[0], [u for r in joined for u in members[r]], (k, gi)))
        for group in groups[1:]:
            state.link("same_name", group[0], groups[0][0], "kept apart", reason=_TWO_PEOPLE)
    return nodes


def _join_group(state: MatchState, group: list[int]) -> list[int]:
    """Join the local persons of one same-name group into its first; the ones joined.

    Two previous entities join only once a new mention is in the cluster
    (`constraints.NO_NEW_MENTION`): a previous entity refused for that alone waits until
    the group's new mentions have joined, whatever the order of the roots, so that a
    batch bridging two known entities merges them as one go over both batches would."""
    clusters = state.clusters
    head = group[0]
    joined, waiting = [head], []
    for r in group[1:]:
        why = clusters.why_not(head, r)
        if not why and clusters.merge(head, r):
            joined.append(r)
        elif why == NO_NEW_MENTION:
            waiting.append(r)
        else:
            state.link("same_name", r, head, "kept apart", reason=why)
    if len(joined) > 1:  # a new mention may have joined: the waiting ones may merge now
        still = []
        for r in waiting:
            why = clusters.why_not(head, r)
            if not why and clusters.merge(head, r):
                joined.append(r)
            else:
                still.append(r)
        waiting = still
    for r in waiting:
        state.link("same_name", r, head, "kept apart", reason=clusters.why_not(head, r))
    return joined


def _two_people(a: Context, b: Context | GrowingContext) -> bool:
    """Contexts that show two people: conflicting titles and affiliations, no shared co-mention, dates far or unknown."""
    if title_level(a.titles, b.titles) != "conflict":
        return False  # the cheap test first: two people needs conflicting titles
    lv = context_levels(a, b)
    return lv["affiliation"] == "conflict" and lv["comention"] != "shared" and lv["date"] in ("far", "missing")


def _split_same_name(state: MatchState, roots: list[int], ctx: Callable[[int], Context], members: dict[int, list[int]]) -> list[list[int]]:
    """Local persons sharing one full name: one group, unless contexts show two people."""
    if len(roots) == 1:
        return [roots]
    units = state.units
    # Only local persons with a title or affiliation can prove two people; the rest wait.
    informed = [r for r in roots if any(units.titles[u] or units.affiliations[u] for u in members[r])]
    if len(informed) < 2:
        return [roots]
    seen = set(informed)
    deferred = [r for r in roots if r not in seen]
    groups: list[tuple[list[int], GrowingContext]] = []  # (roots, their evidence together)
    for r in sorted(informed, key=lambda r: (ctx(r).dates[:1], units.article[r], r)):
        c = ctx(r)
        home = next((g for g in groups if not _two_people(c, g[1])), None)
        if home is None:
            groups.append(([r], GrowingContext(c)))
        else:
            home[0].append(r)
            home[1].add(c)
    largest = max(groups, key=lambda g: (len(g[0]), -min(g[0])))[0]
    largest.extend(deferred)
    return [sorted(rs) for rs, _ in groups]


def may_match(pa: ParsedName, pb: ParsedName, rules: Rules) -> bool:
    """Whether two faces are worth scoring: similar surnames, given names not in conflict (a hard rule)."""
    if surname_level(pa.surname_key, pb.surname_key) == "different":
        return False
    return given_relation(pa.given, pa.given_keys, pa.alt_given, pb.given, pb.given_keys, pb.alt_given, rules) != "conflict"


def join_pairs(state: MatchState, contexts: Contexts, nodes: list[Node], pairs: list[tuple[int, int]]) -> None:
    """Candidate pairs (a < b, indices into `nodes`) of distinct full-name forms, scored; merged best first."""
    parsed, rules, clusters = state.units.parsed, state.rules, state.clusters
    faces = [parsed[n.rep] for n in nodes]
    node_ctx = cache(lambda i: contexts.of(nodes[i].units))
    edges = []
    for a, b in pairs:
        pa, pb = faces[a], faces[b]
        if not may_match(pa, pb, rules):
            continue
        vec = compare(NameSide(pa, node_ctx(a)), NameSide(pb, node_ctx(b)), rules)
        sc = score(vec, "name")
        if sc.blocked:
            continue
        edges.append((-sc.weight, a, b, sc, vec))
    edges.sort(key=lambda e: (e[0], e[1], e[2]))
    for w, a, b, sc, vec in edges:
        state.at("name", w, nodes[a].order, nodes[b].order)
        ua, ub = nodes[a].root, nodes[b].root
        ra, rb = nodes[a].rep, nodes[b].rep
        if not sc.matched:
            state.scored_link("name", ra, rb, "kept apart", sc, vec, reason="below threshold")
            continue
        if clusters.find(ua) == clusters.find(ub):
            continue
        why = clusters.why_not_scored(ua, ub, vec)
        if why:
            state.scored_link("name", ra, rb, "kept apart", sc, vec, reason=why)
            continue
        clusters.merge(ua, ub)
        for u in nodes[b].units:
            state.scores[u] = min(state.scores[u], sc.probability)
        state.scored_link("name", ra, rb, "merged", sc, vec)

