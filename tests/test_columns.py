"""resolve/columns.py: coded columns give back the values they were given, compactly."""

from __future__ import annotations

import numpy as np
import pandas as pd

from resolve.columns import CodedFrames, code_dtype, sorted_categorical


def test_sorted_categorical_sorts_and_groups_by_value():
    values = ["Lee", "Adams", "", "Moore"]
    codes = np.array([0, 3, 1, 0, 2, 1])
    col = pd.Series(sorted_categorical(values, codes))
    assert col.tolist() == ["Lee", "Moore", "Adams", "Lee", "", "Adams"]
    assert list(col.cat.categories) == sorted(values)
    as_objects = pd.Series(col.tolist(), dtype=object)
    assert col.sort_values(kind="stable").index.tolist() == as_objects.sort_values(kind="stable").index.tolist()


def test_coded_frames_give_back_the_rows_and_empty_themselves():
    store = CodedFrames(["article_id", "text", "start", "probability"], numbers=("start",))
    a = pd.DataFrame({"article_id": ["b", "a"], "text": ["Ann Lee", "Lee"], "start": [4, 9], "probability": [0.5, ""]})
    b = pd.DataFrame({"article_id": ["c"], "text": ["Ann Lee"], "start": [1], "probability": [0.25]})
    store.append(a)
    store.append(b)
    out = store.frame()
    expected = pd.concat([a, b], ignore_index=True)
    assert isinstance(out["text"].dtype, pd.CategoricalDtype)  # text: categorical
    assert out["probability"].dtype == object  # numbers mixed with "": the values themselves
    pd.testing.assert_frame_equal(out.astype({"article_id": object, "text": object}), expected, check_dtype=False)
    assert len(store) == 0  # the rows were handed over, not copied


def test_codes_take_the_smallest_integer_type():
    assert code_dtype(2) == np.int8 and code_dtype(128) == np.int8
    assert code_dtype(129) == np.int16 and code_dtype(40_000) == np.int32


def test_number_columns_come_back_with_their_dtype_and_bits():
    """Numbers are held in fewer bytes (small integers, floats as codes of their bit
    patterns) and given back exactly: the dtype, -0.0, NaN and large values included."""
    store = CodedFrames(["article_id", "start", "confidence", "pseudo"], numbers=("start", "confidence", "pseudo"))
    parts = [
        pd.DataFrame({"article_id": ["a"] * 12, "start": np.array([0, 5, 9, 300, 40000, 7] * 2, dtype=np.int64),
                      "confidence": [0.5] * 8 + [-0.0, 0.0, 0.5, float("nan")], "pseudo": [False] * 12}),
        pd.DataFrame({"article_id": ["b"] * 2, "start": np.array([2**40, 1], dtype=np.int64),
                      "confidence": [0.1 + 0.2, 0.3], "pseudo": [True, False]}),
    ]  # fmt: skip
    for p in parts:
        store.append(p)
    assert store.parts[0]["start"].data.dtype == np.int32  # 40000 does not fit int16
    assert store.parts[0]["confidence"].data.dtype == np.int8  # four distinct bit patterns in 12 rows
    out = store.frame()
    expected = pd.concat(parts, ignore_index=True)
    for col in ("start", "confidence", "pseudo"):
        assert out[col].dtype == expected[col].dtype
        assert out[col].to_numpy().tobytes() == expected[col].to_numpy().tobytes(), col
