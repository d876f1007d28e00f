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
