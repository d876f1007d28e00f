"""Union-find, and the clusters of units whose merges are checked against the constraints.

`UnionFind` is the project's one disjoint-set structure (the engine's clusters, the
registry's merging of anchors, the benchmark's baseline).  `Clusters` extends it for
the engine: each cluster keeps what a merge must be checked against, and `merge`
refuses a merge that would break a constraint:

- two different hard anchors (fixed IDs) never join;
- the two sides of a cannot-link judgement never join;
- every pair of given names inside a cluster must be compatible
  (`comparisons.given_relation` is not "conflict"), so "J. Miller" can never bridge
  "James Miller" and "John Miller";
- two entities of a previous registry (`--registry`) join only on a decision that
  involves a new mention: re-running known articles never merges what was kept apart.
  A merge decided on a score (`why_not_scored`) of two previous entities, one of them
  known without its context (a registry without bookkeeping, or only by names set by
  hand: no co-mentioned people), also needs positive evidence
  (`comparisons.positive_evidence`): never "only candidate" against a bare name.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..rules import Rules
from .comparisons import ComparisonVector, given_relation, positive_evidence
from .names import ParsedName
from .units import Units


#: `why_not` between two clusters of previous entities alone: a cluster that a new mention
#: joins later may still merge (`stages.full_names.same_names` tries again).
NO_NEW_MENTION = "two entities of the previous registry, and no new mention joins them"
PREVIOUS_WITHOUT_EVIDENCE = (
    "two entities of the previous registry, one known without its context, and no positive evidence (title, affiliation, co-mention or full name) joins them"
)


class UnionFind:
    """Disjoint sets over 0..n-1.  The smaller element stays root, so the sets and their
    roots do not depend on the order of the unions."""

    __slots__ = ("parent",)

    def __init__(self, n: int):
        self.parent = list(range(n))

    def find(self, x: int) -> int:
        parent = self.parent
        while parent[x] != x:
            parent[x] = parent[parent[x]]  # path halving
            x = parent[x]
        return x

    def union(self, a: int, b: int) -> int:
        """Join the sets of a and b; returns the root of the joined set."""
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return ra
        if rb < ra:
            ra, rb = rb, ra
        self.parent[rb] = ra
        self._joined(ra, rb)
        return ra

    def _joined(self, root: int, child: int) -> None:
        """Called when `child`'s set has just been joined under `root`."""

    def roots(self) -> list[int]:
        """The root of every element."""
        return [self.find(x) for x in range(len(self.parent))]

    def groups(self) -> dict[int, list[int]]:
        """Root -> its elements, ascending (roots come in ascending order: each is its set's smallest)."""
        out: dict[int, list[int]] = {}
        for x, r in enumerate(self.roots()):
            out.setdefault(r, []).append(x)
        return out


@dataclass(slots=True)
class ClusterInfo:
    """What a cluster must keep to check merges: given names, hard anchors, cannot-link sides.

    Sets are created only when needed: most clusters have one given-name form and no
    anchors or judgements.
    """

    givens: set | None = None  # (given, given_keys, alt_given) of full/initial units
    anchors: set | None = None
    cannot: set | None = None  # (judgement index, side)
    prior: set | None = None  # IDs of the previous registry's entities in the cluster
    fresh: bool = True  # holds a new mention (not only a previous registry's evidence)

    @property
    def empty(self) -> bool:
        """Nothing to check against: no given names, anchors, judgements or previous entities.
        (A merge with it may still make the other cluster `fresh`.)"""
        return not (self.givens or self.anchors or self.cannot or self.prior)

    def absorb(self, other: ClusterInfo) -> None:
        self.fresh = self.fresh or other.fresh
        for name in ("givens", "anchors", "cannot", "prior"):
            theirs = getattr(other, name)
            if theirs:
                mine = getattr(self, name)
                if mine is None:
                    setattr(self, name, set(theirs))
                else:
                    mine |= theirs


_EMPTY = ClusterInfo()  # info of a unit that is no longer a root (never read or changed)


def _givens(p: ParsedName) -> tuple:
    return (p.given, p.given_keys, p.alt_given)


