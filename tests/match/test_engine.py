"""One test (at least) per rule of the matching engine (docs/matching.md)."""

from __future__ import annotations

import random

import pandas as pd

from resolve import load_rules
from resolve.match import cluster_mentions, cluster_with_links
from resolve.schema import MATCH_INPUT_COLUMNS, MATCH_OUTPUT_COLUMNS

from ..matching_helpers import cluster, label, mentions, together


def rules_with(tmp_path, **files: str):
    d = tmp_path / "myrules"
    d.mkdir(exist_ok=True)
    for name, text in files.items():
        (d / name.replace("__", ".")).write_text(text, encoding="utf-8")
    return load_rules([d])


# ---------------------------------------------------------------- within an article


def test_surname_title_and_given_name_attach_to_the_full_name_in_the_article(rules):
    df, _ = cluster(
        [("a", "Thomas Donilon"), ("a", "Chuck Hagel"), ("a", "Donilon"), ("a", "Secretary Hagel"), ("a", "Lindsay Lohan"), ("a", "Lindsay")],
        rules,
    )
    assert together(df, ("a", "Thomas Donilon"), ("a", "Donilon"))
    assert together(df, ("a", "Chuck Hagel"), ("a", "Secretary Hagel"))
    assert together(df, ("a", "Lindsay Lohan"), ("a", "Lindsay"))
    assert not together(df, ("a", "Thomas Donilon"), ("a", "Chuck Hagel"))


def test_within_article_nickname_form_joins_the_full_form(rules):
    df, _ = cluster([("a", "Thomas Donilon"), ("a", "Tom Donilon")], rules)
    assert together(df, ("a", "Thomas Donilon"), ("a", "Tom Donilon"))


# ---------------------------------------------------------------- across articles


def test_nickname_pair_merges_forms_across_articles(rules):
    df, _ = cluster([("a", "Chuck Hagel"), ("b", "Charles Hagel"), ("c", "Tom Donilon"), ("d", "Thomas Donilon")], rules)
    assert together(df, ("a", "Chuck Hagel"), ("b", "Charles Hagel"))
    assert together(df, ("c", "Tom Donilon"), ("d", "Thomas Donilon"))


def test_a_new_nickname_rule_merges_two_forms(tmp_path, rules):
    rows = [("a", "Maurice Cheeks"), ("b", "Mo Cheeks")]
    before, _ = cluster(rows, rules)
    assert not together(before, ("a", "Maurice Cheeks"), ("b", "Mo Cheeks"))
    mine = rules_with(tmp_path, nicknames__csv="name,equivalent\nmo,maurice\n")
    after, _ = cluster(rows, mine)
    assert together(after, ("a", "Maurice Cheeks"), ("b", "Mo Cheeks"))


def test_transliteration_variants_merge(rules):
    df, _ = cluster([("a", "Sergey Shoygu"), ("b", "Sergei Shoigu"), ("c", "Dmitri Rogozin"), ("d", "Dmitry Rogozin")], rules)
    assert together(df, ("a", "Sergey Shoygu"), ("b", "Sergei Shoigu"))
    assert together(df, ("c", "Dmitri Rogozin"), ("d", "Dmitry Rogozin"))


def test_misspelled_surname_merges_with_shared_context(rules):
    df, _ = cluster([("a", "Duncan Rait"), ("a", "Ann Jones"), ("b", "Duncan Raite"), ("b", "Ann Jones")], rules)
    assert together(df, ("a", "Duncan Rait"), ("b", "Duncan Raite"))


def test_all_caps_form_is_the_same_name(rules):
    df, _ = cluster([("a", "Gary Ross"), ("b", "GARY ROSS")], rules)
    assert together(df, ("a", "Gary Ross"), ("b", "GARY ROSS"))


def test_different_given_names_never_merge_even_with_the_same_context(rules):
    ctx = ("Secretary of Defense", "United States", "2013-03-01")
    df, _ = cluster([("a", "James Miller", *ctx), ("a", "Putin"), ("b", "John Miller", *ctx), ("b", "Putin")], rules)
    assert not together(df, ("a", "James Miller"), ("b", "John Miller"))


def test_initials_do_not_chain_two_given_names(rules):
    df, _ = cluster([("a", "James Miller"), ("b", "John Miller"), ("c", "J. Miller")], rules)
    assert not together(df, ("a", "James Miller"), ("b", "John Miller"))
    # and the initial joins neither when both fit it
    assert not together(df, ("c", "J. Miller"), ("a", "James Miller"))
    assert not together(df, ("c", "J. Miller"), ("b", "John Miller"))


def test_initials_join_the_only_matching_full_name(rules):
    df, _ = cluster([("a", "James Miller"), ("b", "Robert Miller"), ("c", "J. Miller")], rules)
    assert together(df, ("a", "James Miller"), ("c", "J. Miller"))
    assert not together(df, ("b", "Robert Miller"), ("c", "J. Miller"))


