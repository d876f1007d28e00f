"""registry/tables.py: the output tables from hand-made clusters: anchors, merges, cumulative statistics."""

from __future__ import annotations

import pandas as pd
import pytest

from resolve.registry import build_tables
from resolve.registry.continuation import PSEUDO_PREFIX
from resolve.registry.ids import short_hash
from resolve.schema import MENTIONS_OUT_COLUMNS, REDIRECTS_COLUMNS, REGISTRY_COLUMNS, TITLES_COLUMNS

from .handmade import ARTICLES, HEADER, PREV, PREV_TITLES, clustered, previous, with_pseudo


# --- first runs -------------------------------------------------------------------------


def test_tables_have_the_documented_columns():
    t = build_tables(clustered([("a1", 0, "Tom Donilon", 0, "")]), ARTICLES)
    assert list(t["mentions"].columns) == MENTIONS_OUT_COLUMNS
    assert list(t["registry"].columns) == REGISTRY_COLUMNS
    assert list(t["titles"].columns) == TITLES_COLUMNS
    assert list(t["redirects"].columns) == REDIRECTS_COLUMNS and t["redirects"].empty


def test_ids_do_not_depend_on_row_order_or_cluster_labels():
    rows = [("a1", 0, "Thomas Donilon", 0, ""), ("a1", 40, "Donilon", 0, ""), ("a2", 5, "Chuck Hagel", 1, ""), ("a3", 9, "Hagel", 1, "")]
    a = build_tables(clustered(rows), ARTICLES)
    relabelled = [(r[0], r[1], r[2], 7 - r[3], r[4]) for r in reversed(rows)]
    b = build_tables(clustered(relabelled), ARTICLES)
    for name in a:
        pd.testing.assert_frame_equal(a[name], b[name])
    reg = a["registry"].set_index("name")
    assert reg.loc["Thomas Donilon", "entity_id"] == short_hash("thomas donilon")


def test_anchor_gives_the_id_and_known_actor_id_wins_a_merge():
    df = clustered([("a1", 0, "Tom Donilon", 0, "KA-donilon"), ("a2", 0, "Thomas Donilon", 0, ""), ("a2", 30, "Chuck Hagel", 1, "")])
    t = build_tables(df, ARTICLES, fixed_ids={"KA-donilon"})
    assert set(t["mentions"].loc[t["mentions"]["text"].str.contains("Donilon"), "entity_id"]) == {"KA-donilon"}
    assert t["registry"].set_index("entity_id").loc["KA-donilon", "name"] == "Thomas Donilon"


# --- with a previous registry -----------------------------------------------------------

def test_anchored_cluster_keeps_its_id_and_stats_accumulate(tmp_path):
    prev = previous(tmp_path, PREV, PREV_TITLES)
    rows = [("a2", 0, "Thomas Donilon", 0, "", "National Security Adviser", "United States"), ("a3", 0, "Donilon", 0, ""), ("a3", 20, "Rose Gottemoeller", 1, "")]
    t = build_tables(with_pseudo(prev, rows, {"E-old": 0, "E-new": 2, "E-hagel": 3}), ARTICLES, previous=prev)
    m = t["mentions"]
    assert not m["article_id"].str.startswith(PSEUDO_PREFIX).any()
    assert set(m.loc[m["text"].str.contains("Donilon"), "entity_id"]) == {"E-old"}
    reg = t["registry"].set_index("entity_id")
    old = reg.loc["E-old"]
    assert (old["n_mentions"], old["n_articles"]) == (3 + 2, 4)
    assert (old["first_seen"], old["last_seen"]) == ("2013-01-05", "2013-05-01")
    assert old["article_ids"] == "a2|a3|x1|x2"
    assert old["alias_counts"] == "Donilon=3|Thomas Donilon=2"
    # entities not seen in this batch stay, unchanged
    assert reg.loc["E-hagel", "n_mentions"] == 1 and reg.loc["E-new", "name"] == "Tom Donilon"
    # a new person gets a new ID, never one issued before
    rose = reg[reg["name"] == "Rose Gottemoeller"].index[0]
    assert rose not in {"E-old", "E-new", "E-hagel"}
    # titles over time accumulate
    tt = t["titles"].set_index("entity_id").loc["E-old"]
    assert (tt["n_mentions"], tt["first_seen"], tt["last_seen"], tt["article_ids"]) == (3, "2013-01-05", "2013-04-01", "a2|x1|x2")


def test_two_anchors_in_one_cluster_merge_into_the_older(tmp_path):
    prev = previous(tmp_path, PREV, PREV_TITLES)
    rows = [("a2", 0, "Tom Donilon", 0, ""), ("a2", 30, "Thomas Donilon", 0, "")]
    t = build_tables(with_pseudo(prev, rows, {"E-old": 0, "E-new": 0, "E-hagel": 3}), ARTICLES, previous=prev, run_date="2013-06-30")
    reg = t["registry"].set_index("entity_id")
    assert "E-new" not in reg.index
    assert reg.loc["E-old", "n_mentions"] == 3 + 1 + 2
    assert set(reg.loc["E-old", "aliases"].split("|")) == {"Donilon", "Thomas Donilon", "Tom Donilon"}
    assert reg.loc["E-old", "first_seen"] == "2013-01-05"
    red = t["redirects"]
    assert red[["old_id", "new_id", "run_date"]].values.tolist() == [["E-new", "E-old", "2013-06-30"]]
    assert "2 new mention" in red["reason"].iloc[0]
    assert set(t["mentions"]["entity_id"]) == {"E-old"}