def unit_info(kind: str, parsed: ParsedName, anchor: str, soft: bool, previous: bool) -> ClusterInfo:
    """The info of a cluster of one unit: its given names (full and initial forms), its hard
    anchor, and for a previous registry's evidence its entity and that it holds no new mention."""
    info = ClusterInfo()
    if kind in ("full", "initial"):
        info.givens = {_givens(parsed)}
    if anchor and not soft:
        info.anchors = {anchor}
    if previous:
        info.fresh = False
        if anchor:
            info.prior = {anchor}
    return info


class Clusters(UnionFind):
    """Clusters of units; `merge` joins two unless a constraint forbids it."""

    __slots__ = ("units", "rules", "_infos")

    def __init__(self, units: Units, rules: Rules):
        super().__init__(len(units))
        self.units = units
        self.rules = rules
        self._infos: list[ClusterInfo | None] = [None] * len(units)  # built on first use (see `info`)

    def info(self, root: int) -> ClusterInfo:
        got = self._infos[root]
        if got is None:
            got = self._infos[root] = self._unit_info(root)
        return got

    def _unit_info(self, u: int) -> ClusterInfo:
        units = self.units
        return unit_info(units.kind[u], units.parsed[u], units.anchor[u], units.soft[u], units.previous[u])

    def _joined(self, root: int, child: int) -> None:
        self.info(root).absorb(self.info(child))
        self._infos[child] = _EMPTY

    def why_not(self, a: int, b: int) -> str:
        """'' when the clusters of units a and b may merge, else the rule that forbids it."""
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return ""
        ia, ib = self.info(ra), self.info(rb)
        if ia.anchors and ib.anchors and ia.anchors != ib.anchors:
            return "different fixed entity IDs"
        if ia.cannot and ib.cannot and any((j, 1 - s) in ib.cannot for j, s in ia.cannot):
            return "cannot_link judgement"
        if ia.prior and ib.prior and not (ia.fresh or ib.fresh):
            return NO_NEW_MENTION
        if ia.givens and ib.givens and ia.givens != ib.givens:
            rel = given_relation
            # In a fixed order: a set of strings iterates in the order of their hashes, which
            # differ from process to process, and the first conflict found names the reason.
            for ga, ka, xa in sorted(ia.givens, key=repr):
                for gb, kb, xb in sorted(ib.givens, key=repr):
                    if rel(ga, ka, xa, gb, kb, xb, self.rules) == "conflict":
                        return f"given names differ ({' '.join(ga)} / {' '.join(gb)})"
        return ""

    def why_not_scored(self, a: int, b: int, vec: ComparisonVector) -> str:
        """`why_not`, and for a merge decided on the score `vec`: two entities of the previous
        registry join only on positive evidence."""
        ra, rb = self.find(a), self.find(b)
        why = self.why_not(a, b)
        if why or ra == rb:
            return why
        ia, ib = self.info(ra), self.info(rb)
        if ia.prior and ib.prior and vec.levels.get("comention") == "missing" and not positive_evidence(vec):
            return PREVIOUS_WITHOUT_EVIDENCE
        return ""

    def merge(self, a: int, b: int, *, force: bool = False) -> bool:
        """Join the clusters of units a and b unless a constraint forbids it (`force`: regardless)."""
        if not force and self.why_not(a, b):
            return False
        self.union(a, b)
        return True

    def built_infos(self) -> dict[int, ClusterInfo]:
        """Root -> its info, for the clusters whose info has been built (the others derive it from their unit)."""
        return {r: i for r, i in enumerate(self._infos) if i is not None and i is not _EMPTY and self.parent[r] == r}

    def restore(self, roots: list[int], infos: dict[int, ClusterInfo]) -> None:
        """Clusters as `roots` (each unit's root, itself the smallest unit of its cluster) and `built_infos` give them."""
        self.parent = roots
        for r, info in infos.items():
            self._infos[r] = info

    def mark_cannot(self, u: int, judgement: int, side: int) -> None:
        """Unit u's cluster is side `side` (0 or 1) of cannot-link judgement `judgement`."""
        info = self.info(self.find(u))
        info.cannot = (info.cannot or set()) | {(judgement, side)}

    def rename(self, u: int, old: ParsedName, new: ParsedName) -> None:
        """Unit u now stands for `new` instead of `old`: its cluster's given names follow."""
        info = self.info(self.find(u))
        givens = info.givens = info.givens or set()
        givens.discard(_givens(old))
        if new.given:
            givens.add(_givens(new))
