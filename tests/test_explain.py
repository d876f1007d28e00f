from __future__ import annotations

import pandas as pd
import pytest
from typer.testing import CliRunner

from resolve.cli import app
from resolve.explain import explain
from resolve.link import link


@pytest.fixture()
def outdir(tmp_path, rules):
    rows = [
        ("a1", "Thomas Donilon"), ("a1", "Donilon"), ("a2", "Tom Donilon"), ("a2", "Sergei Ryabkov"),
        ("a3", "James Miller"), ("a4", "John Miller"), ("a5", "George Bush"), ("a6", "Reggie Bush"), ("a7", "Bush"),
    ]
    src = tmp_path / "m.csv"
    pd.DataFrame(rows, columns=["article_id", "text"]).to_csv(src, index=False)
    out = tmp_path / "out"
    link(src, out, rules=rules)
    return out


def test_merged_pair_shows_the_chain_of_decisions(outdir, rules):
    ex = explain(outdir, "Donilon", "Tom Donilon", rules=rules)
    assert ex.merged
    text = str(ex)
    assert "MERGED" in text
    assert "[article]" in text and "same article; surname" in text  # Donilon -> Thomas Donilon
    assert "given=nickname" in text  # Thomas Donilon ~ Tom Donilon, across articles


def test_pair_kept_apart_by_the_given_name_rule(outdir, rules):
    ex = explain(outdir, "James Miller", "John Miller", rules=rules)
    assert not ex.merged
    text = str(ex)
    assert "NOT MERGED" in text and "given        conflict" in text and "given names differ" in text


def test_ambiguous_surname_decision_is_reported(outdir, rules):
    text = str(explain(outdir, "Bush", "George Bush", rules=rules))
    assert "NOT MERGED" in text and "ambiguous" in text


def test_entity_ids_are_accepted(outdir, rules):
    reg = pd.read_csv(outdir / "registry.csv", dtype=str, keep_default_na=False)
    eid = dict(zip(reg["name"], reg["entity_id"]))
    ex = explain(outdir, eid["Thomas Donilon"], "Donilon", rules=rules)
    assert ex.merged and ex.a_entities == [eid["Thomas Donilon"]]


def test_unknown_name_compares_the_names_alone(outdir, rules):
    text = str(explain(outdir, "Sergei Ryabkov", "Sergey Ryabkov", rules=rules))
    assert "no entity" in text and "given        translit" in text and "probability" in text


def test_explain_cli(outdir):
    res = CliRunner().invoke(app, ["explain", str(outdir), "Thomas Donilon", "Tom Donilon"])
    assert res.exit_code == 0, res.output
    assert "MERGED" in res.output
    res = CliRunner().invoke(app, ["explain", str(outdir.parent / "nowhere"), "a", "b"])
    assert res.exit_code == 1 and "no mentions.csv" in res.output


def test_explain_reports_judgements(tmp_path, rules):
    d = tmp_path / "r"
    d.mkdir()
    (d / "judgements.csv").write_text("judgement,a,b,note\ncannot_link,Thomas Donilon,Tom Donilon,test\n", encoding="utf-8")
    src = tmp_path / "m.csv"
    pd.DataFrame([("a1", "Thomas Donilon"), ("a2", "Tom Donilon")], columns=["article_id", "text"]).to_csv(src, index=False)
    runner = CliRunner()
    assert runner.invoke(app, ["link", str(src), "-o", str(tmp_path / "o"), "--rules", str(d)]).exit_code == 0
    res = runner.invoke(app, ["explain", str(tmp_path / "o"), "Thomas Donilon", "Tom Donilon", "--rules", str(d)])
    assert res.exit_code == 0, res.output
    assert "NOT MERGED" in res.output and "judgement: cannot_link" in res.output
