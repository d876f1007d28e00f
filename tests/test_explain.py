from __future__ import annotations

import pandas as pd
import pytest
from typer.testing import CliRunner

from resolve.cli import app
from resolve.explain import explain
from resolve import load_rules
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


# --- sides: IDs, redirects, shared aliases; cross-batch merges; exit codes


@pytest.fixture()
def chained(tmp_path):
    """Two runs: 'Jox Pellam' and 'Jonas Pellam' apart in the first, merged in the second by a nickname rule."""
    from .registry.runs import entity_of, jsonl, run_ok

    first = jsonl(
        tmp_path / "b1.jsonl",
        [
            {"id": "a1", "text": "Mayor Jonas Pellam said on Monday that harbour fees would rise.", "date": "2020-01-06"},
            {"id": "a2", "text": "Mayor Jox Pellam said on Tuesday that the quay would reopen.", "date": "2020-01-07"},
        ],
    )
    run_ok(first, "-o", tmp_path / "reg")
    (jonas,) = entity_of(tmp_path / "reg", "Jonas Pellam")
    (jox,) = entity_of(tmp_path / "reg", "Jox Pellam")
    rules_dir = tmp_path / "rules"
    rules_dir.mkdir()
    (rules_dir / "nicknames.csv").write_text("name,equivalent\njox,jonas\n", encoding="utf-8")
    second = jsonl(tmp_path / "b2.jsonl", [{"id": "a3", "text": "Jonas Pellam met the pilots at the harbour.", "date": "2020-02-01"}])
    run_ok(second, "-o", tmp_path / "reg", "--registry", tmp_path / "reg", "--rules", rules_dir)
    return tmp_path / "reg", rules_dir, jonas, jox


def test_a_merged_id_is_followed_through_its_redirect_and_the_cross_batch_merge_shown(chained):
    from resolve.explain import Query

    out, rules_dir, jonas, jox = chained
    rules = load_rules([rules_dir])
    ex = explain(out, Query(jox, "id"), Query("Jox Pellam", "name"), rules=rules)
    text = str(ex)
    assert ex.found and ex.merged and ex.a_entities == [jonas]
    assert f"'{jox}' was merged into {jonas}" in text
    assert f"cross-batch merge: {jox} -> {jonas}" in text
    assert "earlier batch" in text  # the decision that joined a first-batch mention is marked so


def test_an_unknown_id_is_never_compared_as_a_name_and_exits_1(outdir):
    res = CliRunner().invoke(app, ["explain", str(outdir), "--id", "Ezzzzzzzz", "--name", "Tom Donilon"])
    assert res.exit_code == 1
    assert "no entity with this ID" in res.output and "names alone" not in res.output
    res = CliRunner().invoke(app, ["explain", str(outdir), "Ezzzzzzzz", "Tom Donilon"])  # the shape of an ID: an ID
    assert res.exit_code == 1 and "no entity with this ID" in res.output


def test_a_side_matching_nothing_exits_1_and_two_sides_are_required(outdir):
    res = CliRunner().invoke(app, ["explain", str(outdir), "Sergei Ryabkov", "Nobody Atall"])
    assert res.exit_code == 1 and "no entity" in res.output
    assert CliRunner().invoke(app, ["explain", str(outdir), "Tom Donilon"]).exit_code == 2
    ok = CliRunner().invoke(app, ["explain", str(outdir), "--name", "Tom Donilon", "--name", "Donilon"])
    assert ok.exit_code == 0 and "MERGED" in ok.output


def test_an_alias_shared_by_two_entities_is_not_reported_as_one_merge(tmp_path, rules):
    # "Bush" is an alias of two entities here (each article's own surname mention).
    rows = [("a1", "Reggie Bush"), ("a1", "Bush"), ("a2", "Laura Bush"), ("a2", "Bush")]
    src = tmp_path / "m.csv"
    pd.DataFrame(rows, columns=["article_id", "text"]).to_csv(src, index=False)
    link(src, tmp_path / "o", rules=rules)
    ex = explain(tmp_path / "o", "Bush", "Reggie Bush", rules=rules)
    text = str(ex)
    assert len(ex.a_entities) == 2 and not ex.merged
    assert "is a name of 2 entities" in text and "SHARED NAME" in text
    assert "MERGED: both are" in text and "NOT MERGED" in text  # one pair is the same entity, the other is not