def test_merge_tie_on_first_seen_goes_to_the_smaller_id(tmp_path):
    reg = HEADER + "E-b,Tom Donilon,Tom Donilon,,,1,1,2013-01-01,2013-01-01,x1,,\nE-a,Thomas Donilon,Thomas Donilon,,,1,1,2013-01-01,2013-01-01,x2,,\n"
    prev = previous(tmp_path, reg)
    t = build_tables(with_pseudo(prev, [], {"E-a": 0, "E-b": 0}), ARTICLES, previous=prev, run_date="2013-06-30")
    assert t["redirects"][["old_id", "new_id"]].values.tolist() == [["E-b", "E-a"]]
    assert "without new mentions" in t["redirects"]["reason"].iloc[0]


def test_redirects_are_followed_and_chains_collapsed(tmp_path):
    redirects = "old_id,new_id,reason,run_date\nE-older,E-new,merged,2013-02-01\n"
    prev = previous(tmp_path, PREV, PREV_TITLES, redirects)
    assert prev.live_id("E-older") == "E-new"
    # A mention anchored (e.g. by a known actor rule) to a redirected ID gets the live one.
    rows = [("a2", 0, "Tom Donilon", 0, "E-older")]
    t = build_tables(with_pseudo(prev, rows, {"E-old": 1, "E-new": 0, "E-hagel": 3}), ARTICLES, previous=prev)
    assert list(t["mentions"]["entity_id"]) == ["E-new"]
    # Now E-new merges into E-old: E-older's redirect is retargeted.
    t = build_tables(with_pseudo(prev, rows, {"E-old": 0, "E-new": 0, "E-hagel": 3}), ARTICLES, previous=prev, run_date="2013-06-30")
    assert t["redirects"][["old_id", "new_id"]].values.tolist() == [["E-new", "E-old"], ["E-older", "E-old"]]


def test_clusters_sharing_an_anchor_share_the_id(tmp_path):
    """Should the clusterer split an entity's rows, they still get one ID (never two for one anchor)."""
    prev = previous(tmp_path, PREV, PREV_TITLES)
    rows = [("a2", 0, "Thomas Donilon", 5, "E-old")]
    t = build_tables(with_pseudo(prev, rows, {"E-old": 0, "E-new": 2, "E-hagel": 3}), ARTICLES, previous=prev)
    assert list(t["mentions"]["entity_id"]) == ["E-old"]
    assert t["redirects"].empty


def test_name_follows_new_evidence_unless_set_by_hand(tmp_path):
    reg = (
        HEADER
        + "E-d,Donilon,Donilon,,,1,1,2013-01-01,2013-01-01,x1,Donilon,Donilon=1\n"
        + "E-p,Vladimir V. Putin,Putin,,,1,1,2013-01-01,2013-01-01,x1,Putin,Putin=1\n"
    )
    prev = previous(tmp_path, reg)
    rows = [("a2", 0, "Thomas Donilon", 0, ""), ("a2", 30, "Vladimir Putin", 1, "")]
    t = build_tables(with_pseudo(prev, rows, {"E-d": 0, "E-p": 1}), ARTICLES, previous=prev)
    out = t["registry"].set_index("entity_id")
    assert out.loc["E-d", "name"] == "Thomas Donilon"  # engine's name: the fuller form now seen
    assert (out.loc["E-p", "name"], out.loc["E-p", "auto_name"]) == ("Vladimir V. Putin", "Vladimir Putin")


def test_hand_made_registry_without_bookkeeping_columns(tmp_path):
    prev = previous(tmp_path, "entity_id,name,aliases\nKA1,Thomas E. Donilon,Tom Donilon|T. Donilon\n")
    e = prev.entities["KA1"]
    assert e.human_name and e.added == {"Tom Donilon", "T. Donilon"} and not e.removed
    t = build_tables(with_pseudo(prev, [("a1", 0, "Tom Donilon", 0, "")], {"KA1": 0}), ARTICLES, previous=prev)
    row = t["registry"].set_index("entity_id").loc["KA1"]
    assert (row["name"], row["n_mentions"], row["n_articles"]) == ("Thomas E. Donilon", 1, 1)
    assert row["aliases"] == "T. Donilon|Tom Donilon"


