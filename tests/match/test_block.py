from __future__ import annotations

import pandas as pd

from resolve.match.block import given_block_keys, lookup, name_pairs
from resolve.match.names import parse_name


def nodes(names: list[str], rules) -> pd.DataFrame:
    ps = [parse_name(n, rules) for n in names]
    return pd.DataFrame(
        {
            "surname_key": [p.surname_key for p in ps],
            "surname_phonetic": [p.phonetic for p in ps],
            "given_block": [given_block_keys(p, rules) for p in ps],
        }
    )


def pairs_of(names: list[str], rules) -> set[frozenset]:
    got = name_pairs(nodes(names, rules))
    return {frozenset((names[a], names[b])) for a, b in zip(got["a"], got["b"])}


def test_spelling_nickname_and_transliteration_variants_are_candidates(rules):
    names = ["Duncan Rait", "Duncan Raite", "Tom Donilon", "Thomas Donilon", "Sergey Shoygu", "Sergei Shoigu", "Wladimir Klitschko", "Wladimir Klistchko"]
    got = pairs_of(names, rules)
    for a, b in [names[0:2], names[2:4], names[4:6], names[6:8]]:
        assert frozenset((a, b)) in got


def test_no_candidate_across_unrelated_names(rules):
    got = pairs_of(["James Miller", "Thomas Donilon", "Sergey Shoygu"], rules)
    assert got == set()


def test_given_name_blocks_keep_a_common_surname_small(rules):
    given = ["Adam", "Brian", "Carl", "Dennis", "Edward", "Frank", "George", "Harold", "Ivan", "Keith"]
    names = [f"{g} Smith" for g in given] + ["Eddie Smith"]
    got = pairs_of(names, rules)
    assert frozenset(("Edward Smith", "Eddie Smith")) in got  # nickname shares a block key
    assert len(got) < len(names) * (len(names) - 1) // 2 // 4  # far from all pairs


def test_lookup_joins_on_surname_or_phonetic_key(rules):
    left = nodes(["Raite", "Donilon"], rules)
    right = nodes(["Duncan Rait", "Tom Donilon", "Chuck Hagel"], rules)
    got = lookup(left, right)
    assert set(zip(got["left"], got["right"])) == {(0, 0), (1, 1)}


def test_pairs_are_ordered_and_unique(rules):
    got = name_pairs(nodes(["Tom Donilon", "Thomas Donilon", "Thomas Donilon"], rules))
    assert (got["a"] < got["b"]).all()
    assert not got.duplicated().any()


def test_import_in_background_loads_recordlinkage_and_ends():
    import sys

    from resolve.match.block import import_in_background

    thread = import_in_background()
    thread.join(timeout=120)
    assert not thread.is_alive()
    assert "recordlinkage" in sys.modules
