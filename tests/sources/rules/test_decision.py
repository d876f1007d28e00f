"""The person decision (resolve.sources.rules.decision): pure functions of candidate + evidence."""

from __future__ import annotations

import copy
from collections import Counter

from resolve.sources.rules.candidates import Candidate
from resolve.sources.rules.decision import (
    CAP, PENDING, REJECT, ArticleEvidence, BatchEvidence, after_locative, dateline, decide_alone, decide_in_context, ordinary,
)
from resolve.sources.rules.lexicon import lexicon


def cand(*words: str, **kw) -> Candidate:
    return Candidate(0, 1, list(words), **kw)


def test_vetoed_phrases_are_rejected_whatever_the_cues(rules):
    lex = lexicon(rules)
    assert decide_alone(cand("white", "house", cues=["said"]), lex, BatchEvidence()) == REJECT
    assert decide_alone(cand("alaska", "governor"), lex, BatchEvidence()) == REJECT  # a title without a name
    assert decide_alone(cand("dutch", "king"), lex, BatchEvidence()) == REJECT  # a nationality, then a title: no name, though "Dutch" is a given name too
    assert decide_alone(cand("larry", "king"), lex, BatchEvidence()) != REJECT
    assert decide_alone(cand("young", "brazilian"), lex, BatchEvidence()) == REJECT  # a nationality ends no name
    assert decide_alone(cand("mark", "welsh"), lex, BatchEvidence()) != REJECT  # ... but a surname that is one does


def test_evidence_enough_on_its_own_names_its_cue(rules):
    lex = lexicon(rules)
    d = decide_alone(cand("angela", "merkel"), lex, BatchEvidence())
    assert d.accept and d.final and d.cues == ("given_name",)
    assert decide_alone(cand("w.", "quilliam"), lex, BatchEvidence()).cues == ("initials",)
    assert decide_alone(cand("keiwan", "ratliff"), lex, BatchEvidence()).cues == ("surname",)
    titled = decide_alone(cand("lavrov", title="Minister", cues=["title"]), lex, BatchEvidence())
    assert titled.accept and titled.cues == ()  # the candidate's own cue decided


def test_a_lone_surname_waits_for_pass_2(rules):
    lex = lexicon(rules)
    assert decide_alone(cand("merkel"), lex, BatchEvidence()) == PENDING
    assert decide_alone(cand("angela", "merkel", after_the=True), lex, BatchEvidence()) == PENDING


def test_word_counts_of_the_batch_make_a_word_ordinary(rules):
    lex = lexicon(rules)
    batch = BatchEvidence(words=Counter({"fire": 3}))
    assert ordinary("fire", batch.words) and not ordinary("fire", Counter({"fire": 3, CAP + "fire": 4}))
    assert decide_alone(cand("palmer", "fire"), lex, batch) == PENDING  # "Palmer Fire"


def test_pass_2_uses_article_and_batch_evidence(rules):
    lex = lexicon(rules)
    batch = BatchEvidence(full_names={"justin trudeau"}, surnames=Counter({"trudeau": 2}))
    article = ArticleEvidence(surnames={"merkel"}, givens={"angela"})
    assert decide_in_context(cand("merkel"), lex, article, batch).cues == ("surname_in_article",)
    assert decide_in_context(cand("justin", "trudeau"), lex, ArticleEvidence(), batch).cues == ("full_in_batch",)
    assert decide_in_context(cand("trudeau"), lex, ArticleEvidence(), batch).cues == ("surname_in_batch",)
    assert decide_in_context(cand("trudeau", place_like=True), lex, ArticleEvidence(), batch) == REJECT
    assert decide_in_context(cand("trudeau"), lex, ArticleEvidence(), BatchEvidence()) == REJECT


def test_decisions_change_nothing(rules):
    lex = lexicon(rules)
    c = cand("angela", "merkel", cues=["said"])
    before = copy.deepcopy(c)
    decide_alone(c, lex, BatchEvidence())
    decide_in_context(c, lex, ArticleEvidence(), BatchEvidence())
    assert c == before


def _at(text: str, word: str, nth: int = 0, **kw) -> Candidate:
    start = -1
    for _ in range(nth + 1):
        start = text.index(word, start + 1)
    return Candidate(start, start + len(word), word.lower().split(), **kw)


def test_a_dateline_is_a_place_in_capitals_opening_a_line_before_a_date_or_an_agency():
    for text in ("JACKSON, Feb. 6 (AP) - Talks began.", "NEW YORK 1996-08-29\nStocks rose.", "LINCOLN (Reuters) - Rain fell.",
                 "Intro line\nAUSTIN, Texas, May 3 - Voters went."):
        word = next(w for w in ("JACKSON", "NEW YORK", "LINCOLN", "AUSTIN") if w in text)
        assert dateline(_at(text, word), text), text
    assert not dateline(_at("Jackson, Feb. 6 (AP) - Talks.", "Jackson"), "Jackson, Feb. 6 (AP) - Talks.")  # not in capitals
    assert not dateline(_at("JACKSON SAID ON MONDAY", "JACKSON"), "JACKSON SAID ON MONDAY")  # no date, no agency
    text = "Talks in JACKSON, Feb. 6 (AP) - began."
    assert not dateline(_at(text, "JACKSON"), text)  # not at a line start


def test_a_place_after_in_or_near_is_vetoed_unless_possessive_or_titled():
    places = {"jackson", "houston"}
    text = "Police in Jackson and near Houston."
    assert after_locative(_at(text, "Jackson"), text, places) and after_locative(_at(text, "Houston"), text, places)
    for text in ("In Jackson's view it failed.", "A letter from Jackson.", "He spoke to Jackson."):
        assert not after_locative(_at(text, "Jackson"), text, places), text
    text = "Only in Jackson and Smith."
    assert not after_locative(_at(text, "Smith"), text, places)  # not a place
    assert not after_locative(_at(text, "Jackson", title="Mayor"), text, places)
