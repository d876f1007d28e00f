"""The spaCy extractor (resolve.sources.spacy), run for real on a small pipeline built here.

No model download: `spacy.blank("en")` with an entity_ruler that knows a few PERSON
patterns stands in for a trained recognizer.  Needs spaCy (the `spacy` extra); the
tests that need it are skipped, with the reason printed, when it is absent.
"""

from __future__ import annotations

import pickle
import sys

import pandas as pd
import pytest
from typer.testing import CliRunner

from resolve.cli import app
from resolve.extract import extract_articles
from resolve.sources import ExtractorError, get_extractor
from resolve.sources import spacy as spacy_mod
from resolve.sources.rules import extract_article
from resolve.sources.spacy import SpacyExtractor

from ..conftest import SEEDS

TEXT = (
    "Foreign Minister Anna Kowalczyk met Dr. Ben Osei in Lagos on Monday. "
    '"Minister Kowalczyk was clear," Osei said. Kowalczyk\'s aides agreed.\n'
    "Later Tomas Reyes, the defense secretary, spoke."
)
PATTERNS = [
    {"label": "PERSON", "pattern": "Foreign Minister Anna Kowalczyk"},  # a title inside the entity
    {"label": "PERSON", "pattern": "Dr. Ben Osei"},  # an honorific inside the entity
    {"label": "PERSON", "pattern": "Kowalczyk"},
    {"label": "PERSON", "pattern": [{"TEXT": "Kowalczyk"}, {"TEXT": "'s"}]},  # a possessive inside the entity
    {"label": "PERSON", "pattern": "Osei"},
    {"label": "PERSON", "pattern": "Tomas Reyes"},
    {"label": "GPE", "pattern": "Lagos"},
]


@pytest.fixture(scope="module")
def nlp():
    spacy = pytest.importorskip("spacy", reason='spaCy is not installed (pip install "resolve[spacy]")')
    nlp = spacy.blank("en")
    nlp.add_pipe("entity_ruler").add_patterns(PATTERNS)
    return nlp


def rows_of(nlp, rules, text=TEXT) -> list[dict]:
    m = SpacyExtractor(rules, nlp=nlp).extract(pd.DataFrame({"article_id": ["t"], "text": [text]}))
    return m.to_dict("records")


def test_person_spans_are_cut_to_our_conventions(nlp, rules):
    rows = rows_of(nlp, rules)
    got = [(r["text"], r["title"], r["honorific"]) for r in rows]
    assert got == [
        ("Anna Kowalczyk", "Foreign Minister", ""),
        ("Ben Osei", "", "Dr."),  # an honorific is never the title
        ("Kowalczyk", "Minister", ""),
        ("Osei", "", ""),
        ("Kowalczyk", "", ""),
        ("Tomas Reyes", "defense secretary", ""),  # the determiner is not part of the title
    ]
    for r in rows:
        assert TEXT[r["start"] : r["end"]] == r["text"]
        assert r["cue"].split("|")[0] == "ner" and 0 < r["confidence"] <= 1
    assert rows[0]["title_normalized"] == "Minister of Foreign Affairs" and rows[0]["cue"] == "ner|title"
    assert rows[-1]["title_normalized"] == "Secretary of Defense"


def test_titles_are_the_rules_extractors_for_the_same_spans(nlp, rules):
    fields = ("title", "title_normalized", "affiliation", "honorific")
    by_span = {(r["start"], r["end"]): r for r in extract_article("t", TEXT, rules)}
    same = [(r, by_span[(r["start"], r["end"])]) for r in rows_of(nlp, rules) if (r["start"], r["end"]) in by_span]
    assert len(same) >= 5
    for s, r in same:
        assert [s[f] for f in fields] == [r[f] for f in fields], s["text"]


def test_mentions_in_repeated_paragraphs_are_skipped(nlp, rules):
    para = "Talks led by Foreign Minister Anna Kowalczyk resumed in Geneva on Monday."
    rows = rows_of(nlp, rules, f"{para}\nOther news.\n{para}")
    assert [(r["text"], r["start"]) for r in rows] == [("Anna Kowalczyk", para.index("Anna"))]


def test_jobs_do_not_change_the_output(nlp, rules):
    articles = pd.DataFrame(
        {"article_id": [f"a{i}" for i in range(6)], "text": [TEXT.replace("Monday", f"day {i}") for i in range(6)]}
    )
    ex = SpacyExtractor(rules, nlp=nlp)
    one = extract_articles(articles, rules, extractor=ex, jobs=1)
    two = extract_articles(articles, rules, extractor=ex, jobs=2)
    assert len(one) == 36
    pd.testing.assert_frame_equal(one, two)


def test_model_from_a_path_loads_lazily_and_pickles_without_it(nlp, rules, tmp_path):
    nlp.to_disk(tmp_path / "model")
    ex = get_extractor("spacy", rules, model=str(tmp_path / "model"))
    assert ex._nlp is None  # nothing loaded until the first article
    assert len(ex.extract(pd.DataFrame({"article_id": ["t"], "text": [TEXT]}))) == 6
    assert ex._nlp is not None
    copy = pickle.loads(pickle.dumps(ex))
    assert copy._nlp is None and copy.model == ex.model