def test_surname_only_joins_the_single_candidate_across_articles(rules):
    df, _ = cluster([("a", "Vladimir Putin"), ("b", "Putin"), ("c", "Putin")], rules)
    assert together(df, ("a", "Vladimir Putin"), ("b", "Putin"), ("c", "Putin"))


def test_ambiguous_surname_only_stays_alone(rules):
    df, _ = cluster([("a", "George Bush"), ("b", "Reggie Bush"), ("c", "Bush")], rules)
    assert not together(df, ("a", "George Bush"), ("b", "Reggie Bush"))
    assert not together(df, ("c", "Bush"), ("a", "George Bush"))
    assert not together(df, ("c", "Bush"), ("b", "Reggie Bush"))


def test_ambiguous_surname_follows_clear_context(rules):
    df, _ = cluster(
        [("a", "George Bush"), ("a", "Dick Cheney"), ("b", "Reggie Bush"), ("b", "Drew Brees"), ("c", "Bush"), ("c", "Cheney")],
        rules,
    )
    assert together(df, ("c", "Bush"), ("a", "George Bush"))
    assert not together(df, ("c", "Bush"), ("b", "Reggie Bush"))


def test_a_frequent_surname_alone_needs_context_to_join_its_only_candidate(rules):
    # "Johnson" is in rules/frequent_surnames.txt: the only Johnson named in full is no
    # evidence that a bare "Johnson" in an article about other people is her.
    other_people = [("a", "Marla Johnson"), ("a", "Teodor Vasquez-Hale"), ("b", "Johnson"), ("b", "Ilse Brandvold")]
    df, links = cluster(other_people, rules)
    assert not together(df, ("a", "Marla Johnson"), ("b", "Johnson"))
    assert "frequent surname" in links.loc[links["a_text"] == "Johnson", "reason"].iloc[0]
    # Close dates do not change that.
    dated = [(*row, "", "", "2020-03-01" if row[0] == "a" else "2020-03-03") for row in other_people]
    df, _ = cluster(dated, rules)
    assert not together(df, ("a", "Marla Johnson"), ("b", "Johnson"))
    # A shared co-mentioned person is the context that lets it join ...
    df, _ = cluster([("a", "Marla Johnson"), ("a", "Teodor Vasquez-Hale"), ("b", "Johnson"), ("b", "Vasquez-Hale")], rules)
    assert together(df, ("a", "Marla Johnson"), ("b", "Johnson"))
    # ... and so does an article naming nobody else: nothing speaks against her.
    df, _ = cluster([("a", "Marla Johnson"), ("b", "Johnson")], rules)
    assert together(df, ("a", "Marla Johnson"), ("b", "Johnson"))
    # "M. Johnson": the initial narrows it, so it joins as before.
    df, _ = cluster([*other_people[:2], ("b", "M. Johnson"), ("b", "Ilse Brandvold")], rules)
    assert together(df, ("a", "Marla Johnson"), ("b", "M. Johnson"))


def test_a_surname_removed_from_the_frequent_list_joins_its_only_candidate_again(tmp_path, rules):
    rows = [("a", "Marla Johnson"), ("a", "Teodor Vasquez-Hale"), ("b", "Johnson"), ("b", "Ilse Brandvold")]
    df, _ = cluster(rows, rules_with(tmp_path, **{"frequent_surnames.txt": "!Johnson\n"}))
    assert together(df, ("a", "Marla Johnson"), ("b", "Johnson"))


def test_surname_only_with_no_full_name_anywhere_is_one_person(rules):
    df, _ = cluster([("a", "Mourad"), ("b", "Mourad")], rules)
    assert together(df, ("a", "Mourad"), ("b", "Mourad"))


def test_same_name_different_people_stay_apart(rules):
    df, _ = cluster(
        [
            ("a", "James Miller", "Under Secretary of Defense for Policy", "United States", "2013-03-26"),
            ("b", "James Miller", "Professor", "United Kingdom", "1994-05-02"),
            ("c", "James Miller", "Under Secretary of Defense", "United States", "2013-04-02"),
        ],
        rules,
    )
    assert not together(df, ("a", "James Miller"), ("b", "James Miller"))
    assert together(df, ("a", "James Miller"), ("c", "James Miller"))


def test_same_name_with_compatible_context_is_one_person(rules):
    df, _ = cluster(
        [("a", "James Miller", "Professor", "United Kingdom", "2013-03-26"), ("b", "James Miller", "", "", "2001-01-01"), ("c", "James Miller")],
        rules,
    )
    assert together(df, ("a", "James Miller"), ("b", "James Miller"), ("c", "James Miller"))


# ---------------------------------------------------------------- judgements and anchors


