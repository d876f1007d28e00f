"""Extractors by name (resolve.sources.registry): built in, registered, entry points."""

from __future__ import annotations

import textwrap

import pandas as pd
import pytest
from typer.testing import CliRunner

from resolve.cli import app
from resolve.sources import Extractor, ExtractorError, UnknownExtractorError, extractor_names, get_extractor, register_extractor
from resolve.sources import registry as registry_mod
from resolve.sources.base import mentions_frame
from resolve.sources.rules import RulesExtractor

from ..conftest import SEEDS


class OneMention(Extractor):
    """The first word of each article, as a person."""

    name = "first-word"

    def __init__(self, rules, *, confidence: float = 0.5) -> None:
        super().__init__(rules)
        self.confidence = confidence

    def extract(self, articles: pd.DataFrame, on_articles=None) -> pd.DataFrame:
        rows = []
        for aid, text in zip(articles["article_id"], articles["text"]):
            word = text.split()[0]
            rows.append({"article_id": aid, "start": 0, "end": len(word), "text": word, "title": "", "title_normalized": "",
                         "affiliation": "", "honorific": "", "cue": "first", "confidence": self.confidence})
        return mentions_frame(rows)


def test_built_in_names_and_the_default(rules):
    assert {"rules", "spacy", "table"} <= set(extractor_names())
    ex = get_extractor("rules", rules)
    assert isinstance(ex, RulesExtractor) and ex.uses_batch_evidence and ex.rules is rules


def test_unknown_name_lists_the_known_ones(rules):
    with pytest.raises(UnknownExtractorError) as e:
        get_extractor("nope", rules)
    assert "nope" in str(e.value) and "rules, spacy, table" in str(e.value)
    assert e.value.exit_code == 2  # a usage error


def test_unknown_option_is_an_extractor_error(rules, monkeypatch):
    monkeypatch.setattr(registry_mod, "_REGISTERED", {})
    register_extractor("first-word", OneMention)
    with pytest.raises(ExtractorError, match="first-word.*colour"):
        get_extractor("first-word", rules, colour="red")


def test_registered_in_code_and_used_by_the_pipeline(rules, monkeypatch):
    monkeypatch.setitem(registry_mod._REGISTERED, "first-word", OneMention)
    ex = get_extractor("first-word", rules, confidence=0.7)
    assert ex.confidence == 0.7
    from resolve.pipeline import run

    result = run([str(SEEDS)], None, rules=rules, extractor="first-word", extractor_options={"confidence": 0.7})
    m = result.tables["mentions"]
    assert len(m) == 2 and set(m["start"]) == {0} and set(m["confidence"]) == {0.7}


def test_entry_point_of_an_installed_package(rules, tmp_path, monkeypatch):
    (tmp_path / "resolve_plugin_demo.py").write_text(
        textwrap.dedent(
            """
            from resolve.sources.base import Extractor, mentions_frame

            class Nothing(Extractor):
                name = "nothing"
                def extract(self, articles, on_articles=None):
                    return mentions_frame([])
            """
        ),
        encoding="utf-8",
    )
    dist = tmp_path / "resolve_plugin_demo-1.0.dist-info"
    dist.mkdir()
    (dist / "METADATA").write_text("Metadata-Version: 2.1\nName: resolve-plugin-demo\nVersion: 1.0\n", encoding="utf-8")
    (dist / "entry_points.txt").write_text("[resolve.extractors]\nnothing = resolve_plugin_demo:Nothing\nbroken = resolve_plugin_demo:Missing\n", encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    assert {"nothing", "broken"} <= set(extractor_names())
    ex = get_extractor("nothing", rules)
    assert type(ex).__name__ == "Nothing" and ex.extract(pd.DataFrame({"article_id": ["a"], "text": ["Hi"]})).empty
    with pytest.raises(ExtractorError, match="could not be loaded"):
        get_extractor("broken", rules)


def test_cli_unknown_extractor_is_a_usage_error(tmp_path):
    res = CliRunner().invoke(app, ["run", str(SEEDS), "-o", str(tmp_path / "o"), "--extractor", "nope"])
    assert res.exit_code == 2
    assert "unknown extractor 'nope'" in res.output and "rules" in res.output
    assert not (tmp_path / "o").exists()  # failed before any work
