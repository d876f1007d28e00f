from __future__ import annotations

import math

from resolve.match.comparisons import COMPARISONS, NameSide, compare, day_level, given_relation, surname_level, title_level
from resolve.match.context import Context, day_numbers
from resolve.match.names import parse_name
from resolve.match.score import THRESHOLD, level_weight, score


def rel(a: str, b: str, rules) -> str:
    pa, pb = parse_name(a, rules), parse_name(b, rules)
    return given_relation(pa.given, pa.given_keys, pa.alt_given, pb.given, pb.given_keys, pb.alt_given, rules)


def side(name: str, rules, **ctx) -> NameSide:
    return NameSide(parse_name(name, rules), Context(**ctx))


def date_level(a: tuple[str, ...], b: tuple[str, ...]) -> str:
    return day_level(day_numbers(a), day_numbers(b))


def test_given_levels(rules):
    assert rel("James Miller", "James Miller", rules) == "exact"
    assert rel("Sergey Shoygu", "Sergei Shoygu", rules) == "translit"
    assert rel("Tom Donilon", "Thomas Donilon", rules) == "nickname"
    assert rel("Chuck Hagel", "Charles Hagel", rules) == "nickname"
    assert rel("Luis Gerardo (Jerry) Ortiz", "Jerry Ortiz", rules) == "nickname"
    assert rel("Sharron Diane Smith", "Diane Smith", rules) == "middle"
    assert rel("W. Mark Felt", "Mark Felt", rules) == "middle"
    assert rel("J. Miller", "James Miller", rules) == "initial"
    assert rel("Heidar Alishvandi", "Heydar Alishvandi", rules) == "variant"
    assert rel("Miller", "James Miller", rules) == "missing"


def test_different_given_names_conflict(rules):
    assert rel("James Miller", "John Miller", rules) == "conflict"
    assert rel("J. Miller", "K. Miller", rules) == "conflict"
    assert rel("J. Miller", "Robert Miller", rules) == "conflict"
    # two attested given names one letter apart are two names, not a typo
    assert rel("Mario Rossi", "Maria Rossi", rules) == "conflict"


def test_surname_levels():
    assert surname_level("rait", "rait") == "exact"
    assert surname_level("rait", "raite") == "fuzzy"
    assert surname_level("klitschko", "klistchko") == "fuzzy"
    assert surname_level("gray", "gore") == "different"


def test_title_and_date_levels():
    assert title_level({"Secretary of Defense"}, {"Secretary of Defense"}) == "same"
    assert title_level({"Under Secretary of Defense for Policy"}, {"Under Secretary of Defense"}) == "same"
    assert title_level({"Secretary of Defense"}, {"Professor"}) == "conflict"
    assert title_level(set(), {"Professor"}) == "missing"
    assert date_level(("2013-03-01",), ("2013-03-20",)) == "close"
    assert date_level(("2013-03-01",), ("2013-09-20",)) == "near"
    assert date_level(("2001-03-01",), ("2013-03-20",)) == "far"
    assert date_level((), ("2013-03-20",)) == "missing"


def test_compare_vector_names_every_declared_comparison(rules):
    v = compare(side("Tom Donilon", rules, titles=frozenset({"National Security Adviser"})), side("Thomas Donilon", rules), rules)
    assert set(v.levels) == {"given", "surname", "title", "affiliation", "comention", "date"}
    assert v.features().startswith("given=nickname;surname=exact;title=missing")
    assert all(lv.u > 0 for c in COMPARISONS for lv in c.levels)


def test_context_moves_the_probability(rules):
    base = score(compare(side("James Miller", rules), side("Jim Miller", rules), rules))
    agree = score(
        compare(
            side("James Miller", rules, titles=frozenset({"Secretary of Defense"}), affiliations=frozenset({"United States"})),
            side("Jim Miller", rules, titles=frozenset({"Secretary of Defense"}), affiliations=frozenset({"United States"})),
            rules,
        )
    )
    clash = score(
        compare(
            side("James Miller", rules, titles=frozenset({"Secretary of Defense"}), affiliations=frozenset({"United States"}), dates=("2001-01-01",)),
            side("Jim Miller", rules, titles=frozenset({"Professor"}), affiliations=frozenset({"Britain"}), dates=("2013-01-01",)),
            rules,
        )
    )
    assert clash.probability < base.probability < agree.probability
    assert agree.matched and not clash.matched


def test_conflicting_given_names_are_blocked_whatever_the_context(rules):
    ctx = dict(titles=frozenset({"Secretary"}), affiliations=frozenset({"United States"}), comentions=frozenset({"putin"}), dates=("2013-03-01",))
    sc = score(compare(side("James Miller", rules, **ctx), side("John Miller", rules, **ctx), rules))
    assert sc.blocked and sc.probability == 0.0 and not sc.matched
    assert level_weight("given", "conflict") == -math.inf
    assert 0 < THRESHOLD < 1


def test_every_initial_must_agree_not_only_the_first(rules):
    def rel(a: str, b: str) -> str:
        pa, pb = parse_name(a, rules), parse_name(b, rules)
        return given_relation(pa.given, pa.given_keys, pa.alt_given, pb.given, pb.given_keys, pb.alt_given, rules)

    assert rel("A.J. Smith", "Anna Nicole Smith") == "conflict"
    assert rel("A.J. Smith", "Anna June Smith") == "initial"
    assert rel("A.J. Smith", "Anna Smith") == "initial"
    assert rel("A. J. Smith", "A. K. Smith") == "conflict"
    assert rel("John A. Smith", "John B. Smith") == "conflict"
    assert rel("John A. Smith", "John Smith") == "exact"
    assert rel("John Fitzgerald Kennedy", "John F. Kennedy") == "exact"
