"""registry/ids.py: entity IDs (hashes of canonical names, never reissued) and merges of anchors."""

from __future__ import annotations

from collections import Counter

from resolve.registry.ids import assign_entity_ids, canonical_name, choose_ids, short_hash
from resolve.text import fold

from .handmade import clustered


def test_canonical_name_prefers_the_fullest_attested_form():
    assert canonical_name(Counter({"Donilon": 2, "Tom Donilon": 1, "Thomas Donilon": 1})) == "Thomas Donilon"
    assert canonical_name(Counter({"Hagel": 3, "Chuck Hagel": 1})) == "Chuck Hagel"


def test_namesakes_and_reserved_ids_get_other_ids():
    df = clustered([("a1", 0, "James Miller", 0, ""), ("a2", 0, "James Miller", 1, "")])
    ids = assign_entity_ids(df)
    assert len(set(ids.values())) == 2 and short_hash("james miller") in ids.values()
    taken = set(ids.values())
    again = assign_entity_ids(df, reserved=taken)
    assert not taken & set(again.values()) and len(set(again.values())) == 2


def test_fold_is_what_ids_hash():
    assert short_hash(fold("Thomas  DONILON")) == short_hash("thomas donilon")


def test_anchors_held_together_merge_into_the_first_by_priority():
    # Clusters 0 and 1 share anchor B, so A, B and C are one entity; D stays alone.
    ids, merges = choose_ids({0: {"B", "A"}, 1: {"C", "B"}, 2: {"D"}, 3: set()}, {0: 2, 1: 1}, None, fixed_ids={"C"})
    assert ids == {0: "C", 1: "C", 2: "D"}  # a known actor's fixed ID wins, then the smallest
    assert [(m.old_id, m.new_id) for m in merges] == [("A", "C"), ("B", "C")]
    assert "3 new mention(s)" in merges[0].reason


def test_survivor_rule_a_full_name_entity_is_never_redirected_into_a_short_one(tmp_path):
    from .handmade import HEADER, previous

    prev = previous(
        tmp_path,
        HEADER
        + "E-short,Charles,Charles,Prince,,4,4,2001-05-01,2001-06-01,x1,Charles,Charles=4\n"
        + "E-full,Jamaal Charles,Jamaal Charles,,,2,2,2009-09-01,2009-09-02,x2,Jamaal Charles,Jamaal Charles=2\n"
        + "E-later,Gus Lind,Gus Lind,,,1,1,2012-01-01,2012-01-01,x3,Gus Lind,Gus Lind=1\n"
        + "E-early,Gus Lind,Gus Lind,,,1,1,2010-01-01,2010-01-01,x4,Gus Lind,Gus Lind=1\n",
    )
    ids, merges = choose_ids({0: {"E-short", "E-full"}, 1: {"E-later", "E-early"}}, {}, prev)
    # a full name beats an earlier first_seen; between two full names, the earliest first_seen wins
    assert ids == {0: "E-full", 1: "E-early"}
    assert [(m.old_id, m.new_id) for m in merges] == [("E-later", "E-early"), ("E-short", "E-full")]
