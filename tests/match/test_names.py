from __future__ import annotations

import pandas as pd

from resolve.match.names import parse_forms, parse_name


def test_full_name_parts(rules):
    p = parse_name("Thomas Donilon", rules)
    assert (p.given, p.surname, p.kind) == (("thomas",), "donilon", "full")


def test_surname_only_and_initials(rules):
    assert parse_name("Donilon", rules).kind == "single"
    p = parse_name("J. Miller", rules)
    assert (p.given, p.surname_key, p.kind) == (("j",), "miller", "initial")


def test_quoted_or_parenthesized_nickname_becomes_alt_given(rules):
    p = parse_name('Luis Gerardo (Jerry) Ortiz', rules)
    assert p.given == ("luis", "gerardo") and p.alt_given == "jerry" and p.surname == "ortiz"
    q = parse_name("Vincent 'The Chin' Gigante", rules)
    assert q.given == ("vincent",) and q.surname == "gigante" and q.alt_given == ""


def test_suffixes_are_dropped(rules):
    for form in ("Arcade Joseph Comeaux, Jr", "Arcade Joseph Comeaux Jr."):
        assert parse_name(form, rules).surname == "comeaux"
    assert parse_name("Regina M. Benjamin, MD", rules).surname == "benjamin"
    assert parse_name("Anthony LaCalamita III", rules).surname_key == "lacalamita"


def test_leading_title_words_are_not_part_of_the_name(rules):
    assert parse_name("Secretary Hagel", rules).name_norm == "hagel"
    assert parse_name("President Barack Obama", rules).given == ("barack",)


def test_particles_join_the_surname(rules):
    # particles come from rules/name_particles.txt
    assert parse_name("Robert De Niro", rules).surname_key == "deniro"
    assert parse_name("De Niro", rules).kind == "single"
    assert parse_name("Ludwig van der Rohe", rules).surname == "van der rohe"
    assert parse_name("Al Quintero", rules).given == ("al",)  # a given name, not a particle


def test_transliteration_and_case_give_one_key(rules):
    a, b = parse_name("Sergey Shoygu", rules), parse_name("SERGEI SHOIGU", rules)
    assert (a.given_keys, a.surname_key) == (b.given_keys, b.surname_key)
    assert parse_name("O'Brien", rules).surname_key == parse_name("OBrien", rules).surname_key


def test_each_distinct_form_is_parsed_once(rules):
    codes, parsed = parse_forms(pd.Series(["Tom Donilon", "Donilon", "TOM DONILON", "Donilon"]), rules)
    assert len(parsed) == 3 and codes[1] == codes[3]
    names = [parsed[c] for c in codes]
    assert [p.surname_key for p in names] == ["donilon"] * 4
    assert [p.kind for p in names] == ["full", "single", "full", "single"]
    assert names[0].name_norm == names[2].name_norm


def test_transliteration_rules_fold_families_of_spellings(rules):
    for a, b in [("Yevgeniy Primakov", "Evgeny Primakov"), ("Aleksandr Lukashenko", "Alexander Lukashenko"), ("Mohammed Morsi", "Mohamed Morsi")]:
        pa, pb = parse_name(a, rules), parse_name(b, rules)
        assert (pa.given_keys, pa.surname_key) == (pb.given_keys, pb.surname_key)
    # suffix and infix rules: -ski/-sky, kh/h
    assert parse_name("Mihail Hodorkovski", rules).surname_key == parse_name("Mikhail Khodorkovsky", rules).surname_key


def test_hyphenated_article_particle_is_left_out_of_the_surname_key(rules):
    assert parse_name("Bashar al-Assad", rules).surname_key == parse_name("Assad", rules).surname_key == "assad"
