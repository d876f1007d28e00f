"""The constraint infos of clusters (`constraints.ClusterInfo`) as the client keeps them: packed.

A run's unit table keeps an info for every cluster whose root's own unit would not give
it again (`table.kept_infos`): at a million articles more than a million of them.  As
Python objects (a slotted dataclass holding sets of tuples of strings) each costs ~500
bytes; kept as its pickle, with equal pickles stored once (most clusters hold one given
name, and many clusters the same one), it costs a few dozen.  An info is unpacked into
fresh objects whenever it is read, so no stage can change the one kept here (a
partition run in this process works on its own copy, as one in a worker process does).
"""

from __future__ import annotations

import pickle
from collections.abc import Iterator, Mapping

from .constraints import ClusterInfo


class PackedInfos:
    """Row of a cluster root -> its `ClusterInfo`, each stored as an interned pickle."""

    __slots__ = ("_packed", "_intern")

    def __init__(self, infos: Mapping[int, ClusterInfo] | None = None) -> None:
        self._packed: dict[int, bytes] = {}
        self._intern: dict[bytes, bytes] = {}
        for r, info in (infos or {}).items():
            self[r] = info

    def __len__(self) -> int:
        return len(self._packed)

    def __contains__(self, r: object) -> bool:
        return r in self._packed

    def __iter__(self) -> Iterator[int]:
        return iter(self._packed)

    def __getitem__(self, r: int) -> ClusterInfo:
        return pickle.loads(self._packed[r])

    def __setitem__(self, r: int, info: ClusterInfo) -> None:
        self.put_packed(r, pickle.dumps(info, protocol=pickle.HIGHEST_PROTOCOL))

    def get(self, r: int, default: ClusterInfo | None = None) -> ClusterInfo | None:
        b = self._packed.get(r)
        return default if b is None else pickle.loads(b)

    def pop(self, r: int, default: None = None) -> None:
        """Forget the info of `r` (it is not unpacked)."""
        self._packed.pop(r, default)

    def items(self) -> Iterator[tuple[int, ClusterInfo]]:
        """(row, info) pairs, each info unpacked."""
        return ((r, pickle.loads(b)) for r, b in self._packed.items())

    def packed(self, r: int) -> bytes | None:
        """The stored pickle of `r`'s info (None when absent): moved between tables without unpacking."""
        return self._packed.get(r)

    def put_packed(self, r: int, b: bytes) -> None:
        self._packed[r] = self._intern.setdefault(b, b)

    def packed_items(self) -> Iterator[tuple[int, bytes]]:
        return iter(self._packed.items())

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, PackedInfos):
            return NotImplemented
        return dict(self.items()) == dict(other.items())

    def __getstate__(self) -> dict[int, bytes]:
        # Equal pickles are one object here, so pickle's memo sends each once.
        return self._packed

    def __setstate__(self, packed: dict[int, bytes]) -> None:
        self._packed, self._intern = {}, {}
        for r, b in packed.items():
            self.put_packed(r, b)
