"""Title attachment (resolve.sources.rules.attach): before, in and after the name."""

from __future__ import annotations

import pytest

from resolve.sources.rules.attach import attach_title, title_after, title_before
from resolve.sources.rules.cutting import Run
from resolve.sources.rules.lexicon import lexicon
from resolve.sources.rules.scan import Scan


def test_title_before_in_lower_case_with_its_offset(rules):
    lex = lexicon(rules)
    text = "Later, U.S. national security adviser Susan Rice flew."
    pos = text.index("Susan")
    assert title_before(text, pos, lex, rules) == (text.index("U.S."), "U.S. national security adviser")


def test_title_offset_survives_odd_white_space_and_repeated_words(rules):
    lex = lexicon(rules)
    text = "adviser  said:\tthe adviser \u00a0adviser\u2003 Susan Rice"
    start, phrase = title_before(text, text.index("Susan"), lex, rules)
    assert phrase == "adviser adviser"
    assert start == text.index("adviser \u00a0adviser")


def test_appositive_title_before_needs_a_determiner_or_possessive(rules):
    lex = lexicon(rules)
    text = "He called his Russian counterpart, Sergei Lavrov."
    assert title_before(text, text.index("Sergei"), lex, rules)[1] == "Russian counterpart"
    text = "He met Russian counterpart, Sergei Lavrov."
    assert title_before(text, text.index("Sergei"), lex, rules) == (text.index("Sergei"), "")


def test_title_after_the_name_in_apposition(rules):
    lex = lexicon(rules)
    text = "Chuck Hagel, the defense secretary, said so."
    assert title_after(text, len("Chuck Hagel"), lex, rules) == "defense secretary"
    assert title_after("Chuck Hagel, the famous actor, said so.", len("Chuck Hagel"), lex, rules) == ""


def test_in_run_title_is_extended_by_the_title_words_before_it(rules):
    text = "The plan came from NATO supreme allied commander for Europe Adm. James Stavridis."
    scan = Scan(text, lexicon(rules), rules, {})
    name_at = text.index("James")
    toks = [(name_at, name_at + 5, "James"), (name_at + 6, name_at + 15, "Stavridis")]
    run = Run(toks, toks, False, False, title_start=text.index("Europe"), end=name_at + 15)
    assert attach_title(scan, run) == "NATO supreme allied commander for Europe Adm."


@pytest.mark.parametrize(
    "text, name, title",
    [
        ("Tom Reed, the chief executive officer of Acme Corp., said on Monday.", "Tom Reed", "chief executive officer of Acme Corp."),
        ("Ann Berg, spokeswoman for the Interior Ministry, declined to comment.", "Ann Berg", "spokeswoman for the Interior Ministry"),
        ("Tom Reed, Acme's attorney, said the talks failed.", "Tom Reed", "Acme's attorney"),
        ("Tom Reed - the defense secretary - arrived late.", "Tom Reed", "defense secretary"),
        ("Tom Reed (spokesman for the mayor) spoke.", "Tom Reed", "spokesman for the mayor"),
        ("Tom Reed, the famous actor, said so.", "Tom Reed", ""),
        ("Tom Reed, Ann Berg and Joe Hill came.", "Tom Reed", ""),
    ],
)
def test_appositions_after_the_name(rules, text, name, title):
    assert title_after(text, text.index(name) + len(name), lexicon(rules), rules) == title


@pytest.mark.parametrize(
    "text, name, title",
    [
        ("Prices fell, ING analyst Tom Reed wrote.", "Tom", "ING analyst"),
        ("On Sunday Leeds United defender Tom Reed scored.", "Tom", "Leeds United defender"),
        ("Shown here: Putin staffer Yuri Ushkin.", "Yuri", "staffer"),
        ("He met the spokesperson of EU foreign policy chief Ann Berg.", "Ann", "EU foreign policy chief"),
    ],
)
def test_title_before_extent(rules, text, name, title):
    assert title_before(text, text.index(name), lexicon(rules), rules)[1] == title


def test_a_relation_in_apposition_is_no_title(rules):
    text = "His father, Anthony, was a geologist."
    assert title_before(text, text.index("Anthony"), lexicon(rules), rules) == (text.index("Anthony"), "")
