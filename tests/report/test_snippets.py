from __future__ import annotations

import pandas as pd

from resolve.report.snippets import cut, entity_snippets

TEXT = "On Monday the minister of roads, Ana Ortiz, said  the bridge\nwould open in May after all the repairs."


def test_cut_keeps_whole_words_and_collapses_space():
    start = TEXT.index("Ana Ortiz")
    before, name, after = cut(TEXT, start, start + 9, width=20)
    assert name == "Ana Ortiz"
    assert before == "…minister of roads, " and after == ", said the bridge…"


def test_cut_at_the_edges_of_the_text_adds_no_ellipsis():
    assert cut("Ana Ortiz said.", 0, 9, width=40) == ("", "Ana Ortiz", " said.")


def test_snippets_only_where_offsets_fit_the_text():
    start = TEXT.index("Ana Ortiz")
    mentions = pd.DataFrame(
        {"entity_id": ["E1", "E1", "E2"], "article_id": ["a1", "a2", "a1"], "start": [start, 0, 0], "end": [start + 9, 9, 6], "text": ["Ana Ortiz", "Ana Ortiz", "Monday"]}
    )
    texts = {"a1": TEXT, "a2": "Someone else entirely."}
    snips = entity_snippets(mentions, texts, {"E1": ["a1", "a2"], "E2": ["a1"]})
    assert list(snips) == ["E1"] and list(snips["E1"]) == ["a1"]  # a2's offsets and E2's text do not fit


def test_at_most_n_articles_per_entity_in_their_order():
    text = "Ana Ortiz spoke."
    mentions = pd.DataFrame({"entity_id": ["E1"] * 3, "article_id": ["a1", "a2", "a3"], "start": [0] * 3, "end": [9] * 3, "text": ["Ana Ortiz"] * 3})
    snips = entity_snippets(mentions, {a: text for a in ("a1", "a2", "a3")}, {"E1": ["a3", "a1", "a2"]}, per_entity=2)
    assert sorted(snips["E1"]) == ["a1", "a3"]
