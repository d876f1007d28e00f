"""The tasks of a partitioned run after the windows: each runs stages on one partition's units.

Every task takes the run's shared job (its `rules`) and a partition (a `table.UnitTable`
cut by `plan`, plus what the stage needs), builds a `MatchState` over it, runs stage
code unchanged and returns what changed (`table.Outcome`) with the decisions taken
and their positions (`state.MatchState.at`).  In the order `partition.Run` runs them:

- `articles`: the fixed and article stages again, for articles joined across windows;
- `same_names`: full-name keys (`stages.full_names.same_names`), returns the nodes;
- `block`: candidate pairs of nodes, per given-name block (`block.name_pairs`);
- `pairs_and_shorts`: scored pairs (`full_names.join_pairs`) then short names
  (`short_names.attach`) of one component of the candidate graph;
- `given_names`: lone given names looked up among the full-name persons holding them;
- `orphans`: short names without a full-name candidate anywhere (`short_names.join_orphans`).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from .block import given_block_keys, name_pairs
from .context import article_surname_keys
from .names import ParsedName
from .stages import article, fixed, full_names, short_names
from .table import Outcome, UnitTable


@dataclass(eq=False)
class Done:
    """A task's result: what changed, and the decisions with their positions."""

    outcome: Outcome
    links: list[dict]
    positions: list[tuple]


@dataclass(frozen=True)
class NodeRecord:
    """A node of the full-name stage by unit numbers of the run (`gid`), with its blocking keys."""

    order: tuple
    rep: int
    root: int
    units: np.ndarray
    given_block: list[str]  # block.given_block_keys of its face


def articles(job, table: UnitTable) -> Done:
    """The fixed and article stages on `table`'s articles as if nothing had run on them."""
    state, _ = table.to_state(job.rules, fresh=True)
    fixed.run(state)
    article.run(state)
    return Done(Outcome.of(state, article_surname_keys(state.units)), state.links, state.positions)


def same_names(job, table: UnitTable) -> tuple[Done, list[NodeRecord]]:
    """Local persons sharing full-name keys joined; the nodes they make."""
    state, contexts = table.to_state(job.rules)
    nodes = full_names.same_names(state, contexts)
    gid = table.cols["gid"]
    parsed, rules = state.units.parsed, job.rules
    records = [
        NodeRecord(n.order, int(gid[n.rep]), int(gid[n.root]), gid[np.array(n.units, dtype=np.int64)], given_block_keys(parsed[n.rep], rules))
        for n in nodes
    ]
    return Done(Outcome.of(state), state.links, state.positions), records


def block(job, nodes: tuple[pd.DataFrame, list[ParsedName], np.ndarray]) -> np.ndarray:
    """Candidate pairs (node numbers of the run, a < b) among some nodes, that may match.

    `nodes`: the nodes' blocking keys (`block.name_pairs` columns, indexed by node number
    ascending, given-name blocks cut to this partition's), their faces row by row, and
    the sorted surname keys of all nodes of the run.
    """
    frame, faces, surname_keys = nodes
    pairs = name_pairs(frame.reset_index(drop=True), surname_keys)
    if not len(pairs):
        return np.zeros((0, 2), dtype=np.int64)
    a, b = pairs["a"].to_numpy(), pairs["b"].to_numpy()
    rules = job.rules
    keep = np.array([full_names.may_match(faces[x], faces[y], rules) for x, y in zip(a.tolist(), b.tolist())], dtype=bool)
    ids = frame.index.to_numpy()
    return np.stack([ids[a[keep]], ids[b[keep]]], axis=1)


@dataclass(eq=False)
class Shorts:
    """`pairs_and_shorts` and `given_names` results beyond the outcome."""

    done: Done
    before_shorts: np.ndarray  # each unit's root once pairs were merged (rows of the partition)
    orphans: dict[tuple, list[int]]  # orphan key -> short roots (gid)


def pairs_and_shorts(job, part: tuple[UnitTable, list[NodeRecord], np.ndarray]) -> Shorts:
    """Scored node pairs merged best first, then short names attached, in one component."""
    table, records, pairs = part
    state, contexts = table.to_state(job.rules)
    gid = table.cols["gid"]
    local = {int(g): i for i, g in enumerate(gid.tolist())}
    nodes = [full_names.Node(local[r.rep], local[r.root], [local[u] for u in r.units.tolist()], r.order) for r in records]
    full_names.join_pairs(state, contexts, nodes, [(int(a), int(b)) for a, b in pairs])
    before = np.array(state.clusters.roots(), dtype=np.int64)
    orphans = short_names.attach(state, contexts)
    return Shorts(Done(Outcome.of(state), state.links, state.positions), before, _by_gid(orphans, gid))


def given_names(job, table: UnitTable) -> Shorts:
    """Lone given names (short roots without a surname candidate) among the full-name persons holding their name."""
    state, contexts = table.to_state(job.rules)
    orphans = short_names.attach(state, contexts)
    return Shorts(Done(Outcome.of(state), state.links, state.positions), np.zeros(0, dtype=np.int64), _by_gid(orphans, table.cols["gid"]))


def orphans(job, part: tuple[UnitTable, dict[tuple, list[int]]]) -> Done:
    """Orphans sharing a key joined (`orphans`: key -> short roots, gid ascending)."""
    table, by_key = part
    state, _ = table.to_state(job.rules)
    local = {int(g): i for i, g in enumerate(table.cols["gid"].tolist())}
    short_names.join_orphans(state, {k: [local[r] for r in rs] for k, rs in by_key.items()})
    return Done(Outcome.of(state), state.links, state.positions)


def _by_gid(orphans: dict[tuple, list[int]], gid: np.ndarray) -> dict[tuple, list[int]]:
    return {k: [int(gid[r]) for r in rs] for k, rs in orphans.items()}