def test_cli_run_with_a_spacy_pipeline_attaches_titles(nlp, rules, tmp_path):
    import spacy

    model = spacy.blank("en")
    model.add_pipe("entity_ruler").add_patterns([{"label": "PERSON", "pattern": "Chuck Hagel"}, {"label": "PERSON", "pattern": "Hagel"}])
    model.to_disk(tmp_path / "model")
    out = tmp_path / "out"
    res = CliRunner().invoke(app, ["run", str(SEEDS), "-o", str(out), "--extractor", "spacy", "--spacy-model", str(tmp_path / "model"), "-q"])
    assert res.exit_code == 0, res.output
    m = pd.read_csv(out / "mentions.csv", dtype=str, keep_default_na=False)
    assert set(m["text"]) == {"Chuck Hagel", "Hagel"}
    assert "Secretary of Defense" in set(m["title_normalized"])


def test_missing_model_names_the_command(rules, monkeypatch):
    monkeypatch.setattr(spacy_mod, "find_spec", lambda name: object() if name == "spacy" else None)
    with pytest.raises(ExtractorError, match="python -m spacy download no_such_model"):
        SpacyExtractor(rules, model="no_such_model")


def test_missing_spacy_names_the_extra(rules, monkeypatch):
    monkeypatch.setattr(spacy_mod, "find_spec", lambda name: None)
    with pytest.raises(ExtractorError, match=r'pip install "resolve\[spacy\]"'):
        SpacyExtractor(rules)
    monkeypatch.setitem(sys.modules, "spacy", None)  # `import spacy` fails
    with pytest.raises(ExtractorError, match=r'pip install "resolve\[spacy\]"'):
        spacy_mod.load_model("en_core_web_sm")


def test_cli_missing_model_is_one_error_line(tmp_path, monkeypatch):
    monkeypatch.setattr(spacy_mod, "find_spec", lambda name: object() if name == "spacy" else None)
    res = CliRunner().invoke(app, ["run", str(SEEDS), "-o", str(tmp_path / "o"), "--extractor", "spacy", "--spacy-model", "no_such_model_here"])
    assert res.exit_code == 1
    assert "no_such_model_here" in res.output and "Traceback" not in res.output


def test_pipeline_without_entities_is_refused(nlp, rules):
    import spacy

    with pytest.raises(ExtractorError, match="no component that finds entities"):
        SpacyExtractor(rules, nlp=spacy.blank("en"))


def test_text_longer_than_the_model_takes_goes_in_pieces(nlp, rules, monkeypatch):
    monkeypatch.setattr(nlp, "max_length", 200)  # longer than any line, shorter than the text
    text = "".join(f"Filler words, part {i}.\n" + TEXT.replace("Monday", f"day {i}").replace("spoke", f"spoke {i}") + "\n" for i in range(3))
    rows = rows_of(nlp, rules, text)
    assert len(rows) == 18 and all(text[r["start"] : r["end"]] == r["text"] for r in rows)
    assert [r["text"] for r in rows[:6]] == [r["text"] for r in rows_of(nlp, rules)]


def test_text_pieces_cut_at_line_ends_then_spaces():
    assert spacy_mod.text_pieces("short", 10) == [(0, "short")]
    assert spacy_mod.text_pieces("aaaa\nbbbb\ncc", 6) == [(0, "aaaa\n"), (5, "bbbb\n"), (10, "cc")]
    assert spacy_mod.text_pieces("aaa bbb ccc", 5) == [(0, "aaa "), (4, "bbb "), (8, "ccc")]
    assert spacy_mod.text_pieces("abcdefgh", 3) == [(0, "abc"), (3, "def"), (6, "gh")]


def test_each_article_is_reported_once_its_last_piece_is_read(nlp, rules, monkeypatch):
    monkeypatch.setattr(nlp, "max_length", 200)  # the long article goes in several pieces
    long_text = "".join(TEXT + "\n" for _ in range(3))
    articles = pd.DataFrame({"article_id": ["a", "b", "c"], "text": [TEXT, long_text, ""]})
    heard: list[int] = []
    SpacyExtractor(rules, nlp=nlp).extract(articles, heard.append)
    assert heard == [1, 1, 1]


def test_only_an_english_pipeline_assumes_english(nlp, rules, tmp_path):
    import spacy

    german = spacy.blank("de")
    german.add_pipe("entity_ruler").add_patterns([{"label": "PER", "pattern": "Anna Kowalczyk"}])
    assert SpacyExtractor(rules, nlp=nlp).assumes_english
    assert not SpacyExtractor(rules, nlp=german, labels=("PER",)).assumes_english
    german.to_disk(tmp_path / "de_model")  # from its meta.json, without loading it
    ex = SpacyExtractor(rules, model=str(tmp_path / "de_model"))
    assert not ex.assumes_english and ex._nlp is None
    assert spacy_mod.model_lang(str(tmp_path / "de_model")) == "de" and spacy_mod.model_lang(str(tmp_path)) == ""
