"""Name cutting passes (resolve.sources.rules.cutting), one behaviour each."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from resolve.sources.rules.cutting import ONE_WORD_PASSES, PASSES, SPAN_PASSES, Run, cut_run, cut_span
from resolve.sources.rules.lexicon import lexicon
from resolve.sources.rules.scan import Scan


def scan_of(text: str, rules, lower=None) -> Scan:
    return Scan(text, lexicon(rules), rules, lower or {})


def tokens(text: str, part: str | None = None) -> list[tuple[int, int, str]]:
    """Whitespace tokens of `part` (default: all of `text`), with offsets into `text`."""
    lo = text.index(part) if part else 0
    hi = lo + len(part) if part else len(text)
    return [(m.start(), m.end(), m.group()) for m in re.finditer(r"\S+", text[:hi]) if m.start() >= lo]


def names(text: str, part: str, rules, initial: bool = False, lower=None) -> list[str]:
    scan = scan_of(text, rules, lower)
    return [text[r.start : r.end] for r in cut_run(scan, tokens(text, part), initial)]


def test_leading_ordinary_words_are_dropped(rules):
    text = "After Helmut Kohl left."
    assert names(text, "After Helmut Kohl", rules, initial=True) == ["Helmut Kohl"]


def test_headline_words_the_batch_writes_in_lower_case_are_dropped(rules):
    text = "Cheerful Clerk Marta Olsen Wins Prize\nThe body."
    lower = {"cheerful": 3, "clerk": 2, "wins": 2}
    assert names(text, "Cheerful Clerk Marta Olsen Wins Prize", rules, initial=True, lower=lower) == ["Marta Olsen"]


def test_title_prefix_is_cut_and_remembered(rules):
    text = "Russian Deputy Foreign Minister Sergei Ryabkov spoke."
    (run,) = cut_run(scan_of(text, rules), tokens(text, "Russian Deputy Foreign Minister Sergei Ryabkov"), True)
    assert text[run.start : run.end] == "Sergei Ryabkov" and run.title_start == 0


def test_a_full_name_before_a_would_be_title_is_not_a_title(rules):
    text = "Ellen Marsh To Host Oscars"
    assert "Host" not in " ".join(names(text, "Ellen Marsh", rules, initial=True))


def test_connector_ends_the_name_and_what_follows_is_cut_on_its_own(rules):
    text = "the riot in Athens of Nikos Papadakis, 15, grew."
    # The part after the connector is completed first.
    assert names(text, "Athens of Nikos Papadakis", rules) == ["Nikos Papadakis", "Athens"]


def test_trailing_title_is_not_part_of_the_name(rules):
    text = "Mayor to Name Maria Lopez Surgeon General"
    assert names(text, "Maria Lopez Surgeon General", rules) == ["Maria Lopez"]


def test_possessive_ends_the_name(rules):
    text = "Tom Donilon's Visit Ends"
    assert names(text, "Tom Donilon's Visit Ends", rules, initial=True)[0] == "Tom Donilon"


def test_name_starts_at_a_given_name_inside_the_run(rules):
    text = "He beat Canadian Hasim Rahman again."
    assert names(text, "Canadian Hasim Rahman", rules) == ["Canadian", "Hasim Rahman"]


def test_stop_phrase_or_weekday_ends_the_name(rules):
    text = "A judge sentenced Brian Nichols Saturday."
    assert names(text, "Brian Nichols Saturday", rules) == ["Brian Nichols"]
    text = "Prime Minister Theresa May spoke."
    assert names(text, "Theresa May", rules) == ["Theresa May"]  # a surname that is also a stop word


def test_organization_word_after_the_name_rejects_it(rules):
    # The headline pass cuts the name before "Center" (written in lower case elsewhere);
    # the organization word right after it still says what the run names.
    text = "Actors Return To Betty Ford Center\nThe clinic."
    assert names(text, "Betty Ford Center", rules, lower={"center": 2}) == []
    assert names(text, "Betty Ford", rules, lower={"center": 2}) == ["Betty Ford"]
    text = "Shoppers filled the Sam's Club again."
    assert names(text, "Sam's", rules) == []


def test_lower_case_compound_after_a_hyphen_is_cut(rules):
    text = "The Obama-era rules stay, Ban Ki-moon said."
    assert names(text, "Obama-era", rules) == ["Obama"]
    assert names(text, "Ban Ki-moon", rules) == ["Ban Ki-moon"]


def test_possessive_and_trailing_apostrophe_are_not_in_the_span(rules):
    text = "It was Nicolas Sarkozy’s idea and James' plan."
    assert names(text, "Nicolas Sarkozy’s", rules) == ["Nicolas Sarkozy"]
    assert names(text, "James'", rules) == ["James"]


def test_span_passes_cut_title_honorific_and_possessive(rules):
    text = "Yesterday Dr. Amelia Stone's lab and Defense Secretary Ravi Kumar opened."
    scan = scan_of(text, rules)
    run = cut_span(scan, tokens(text, "Dr. Amelia Stone's"), False)
    assert text[run.start : run.end] == "Amelia Stone" and run.title_start == text.index("Dr.")
    run = cut_span(scan, tokens(text, "Defense Secretary Ravi Kumar"), False)
    assert text[run.start : run.end] == "Ravi Kumar"
    assert cut_span(scan, tokens(text, "Defense Secretary"), False).title_start == -1  # no name after it: kept


def _outcome(scan: Scan, toks, initial: bool, passes) -> tuple | None:
    run = Run(toks, toks, initial, False)
    for p in passes:
        if not p(scan, run):
            return None
    return run.toks, run.keys, run.end, run.title_start, run.initial, run.split_off


_WORDS = st.sampled_from(["Obama-era", "The", "Merkel's", "James'", "Ki-moon", "A.J.", "Sam's", "Putin-Obama", "Mr.", "Will", "ISNA"])


@settings(max_examples=150, deadline=None)
@given(_WORDS, st.booleans(), st.sampled_from(["", " Club", " Center", "'s Club", " said"]))
def test_one_word_runs_need_only_the_one_word_passes(rules, word, initial, after):
    text = f"Then {word}{after} left."
    scan = scan_of(text, rules)
    toks = tokens(text, word)[:1]
    assert _outcome(scan, toks, initial, ONE_WORD_PASSES) == _outcome(scan, toks, initial, PASSES)


def test_pass_lists_keep_their_order():
    # The one-word and span passes are subsequences of the full list: same order of cuts.
    for sub in (ONE_WORD_PASSES, SPAN_PASSES):
        positions = [PASSES.index(p) for p in sub]
        assert positions == sorted(positions)


def test_a_first_word_that_is_a_given_name_keeps_the_name_whole(rules):
    # Two given names before the surname: the first is in no rule list, but it is a
    # given name of the shipped lists, so the name does not start at the second.
    text = "Results: 2. Kjetil Andre Aamodt (Norway) 1:56.70"
    assert names(text, "Kjetil Andre Aamodt", rules) == ["Kjetil Andre Aamodt"]
    # A nationality or team word before a given name still splits off.
    text = "He beat Canadian Hasim Rahman again."
    assert names(text, "Canadian Hasim Rahman", rules) == ["Canadian", "Hasim Rahman"]


def test_a_country_in_parentheses_ends_the_name(rules):
    # Results tables: "First Last (Country) Team time"; the team is cut on its own.
    text = "1. Oskar Lindqvist (Sweden) Nordbank 4:32:10"
    assert names(text, "Oskar Lindqvist (Sweden) Nordbank", rules) == ["Nordbank", "Oskar Lindqvist"]
    text = "2. Pieter Smulders (NED) Vlaanderen Sport 0:12"
    assert names(text, "Pieter Smulders (NED) Vlaanderen Sport", rules)[-1] == "Pieter Smulders"
    text = "3. Thabo Nkosi (South Africa) 1:02.3"
    assert names(text, "Thabo Nkosi (South Africa)", rules) == ["Thabo Nkosi"]
    # A nickname in parentheses is part of the name.
    text = "Thomas (Tommy) Reed spoke."
    assert names(text, "Thomas (Tommy) Reed", rules) == ["Thomas (Tommy) Reed"]


def test_a_team_before_a_title_is_a_body_not_a_full_name(rules):
    # A given name followed by the plural of an English word that is no surname is a team
    # ("Lorena Hornets"), so the title before the name is cut; a surname after the
    # given name still makes a full name, and no title is cut from the run.
    text = "Lorena Hornets Coach Mirela Vantu praised the defence."
    assert names(text, "Lorena Hornets Coach Mirela Vantu", rules) == ["Mirela Vantu"]
    text = "Lorena Smith Coach Mirela Vantu praised the defence."
    assert names(text, "Lorena Smith Coach Mirela Vantu", rules) != ["Mirela Vantu"]
