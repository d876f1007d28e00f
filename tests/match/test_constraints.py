from __future__ import annotations

from resolve.match.constraints import UnionFind


def test_union_find_sets_and_roots_do_not_depend_on_union_order():
    pairs = [(3, 1), (4, 3), (6, 5), (0, 2)]
    for order in (pairs, pairs[::-1]):
        sets = UnionFind(7)
        for a, b in order:
            sets.union(a, b)
        assert sets.roots() == [0, 1, 0, 1, 1, 5, 5]  # each set's smallest element is its root
        assert sets.groups() == {0: [0, 2], 1: [1, 3, 4], 5: [5, 6]}


def test_union_returns_the_root_and_is_idempotent():
    sets = UnionFind(3)
    assert sets.union(2, 1) == 1 and sets.union(1, 2) == 1 and sets.find(2) == 1


# --- entities of a previous registry (soft anchors on rows flagged as its evidence)

from resolve.match import cluster_with_links  # noqa: E402

from ..matching_helpers import mention_record  # noqa: E402
import pandas as pd  # noqa: E402


def _rows(spec: list[tuple]) -> pd.DataFrame:
    """(article, start, text, previous entity or '') rows; a previous entity's rows are its evidence."""
    return pd.DataFrame(
        [mention_record(a, s, t, anchor_id=e, soft_anchor=bool(e), date="2016-05-02") for a, s, t, e in spec]
    )


def _together(df: pd.DataFrame, a: str, b: str) -> bool:
    return df.loc[df["text"] == a, "cluster"].iloc[0] == df.loc[df["text"] == b, "cluster"].iloc[0]


def test_previous_entities_never_merge_without_a_new_mention(rules):
    spec = [("p1", 0, "Ann Vell", "E1"), ("p2", 0, "Vell", "E2")]
    apart, links = cluster_with_links(_rows(spec), rules)
    assert not _together(apart, "Ann Vell", "Vell")
    # The same mentions, new (no registry): the surname joins its only candidate.
    joined, _ = cluster_with_links(_rows([(a, s, t, "") for a, s, t, _ in spec]), rules)
    assert _together(joined, "Ann Vell", "Vell")


def test_a_merge_of_previous_entities_needs_positive_evidence_against_a_bare_name(rules):
    # E1 is known by its name alone (a stand-in: no co-mentioned people); a new "Ann Vell" makes its cluster new.
    bare = [("p1", 0, "Ann Vell", "E1"), ("p2", 0, "Vell", "E2"), ("n1", 0, "Ann Vell", "")]
    df, links = cluster_with_links(_rows(bare), rules)
    assert df.loc[df["article_id"] == "p2", "cluster"].iloc[0] != df.loc[df["article_id"] == "p1", "cluster"].iloc[0]
    assert links["reason"].str.contains("no positive evidence").any()
    # With a co-mentioned person in common, the evidence is positive: they merge.
    shared = bare + [("p1", 20, "Omar Brink", "E3"), ("p2", 20, "Omar Brink", "E3"), ("n1", 20, "Omar Brink", "")]
    df, _ = cluster_with_links(_rows(shared), rules)
    assert df.loc[df["article_id"] == "p2", "cluster"].iloc[0] == df.loc[df["article_id"] == "p1", "cluster"].iloc[0]


# --- the reason named does not depend on the process (hash order of the given names)

_WHY_NOT = """
from resolve.match.constraints import ClusterInfo, Clusters, UnionFind
from resolve.rules import load_rules
c = Clusters.__new__(Clusters)
UnionFind.__init__(c, 2)
c.rules = load_rules()
g = lambda *parts: (parts, parts, "")
c._infos = [ClusterInfo(givens={g("derek")}), ClusterInfo(givens={g("richard"), g("richard", "p"), g("rick", "j")})]
print(c.why_not(0, 1))
"""


def test_given_names_conflict_names_the_same_pair_in_every_process():
    import os
    import subprocess
    import sys

    reasons = set()
    for seed in map(str, range(8)):  # each process its own string hashes, as spawned workers have
        env = {**os.environ, "PYTHONHASHSEED": seed}
        reasons.add(subprocess.run([sys.executable, "-c", _WHY_NOT], env=env, capture_output=True, text=True, check=True).stdout.strip())
    assert len(reasons) == 1 and reasons.pop().startswith("given names differ (derek / ")
