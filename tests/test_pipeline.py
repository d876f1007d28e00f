from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from resolve.cli import app
from resolve.io.tables import OUTPUT_TABLES
from resolve.schema import MENTIONS_OUT_COLUMNS, REGISTRY_COLUMNS, TITLES_COLUMNS

from .conftest import SEEDS

FRENCH = (
    "Le ministre des Affaires étrangères a déclaré mardi que la France soutiendrait le projet. Selon lui, les "
    "négociations avec les partenaires européens ont beaucoup avancé depuis le mois dernier, et un accord pourrait "
    "être signé avant la fin de l'année à Bruxelles."
)


def test_run_writes_three_tables_with_documented_columns(tmp_path):
    res = CliRunner().invoke(app, ["run", str(SEEDS), "-o", str(tmp_path / "out")])
    assert res.exit_code == 0, res.output
    header = {p.stem: p.read_text(encoding="utf-8").splitlines()[0].split(",") for p in (tmp_path / "out").glob("*.csv")}
    assert header["mentions"] == MENTIONS_OUT_COLUMNS
    assert header["registry"] == REGISTRY_COLUMNS
    assert header["titles"] == TITLES_COLUMNS


def test_run_takes_one_str_or_path_as_one_input_and_lists_the_files_it_wrote(tmp_path, monkeypatch):
    from resolve import run

    monkeypatch.chdir(SEEDS.parent)  # as characters, "seeds" would be five missing files
    for inputs in ("seeds", Path("seeds")):
        result = run(inputs, tmp_path / "out")
        assert result.n_articles == 2 and result.problems == [], inputs
    assert sorted(p.name for p in result.outputs) == sorted(f"{t}.csv" for t in OUTPUT_TABLES)
    assert all(p.is_file() for p in result.outputs)
    assert run("seeds").outputs == []  # no outdir: nothing written


def test_problems_reach_on_problem_as_they_happen_before_extraction(tmp_path, monkeypatch):
    from resolve import pipeline

    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    (tmp_path / "fr.txt").write_text(FRENCH, encoding="utf-8")
    seen, at_extraction = [], []
    real = pipeline.extract_window

    def extract(*args, **kwargs):
        at_extraction.append(list(seen))
        return real(*args, **kwargs)

    monkeypatch.setattr(pipeline, "extract_window", extract)
    result = pipeline.run([str(SEEDS), str(tmp_path / "empty.txt"), str(tmp_path / "fr.txt")], on_problem=seen.append)
    assert seen == result.problems and at_extraction == [seen]
    assert [(p.where, p.message.split(" (")[0]) for p in seen] == [
        (str(tmp_path / "empty.txt"), "empty file, skipped"),
        (str(tmp_path / "fr.txt"), "does not look like English"),
    ]


def test_the_language_warning_is_only_for_extractors_that_assume_english(rules, tmp_path):
    from resolve import pipeline
    from resolve.sources.base import Extractor, mentions_frame

    class AnyLanguage(Extractor):
        name = "any-language"

        def extract(self, articles, on_articles=None):
            return mentions_frame([])

    (tmp_path / "fr.txt").write_text(FRENCH, encoding="utf-8")
    by_rules = pipeline.run(str(tmp_path / "fr.txt"), rules=rules)
    assert [p.message.split(" (")[0] for p in by_rules.problems] == ["does not look like English"]
    assert pipeline.run(str(tmp_path / "fr.txt"), rules=rules, extractor=AnyLanguage(rules)).problems == []


def test_an_outdir_that_cannot_be_written_fails_before_any_article_is_read(tmp_path, monkeypatch):
    from resolve import pipeline
    from resolve.errors import OutputDirError
    from resolve.io import manifest

    def deny(directory):
        raise PermissionError(13, "Permission denied", str(directory))

    (tmp_path / "out").mkdir()
    monkeypatch.setattr(manifest, "_probe", deny)
    monkeypatch.setattr(pipeline, "ArticleSpool", lambda *a, **k: pytest.fail("articles read before the OUTDIR check"))
    with pytest.raises(OutputDirError, match=r"^output directory .*out is not writable \(Permission denied\); nothing done$"):
        pipeline.run(str(SEEDS), tmp_path / "out")
