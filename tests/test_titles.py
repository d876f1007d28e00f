"""Title phrase parsing and compatibility (resolve.titles), with the default rules."""

from __future__ import annotations

import pytest

from resolve.rules import Rules, Title
from resolve.titles import parse_title, segment, titles_compatible


@pytest.mark.parametrize(
    "phrase, normalized, affiliation, honorific",
    [
        ("Defense Secretary", "Secretary of Defense", "", ""),
        ("Secretary of Defense", "Secretary of Defense", "", ""),
        ("Russian Deputy Foreign Minister", "Deputy Minister of Foreign Affairs", "Russia", ""),
        ("Russian Defense Minister", "Minister of Defense", "Russia", ""),
        ("Russian Deputy Defense Minister", "Deputy Minister of Defense", "Russia", ""),
        ("Russian Deputy Prime Minister", "Deputy Prime Minister", "Russia", ""),
        ("Defense Undersecretary for Policy", "Under Secretary of Defense for Policy", "", ""),
        ("U.S. Defense Undersecretary", "Under Secretary of Defense", "United States", ""),
        ("U.S. national security adviser", "National Security Adviser", "United States", ""),
        ("NATO supreme allied commander for Europe Adm.", "Supreme Allied Commander Europe", "NATO", "Admiral"),
        ("the State Department's top arms control official", "Arms Control Official", "United States", ""),
        ("his U.S. counterpart", "Counterpart", "United States", ""),
        ("staffer", "Staffer", "", ""),
        ("former Vice President", "Former Vice President", "", ""),
        ("Acting Defense Secretary", "Acting Secretary of Defense", "", ""),
        ("Dr.", "", "", "Dr."),
        ("Gen.", "", "", "General"),
        ("Mr.", "", "", "Mr."),
        ("American", "", "United States", ""),
    ],
)
def test_parse_title(rules, phrase, normalized, affiliation, honorific):
    assert parse_title(phrase, rules) == (normalized, affiliation, honorific)


def test_synonyms_share_one_normalized_form(rules):
    assert parse_title("Defence Minister", rules)[0] == parse_title("Minister of Defense", rules)[0]
    assert parse_title("national security advisor", rules)[0] == parse_title("National Security Adviser", rules)[0]


def test_unknown_words_before_a_role_are_kept_readable(rules):
    assert parse_title("Superior Court Judge", rules)[0] == "Superior Court Judge"


def test_segment_is_longest_match_first(rules):
    kinds = [k for k, _, _ in segment("Russian Deputy Foreign Minister", rules)]
    assert kinds == ["affiliation", "modifier", "role"]
    # "Vice President" is a role of its own, not modifier + role.
    assert [k for k, _, _ in segment("Vice President", rules)] == ["role"]


def test_vocabulary_comes_from_the_rules_only():
    rules = Rules()
    assert parse_title("Defense Secretary", rules) == ("", "", "")
    rules.titles["defense secretary"] = Title("Secretary of Defense", "role")
    rules.affiliations["u.s."] = "United States"
    assert parse_title("U.S. Defense Secretary", rules) == ("Secretary of Defense", "United States", "")


@pytest.mark.parametrize(
    "a, b, expected",
    [
        ("Under Secretary of Defense for Policy", "Under Secretary of Defense", True),
        ("Under Secretary of Defense", "Under Secretary of Defense for Policy", True),
        ("Secretary of Defense", "secretary of defense", True),
        ("Minister of Defense", "Minister", True),
        ("Secretary of Defense", "", True),
        ("Deputy Minister of Defense", "Minister of Defense", False),
        ("Secretary of Defense", "Secretary of State", False),
        ("President", "Vice President", False),
        ("Minister", "Ministerial Adviser", False),
    ],
)
def test_titles_compatible(a, b, expected):
    assert titles_compatible(a, b) is expected