def test_cannot_link_always_holds(tmp_path):
    mine = rules_with(tmp_path, judgements__csv="judgement,a,b,note\ncannot_link,Tom Donilon,Thomas Donilon,two people\n")
    df, links = cluster([("a", "Thomas Donilon"), ("a", "Tom Donilon"), ("b", "Thomas Donilon"), ("c", "Tom Donilon")], mine)
    assert not together(df, ("a", "Thomas Donilon"), ("a", "Tom Donilon"))
    assert not together(df, ("b", "Thomas Donilon"), ("c", "Tom Donilon"))
    assert together(df, ("a", "Thomas Donilon"), ("b", "Thomas Donilon"))
    assert (links["reason"].str.contains("cannot_link")).any()


def test_must_link_joins(tmp_path, rules):
    rows = [("a", "Tony Thompson"), ("b", "Tiger")]
    before, _ = cluster(rows, rules)
    assert not together(before, ("a", "Tony Thompson"), ("b", "Tiger"))
    mine = rules_with(tmp_path, judgements__csv="judgement,a,b,note\nmust_link,tony thompson,TIGER,ring name\n")
    after, _ = cluster(rows, mine)
    assert together(after, ("a", "Tony Thompson"), ("b", "Tiger"))


def test_known_actor_alias_maps_to_its_fixed_id(tmp_path):
    mine = rules_with(tmp_path, known_actors__csv="entity_id,name,aliases\nQ311006,Chuck Hagel,Charles Timothy Hagel\n")
    df, _ = cluster([("a", "Charles Timothy Hagel"), ("a", "Hagel"), ("b", "Chuck Hagel"), ("c", "Vladimir Putin")], mine)
    assert together(df, ("a", "Charles Timothy Hagel"), ("a", "Hagel"), ("b", "Chuck Hagel"))
    got = dict(zip(df["text"], df["anchor_id"]))
    assert got["Charles Timothy Hagel"] == got["Hagel"] == got["Chuck Hagel"] == "Q311006"
    assert got["Vladimir Putin"] == ""


def test_rows_sharing_an_anchor_share_a_cluster(rules):
    m = mentions([("a", "Tom Donilon"), ("b", "Deep Throat"), ("c", "Donilon")])
    m["anchor_id"] = ["X1", "X1", ""]  # "Deep Throat": a form the matcher would never join
    df = cluster_mentions(m, rules)
    assert df.loc[0, "cluster"] == df.loc[1, "cluster"] == df.loc[2, "cluster"]
    assert set(df["anchor_id"]) == {"X1"}  # exposed on every row of the anchored cluster


def test_different_anchors_never_merge(rules):
    m = mentions([("a", "James Miller"), ("b", "James Miller")])
    m["anchor_id"] = ["P1", "P2"]
    df = cluster_mentions(m, rules)
    assert df.loc[0, "cluster"] != df.loc[1, "cluster"]


# ---------------------------------------------------------------- determinism


def _partition(df) -> set[frozenset]:
    groups: dict = {}
    for a, s, c in zip(df["article_id"], df["start"], df["cluster"]):
        groups.setdefault(c, set()).add((a, s))
    return {frozenset(g) for g in groups.values()}


def test_clusters_do_not_depend_on_row_order(rules):
    rows = [
        ("a", "James Miller"), ("a", "Miller"), ("b", "John Miller"), ("c", "J. Miller"), ("d", "Tom Donilon"),
        ("e", "Thomas Donilon"), ("e", "Donilon"), ("f", "Bush"), ("g", "George Bush"), ("h", "Reggie Bush"),
        ("i", "Sergey Shoygu"), ("j", "Sergei Shoigu"), ("k", "Shoigu"), ("l", "Duncan Rait"), ("m", "Duncan Raite"),
    ]
    m = mentions(rows)
    first = cluster_mentions(m, rules)
    rnd = random.Random(3)
    for _ in range(5):
        shuffled = m.sample(frac=1.0, random_state=rnd.randrange(10**6)).reset_index(drop=True)
        again = cluster_mentions(shuffled, rules)
        assert _partition(again) == _partition(first)
        # labels too: numbered by sorted unit keys, not by row order
        key = lambda d: sorted(zip(d["article_id"], d["start"], d["cluster"]))  # noqa: E731
        assert key(again) == key(first)


def test_output_keeps_input_rows_and_adds_columns(rules):
    m = mentions([("a", "Tom Donilon"), ("a", "Donilon")])
    df = cluster_mentions(m, rules)
    assert len(df) == 2 and set(MATCH_OUTPUT_COLUMNS) <= set(df.columns)
    assert list(df["text"]) == ["Tom Donilon", "Donilon"]
    assert label(df, "a", "Tom Donilon") == label(df, "a", "Donilon")


