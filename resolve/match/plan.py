"""Which units go together in each round of a partitioned run: the client's share of the work.

A partition must hold every unit a stage could look at while deciding about it, so
that the stage decides there exactly as it would over the whole run.  The functions
here find such partitions from the run's `table.UnitTable` with numpy and over the
name vocabulary (distinct name forms and keys), never per mention:

- `same_name_groups`: local persons with a full name, linked by the full-name keys
  they share (a person holding two keys links them);
- `shorts_groups`: the components of the candidate graph after the same-name joins:
  node pairs, and each short name with every full-name person it could join (by
  surname or phonetic key, or by given name for a lone word that has no such candidate
  or carries constraints, and is not deferred); a short
  name with no candidate and no constraint (and, in a run continuing a registry, no
  new mention: joining a previous entity, a new mention makes it `fresh`) is *deferred*:
  its lone-given-name lookup reads full-name persons without changing what later
  decisions read of them, so it runs later (`given_name_groups`) against a snapshot;
- `given_name_groups`: the deferred short names with the full-name persons holding
  their name as a given name;
- `orphan_groups`: orphans by key.

Groups are packed into partitions of about `PARTITION_UNITS` units (`pack`); the
packing changes how the work is spread, never a decision.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy.sparse import coo_matrix
from scipy.sparse.csgraph import connected_components

from ..rules import Rules
from .block import lookup
from .comparisons import surname_level
from .constraints import unit_info
from .names import ParsedName, surname_phonetic
from ..columns import Vocab, objects
from .table import KIND_CODE, KINDS, UnitTable

#: Units per partition (a group larger than this is one partition of its own).
PARTITION_UNITS = 50_000

FULL, INITIAL, SINGLE = KIND_CODE["full"], KIND_CODE["initial"], KIND_CODE["single"]


def components(n: int, a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Component label of each of n nodes joined by the edges (a[i], b[i])."""
    graph = coo_matrix((np.ones(len(a), dtype=np.int8), (a, b)), shape=(n, n))
    return connected_components(graph, directed=False)[1]


def pack(sizes: list[int], cap: int = PARTITION_UNITS) -> list[list[int]]:
    """Groups (by size, in order) packed into partitions of about `cap` units: the groups of each partition."""
    out: list[list[int]] = []
    size = 0
    for i, n in enumerate(sizes):
        if not out or (size + n > cap and size):
            out.append([])
            size = 0
        out[-1].append(i)
        size += n
    return out


def members(root: np.ndarray, roots: np.ndarray) -> np.ndarray:
    """Rows whose cluster root is one of `roots`."""
    return np.flatnonzero(np.isin(root, roots))


def _group_rows(rows: np.ndarray, labels: np.ndarray) -> list[np.ndarray]:
    """`rows` split by `labels`, groups in order of their first row."""
    if not len(rows):
        return []
    order = np.lexsort((rows, labels))
    rows, labels = rows[order], labels[order]
    cuts = np.flatnonzero(np.diff(labels)) + 1
    groups = np.split(rows, cuts)
    return sorted(groups, key=lambda g: int(g[0]))


def _names(table: UnitTable) -> list[ParsedName]:
    return table.vocab["names"].values


def _per_name(table: UnitTable, fn) -> np.ndarray:
    """fn(ParsedName) for every name of the vocabulary, as an object array (index = name code)."""
    return objects([fn(p) for p in _names(table)])


def same_name_groups(table: UnitTable) -> list[np.ndarray]:
    """Rows of the local persons with a full name, grouped by the full-name keys they share."""
    kind, root, parsed = table.cols["kind"], table.cols["root"], table.cols["parsed"]
    full = np.flatnonzero(kind == FULL)
    if not len(full):
        return []
    keys = Vocab()
    key_of_name = keys.codes(_per_name(table, lambda p: (p.given_keys, p.surname_key)).tolist())
    roots, ri = np.unique(root[full], return_inverse=True)
    labels = components(len(roots) + len(keys.values), ri, len(roots) + key_of_name[parsed[full]])[: len(roots)]
    rows = members(root, roots)
    return _group_rows(rows, labels[np.searchsorted(roots, root[rows])])


