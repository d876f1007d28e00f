from __future__ import annotations

from resolve.report.outputs import load_outputs
from resolve.report.uncertain import Doubt
from resolve.review.queue import judgement_sides, questions


def _doubt(a_text, b_text, a_entity, b_entity, decision="kept apart"):
    return Doubt("near_threshold", a_entity, b_entity, a_text, b_text, "x1", "x2", decision, 0.5, 3)


def test_two_full_names_are_judged_by_name(rules):
    assert judgement_sides(_doubt("Tom Veldhuis", "Thomas Veldhuis", "E1", "E2"), rules) == ("Tom Veldhuis", "Thomas Veldhuis", False)


def test_a_short_name_is_judged_by_entity_ids(rules):
    # a name judgement on "Veldhuis" would pull every Veldhuis of every article
    assert judgement_sides(_doubt("Veldhuis", "Thomas Veldhuis", "E1", "E2"), rules) == ("E1", "E2", True)


def test_the_same_name_form_twice_is_judged_by_entity_ids(rules):
    assert judgement_sides(_doubt("Maria Oyelaran", "MARIA OYELARAN", "E1", "E2"), rules) == ("E1", "E2", True)


def test_a_short_name_merged_into_a_full_name_cannot_be_asked(rules):
    assert judgement_sides(_doubt("Veldhuis", "Thomas Veldhuis", "E1", "E1", "merged"), rules) is None


def test_questions_are_ranked_and_unique(outdir, rules):
    qs = questions(load_outputs(outdir), rules)
    values = [q.doubt.value for q in qs]
    assert values == sorted(values, reverse=True)
    assert len({frozenset((q.a, q.b)) for q in qs}) == len(qs) == 3
