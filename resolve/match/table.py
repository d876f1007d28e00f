"""Units as columns: the compact, picklable form of units and their clusters between stages.

A `UnitTable` holds, per unit, what `units.Units` holds (article, name key, form,
offset, size, date, titles, affiliations, parsed name, kind, anchors) plus its
cluster root, match score and number in the run (`gid`), as numpy arrays; text and
other values are stored once, as codes into the table's vocabularies.  It also keeps
the constraint info of the clusters that have one built (`constraints.ClusterInfo`, packed: `infos`)
and the surname keys named in each of its articles (the co-mention evidence).

Tables move between the client and the workers of a partitioned run
(`match.partition`): `concat` joins the tables of article windows into the run's
table, `take` cuts the rows of one partition out of it, `to_state` gives the stages
a `MatchState` over those rows, `Outcome.of` reads the state back after they ran,
and `update` writes that outcome into the run's table.  Rows stay in unit order
(`gid`), so every comparison of unit numbers the stages make is the same in a
partition as in the whole run.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ..columns import Vocab
from ..rules import Rules
from .constraints import Clusters, unit_info
from .context import Contexts
from .infos import PackedInfos
from .ragged import Ragged
from .names import ParsedName, parse_name
from .state import MatchState
from .units import Units

KINDS = ("full", "initial", "single", "none")
KIND_CODE = {k: i for i, k in enumerate(KINDS)}

#: Coded columns and the vocabulary each is coded in; the other columns hold numbers.
CODED = {
    "article": "articles",
    "norm": "strings",
    "text": "strings",
    "date": "strings",
    "anchor": "strings",
    "fixed": "strings",
    "titles": "sets",
    "affiliations": "sets",
    "parsed": "names",
}
NUMBERS = {"kind": np.int8, "soft": np.bool_, "shared": np.bool_, "previous": np.bool_, "start": np.int64, "size": np.int64, "root": np.int64, "score": np.float64, "gid": np.int64}
VOCABS = ("articles", "strings", "sets", "names")


@dataclass(eq=False)
class UnitTable:
    """Per-unit columns (numpy arrays, the `CODED` ones as codes), vocabularies, cluster infos,
    each article's surname keys (`surnames[i]`: codes into `strings`, of `vocab['articles'][i]`)
    and the run's lone words that are no person (`units.Units.not_person`: global, from
    every window's rows)."""

    cols: dict[str, np.ndarray]
    vocab: dict[str, Vocab]
    surnames: list[np.ndarray] | Ragged
    infos: PackedInfos  # row of a cluster root -> its constraint info, where built
    not_person: frozenset[str] = frozenset()

    def __len__(self) -> int:
        return len(self.cols["gid"])

    def values(self, col: str) -> np.ndarray:
        """A coded column decoded (object array)."""
        return self.vocab[CODED[col]].array()[self.cols[col]]

    @classmethod
    def from_state(cls, state: MatchState, article_surnames: dict[str, frozenset[str]]) -> UnitTable:
        """The units of `state` with their clusters, scores and built constraint infos."""
        units, clusters = state.units, state.clusters
        vocab = {name: Vocab() for name in VOCABS}
        cols = {col: vocab[v].codes(getattr(units, col)) for col, v in CODED.items()}
        cols["kind"] = np.array([KIND_CODE[k] for k in units.kind], dtype=np.int8)
        cols["soft"] = np.array(units.soft, dtype=np.bool_)
        cols["shared"] = np.array(units.shared, dtype=np.bool_)
        cols["previous"] = np.array(units.previous, dtype=np.bool_)
        cols["start"] = np.array(units.start, dtype=np.int64)
        cols["size"] = np.array(units.size, dtype=np.int64)
        cols["root"] = np.array(clusters.roots(), dtype=np.int64)
        cols["score"] = np.array(state.scores, dtype=np.float64)
        cols["gid"] = np.array(units.gid, dtype=np.int64)
        surnames = [vocab["strings"].codes(sorted(article_surnames.get(a, ()))) for a in list(vocab["articles"].values)]
        return cls(cols, vocab, surnames, kept_infos(state), units.not_person)

    def to_state(self, rules: Rules, *, fresh: bool = False) -> tuple[MatchState, Contexts]:
        """A state over these units with their clusters as stored, and their contexts.

        `fresh`: the units as built, before any stage ran: each its own cluster, its
        parsed name that of its form, no score, no info.
        """
        lists = {col: self.values(col).tolist() for col in CODED}
        if fresh:
            lists["parsed"] = [parse_name(t, rules) for t in lists["text"]]
        by_article: dict[str, list[int]] = {}
        for u, a in enumerate(lists["article"]):
            by_article.setdefault(a, []).append(u)
        units = Units(
            article=lists["article"],
            norm=lists["norm"],
            text=lists["text"],
            start=self.cols["start"].tolist(),
            size=self.cols["size"].tolist(),
            date=lists["date"],
            titles=lists["titles"],
            affiliations=lists["affiliations"],
            parsed=lists["parsed"],
            kind=[KINDS[k] for k in self.cols["kind"].tolist()],
            anchor=lists["anchor"],
            fixed=lists["fixed"],
            soft=self.cols["soft"].tolist(),
            shared=self.cols["shared"].tolist(),
            previous=self.cols["previous"].tolist(),
            by_article=by_article,
            of_row=[],
            not_person=self.not_person,
            gid=self.cols["gid"].tolist(),
        )
        clusters = Clusters(units, rules)
        scores = [1.0] * len(self)
        if not fresh:
            clusters.restore(self.cols["root"].tolist(), self.infos)
            scores = self.cols["score"].tolist()
        strings = self.vocab["strings"].array()
        surnames = {a: frozenset(strings[c].tolist()) for a, c in zip(self.vocab["articles"].values, self.surnames)}
        return MatchState(rules, units, clusters, scores, []), Contexts(units, surnames)

    def take(self, rows: np.ndarray, root: np.ndarray | None = None) -> UnitTable:
        """The table of `rows` (ascending, each row's cluster root among them), vocabularies trimmed.

        `root`: the clusters to give the rows instead of the table's (a snapshot); the
        partition then carries no cluster infos (see `rounds.given_names`).
        """
        rows = np.asarray(rows, dtype=np.int64)
        cols = {c: a[rows] for c, a in self.cols.items()}
        if root is not None:
            cols["root"] = root[rows]
        local = np.searchsorted(rows, cols["root"])
        if len(rows) and (int(local.max()) >= len(rows) or not np.array_equal(rows[local], cols["root"])):
            raise ValueError("UnitTable.take: the rows cut a cluster")
        cols["root"] = local
        arts, cols["article"] = np.unique(cols["article"], return_inverse=True)
        surnames = [self.surnames[a] for a in arts.tolist()]
        vocab = {"articles": Vocab(self.vocab["articles"].array()[arts].tolist())}
        for name in ("strings", "sets", "names"):
            coded = [c for c, v in CODED.items() if v == name]
            parts = [cols[c] for c in coded] + (surnames if name == "strings" else [])
            used = np.unique(np.concatenate(parts)) if parts else np.zeros(0, dtype=np.int64)
            for c in coded:
                cols[c] = np.searchsorted(used, cols[c])
            if name == "strings":
                surnames = [np.searchsorted(used, s) for s in surnames]
            vocab[name] = Vocab(self.vocab[name].array()[used].tolist())
        infos = PackedInfos()
        if root is None:
            for i, r in enumerate(rows.tolist()):
                b = self.infos.packed(r)
                if b is not None:
                    infos.put_packed(i, b)
        return UnitTable(cols, vocab, surnames, infos, self.not_person)

    def update(self, rows: np.ndarray, out: Outcome) -> None:
        """Write the outcome of stages run on `take(rows)` into this table."""
        rows = np.asarray(rows, dtype=np.int64)
        self.cols["root"][rows] = rows[out.root]
        self.cols["score"][rows] = out.score
        self.cols["parsed"][rows] = self.vocab["names"].codes(out.names)[out.parsed] if len(rows) else out.parsed
        for r in rows.tolist():
            self.infos.pop(r, None)
        for r, b in out.infos.packed_items():
            self.infos.put_packed(int(rows[r]), b)
        if out.surnames is not None:
            articles = self.vocab["articles"]
            for a, keys in out.surnames.items():
                self.surnames[int(articles.codes([a])[0])] = self.vocab["strings"].codes(sorted(keys))