@dataclass(eq=False)
class ShortRoots:
    """The short local persons (clusters of surname-only and initials forms) of a table."""

    roots: np.ndarray  # ascending
    rep: np.ndarray  # the representative row of each (`short_names.short_rep`)


def short_roots(table: UnitTable) -> ShortRoots:
    kind, root = table.cols["kind"], table.cols["root"]
    is_short = (kind == INITIAL) | (kind == SINGLE)
    n = len(table)
    all_short = np.bincount(root, weights=~is_short, minlength=n) == 0
    rows = np.flatnonzero(all_short[root])
    # short_names.short_rep: initials first, then the most mentioned, then the first unit.
    order = np.lexsort((rows, -table.cols["size"][rows], kind[rows] != INITIAL, root[rows]))
    rows = rows[order]
    first = np.ones(len(rows), dtype=bool)
    first[1:] = root[rows][1:] != root[rows][:-1]
    return ShortRoots(root[rows][first], rows[first])


def _full_keys(table: UnitTable) -> pd.DataFrame:
    """(root, surname_key, surname_phonetic) of each full-name cluster, once per surname key."""
    kind, root, parsed = table.cols["kind"], table.cols["root"], table.cols["parsed"]
    full = np.flatnonzero(kind == FULL)
    key = _per_name(table, lambda p: p.surname_key)
    df = pd.DataFrame({"root": root[full], "surname_key": key[parsed[full]]}).drop_duplicates(ignore_index=True)
    df["surname_phonetic"] = [surname_phonetic(k) for k in df["surname_key"]]
    return df


def _by_given(table: UnitTable, root: np.ndarray) -> pd.DataFrame:
    """(token, root) for each full-name unit: its first full given key and its quoted nickname
    (`short_names._FullNames.by_given`), with `root` the clusters to list."""
    kind, parsed = table.cols["kind"], table.cols["parsed"]
    full = np.flatnonzero(kind == FULL)
    first = _per_name(table, lambda p: p.given_keys[0] if p.given_keys and len(p.given_keys[0]) > 1 else "")
    alt = _per_name(table, lambda p: p.alt_given)
    codes = parsed[full]
    df = pd.concat([pd.DataFrame({"token": first[codes], "root": root[full]}), pd.DataFrame({"token": alt[codes], "root": root[full]})])
    return df[df["token"] != ""].drop_duplicates(ignore_index=True)


def _tokens(token: str, rules: Rules) -> list[str]:
    """The given names a lone given name looks up: itself and its nicknames (`short_names._attach_given_only`)."""
    return [token, *rules.nicknames.get(token, ())]


def _lookups(table: UnitTable, rules: Rules, shorts: ShortRoots, root: np.ndarray, sel: np.ndarray) -> pd.DataFrame:
    """(short, root) pairs: each selected single short root with the clusters listed under its tokens."""
    names = _names(table)
    by = _by_given(table, root).groupby("token")["root"].apply(list).to_dict()
    rows = []
    for r, rep in zip(shorts.roots[sel].tolist(), shorts.rep[sel].tolist()):
        for t in _tokens(names[table.cols["parsed"][rep]].surname_key, rules):
            rows += [(r, c) for c in by.get(t, ())]
    return pd.DataFrame(rows, columns=["short", "root"], dtype="int64")


@dataclass(eq=False)
class ShortsPlan:
    """The groups of the pairs-and-shorts round and the short roots deferred to the given-name round."""

    groups: list[np.ndarray]  # rows
    deferred: ShortRoots