def test_articles_already_counted_are_not_counted_again(tmp_path):
    prev = previous(tmp_path, PREV, PREV_TITLES)
    rows = [("x1", 0, "Thomas Donilon", 0, ""), ("a1", 0, "Donilon", 0, "")]
    arts = pd.concat([ARTICLES, ARTICLES.iloc[:1].assign(article_id="x1")], ignore_index=True)
    t = build_tables(with_pseudo(prev, rows, {"E-old": 0, "E-new": 2, "E-hagel": 3}, arts), arts, previous=prev)
    old = t["registry"].set_index("entity_id").loc["E-old"]
    assert (old["n_mentions"], old["n_articles"]) == (3 + 1, 3)
    assert len(t["mentions"]) == 2  # both mentions are still output with their ID


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_row_order_does_not_change_incremental_tables(tmp_path, seed):
    prev = previous(tmp_path, PREV, PREV_TITLES)
    rows = [("a2", 0, "Tom Donilon", 0, ""), ("a3", 0, "Rose Gottemoeller", 1, ""), ("a3", 40, "Rose Gottemoeller", 1, "")]
    df = with_pseudo(prev, rows, {"E-old": 0, "E-new": 0, "E-hagel": 3})
    base = build_tables(df, ARTICLES, previous=prev, run_date="2013-06-30")
    shuffled = build_tables(df.sample(frac=1, random_state=seed).reset_index(drop=True), ARTICLES, previous=prev, run_date="2013-06-30")
    for name in base:
        pd.testing.assert_frame_equal(base[name], shuffled[name])


def test_cleared_name_goes_back_to_the_engine(tmp_path):
    prev = previous(tmp_path, HEADER + "E-d,,Donilon|Thomas Donilon,,,2,1,2013-01-01,2013-01-01,x1,Thomas Donilon,Donilon=1|Thomas Donilon=1\n")
    assert not prev.entities["E-d"].human_name
    t = build_tables(with_pseudo(prev, [("a1", 0, "Donilon", 0, "")], {"E-d": 0}), ARTICLES, previous=prev)
    assert t["registry"].set_index("entity_id").loc["E-d", "name"] == "Thomas Donilon"


def test_known_actor_name_is_the_engine_choice_for_its_fixed_id():
    df = clustered([("a1", 0, "Douglas Noel Adams", 0, "Q42"), ("a2", 0, "Douglas Adams", 0, "")])
    reg = build_tables(df, ARTICLES, fixed_ids={"Q42": "Douglas Adams"})["registry"].set_index("entity_id")
    assert (reg.loc["Q42", "name"], reg.loc["Q42", "auto_name"]) == ("Douglas Adams", "Douglas Adams")


# --- compact columns --------------------------------------------------------------------


def _as_categories(df: pd.DataFrame) -> pd.DataFrame:
    """Text columns as categoricals whose categories are NOT in sorted order (the tables may not rely on it)."""
    out = df.copy()
    for col in out.columns:
        if out[col].dtype == object:
            values = list(dict.fromkeys(out[col].tolist()))[::-1]
            out[col] = pd.Categorical(out[col], categories=values)
    return out


def test_categorical_mentions_give_the_same_tables(tmp_path):
    rows = [("a2", 5, "Chuck Hagel", 1, ""), ("a1", 40, "Donilon", 0, ""), ("a1", 0, "Thomas Donilon", 0, "", "National Security Adviser", "United States"),
            ("a3", 9, "Hagel", 1, ""), ("a3", 2, "Tom Donilon", 2, "E-new")]
    prev = previous(tmp_path, PREV)
    plain = build_tables(clustered(rows), ARTICLES, previous=prev)
    coded = build_tables(_as_categories(clustered(rows)), ARTICLES, previous=prev)
    def values(t: pd.DataFrame) -> pd.DataFrame:
        return t.astype({c: object for c in t.columns if isinstance(t[c].dtype, pd.CategoricalDtype)})

    for name, table in plain.items():
        pd.testing.assert_frame_equal(values(coded[name]), values(table), check_dtype=False, obj=name)
    assert coded["mentions"]["article_id"].tolist() == ["a1", "a1", "a2", "a3", "a3"]


def test_links_name_the_entity_of_the_last_mention_of_a_side():
    from resolve.registry import links_table
    from resolve.schema import LINKS_COLUMNS

    mentions = pd.DataFrame({"article_id": ["a1", "a1", "a2"], "text": ["Lee", "Lee", "Ann Lee"], "entity_id": ["E1", "E2", "E3"]})
    evidence = pd.DataFrame({"article_id": ["a1", "x9"], "text": ["Lee", "Bo"], "entity_id": ["E7", "E8"]})
    link = {c: "" for c in LINKS_COLUMNS}
    links = pd.DataFrame([{**link, "a_article": "a1", "a_text": "Lee", "b_article": "x9", "b_text": "Bo"},
                          {**link, "a_article": "a2", "a_text": "Ann Lee", "b_article": "a2", "b_text": "Nobody"}])
    out = links_table(_as_categories(links), {"mentions": _as_categories(mentions), "evidence": evidence})
    assert out["a_entity"].tolist() == ["E2", "E3"]  # this run's mentions first, the last one of a side
    assert out["b_entity"].tolist() == ["E8", ""]  # else the evidence; else none