@dataclass(eq=False)
class Outcome:
    """What stages run on a partition's state changed: each unit's root (a row of the
    partition), score and parsed name (codes into `names`), the infos of the clusters,
    and, when the article stage ran, the surname keys of each article."""

    root: np.ndarray
    score: np.ndarray
    parsed: np.ndarray
    names: list[ParsedName]
    infos: PackedInfos
    surnames: dict[str, frozenset[str]] | None = None

    @classmethod
    def of(cls, state: MatchState, surnames: dict[str, frozenset[str]] | None = None) -> Outcome:
        names = Vocab()
        parsed = names.codes(state.units.parsed)
        root = np.array(state.clusters.roots(), dtype=np.int64)
        return cls(root, np.array(state.scores, dtype=np.float64), parsed, names.values, kept_infos(state), surnames)


def kept_infos(state: MatchState) -> PackedInfos:
    """The built cluster infos that the root's own unit would not give again (`constraints.unit_info`,
    which `Clusters.info` and `plan` fall back on): most clusters are one unit, or units of
    one given name, and keeping their infos cost most of the client's memory at scale."""
    u = state.units
    return PackedInfos({r: i for r, i in state.clusters.built_infos().items() if i != unit_info(u.kind[r], u.parsed[r], u.anchor[r], u.soft[r], u.previous[r])})


