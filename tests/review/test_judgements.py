from __future__ import annotations

import io

import pytest

from resolve.review import review
from resolve.review.judgements import REVIEW_COLUMNS, JudgementFile, pair_key
from resolve.rules import load_rules


def _append(jf: JudgementFile, judgement: str, a: str, b: str) -> None:
    jf.append({"judgement": judgement, "a": a, "b": b, "note": "n", "user": "ana", "timestamp": "2024-05-01T10:00:00+00:00"})


def test_a_new_file_gets_the_rule_header_plus_user_and_timestamp(tmp_path):
    jf = JudgementFile.open(tmp_path / "judgements.csv")
    _append(jf, "must_link", "Tom Veldhuis", "Thomas Veldhuis")
    lines = (tmp_path / "judgements.csv").read_text(encoding="utf-8").splitlines()
    assert lines[0] == "judgement,a,b,note," + ",".join(REVIEW_COLUMNS)
    assert lines[1] == "must_link,Tom Veldhuis,Thomas Veldhuis,n,ana,2024-05-01T10:00:00+00:00"


def test_a_directory_means_its_judgements_csv(tmp_path):
    assert JudgementFile.open(tmp_path).path == tmp_path / "judgements.csv"


def test_appending_to_an_existing_rule_file_keeps_its_lines_and_columns(tmp_path):
    path = tmp_path / "judgements.csv"
    path.write_text("# mine\njudgement,a,b,note\ncannot_link,James Miller,John Miller,different", encoding="utf-8")  # no final newline
    jf = JudgementFile.open(path)
    assert jf.missing_columns == list(REVIEW_COLUMNS)
    assert jf.judged() == {pair_key("John Miller", "James Miller")}
    _append(jf, "must_link", "Tom Veldhuis", "Thomas Veldhuis")
    assert path.read_text(encoding="utf-8").splitlines()[2:] == ["cannot_link,James Miller,John Miller,different", "must_link,Tom Veldhuis,Thomas Veldhuis,n"]
    assert jf.judgements[-1].where == f"{path}:4"
    rules = load_rules([tmp_path])  # still a valid rule file
    assert {(j.judgement, j.a) for j in rules.judgements} == {("cannot_link", "James Miller"), ("must_link", "Tom Veldhuis")}


def test_pair_key_is_the_loaders_unordered_folded_key():
    assert pair_key("José Martí", "Tom Veldhuis") == pair_key("tom veldhuis", "JOSE MARTI")


def test_a_note_appears_when_the_file_cannot_be_loaded_by_rules(outdir, tmp_path, rules):
    res = review(outdir, tmp_path / "answers.csv", answers=io.StringIO(""), out=io.StringIO(), interactive=False, rules=rules)
    assert any("named judgements.csv" in n for n in res.notes)


def test_the_rules_loader_reads_what_review_writes(tmp_path):
    jf = JudgementFile.open(tmp_path / "judgements.csv")
    _append(jf, "must_link", "Tom Veldhuis", "Thomas Veldhuis")
    _append(jf, "cannot_link", "Jim Harkavy", "James Harkavy")
    rules = load_rules([tmp_path])
    assert [(j.judgement, j.a, j.b) for j in rules.judgements] == [
        ("must_link", "Tom Veldhuis", "Thomas Veldhuis"),
        ("cannot_link", "Jim Harkavy", "James Harkavy"),
    ]
