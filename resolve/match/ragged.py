"""Many short integer arrays held as one: the surname keys named in each article of a run.

A run's unit table keeps, per article, the codes of the surname keys it names (the
co-mention evidence).  A numpy array per article costs ~110 bytes before its data: at a
million articles more than the codes themselves.  `Ragged` holds them as one flat
array and offsets, and gives each back as a view.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

import numpy as np


class Ragged:
    """A sequence of integer arrays (flat codes cut at `offsets`); an item set again
    (rare: an article stage run again across windows) is kept aside."""

    __slots__ = ("flat", "offsets", "changed")

    def __init__(self, parts: Sequence[np.ndarray], dtype: type = np.int32) -> None:
        lengths = np.fromiter((len(p) for p in parts), dtype=np.int64, count=len(parts))
        self.offsets = np.zeros(len(parts) + 1, dtype=np.int64)
        np.cumsum(lengths, out=self.offsets[1:])
        self.flat = np.concatenate(parts).astype(dtype) if len(parts) else np.zeros(0, dtype=dtype)
        self.changed: dict[int, np.ndarray] = {}

    def __len__(self) -> int:
        return len(self.offsets) - 1

    def __getitem__(self, i: int) -> np.ndarray:
        got = self.changed.get(i)
        if got is not None:
            return got
        if not -len(self) <= i < len(self):
            raise IndexError(i)
        i %= len(self)
        return self.flat[self.offsets[i] : self.offsets[i + 1]]

    def __setitem__(self, i: int, value: np.ndarray) -> None:
        if not -len(self) <= i < len(self):
            raise IndexError(i)
        self.changed[i % len(self)] = np.asarray(value)

    def __iter__(self) -> Iterator[np.ndarray]:
        return (self[i] for i in range(len(self)))
