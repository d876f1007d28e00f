"""resolve/match/ragged.py: many short arrays held as one."""

from __future__ import annotations

import numpy as np
import pytest

from resolve.match.ragged import Ragged
from resolve.match.table import _ragged


def test_items_come_back_as_given_and_can_be_set_again():
    parts = [np.array([3, 1]), np.zeros(0, dtype=np.int64), np.array([7])]
    r = Ragged(parts)
    assert len(r) == 3
    assert [x.tolist() for x in r] == [[3, 1], [], [7]]
    assert r[-1].tolist() == [7]
    r[1] = np.array([5, 6])
    assert [x.tolist() for x in r] == [[3, 1], [5, 6], [7]]
    with pytest.raises(IndexError):
        r[3]


def test_windows_joined_into_one():
    r = _ragged([np.array([1, 2, 3], dtype=np.int32), np.array([4], dtype=np.int32)], [np.array([2, 0, 1]), np.array([1])])
    assert [x.tolist() for x in r] == [[1, 2], [], [3], [4]]
    assert len(_ragged([], [])) == 0


def test_nodes_as_columns_give_back_the_records_in_node_order():
    from resolve.match.partition import _Nodes
    from resolve.match.rounds import NodeRecord

    first = [
        NodeRecord(("smith|john", 1), 10, 10, np.array([10, 11], dtype=np.int64), ["jo", "john"]),
        NodeRecord(("adams|ann", 0), 4, 3, np.array([3, 4, 9], dtype=np.int64), []),
    ]
    second = [
        NodeRecord(("smith|john", 0), 2, 2, np.array([2], dtype=np.int64), ["john"]),
        NodeRecord(("adams|ann", 0), 7, 7, np.array([7, 8], dtype=np.int64), ["ann"]),  # ties the other adams: stays after it
    ]
    nodes = _Nodes()
    nodes.add(first)
    nodes.add([])
    nodes.add(second)
    assert len(nodes) == 4
    nodes.sort()
    want = sorted(first + second, key=lambda n: n.order)
    assert len(nodes) == 4 and nodes.rep.tolist() == [n.rep for n in want] and nodes.root.tolist() == [n.root for n in want]
    for i, n in enumerate(want):
        got = nodes.record(i)
        assert (got.order, got.rep, got.root, got.given_block) == (i, n.rep, n.root, n.given_block)
        assert got.units.dtype == np.int64 and got.units.tolist() == n.units.tolist()
        assert nodes.given_block(i) == n.given_block


def test_no_nodes():
    from resolve.match.partition import _Nodes

    nodes = _Nodes()
    nodes.sort()
    assert len(nodes) == 0 and nodes.rep.tolist() == []
