"""The synthetic sports wire (bench/sports_wire.py) that the person model is trained on."""

from __future__ import annotations

import sys

from .conftest import ROOT

sys.path.insert(0, str(ROOT / "bench"))
import sports_wire  # noqa: E402


def test_same_seed_same_documents_other_seed_others():
    a, b = sports_wire.documents(14, seed=3), sports_wire.documents(14, seed=3)
    assert [d.text for d in a] == [d.text for d in b]
    assert [d.person for d in a] == [d.person for d in b]
    assert [d.text for d in a] != [d.text for d in sports_wire.documents(14, seed=4)]


def test_person_spans_are_names_and_never_overlap_a_team_or_place():
    for d in sports_wire.documents(len(sports_wire.KINDS) * 3):
        text = d.text
        for s, e in d.person:
            name = text[s:e]
            assert name == name.strip() and name[:1].isupper(), name
            assert "(" not in name and ")" not in name and not any(ch.isdigit() for ch in name), name
            assert not any(os < e and s < oe for os, oe, _ in d.other), name


def test_every_layout_is_there():
    texts = "\n".join(d.text for d in sports_wire.documents(len(sports_wire.KINDS)))
    for marker in (" c ", " lbw b ", "Scorers: ", "Goalkeepers - ", "Leading scores", " beat ", "Standings", "same time"):
        assert marker in texts, marker


def test_the_corpus_is_a_training_split_with_gold_spans():
    c = sports_wire.corpus(7)
    assert set(c.split.values()) == {"train"} and len(c.articles) == 7
    texts = dict(zip(c.articles["article_id"], c.articles["text"]))
    assert all(r.article_id.startswith(sports_wire.PREFIX) for r in c.person.itertuples())
    assert all(texts[r.article_id][r.start : r.end].strip() for r in c.person.itertuples())
