"""Columns as codes: many rows held compactly, each distinct value stored once.

`Vocab` numbers distinct values in order of first appearance.  `CodedFrames`
collects DataFrames with the same columns (mentions of article windows, decisions
of partitions) as integer codes into one vocabulary per column, and gives them back
as one DataFrame whose text columns are categoricals over the distinct values
(`sorted_categorical`): the rows of a million articles are held in a fraction of the
memory of object columns, all the way to the writers.
"""

from __future__ import annotations

import sys

import numpy as np
import pandas as pd


def objects(values: list) -> np.ndarray:
    """`values` as a numpy object array (for decoding codes with one indexing)."""
    return np.fromiter(values, dtype=object, count=len(values))  # each value one cell, tuples too


def string_categorical(s: pd.Series) -> bool:
    """A categorical column whose categories are all strings (a run's text columns,
    `sorted_categorical`): its values can be used as they are, without a copy as objects."""
    return isinstance(s.dtype, pd.CategoricalDtype) and all(type(v) is str for v in s.cat.categories)


def code_dtype(n: int) -> type:
    """The smallest integer type holding codes 0..n-1 (most coded columns have a few values)."""
    return np.int8 if n <= 1 << 7 else np.int16 if n <= 1 << 15 else np.int32


def sorted_categorical(values, codes: np.ndarray) -> pd.Categorical:
    """Each row's value (`values[codes[i]]`, distinct strings) as a categorical whose categories
    are in sorted order: sorting, grouping or comparing by the column then goes by the
    values themselves, as with an object column, at the cost of one small code per row."""
    cats = values if isinstance(values, np.ndarray) else objects(list(values))
    order = np.argsort(cats, kind="stable")
    rank = np.empty(len(cats), dtype=np.int64)
    rank[order] = np.arange(len(cats))
    return pd.Categorical.from_codes(rank[codes] if len(codes) else codes, categories=pd.Index(cats[order], dtype=object), validate=False)


def _key(v: object) -> object:
    # Floats that compare equal but print differently (0.0 and -0.0) stay two values.
    return (float, v.hex()) if type(v) is float else v


class Vocab:
    """Distinct values in order of first appearance, and their codes."""

    __slots__ = ("values", "index", "_array")

    def __init__(self, values: list | None = None) -> None:
        self.values: list = values if values is not None else []
        self.index: dict | None = None  # built when first needed
        self._array: np.ndarray | None = None

    def __len__(self) -> int:
        return len(self.values)

    def codes(self, values) -> np.ndarray:
        """Codes of `values`; new ones are added."""
        if not len(values):
            return np.zeros(0, dtype=np.int64)
        # Hash the values in C, then look up only the distinct ones here.
        inv, uniq = pd.factorize(values if isinstance(values, np.ndarray) and values.dtype == object else objects(list(values)), use_na_sentinel=False)
        if any(type(v) is float for v in uniq):  # factorize takes 0.0 and -0.0 for one value: see `_key`
            return self._codes_one_by_one(values)
        return self._codes_one_by_one(uniq)[inv]

    def _codes_one_by_one(self, values) -> np.ndarray:
        if self.index is None:
            self.index = {_key(v): i for i, v in enumerate(self.values)}
        index, out = self.index, np.empty(len(values), dtype=np.int64)
        for i, v in enumerate(values):
            k = _key(v)
            c = index.get(k)
            if c is None:
                c = index[k] = len(self.values)
                # One object per distinct string across vocabularies: a million article ids
                # arrive once per vocabulary (mentions, units, decisions), each unpickled anew.
                self.values.append(sys.intern(v) if type(v) is str else v)
            out[i] = c
        return out

    def forget_index(self) -> None:
        """Let go of the value -> code index until `codes` is next called (a million
        article ids: tens of MB) when no more values are expected soon."""
        self.index = None

    def array(self) -> np.ndarray:
        """The values as a numpy object array."""
        if self._array is None or len(self._array) != len(self.values):
            self._array = objects(self.values)
        return self._array

    def __getstate__(self) -> list:
        return self.values  # the index is rebuilt where the vocabulary is extended

    def __setstate__(self, values: list) -> None:
        self.values, self.index, self._array = values, None, None


