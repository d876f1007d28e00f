from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from resolve.report import uncertain
from resolve.report.outputs import Outputs
from resolve.schema import LINKS_OUT_COLUMNS, MENTIONS_OUT_COLUMNS, REDIRECTS_COLUMNS, TITLES_COLUMNS
from resolve.match.score import MARGIN_BITS

W0 = uncertain.THRESHOLD_WEIGHT


def _registry(rows):
    df = pd.DataFrame(rows, columns=["entity_id", "name", "aliases", "n_mentions", "n_articles", "alias_counts"])
    df["article_ids"] = [f"a-{e}" for e in df["entity_id"]]
    return df


def _link(a, b, weight="", decision="kept apart", stage="name", reason="", a_text="A", b_text="B", a_article="x1", b_article="x2"):
    row = dict.fromkeys(LINKS_OUT_COLUMNS, "")
    p = "" if weight == "" else str(round(2**weight / (1 + 2**weight), 4))
    row.update(stage=stage, a_entity=a, b_entity=b, weight=str(weight), probability=p, decision=decision, reason=reason,
               a_text=a_text, b_text=b_text, a_article=a_article, b_article=b_article)
    return row


def _outputs(registry, links=(), redirects=()):
    return Outputs(
        Path("out"), _registry(registry), pd.DataFrame(columns=MENTIONS_OUT_COLUMNS), pd.DataFrame(columns=TITLES_COLUMNS),
        pd.DataFrame(list(redirects), columns=REDIRECTS_COLUMNS), pd.DataFrame(list(links), columns=LINKS_OUT_COLUMNS),
    )


REG = [
    ("E1", "Tom Veldhuis", "Tom Veldhuis", 4, 2, "Tom Veldhuis=4"),
    ("E2", "Thomas Veldhuis", "Thomas Veldhuis", 9, 3, "Thomas Veldhuis=9"),
    ("E3", "James Harkavy", "James Harkavy|Jim Harkavy", 7, 3, "James Harkavy=5|Jim Harkavy=2"),
]


def test_only_scored_decisions_near_the_threshold_are_doubts():
    links = [
        _link("E1", "E2", W0 + 0.0),
        _link("E1", "E2", W0 - 1.5),
        _link("E1", "E2", W0 - uncertain.NEAR_BITS - 0.5),  # too far
        _link("E1", "E2"),  # a rule decided
        _link("E3", "E3", W0 - 0.5),  # kept apart here, joined elsewhere: overtaken
    ]
    doubts = uncertain.near_threshold(_outputs(REG, links))
    assert sorted(d.distance for d in doubts) == [0.0, 1.5]
    assert {d.link for d in doubts} == {0, 1}


def test_a_stated_margin_close_to_the_required_one_is_a_doubt():
    reason = f"best of 2 candidates by {MARGIN_BITS + 0.3:.1f} bits"
    far = _link("E3", "E3", W0 + 6, "merged", "short_name", reason, "Harkavy", "James Harkavy")
    clear = _link("E3", "E3", W0 + 6, "merged", "short_name", "best of 2 candidates by 5.0 bits", "Harkavy", "James Harkavy")
    doubts = uncertain.near_threshold(_outputs(REG, [far, clear]))
    assert [d.link for d in doubts] == [0] and doubts[0].distance == pytest.approx(0.3)


def test_mentions_affected_are_the_smaller_side():
    kept = _link("E1", "E2", W0)
    merged = _link("E3", "E3", W0 + 0.2, "merged", a_text="James Harkavy", b_text="Jim Harkavy")
    by_link = {d.link: d for d in uncertain.near_threshold(_outputs(REG, [kept, merged]))}
    assert by_link[0].affected == 4  # E1 has 4 mentions, E2 9
    assert by_link[1].affected == 2  # the 2 "Jim Harkavy" mentions would split off


def test_ranked_by_mentions_times_closeness():
    links = [_link("E1", "E2", W0 - 1.0), _link("E3", "E3", W0 + 0.0, "merged", a_text="James Harkavy", b_text="Jim Harkavy")]
    doubts = uncertain.ranked(uncertain.near_threshold(_outputs(REG, links)))
    assert [d.value for d in doubts] == [4 * 0.5, 2 * 1.0]


def test_a_previous_registrys_side_is_its_entity_after_redirects():
    row = _link("", "E2", W0, a_article="@registry:E9")
    doubts = uncertain.near_threshold(_outputs(REG, [row], [("E9", "E1", "merged", "2024-01-01")]))
    assert [(d.a_entity, d.b_entity) for d in doubts] == [("E1", "E2")]


SAME = [
    ("E1", "Maria Oyelaran", "Maria Oyelaran", 5, 2, ""),
    ("E2", "Maria Oyelaran", "Maria Oyelaran", 2, 1, ""),
    ("E3", "Ana M. Ortiz", "Ana M. Ortiz|Ana Ortiz|Ortiz", 3, 1, ""),
    ("E4", "Ana Ortiz", "Ana Ortiz|Ortiz", 1, 1, ""),
    ("E5", "Ortiz", "Ortiz", 8, 4, ""),
]


def test_same_name_groups_share_a_full_name_not_a_surname(rules):
    groups = uncertain.same_name_groups(_registry(SAME), rules)
    assert sorted(ids for _, ids in groups) == [["E1", "E2"], ["E3", "E4"]]  # "Ortiz" alone does not count


def test_same_name_splits_take_their_distance_from_a_scored_decision(rules):
    out = _outputs(SAME, [_link("E2", "E1", W0 - 3.0)])
    by_pair = {(d.a_entity, d.b_entity): d for d in uncertain.same_name_splits(out, rules)}
    assert by_pair[("E1", "E2")].distance == pytest.approx(3.0)  # most mentioned first
    assert by_pair[("E3", "E4")].distance == uncertain.UNSCORED_SPLIT_BITS and by_pair[("E3", "E4")].row is None


def test_surname_only_entities_are_those_the_no_full_name_rule_joined():
    links = [
        _link("E5", "E5", decision="merged", stage="short_name", reason="no full name with this surname; same surname"),
        _link("E4", "E4", W0 + 3, "merged", "short_name", "only candidate"),
    ]
    assert uncertain.surname_only_entities(_outputs(SAME, links)) == ["E5"]
