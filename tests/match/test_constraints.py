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