class CodedFrames:
    """Rows of DataFrames with the same columns; every column but `numbers` kept as codes."""

    def __init__(self, columns: list[str], numbers: tuple[str, ...] = ()) -> None:
        self.columns = list(columns)
        self.numbers = set(numbers)
        self.vocab: dict[str, Vocab] = {c: Vocab() for c in self.columns if c not in self.numbers}
        self.parts: list[dict[str, np.ndarray]] = []

    def __len__(self) -> int:
        return sum(len(p[self.columns[0]]) for p in self.parts) if self.columns else 0

    def append(self, df: pd.DataFrame) -> None:
        part = {}
        for col in self.columns:
            s = df[col]
            if col in self.numbers:
                part[col] = _packed_numbers(s.to_numpy())
                continue
            vocab = self.vocab[col]
            if not len(s):
                codes = np.zeros(0, dtype=np.int64)
            elif isinstance(s.dtype, pd.CategoricalDtype):
                codes = vocab.codes(list(s.cat.categories))[s.cat.codes.to_numpy()]
            elif s.dtype == object and pd.api.types.infer_dtype(s, skipna=False) == "string":
                inv, uniq = pd.factorize(s)
                codes = vocab.codes(list(uniq))[inv]
            else:  # numbers, or numbers mixed with "" (as in links): value by value, see `_key`
                codes = vocab.codes(s.tolist())
            part[col] = codes.astype(code_dtype(len(vocab)))
        self.parts.append(part)

    def forget_indexes(self) -> None:
        """No more rows for a while: the vocabularies' indexes go (`Vocab.forget_index`)."""
        for v in self.vocab.values():
            v.forget_index()

    def codes(self, col: str) -> np.ndarray:
        """All rows' codes (values, for a number column) of one column."""
        if col in self.numbers:
            return np.concatenate([p[col].unpack() for p in self.parts]) if self.parts else np.zeros(0, dtype=np.int64)
        return np.concatenate([p[col] for p in self.parts]) if self.parts else np.zeros(0, dtype=np.int32)

    def frame(self) -> pd.DataFrame:
        """All rows as one DataFrame, the collection emptied column by column as it goes
        (the rows are never held twice).  A coded column of text is a `sorted_categorical`;
        one of other values (numbers mixed with "", as in links) an object column of
        them, each distinct value one object."""
        out = {}
        for col in self.columns:
            data = self.codes(col)
            for p in self.parts:
                del p[col]
            if col in self.vocab:
                vocab = self.vocab.pop(col)
                text = all(type(v) is str for v in vocab.values)
                data = sorted_categorical(vocab.array(), data) if text else vocab.array()[data]
            out[col] = data
        self.parts = []
        return pd.DataFrame(out, columns=self.columns)


class _Numbers:
    """One part's column of numbers, held in fewer bytes and given back exactly (same dtype,
    same bits): integers in the smallest type their range fits, floats as codes into their
    distinct bit patterns (a window's mention confidences take a few hundred values)."""

    __slots__ = ("dtype", "data", "values")

    def __init__(self, dtype: np.dtype, data: np.ndarray, values: np.ndarray | None) -> None:
        self.dtype, self.data, self.values = dtype, data, values

    def __len__(self) -> int:
        return len(self.data)

    def unpack(self) -> np.ndarray:
        if self.values is not None:
            return self.values[self.data].view(self.dtype)
        return self.data.astype(self.dtype)


def _packed_numbers(a: np.ndarray) -> _Numbers | _Plain:
    """`a` as a `_Numbers` when that is smaller, else as it is (objects, booleans, bytes)."""
    if not len(a) or a.dtype.kind not in "iuf" or a.dtype.itemsize < 2:
        return _Plain(a)
    if a.dtype.kind == "f":
        bits = a.view(np.uint64 if a.dtype.itemsize == 8 else np.uint32)
        values, codes = np.unique(bits, return_inverse=True)  # by bits: -0.0 and 0.0, NaNs, stay what they were
        if 2 * len(values) > len(a):
            return _Plain(a)
        return _Numbers(a.dtype, codes.astype(code_dtype(len(values))), values)
    lo, hi = int(a.min()), int(a.max())
    for t in (np.int8, np.int16, np.int32):
        info = np.iinfo(t)
        if info.min <= lo and hi <= info.max:
            return _Numbers(a.dtype, a.astype(t), None) if np.dtype(t).itemsize < a.dtype.itemsize else _Plain(a)
    return _Plain(a)


class _Plain:
    """A part's column of numbers kept as it came."""

    __slots__ = ("data",)

    def __init__(self, data: np.ndarray) -> None:
        self.data = data

    def __len__(self) -> int:
        return len(self.data)

    def unpack(self) -> np.ndarray:
        return self.data