class Concat:
    """The tables of consecutive article windows joined into one, window by window as they
    come: rows in order, `gid` their position; each distinct value is kept once."""

    def __init__(self) -> None:
        self.vocab = {name: Vocab() for name in VOCABS}
        self.cols: dict[str, list[np.ndarray]] = {c: [] for c in [*CODED, *NUMBERS]}
        self.surnames: list[np.ndarray] = []  # per window: its articles' codes, one flat array
        self.surname_counts: list[np.ndarray] = []
        self.infos = PackedInfos()
        self.not_person: set[str] = set()
        self.n = 0

    def add(self, t: UnitTable) -> int:
        """Append `t`'s rows; returns the `gid` of its first row."""
        vocab, offset = self.vocab, self.n
        n_articles = len(vocab["articles"])
        remap = {name: vocab[name].codes(t.vocab[name].values) for name in VOCABS}
        if len(vocab["articles"]) - n_articles != len(t.vocab["articles"]):
            raise ValueError("Concat: an article is in two windows")
        for c, v in CODED.items():
            self.cols[c].append(remap[v][t.cols[c]].astype(np.int32))
        for c in NUMBERS:
            if c != "gid":  # each row's position: made once in `table`
                self.cols[c].append(t.cols[c] + offset if c == "root" else t.cols[c])
        if len(t.surnames):
            self.surnames.append(remap["strings"][np.concatenate(t.surnames)].astype(np.int32))
            self.surname_counts.append(np.fromiter((len(s) for s in t.surnames), dtype=np.int64, count=len(t.surnames)))
        for r, b in t.infos.packed_items():
            self.infos.put_packed(r + offset, b)
        self.not_person |= t.not_person
        self.n += len(t)
        return offset

    def table(self) -> UnitTable:
        out = {c: np.concatenate(a).astype(NUMBERS.get(c, np.int32)) if a else np.zeros(0, dtype=NUMBERS.get(c, np.int32)) for c, a in self.cols.items() if c != "gid"}
        out["gid"] = np.arange(self.n, dtype=np.int64)
        self.cols = {}
        surnames = _ragged(self.surnames, self.surname_counts)
        self.surnames, self.surname_counts = [], []
        return UnitTable(out, self.vocab, surnames, self.infos, frozenset(self.not_person))


def _ragged(flats: list[np.ndarray], counts: list[np.ndarray]) -> Ragged:
    """The articles' surname codes of every window as one `Ragged`."""
    out = Ragged([])
    if flats:
        out.flat = np.concatenate(flats)
        n = np.concatenate(counts)
        out.offsets = np.zeros(len(n) + 1, dtype=np.int64)
        np.cumsum(n, out=out.offsets[1:])
    return out
