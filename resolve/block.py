"""Candidate generation: which name forms are worth comparing.  Never all pairs.

Candidates are generated over *distinct name forms* (the vocabulary), never over
mentions.  Three passes, unioned (recordlinkage's Index):
- block on the surname key (after transliteration rules): "Shoygu" / "Shoigu";
- block on the Metaphone code of the surname key: "Rait" / "Raite";
- sorted neighbourhood on the surname key (window 3): near spellings whose codes
  differ ("Klitschko" / "Klistchko").
Short names (surname or initials only) are looked up against clusters of full names by
the same two keys with pandas joins (`lookup`).
"""

from __future__ import annotations

import pandas as pd
import recordlinkage

BLOCK_KEYS = ("surname_key", "surname_phonetic")
SORTED_NEIGHBOURHOOD_WINDOW = 3


def name_pairs(nodes: pd.DataFrame) -> pd.DataFrame:
    """Candidate pairs among `nodes` (one row per distinct full-name node, any index).

    `nodes` needs `surname_key` and `surname_phonetic`.  Returns a frame with
    columns `a`, `b` (index labels of `nodes`, a < b), sorted, without duplicates.
    """
    if len(nodes) < 2:
        return pd.DataFrame({"a": pd.Series(dtype=nodes.index.dtype), "b": pd.Series(dtype=nodes.index.dtype)})
    frame = nodes[list(BLOCK_KEYS)].copy()
    # An empty phonetic code (digits only, ...) must not block everything together.
    frame["surname_phonetic"] = [p if p else f"\x00{k}" for p, k in zip(frame["surname_phonetic"], frame["surname_key"])]
    indexer = recordlinkage.Index()
    indexer.block("surname_key")
    indexer.block("surname_phonetic")
    indexer.sortedneighbourhood("surname_key", window=SORTED_NEIGHBOURHOOD_WINDOW)
    pairs = indexer.index(frame)
    a = pairs.get_level_values(0).to_numpy()
    b = pairs.get_level_values(1).to_numpy()
    out = pd.DataFrame({"a": [min(x, y) for x, y in zip(a, b)], "b": [max(x, y) for x, y in zip(a, b)]})
    out = out[out["a"] != out["b"]].drop_duplicates()
    return out.sort_values(["a", "b"], kind="stable").reset_index(drop=True)


def lookup(left: pd.DataFrame, right: pd.DataFrame) -> pd.DataFrame:
    """Pairs (left index, right index) sharing a surname key or a non-empty phonetic key.

    Both frames need `surname_key` and `surname_phonetic`.  Returns columns `left`,
    `right`, sorted, without duplicates.
    """
    parts = []
    for key in BLOCK_KEYS:
        lk = left[[key]].reset_index(names="left")
        rk = right[[key]].reset_index(names="right")
        lk = lk[lk[key] != ""]
        parts.append(lk.merge(rk, on=key)[["left", "right"]])
    out = pd.concat(parts, ignore_index=True).drop_duplicates()
    return out.sort_values(["left", "right"], kind="stable").reset_index(drop=True)
