"""Every candidate with the decision on it: the same decisions as the extractor's."""

from __future__ import annotations

import pandas as pd

from resolve import extract_mentions
from resolve.sources.rules.explain import read_candidates


def test_candidates_carry_the_extractor_s_own_decisions(rules):
    arts = pd.DataFrame({"article_id": ["a", "b"], "text": [
        "Prime Minister Justin Trudeau visited Ottawa on Monday.",
        "Voters cheered Trudeau, and the Acme Corp board met.",
    ]})
    readings = read_candidates(arts, rules)
    taken = [(r.article_id, r.start, r.end) for r in readings if r.person]
    m = extract_mentions(arts, rules)
    assert taken == list(zip(m["article_id"], m["start"], m["end"]))
    # Rejected candidates are there too, and say why.
    by_text = {r.text: r for r in readings}
    assert by_text["Acme Corp"].why == "vetoed" and not by_text["Acme Corp"].person  # an organization word
    assert by_text["Ottawa"].why == "model" and not by_text["Ottawa"].person
    assert by_text["Ottawa"].probability < 0.4 < by_text["Justin Trudeau"].probability


def test_features_are_listed_by_effect_and_cut_to_top(rules):
    arts = pd.DataFrame({"article_id": ["a"], "text": ["Anna Berg said the plan would work."]})
    (r,) = [r for r in read_candidates(arts, rules, top=3) if r.text == "Anna Berg"]
    assert len(r.features) == 3
    effects = [abs(w) for _, w in r.features]
    assert effects == sorted(effects, reverse=True)
    (full,) = [r for r in read_candidates(arts, rules, top=0) if r.text == "Anna Berg"]
    assert len(full.features) > 3 and full.features[:3] == r.features
