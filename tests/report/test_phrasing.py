from __future__ import annotations

from resolve.report.phrasing import LEVEL_WORDS, decision_template, decision_words, features_in_words, fill, probability_words
from resolve.match.score import level_weight


def test_features_are_words_with_their_weights():
    words = features_in_words("given=nickname;surname=exact;title=missing;date=far")
    assert words == (
        f"{LEVEL_WORDS[('given', 'nickname')]} ({level_weight('given', 'nickname'):+.1f})",
        f"{LEVEL_WORDS[('surname', 'exact')]} ({level_weight('surname', 'exact'):+.1f})",
        f"{LEVEL_WORDS[('date', 'far')]} ({level_weight('date', 'far'):+.1f})",
    )


def test_a_hard_rule_has_no_weight_and_an_unknown_level_is_shown_as_written():
    assert features_in_words("given=conflict;colour=blue") == (LEVEL_WORDS[("given", "conflict")], "colour blue")


def test_probability_is_compared_with_the_threshold():
    assert probability_words("0.4154") == "p=0.4154 < 0.5"
    assert probability_words("0.9") == "p=0.9 ≥ 0.5"
    assert probability_words("") == ""


def test_a_decision_reads_as_a_sentence():
    row = {"stage": "name", "a_article": "a1", "a_text": "Tom Veldhuis", "b_article": "a2", "b_text": "Thomas Veldhuis",
           "decision": "kept apart", "probability": "0.4154", "features": "given=nickname", "reason": "below threshold"}
    text = decision_words(row)
    assert text.startswith("'Tom Veldhuis' (a1) kept apart from 'Thomas Veldhuis' (a2), comparing two full names across articles: ")
    assert "p=0.4154 < 0.5; below threshold; given names are a nickname" in text
    rule = {**row, "stage": "article", "decision": "merged", "probability": "", "features": "", "reason": "same article; surname"}
    assert decision_words(rule).endswith("joined 'Thomas Veldhuis' (a2), within one article: same article; surname")


def test_a_template_takes_values_in_one_pass():
    row = {"stage": "name", "a_article": "a1", "a_text": "{2} {{", "b_article": "a2", "b_text": "Bo", "decision": "merged",
           "probability": "0.6", "features": "", "reason": "a {0} rule"}
    template, values = decision_template(row)
    assert fill(template, values) == "'{2} {{' (a1) joined 'Bo' (a2), comparing two full names across articles: p=0.6 ≥ 0.5; a {0} rule"
