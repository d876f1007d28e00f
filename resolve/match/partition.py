"""A partitioned matching run: the decisions of one state over all units, taken in partitions.

The client (`Run`) receives the prepared article windows (`window.prepare_window`,
run where the mentions are), joins their units into the run's `table.UnitTable`,
and then runs each stage over partitions that hold everything its decisions look at
(`plan`), as tasks on an executor (`resolve.sources.executors`: this process, local
processes or a Dask cluster).  Between rounds it keeps only the table, the name
vocabulary and the decisions; no worker needs the whole corpus.

1. articles joined across windows by an anchor or a must-link judgement: the fixed
   and article stages again, together (`rounds.articles`); judgement decisions from
   the first unit each side names in any window;
2. same full-name keys (`rounds.same_names`) -> the nodes of the full-name stage;
3. blocking over the nodes' faces per given-name block (`rounds.block`);
4. components of the candidate graph: pairs merged best first, then short names
   (`rounds.pairs_and_shorts`);
5. deferred lone given names against a snapshot of the full-name persons (`rounds.given_names`);
6. orphans by key (`rounds.orphans`).

Each decision carries its position in the global decision order (`state.MatchState.at`),
so the links come out in the order one state would have taken them.  The result is
the same for any number of windows' workers and any partition size.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

import numpy as np
import pandas as pd

from ..columns import CodedFrames, Vocab
from ..memory import give_back
from ..rules import Rules
from ..schema import LINKS_COLUMNS
from . import plan, rounds
from .block import sorted_surname_keys
from .constraints import UnionFind
from .stages.fixed import judgement_links
from .state import STAGE_ORDER
from .ragged import Ragged
from .table import Concat, UnitTable
from .window import WindowPart

Map = Callable[[Callable, Iterable], Iterator]
_ARTICLE = STAGE_ORDER.index("article")


@dataclass(eq=False)
class Clustering:
    """What a run decided: per unit (`gid`) its cluster label and score; per label its fixed ID; the links."""

    label: np.ndarray
    score: np.ndarray
    anchor: dict[int, str]  # label -> the fixed entity ID its cluster carries (one, else absent)
    links: pd.DataFrame  # schema.LINKS_COLUMNS, in decision order


class _Decisions:
    """Links of many tasks with their positions, put in the global decision order at the end.

    Rows are kept as codes; the positions of the article stage (most links) as a code of
    their article, the few others as tuples."""

    def __init__(self) -> None:
        self.store = CodedFrames(LINKS_COLUMNS)
        self.articles = Vocab()  # article of an article-stage position
        self.article: list[np.ndarray] = []  # per chunk: article code, -1 for other stages
        self.other: list[list[tuple]] = []  # per chunk: the positions of the other stages
        self.keep: list[np.ndarray] = []  # per chunk: rows still kept (see `drop`)

    def add(self, links: list[dict], positions: list[tuple]) -> None:
        if not links:
            return
        self.store.append(pd.DataFrame.from_records(links, columns=LINKS_COLUMNS))
        is_article = np.array([p[0] == _ARTICLE for p in positions], dtype=bool)
        codes = np.full(len(positions), -1, dtype=np.int64)
        codes[is_article] = self.articles.codes([p[1] for p, a in zip(positions, is_article) if a])
        self.article.append(codes)
        self.other.append([p for p, a in zip(positions, is_article) if not a])
        self.keep.append(np.ones(len(positions), dtype=bool))

    def drop_articles(self, articles: set[str]) -> None:
        """Leave out the article-stage links already added for `articles`."""
        gone = self.articles.codes(sorted(articles))
        for codes, keep in zip(self.article, self.keep):
            keep &= ~np.isin(codes, gone)

    def frame(self) -> pd.DataFrame:
        """The links in decision order: judgements, the article stage by article, then the rest by position."""
        if not self.article:
            return pd.DataFrame(columns=LINKS_COLUMNS)
        codes = np.concatenate(self.article)
        keep = np.concatenate(self.keep)
        rows = np.arange(len(codes))
        rank = np.empty(len(self.articles), dtype=np.int64)
        rank[sorted(range(len(self.articles)), key=self.articles.values.__getitem__)] = np.arange(len(self.articles))
        art_rows = rows[(codes >= 0) & keep]
        art_rows = art_rows[np.argsort(rank[codes[art_rows]], kind="stable")]
        others = [(p, i) for i, p in zip(rows[codes < 0].tolist(), (p for chunk in self.other for p in chunk))]
        others.sort(key=lambda x: x[0])  # stable: one task's own order stays
        before = [i for p, i in others if p[0] < _ARTICLE]
        after = [i for p, i in others if p[0] > _ARTICLE]
        order = np.concatenate([np.array(before, dtype=np.int64), art_rows, np.array(after, dtype=np.int64)])
        return self.store.frame().iloc[order].reset_index(drop=True)


class _Nodes:
    """The nodes of the full-name stage (`rounds.NodeRecord`s of all partitions) as columns,
    in node order: a record per node as objects (a tuple, an array, a list of strings)
    cost ~0.7 KB a node, and most of the client's growth in the rounds.  `record(i)` gives
    node i back as the record a task receives (its order: its number `i`)."""

    def __init__(self) -> None:
        self.orders: list[tuple] | None = []  # until `sort`
        self.rep = np.zeros(0, dtype=np.int64)
        self.root = np.zeros(0, dtype=np.int64)
        self.blocks = Vocab()  # given-name block keys, each once
        self._reps: list[np.ndarray] = []
        self._roots: list[np.ndarray] = []
        self._units: list[np.ndarray] = []
        self._n_units: list[np.ndarray] = []
        self._block_codes: list[np.ndarray] = []
        self._n_blocks: list[np.ndarray] = []
        self.units: Ragged | None = None
        self.given: Ragged | None = None

    def __len__(self) -> int:
        return len(self.rep) if self.orders is None else len(self.orders)

    def add(self, records: list[rounds.NodeRecord]) -> None:
        """Take one partition's records in (before `sort`)."""
        assert self.orders is not None
        self.orders += [r.order for r in records]
        self._reps.append(np.array([r.rep for r in records], dtype=np.int64))
        self._roots.append(np.array([r.root for r in records], dtype=np.int64))
        self._units.append(np.concatenate([r.units for r in records]).astype(np.int64) if records else np.zeros(0, dtype=np.int64))
        self._n_units.append(np.array([len(r.units) for r in records], dtype=np.int64))
        self._block_codes.append(self.blocks.codes([k for r in records for k in r.given_block]).astype(np.int32))
        self._n_blocks.append(np.array([len(r.given_block) for r in records], dtype=np.int64))

    def sort(self) -> None:
        """The nodes in their order (stable: equal orders keep the order they came in)."""
        assert self.orders is not None
        orders, self.orders = self.orders, None
        perm = np.array(sorted(range(len(orders)), key=orders.__getitem__), dtype=np.int64)
        del orders
        cat = lambda parts, dtype: np.concatenate(parts).astype(dtype) if parts else np.zeros(0, dtype=dtype)  # noqa: E731
        self.rep = cat(self._reps, np.int64)[perm]
        self.root = cat(self._roots, np.int64)[perm]
        self.units = _ragged_in(cat(self._units, np.int64), cat(self._n_units, np.int64), perm)
        self.given = _ragged_in(cat(self._block_codes, np.int32), cat(self._n_blocks, np.int64), perm)
        self._reps = self._roots = self._units = self._n_units = self._block_codes = self._n_blocks = []
        self.blocks.forget_index()

    def given_block(self, i: int) -> list[str]:
        values = self.blocks.values
        return [values[c] for c in self.given[i].tolist()]

    def record(self, i: int) -> rounds.NodeRecord:
        return rounds.NodeRecord(i, int(self.rep[i]), int(self.root[i]), self.units[i].copy(), self.given_block(i))