def shorts_groups(table: UnitTable, rules: Rules, node_roots: np.ndarray, pairs: np.ndarray) -> ShortsPlan:
    """Components of the candidate graph over the clusters (see the module doc).

    `node_roots`: each node's cluster root (row); `pairs`: node pairs (indices) that may match.
    """
    root, kind, parsed = table.cols["root"], table.cols["kind"], table.cols["parsed"]
    names = _names(table)
    shorts = short_roots(table)
    edges = [np.stack([node_roots[pairs[:, 0]], node_roots[pairs[:, 1]]], axis=1)] if len(pairs) else []
    right = _full_keys(table)
    rep_names = [names[c] for c in parsed[shorts.rep].tolist()]
    left = pd.DataFrame({"surname_key": [p.surname_key for p in rep_names], "surname_phonetic": [p.phonetic for p in rep_names]})
    found = lookup(left, right) if len(left) and len(right) else pd.DataFrame({"left": [], "right": []}, dtype="int64")
    lk, rk = left["surname_key"].to_numpy()[found["left"].to_numpy()], right["surname_key"].to_numpy()[found["right"].to_numpy()]
    similar = np.array([surname_level(a, b) != "different" for a, b in zip(lk.tolist(), rk.tolist())], dtype=bool)
    cand = found[similar] if len(found) else found
    has_cand = np.zeros(len(shorts.roots), dtype=bool)
    has_cand[cand["left"].to_numpy()] = True
    edges.append(np.stack([shorts.roots[cand["left"].to_numpy()], right["root"].to_numpy()[cand["right"].to_numpy()]], axis=1))
    infos = [_info(table, r) for r in shorts.roots.tolist()]
    empty = np.array([i.empty for i in infos], dtype=bool)
    # A new mention joining a person of a previous registry makes it `fresh`, which later
    # decisions about that person read: with previous units in the run, only the short
    # names holding no new mention wait.
    waits = np.array([not i.fresh for i in infos], dtype=bool) if table.cols["previous"].any() else np.ones(len(infos), dtype=bool)
    deferred = ~has_cand & empty & waits
    # A lone word looks up given names when it has no surname candidate, or when a constraint
    # of its own may refuse them all (`short_names.attach`).
    looks_up = (~has_cand | ~empty) & ~deferred & (kind[shorts.rep] == SINGLE)
    given = _lookups(table, rules, shorts, root, looks_up)
    edges.append(given.to_numpy().reshape(-1, 2))
    kept = shorts.roots[~deferred]
    edge = np.concatenate(edges) if edges else np.zeros((0, 2), dtype=np.int64)
    nodes = np.unique(np.concatenate([edge.ravel(), kept]))
    a, b = np.searchsorted(nodes, edge[:, 0]), np.searchsorted(nodes, edge[:, 1])
    labels = components(len(nodes), a, b)
    rows = members(root, nodes)
    groups = _group_rows(rows, labels[np.searchsorted(nodes, root[rows])])
    return ShortsPlan(groups, ShortRoots(shorts.roots[deferred], shorts.rep[deferred]))


def given_name_groups(table: UnitTable, rules: Rules, deferred: ShortRoots, before_shorts: np.ndarray) -> list[np.ndarray]:
    """Rows of each deferred short root with the full-name persons (as `before_shorts`
    gives their clusters) it may look up by given name; persons may be in several groups."""
    names = _names(table)
    by = _by_given(table, before_shorts).groupby("token")["root"].apply(list).to_dict()
    need: dict[str, list[int]] = defaultdict(list)  # token -> deferred roots
    for r, rep in zip(deferred.roots.tolist(), deferred.rep.tolist()):
        p = names[table.cols["parsed"][rep]]
        need[p.surname_key if KINDS[table.cols["kind"][rep]] == "single" else ""].append(r)
    order = np.argsort(before_shorts, kind="stable")
    sorted_roots = before_shorts[order]
    groups = []
    for token in sorted(need):
        clusters = sorted({c for t in (_tokens(token, rules) if token else []) for c in by.get(t, ())})
        lo, hi = np.searchsorted(sorted_roots, clusters), np.searchsorted(sorted_roots, clusters, side="right")
        rows = [order[a:b] for a, b in zip(lo.tolist(), hi.tolist())] + [members(table.cols["root"], np.array(need[token]))]
        groups.append(np.sort(np.concatenate(rows)))
    return groups


def orphan_groups(table: UnitTable, orphans: dict[tuple, list[int]]) -> list[np.ndarray]:
    """Rows of the orphans of each key, keys in sorted order."""
    root = table.cols["root"]
    return [members(root, np.array(orphans[k])) for k in sorted(orphans)]


def _info(table: UnitTable, r: int):
    info = table.infos.get(r)
    if info is not None:
        return info
    c = table.cols
    return unit_info(KINDS[c["kind"][r]], _names(table)[c["parsed"][r]], table.vocab["strings"].values[c["anchor"][r]], bool(c["soft"][r]), bool(c["previous"][r]))
