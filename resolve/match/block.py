"""Candidate generation: which name forms are worth comparing.  Never all pairs.

Candidates are generated over *distinct name forms* (the vocabulary), never over
mentions.  Full names: three passes, unioned (recordlinkage's Index), each within a
given-name block key (the given name, its nicknames, a phonetic key; see
`given_block_keys`):
- block on the surname key (after transliteration rules): "Shoygu" / "Shoigu";
- block on the Metaphone code of the surname key: "Rait" / "Raite";
- sorted neighbourhood on the surname key (window 3): near spellings whose codes
  differ ("Klitschko" / "Klistchko").
Short names (surname or initials only) are looked up against clusters of full names by
the same two keys with pandas joins (`lookup`).
"""

from __future__ import annotations

import threading

import jellyfish
import numpy as np
import pandas as pd

from ..rules import Rules
from .names import ParsedName

BLOCK_KEYS = ("surname_key", "surname_phonetic")
SORTED_NEIGHBOURHOOD_WINDOW = 3


def given_block_keys(parsed: ParsedName, rules: Rules) -> list[str]:
    """Given-name block keys of a full name: each full given token's key and its nicknames,
    the quoted nickname, and a phonetic key of the first full given name (for misspellings).

    Two forms that can pass the given-name comparison share at least one of these keys, so
    blocking on (surname, given key) loses no candidate the comparison would accept except
    initial-only relations (handled with short names), and keeps "Smith" with 200 given
    names from becoming 20,000 pairs.
    """
    keys: set[str] = set()
    for g, k in zip(parsed.given, parsed.given_keys):
        if len(g) > 1:
            keys.add(k)
            keys.update(rules.nicknames.get(g, ()))
            keys.update(rules.nicknames.get(k, ()))
    if parsed.alt_given:
        keys.add(parsed.alt_given)
        keys.update(rules.nicknames.get(parsed.alt_given, ()))
    first = parsed.first_full_given
    if first:
        keys.add("~" + given_phonetic(first))
    return sorted(keys)


def given_phonetic(g: str) -> str:
    return g[:1] + jellyfish.metaphone(g)


def name_pairs(nodes: pd.DataFrame, surname_keys: np.ndarray | None = None) -> pd.DataFrame:
    """Candidate pairs among `nodes` (one row per distinct full-name node, index 0..n-1).

    `nodes` needs `surname_key`, `surname_phonetic` and `given_block` (list of given-name
    block keys, see `given_block_keys`).  Each node is exploded into one row per given
    key; recordlinkage blocks on (surname key, given key) and (surname phonetic, given
    key) and runs a sorted neighbourhood on the surname key within each given key.
    The neighbourhood is over the ranks of the surname keys in `surname_keys` (sorted,
    distinct; default: those of `nodes` with a given key): pairs are nodes of one given
    key whose surname keys are equal or next to each other in that list, so nodes cut
    into partitions by given key pair as they would together if each partition is given
    the keys of all nodes.  Returns a frame with columns `a`, `b` (a < b), sorted,
    without duplicates.
    """
    empty = pd.DataFrame({"a": pd.Series(dtype="int64"), "b": pd.Series(dtype="int64")})
    if len(nodes) < 2:
        return empty
    frame = nodes[["surname_key", "surname_phonetic", "given_block"]].copy()
    frame["node"] = range(len(frame))
    # An empty phonetic code (digits only, ...) must not block everything together.
    frame["surname_phonetic"] = [p if p else f"\x00{k}" for p, k in zip(frame["surname_phonetic"], frame["surname_key"])]
    frame = frame.explode("given_block").dropna(subset=["given_block"]).reset_index(drop=True)
    if len(frame) < 2:
        return empty
    import recordlinkage  # here, not at the top: importing it (and scikit-learn) takes seconds

    indexer = recordlinkage.Index()
    indexer.block(["surname_key", "given_block"])
    indexer.block(["surname_phonetic", "given_block"])
    keys = surname_keys if surname_keys is not None else sorted_surname_keys(frame)
    indexer.sortedneighbourhood("surname_key", window=SORTED_NEIGHBOURHOOD_WINDOW, block_on=["given_block"], sorting_key_values=keys)
    pairs = indexer.index(frame)
    node = frame["node"].to_numpy()
    x = node[pairs.get_level_values(0).to_numpy()]
    y = node[pairs.get_level_values(1).to_numpy()]
    out = pd.DataFrame({"a": np.minimum(x, y), "b": np.maximum(x, y)})
    out = out[out["a"] != out["b"]].drop_duplicates()
    return out.sort_values(["a", "b"], kind="stable").reset_index(drop=True)


def import_in_background() -> threading.Thread:
    """Start importing recordlinkage (with scikit-learn and SciPy, which it imports: about
    a second of CPU) in a thread, for a process that would otherwise only wait, as a run's
    main process does while worker processes extract; `name_pairs`'s import then finds it
    done.  Join the thread before the process may end."""

    def load() -> None:
        try:
            import recordlinkage  # noqa: F401
        except Exception:  # the import in name_pairs reports it, where it matters
            pass

    thread = threading.Thread(target=load, name="import-recordlinkage", daemon=True)
    thread.start()
    return thread


def sorted_surname_keys(exploded: pd.DataFrame) -> np.ndarray:
    """The distinct surname keys of exploded node rows, sorted (as recordlinkage orders them)."""
    return np.unique(exploded["surname_key"].to_numpy())


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