def _ragged_in(flat: np.ndarray, counts: np.ndarray, perm: np.ndarray) -> Ragged:
    """The items of (`flat` cut by `counts`) taken in the order `perm`, as one `Ragged`."""
    starts = np.zeros(len(counts) + 1, dtype=np.int64)
    np.cumsum(counts, out=starts[1:])
    n = counts[perm]
    out = Ragged([], dtype=flat.dtype)
    out.offsets = np.zeros(len(perm) + 1, dtype=np.int64)
    np.cumsum(n, out=out.offsets[1:])
    # Row of each item of the output in `flat`: its item's start there plus its place within the item.
    within = np.arange(int(out.offsets[-1]), dtype=np.int64) - np.repeat(out.offsets[:-1], n)
    out.flat = flat[np.repeat(starts[:-1][perm], n) + within]
    return out


class Run:
    """The client side of a partitioned run: `add` each prepared window in article order, then `finish`."""

    def __init__(self, rules: Rules, map_: Map, partition_units: int | None = None) -> None:
        self.rules = rules
        self.map = map_
        self.cap = partition_units or plan.PARTITION_UNITS
        self.units = Concat()
        self.windows = 0
        self.decisions = _Decisions()
        self.firsts: list[list[tuple[int, str, str] | None]] = [[None, None] for _ in rules.judgements]
        self.joins: list[tuple[int, str, str]] = []  # (window, article, anchor key or must-link) for the coupling check

    def add(self, part: WindowPart) -> int:
        """Take in the next window; returns the run number (`gid`) of its first unit."""
        w = self.windows
        self.windows += 1
        offset = self.units.add(part.table)
        self.decisions.add(part.links, part.positions)
        for j, sides in enumerate(part.firsts):
            for s, first in enumerate(sides):
                if first is not None and self.firsts[j][s] is None:  # windows come in unit order
                    self.firsts[j][s] = (first[0] + offset, first[1], first[2])
        self.joins += [(w, a, "a:" + k) for k, arts in part.anchors.items() for a in arts]
        self.joins += [(w, a, f"j:{j}") for j, arts in part.must.items() for a in arts]
        return offset

    def finish(self) -> Clustering:
        table = self.units.table()
        # Articles are looked up again only when an article round runs (rarely): a million
        # article ids' indexes need not be held through the rounds.
        table.vocab["articles"].forget_index()
        self.decisions.articles.forget_index()
        judged = judgement_links(self.rules, [tuple(None if f is None else f[1:] for f in sides) for sides in self.firsts])
        self.decisions.add([row for _, row in judged], [(0, j) for j, _ in judged])
        self._articles_across_windows(table)
        nodes = self._same_names(table)
        give_back()
        pairs = self._pairs(table, nodes)
        give_back()  # each round's partitions are freed when it ends: their memory goes back
        deferred, before, orphans = self._pairs_and_shorts(table, nodes, pairs)
        del nodes, pairs
        give_back()
        merges = self._given_names(table, deferred, before, orphans)
        self._orphans(table, orphans)
        give_back()
        return self._result(table, merges)

    # ------------------------------------------------------------------ rounds

    def _articles_across_windows(self, table: UnitTable) -> None:
        """Articles linked by an anchor or must-link judgement held in two windows, run again together."""
        if not self.joins:
            return
        items = sorted({x for _, a, k in self.joins for x in (("art", a), ("key", k))})
        index = {x: i for i, x in enumerate(items)}
        sets = UnionFind(len(items))
        for _, a, k in self.joins:
            sets.union(index[("art", a)], index[("key", k)])
        windows: dict[int, set[int]] = defaultdict(set)
        for w, a, _ in self.joins:
            windows[sets.find(index[("art", a)])].add(w)
        coupled = sorted({a for _, a, _ in self.joins if len(windows[sets.find(index[("art", a)])]) > 1})
        if not coupled:
            return
        arts = table.vocab["articles"]
        rows = np.flatnonzero(np.isin(table.cols["article"], arts.codes(coupled)))
        done = next(iter(self.map(rounds.articles, [table.take(rows)])))
        table.update(rows, done.outcome)
        self.decisions.drop_articles(set(coupled))
        self.decisions.add(done.links, done.positions)

    def _same_names(self, table: UnitTable) -> _Nodes:
        parts = self._packed(plan.same_name_groups(table))
        nodes = _Nodes()
        for rows, (done, records) in zip(parts, self.map(rounds.same_names, (table.take(r) for r in parts))):
            table.update(rows, done.outcome)
            self.decisions.add(done.links, done.positions)
            nodes.add(records)
            del done, records
        nodes.sort()
        return nodes

    def _pairs(self, table: UnitTable, nodes: _Nodes) -> np.ndarray:
        """Node pairs (indices into `nodes`, a < b) that blocking gives and that may match."""
        if len(nodes) < 2:
            return np.zeros((0, 2), dtype=np.int64)
        names = table.vocab["names"].values
        faces = [names[c] for c in table.cols["parsed"][nodes.rep].tolist()]
        frame = pd.DataFrame(
            {
                "surname_key": [p.surname_key for p in faces],
                "surname_phonetic": [p.phonetic for p in faces],
                "given_block": [nodes.given_block(i) for i in range(len(nodes))],
            }
        )
        long = frame["given_block"].explode().dropna()
        keys_all = sorted_surname_keys(frame.loc[long.index])
        blocks = sorted(set(long.tolist()))
        per_block = long.groupby(long).size().reindex(blocks).tolist()
        jobs = []
        for part in plan.pack(per_block, self.cap):
            keys = {blocks[i] for i in part}
            mask = long.isin(keys)
            idx = np.unique(long.index[mask].to_numpy())
            sub = frame.iloc[idx].copy()
            sub["given_block"] = [[g for g in gb if g in keys] for gb in sub["given_block"]]
            jobs.append((sub, [faces[i] for i in idx.tolist()], keys_all))
        found = [p for p in self.map(rounds.block, jobs) if len(p)]
        return np.unique(np.concatenate(found), axis=0) if found else np.zeros((0, 2), dtype=np.int64)

    def _pairs_and_shorts(self, table: UnitTable, nodes: _Nodes, pairs: np.ndarray) -> tuple[plan.ShortRoots, np.ndarray, dict[tuple, list[int]]]:
        root = table.cols["root"]
        node_roots = root[nodes.root] if len(nodes) else np.zeros(0, dtype=np.int64)
        shorts = plan.shorts_groups(table, self.rules, node_roots, pairs)
        parts = self._packed(shorts.groups)
        part_of_row = np.full(len(table), -1, dtype=np.int64)
        for i, rows in enumerate(parts):
            part_of_row[rows] = i
        node_part = part_of_row[node_roots] if len(nodes) else node_roots
        by_part: dict[int, list[int]] = defaultdict(list)
        for i, p in enumerate(node_part.tolist()):
            by_part[p].append(i)
        pair_part = node_part[pairs[:, 0]] if len(pairs) else np.zeros(0, dtype=np.int64)

        def work():
            for i, rows in enumerate(parts):
                idx = by_part.get(i, [])
                global_to_local = {g: k for k, g in enumerate(idx)}
                # Nodes are renumbered in order; their order becomes their run number for positions.
                records = [nodes.record(g) for g in idx]
                mine = pairs[pair_part == i]
                local_pairs = np.array([[global_to_local[a], global_to_local[b]] for a, b in mine.tolist()], dtype=np.int64).reshape(-1, 2)
                yield table.take(rows), records, local_pairs

        before = root.copy()
        orphans: dict[tuple, list[int]] = defaultdict(list)
        for rows, res in zip(parts, self.map(rounds.pairs_and_shorts, work())):
            table.update(rows, res.done.outcome)
            before[rows] = rows[res.before_shorts]
            self.decisions.add(res.done.links, res.done.positions)
            for k, rs in res.orphans.items():
                orphans[k] += rs
        return shorts.deferred, before, orphans

    def _given_names(self, table: UnitTable, deferred: plan.ShortRoots, before: np.ndarray, orphans: dict[tuple, list[int]]) -> list[tuple[int, int]]:
        """Deferred short names; returns the merges (short root, a unit of the full-name cluster it joins)."""
        if not len(deferred.roots):
            return []
        groups = plan.given_name_groups(table, self.rules, deferred, before)
        parts = [np.unique(np.concatenate([groups[i] for i in p])) for p in plan.pack([len(g) for g in groups], self.cap)]
        is_deferred = np.zeros(len(table), dtype=bool)
        is_deferred[deferred.roots] = True
        merges = []
        for rows, res in zip(parts, self.map(rounds.given_names, (table.take(r, root=before) for r in parts))):
            self.decisions.add(res.done.links, res.done.positions)
            for k, rs in res.orphans.items():
                orphans[k] += rs
            # A deferred root now shares a cluster with full-name units: it joined their person.
            joined = res.done.outcome.root
            full_rows = ~is_deferred[before[rows]]
            target_of = dict(zip(joined[full_rows].tolist(), rows[full_rows].tolist()))
            for i in np.flatnonzero(is_deferred[rows]).tolist():
                if joined[i] in target_of:
                    merges.append((int(rows[i]), target_of[joined[i]]))
        return merges

    def _orphans(self, table: UnitTable, orphans: dict[tuple, list[int]]) -> None:
        if not orphans:
            return
        keys = sorted(orphans)
        for k in keys:
            orphans[k].sort()
        groups = plan.orphan_groups(table, orphans)
        parts = plan.pack([len(g) for g in groups], self.cap)
        rows_of = [np.sort(np.concatenate([groups[i] for i in p])) for p in parts]
        items = ((table.take(rows), {keys[i]: orphans[keys[i]] for i in p}) for rows, p in zip(rows_of, parts))
        for rows, done in zip(rows_of, self.map(rounds.orphans, items)):
            table.update(rows, done.outcome)
            self.decisions.add(done.links, done.positions)

    # ------------------------------------------------------------------ result

    def _result(self, table: UnitTable, merges: list[tuple[int, int]]) -> Clustering:
        root = table.cols["root"]
        if merges:
            # A deferred short root joins the cluster of the unit it chose (union: the smaller root stays).
            ids = sorted({x for r, t in merges for x in (int(r), int(root[t]))})
            index = {x: i for i, x in enumerate(ids)}
            sets = UnionFind(len(ids))
            for r, t in merges:
                sets.union(index[int(r)], index[int(root[t])])
            remap = np.arange(len(table), dtype=np.int64)
            remap[ids] = [ids[sets.find(i)] for i in range(len(ids))]
            root = remap[root]
        uniq, label = np.unique(root, return_inverse=True)
        fixed = table.cols["fixed"]
        none = table.vocab["strings"].codes([""])[0]
        anchored = np.flatnonzero(fixed != none)
        anchor: dict[int, str] = {}
        if len(anchored):
            pairs = np.unique(np.stack([label[anchored], fixed[anchored]], axis=1), axis=0)
            labs, counts = np.unique(pairs[:, 0], return_counts=True)
            single = set(labs[counts == 1].tolist())
            strings = table.vocab["strings"].values
            anchor = {int(lab): strings[int(f)] for lab, f in pairs.tolist() if lab in single}
        return Clustering(label.astype(np.int64), table.cols["score"], anchor, self.decisions.frame())

    def _packed(self, groups: list[np.ndarray]) -> list[np.ndarray]:
        return [np.sort(np.concatenate([groups[i] for i in p])) for p in plan.pack([len(g) for g in groups], self.cap)]