def test_the_engine_reads_only_the_declared_columns(rules):
    """schema.py's contract: besides article_id, start, text, title_normalized and
    affiliation, only MATCH_INPUT_COLUMNS reach the engine's decisions."""
    m = mentions(
        [
            ("a", "James Miller", "Under Secretary of Defense", "United States", "2013-03-26"),
            ("b", "James Miller", "Professor", "United Kingdom", "1994-05-02"),
            ("c", "Miller", "Professor", "", "1994-05-09"),
            ("d", "Tom Donilon"),
            ("e", "Donilon"),
        ]
    )
    m["anchor_id"] = ["", "", "", "X1", ""]
    m["soft_anchor"] = False
    m["cue"], m["honorific"], m["confidence"] = "misleading", "Dr.", 0.1  # carried along, never read
    read = ["article_id", "start", "text", "title_normalized", "affiliation", *MATCH_INPUT_COLUMNS]
    full, full_links = cluster_with_links(m, rules)
    only, only_links = cluster_with_links(m[read], rules)
    assert list(full["cluster"]) == list(only["cluster"]) and full["cluster"].nunique() == 3
    pd.testing.assert_frame_equal(full_links, only_links)


# ---------------------------------------------------------------- fixes of issue 11


def test_identical_full_names_with_a_particle_are_one_person_across_articles(rules):
    # In one article the particle surname also stands alone ("Del Giudice"): it is that
    # surname, not a given name "Del", and the full name keeps its own key.
    df, _ = cluster([("a", "Vincent Del Giudice"), ("a", "Del Giudice"), ("b", "Vincent Del Giudice"), ("c", "Vincent Del Giudice")], rules)
    assert together(df, ("a", "Vincent Del Giudice"), ("a", "Del Giudice"), ("b", "Vincent Del Giudice"), ("c", "Vincent Del Giudice"))


def test_a_lone_word_that_is_a_place_never_joins_a_person_elsewhere(tmp_path):
    r = rules_with(tmp_path, places__txt="Fraser\n")
    df, links = cluster([("a", "Neale Fraser"), ("b", "Fraser")], r)
    assert not together(df, ("a", "Neale Fraser"), ("b", "Fraser"))
    assert links["reason"].str.contains("place or an organization").any()
    # Beside the full name in its own article, the surname is still the person.
    df, _ = cluster([("a", "Neale Fraser"), ("a", "Fraser")], r)
    assert together(df, ("a", "Neale Fraser"), ("a", "Fraser"))


def test_a_lone_word_marked_by_the_extractor_as_an_organization_never_joins_a_person(rules):
    rows = mentions([("a", "Ilse Marrow"), ("b", "Marrow"), ("c", "Marrow")])
    rows.loc[2, "cue"] = "organization"  # the extractor saw "Marrow" used as a firm in article c
    df, _ = cluster_with_links(rows, rules)
    assert not together(df, ("a", "Ilse Marrow"), ("b", "Marrow"))


def test_relatives_in_one_article_each_keep_their_surname_mentions(rules):
    # The subject first, her husband later; a titled surname goes to the one with that title,
    # one right after a full name to that person, the others to the article's first-named.
    rows = [
        ("a", "Judge Mara Lind", "Judge"), ("a", "Lind"), ("a", "Lind"), ("a", "Tom Lind"), ("a", "Lind"), ("a", "Judge Lind", "Judge"),
    ]
    df, links = cluster(rows, rules)
    lab = df.sort_values("start")["cluster"].tolist()
    mara, tom = lab[0], lab[3]
    assert mara != tom
    assert lab == [mara, mara, mara, tom, tom, mara]
    assert links["reason"].str.contains("with this title").any() and links["reason"].str.contains("named in full just before").any()


def test_one_person_with_a_middle_name_form_is_not_split_as_relatives(rules):
    df, _ = cluster([("a", "William Mark Felt"), ("a", "Mark Felt"), ("a", "Felt"), ("a", "Felt")], rules)
    assert together(df, ("a", "William Mark Felt"), ("a", "Mark Felt"), ("a", "Felt"))


def test_surname_only_within_the_margin_stays_its_own_entity(rules):
    # Two people of the surname, no context telling which: the documented rule keeps it apart.
    df, links = cluster([("a", "Rhea Okoro"), ("b", "Dele Okoro"), ("c", "Okoro")], rules)
    assert not together(df, ("c", "Okoro"), ("a", "Rhea Okoro")) and not together(df, ("c", "Okoro"), ("b", "Dele Okoro"))
    assert links["reason"].str.contains("ambiguous").any()
    # A co-mentioned person in common decides it.
    df, _ = cluster([("a", "Rhea Okoro"), ("a", "Ivo Sand"), ("b", "Dele Okoro"), ("c", "Okoro"), ("c", "Ivo Sand")], rules)
    assert together(df, ("c", "Okoro"), ("a", "Rhea Okoro"))
