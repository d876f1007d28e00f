"""Type confusion: places and firms named like people, on sentences written for these tests
(the towns, firms and people are invented but for a few big cities of the place lists)."""

from __future__ import annotations

from resolve.sources.rules.features import CORPORATE, firm_evidence
from resolve.sources.rules.model import shipped_model

from .test_features import features, reading


def test_a_member_of_a_list_of_places_is_a_place(rules):
    # "Leeds, X and Y": the neighbour is a word of the place lists, so the list is of places.
    text = "Schools in Leeds, Harrowby and Brindlecote stayed shut on Monday."
    assert "coord_place=b," in features(rules, text, "Harrowby")
    assert "coord_place=a," in features(rules, "Harrowby, Leeds and York were flooded.", "Harrowby")
    # The town's county after a comma: "born in Leeds, Wendlow".
    assert "coord_place=b," in features(rules, "She was born in Leeds, Wendlow, in 1961.", "Wendlow")
    # The serial comma is no separator of its own; the last member of the list counts too.
    assert "coord_place=band" in features(rules, "Schools in Leeds, Durham, and Brindlecote stayed shut.", "Brindlecote")
    assert "coord_place=aand" in features(rules, "Cities nearby are Brindlecote, Harrowby, and Durham.", "Harrowby")
    assert "coord_place=band" in features(rules, "Schools in Durham and Brindlecote stayed shut.", "Brindlecote")
    # Not after a place and a comma when the sentence goes on: "In Rome, Jerome studied".
    assert not any(f.startswith("coord_place") for f in features(rules, "In Durham, Brindlecote studied law.", "Brindlecote"))
    # The neighbour is a place as a whole run: not a name ending in a place's word, nor a
    # club beginning with one.
    assert not any(f.startswith("coord_place") for f in features(rules, "In 1974 George W. Bush and A.J. Smith met.", "A.J. Smith"))
    assert not any(f.startswith("coord_place") for f in features(rules, "Harrowby and Leeds United drew.", "Harrowby"))
    # Not from a person next to a person.
    assert not any(f.startswith("coord_place") for f in features(rules, "Anna Morrow, Harrowby and Brindlecote spoke.", "Harrowby"))
    w = shipped_model().stage2.weights
    assert w["coord_place=b,"] < 0 and w["coord_place=a,"] < 0


def test_a_preposition_of_place_before_a_name_of_several_words(rules):
    text = "Near Tell Abbara, one strike destroyed a truck."
    assert "loc_several=near" in features(rules, text, "Tell Abbara")
    assert "loc_several=at" in features(rules, "We met at Harrow Lodge on Friday.", "Harrow Lodge")
    assert shipped_model().stage2.weights["loc_several=at"] < 0


def test_a_firm_cue_after_the_possessive(rules):
    assert "poss_orgcue" in features(rules, "Kessler's shares fell four percent on Tuesday.", "Kessler")
    assert "poss_orgcue" not in features(rules, "Kessler's wife said he was at home.", "Kessler")


def test_the_article_writes_the_word_as_a_firm_elsewhere(rules):
    # Another occurrence with a corporate word after it, or a firm's cue: the lone word is the firm.
    suffix = "Brandtmoor Holdings said it would close two plants. Brandtmoor cut 300 jobs in March."
    assert "firm_art=suffix" in features(rules, suffix, "Brandtmoor")
    cue = "Brandtmoor shares fell on Monday. Analysts said Brandtmoor would cut jobs."
    fs = features(rules, cue, "Brandtmoor", 1)
    assert "firm_art=cue" in fs
    # An occurrence does not count as its own evidence.
    assert "firm_art=cue" not in features(rules, cue, "Brandtmoor", 0)
    assert {"inc", "ltd", "group", "holdings"} <= CORPORATE


def test_firm_evidence_maps_the_name_before_the_corporate_word():
    class C:  # the two attributes firm_evidence reads
        def __init__(self, start, end, words):
            self.start, self.end, self.words = start, end, words

    text = "Vantor Group rose. Vantor fell."
    cands = [C(0, 12, ["vantor", "group"]), C(19, 25, ["vantor"])]
    ev = firm_evidence(cands, text, ["vantor group", "vantor"])
    assert ev == {"vantor": {"suffix": {0}}}
