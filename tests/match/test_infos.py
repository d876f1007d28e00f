"""resolve/match/infos.py: packed cluster infos give back equal, independent objects."""

from __future__ import annotations

import pickle

from resolve.match.constraints import ClusterInfo
from resolve.match.infos import PackedInfos


def _info(*given: str) -> ClusterInfo:
    return ClusterInfo(givens={((g,), (g,), "") for g in given})


def test_infos_come_back_equal_and_equal_ones_are_stored_once():
    infos = PackedInfos({3: _info("ann"), 7: _info("ann"), 9: ClusterInfo(anchors={"Q1"}, fresh=False)})
    assert len(infos) == 3 and 7 in infos and 4 not in infos
    assert infos[3] == _info("ann") and infos.get(9) == ClusterInfo(anchors={"Q1"}, fresh=False)
    assert infos.get(4) is None
    assert infos.packed(3) is infos.packed(7)  # one pickle for equal infos
    assert dict(infos.items()) == {3: _info("ann"), 7: _info("ann"), 9: ClusterInfo(anchors={"Q1"}, fresh=False)}


def test_a_stage_changing_an_info_read_does_not_change_the_kept_one():
    infos = PackedInfos({1: _info("ann")})
    got = infos[1]
    got.givens.add((("bob",), ("bob",), ""))
    assert infos[1] == _info("ann")


def test_pop_and_moving_pickles_between_tables():
    a = PackedInfos({1: _info("ann"), 2: _info("bob")})
    b = PackedInfos()
    for r, packed in a.packed_items():
        b.put_packed(r + 10, packed)
    a.pop(1)
    a.pop(5)  # absent: nothing happens
    assert list(a) == [2] and dict(b.items()) == {11: _info("ann"), 12: _info("bob")}


def test_pickled_infos_keep_equal_pickles_shared():
    infos = PackedInfos({r: _info("ann") for r in range(50)})
    again = pickle.loads(pickle.dumps(infos))
    assert again == infos
    assert len({id(again.packed(r)) for r in range(50)}) == 1
