"""resolve.io.columns: one set of column names and aliases for every table resolve reads."""

from __future__ import annotations

import pandas as pd

from resolve.io.columns import canonical_columns


def test_headers_fold_and_aliases_rename_most_specific_first():
    df = pd.DataFrame({" Doc_ID ": ["d"], "START": [0], "end": [20], "Name_Start": [9], "name_end": [20], "text": ["x"]})
    out = canonical_columns(df)
    assert sorted(out.columns) == ["article_id", "end", "start", "text"]
    assert out.loc[0, ["start", "end"]].tolist() == [9, 20]


def test_canonical_names_win_and_a_lone_name_start_is_not_an_alias():
    df = pd.DataFrame({"article_id": ["a"], "doc_id": ["b"], "start": [1], "end": [2], "name_start": [5]})
    out = canonical_columns(df)
    assert out.loc[0, "article_id"] == "a" and out.loc[0, "start"] == 1 and "name_start" in out.columns
