"""sources/rules/model.py, namelike.py, wordlists.py: the shipped person model and what it reads."""

from __future__ import annotations

import sys

import pytest

from resolve.sources.rules.model import PersonModel, Stage, shipped_model
from resolve.sources.rules.namelike import NameLikeness, ngrams
from resolve.sources.rules.wordlists import shipped

from ...conftest import ROOT

DATA = ROOT.parent / "shared" / "data"


def test_the_shipped_model_loads_and_is_small():
    m = shipped_model()
    assert 0.0 < m.threshold < 1.0
    assert len(m.stage1.weights) > 1000 and len(m.stage2.weights) > 1000
    assert (ROOT / "resolve" / "sources" / "rules" / "data" / "person_model.json.gz").stat().st_size < 3 * 1024 * 1024
    assert m.meta["trainer"] == "bench/train_extractor.py"
    # Trained on training splits only, of every annotated corpus, and the synthetic sports wire.
    assert set(m.meta["trained_on"]) == {"ecbplus-dev", "gum", "uner-pud", "btc", "re3d", "wnut17", "sports-wire"}


def test_bytes_round_trip_exactly():
    m = PersonModel(Stage(-0.5, {"b": 0.25, "a": -1.0}), Stage(0.1, {"x": 2.0}), NameLikeness({"<a": 0.5}, -0.2), 0.4, {"k": 1})
    data = m.to_bytes()
    back = PersonModel.from_bytes(data)
    assert back.to_bytes() == data
    assert back.stage1.weights == {"a": -1.0, "b": 0.25} and back.threshold == 0.4


def test_explain_lists_present_features_by_effect():
    st = Stage(0.0, {"title": 2.0, "lower": -0.5, "shape=Xx": 0.1})
    m = PersonModel(st, st, NameLikeness({}, 0.0))
    assert m.explain(["shape=Xx", "title", "unknown", "lower"]) == [("title", 2.0), ("lower", -0.5), ("shape=Xx", 0.1)]
    assert st.probability(["title"]) > 0.85 > st.probability([]) == 0.5


def test_the_letter_model_tells_names_from_words_it_never_saw():
    nl = shipped_model().namelike
    given, surnames, english = shipped()
    for invented in ("ravindrakumar", "oyelaranwo", "przybylska"):  # made up: in no list
        assert invented not in given | surnames | english
        assert nl(invented) > 0.7, invented
    for word in ("fishing", "protector", "internationally"):
        assert nl(word) < 0.3, word
    assert ngrams("li") == ["<l", "li", "i>", "<li", "li>", "<li>"]


def test_word_lists_are_folded_and_large():
    given, surnames, english = shipped()
    assert len(given) > 20_000 and len(surnames) > 100_000 and len(english) > 50_000
    assert {"sergei", "chinedu", "siddharth", "kwame", "yusuf"} <= given  # names of many countries
    assert all(w == w.lower() and w.isascii() for w in list(surnames)[:1000])


def test_retraining_reproduces_the_shipped_weights_byte_for_byte():
    """The weights are data anyone can rebuild: bench/train_extractor.py on the training
    splits of ../shared/data gives the shipped file, bit for bit."""
    if not (DATA / "gum" / "gold_mentions.csv").is_file():
        pytest.skip(f"the annotated corpora are not at {DATA}; cannot retrain")
    pytest.importorskip("sklearn", reason="scikit-learn (a recordlinkage dependency) is needed to train")
    sys.path.insert(0, str(ROOT / "bench"))
    import train_extractor

    model = train_extractor.train(train_extractor.training_corpora())
    assert model.to_bytes() == train_extractor.OUT.read_bytes()
