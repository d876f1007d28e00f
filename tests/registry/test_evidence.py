"""registry/evidence.py: the bookkeeping beside the registry (evidence.csv, articles.csv) and
article versions; and, end to end, that re-running known articles changes no byte."""

from __future__ import annotations

import json
import shutil
import sys

import pandas as pd

from resolve.registry.evidence import VERSION_MARK, articles_table, evidence_table, replay_rows, text_sha1, version_articles
from resolve.schema import ARTICLES_SEEN_COLUMNS, EVIDENCE_COLUMNS

from ..conftest import ROOT
from .handmade import clustered
from .runs import cli, jsonl, rows, run_ok

TABLES = ("mentions.csv", "registry.csv", "titles.csv", "redirects.csv", "evidence.csv", "articles.csv")


def test_evidence_rows_replay_as_the_mentions_they_stand_for():
    df = clustered([("a1", 0, "Ida Quill", 0, "", "Mayor", "Oslo"), ("a1", 30, "Quill", 0, ""), ("a2", 5, "Omar Brink", 1, "")])
    df["entity_id"] = ["E1", "E1", "E2"]
    ev = evidence_table(df)
    assert list(ev.columns) == EVIDENCE_COLUMNS and len(ev) == 3
    back = replay_rows(ev)
    assert list(zip(back["article_id"], back["start"], back["end"], back["text"])) == list(zip(df["article_id"], df["start"], df["end"], df["text"]))
    assert list(back["anchor_id"]) == ["E1", "E1", "E2"] and back["pseudo"].all() and back["soft_anchor"].all()
    assert back["title_normalized"].iloc[0] == "Mayor" and back["affiliation"].iloc[0] == "Oslo" and back["date"].iloc[2] == "2013-04-01"


def test_articles_table_keeps_earlier_articles_and_hashes_this_batch():
    prev = pd.DataFrame([{"article_id": "old", "sha1": "x", "date": "", "n_mentions": 2}], columns=ARTICLES_SEEN_COLUMNS)
    batch = pd.DataFrame({"article_id": ["new"], "text": ["Judge Omar Brink ruled."], "date": ["2014-01-02"]})
    mentions = pd.DataFrame({"article_id": ["new", "new"]})
    out = articles_table(prev, batch, mentions)
    assert list(out["article_id"]) == ["new", "old"]
    assert out.iloc[0]["sha1"] == text_sha1("Judge Omar Brink ruled.") and out.iloc[0]["n_mentions"] == 2


def test_a_changed_text_is_a_new_version_with_a_warning_and_the_same_change_the_same_version():
    arts = pd.DataFrame({"article_id": ["a", "b"], "text": ["second text", "same"], "source": ["f:1", "f:2"]})
    seen = {"a": text_sha1("first text"), "b": text_sha1("same")}
    out, problems = version_articles(arts, seen)
    assert list(out["article_id"]) == ["a" + VERSION_MARK + "2", "b"]
    assert len(problems) == 1 and "processed as a new version 'a#v2'" in problems[0].message and problems[0].where == "f:1"
    again, _ = version_articles(arts, {**seen, "a#v2": text_sha1("second text")})
    assert list(again["article_id"]) == ["a#v2", "b"]
    third, _ = version_articles(arts.assign(text=["third text", "same"]), {**seen, "a#v2": text_sha1("second text")})
    assert third["article_id"].iloc[0] == "a#v3"


def _corpus(tmp_path):
    sys.path.insert(0, str(ROOT / "bench"))
    import generate

    generate.write_corpus(160, tmp_path / "corpus", seed=5)
    return tmp_path / "corpus" / "articles.jsonl"


def test_rerunning_a_batch_into_its_own_registry_changes_no_byte_and_writes_no_empty_entity(tmp_path):
    src = _corpus(tmp_path)
    run_ok(src, "-o", tmp_path / "a")
    shutil.copytree(tmp_path / "a", tmp_path / "b")
    for _ in range(2):
        run_ok(src, "-o", tmp_path / "b", "--registry", tmp_path / "b")
        for name in TABLES:
            assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes(), name
    assert all(int(r["n_mentions"]) > 0 for r in rows(tmp_path / "b" / "registry.csv"))


def test_rerunning_part_of_a_chain_changes_no_byte(tmp_path):
    src = _corpus(tmp_path)
    recs = [json.loads(line) for line in src.read_text(encoding="utf-8").splitlines()]
    first, second = jsonl(tmp_path / "1.jsonl", recs[:80]), jsonl(tmp_path / "2.jsonl", recs[80:])
    run_ok(first, "-o", tmp_path / "reg")
    run_ok(second, "-o", tmp_path / "reg", "--registry", tmp_path / "reg")
    before = {n: (tmp_path / "reg" / n).read_bytes() for n in TABLES if n != "mentions.csv"}
    run_ok(first, "-o", tmp_path / "reg", "--registry", tmp_path / "reg")
    for name, data in before.items():
        assert (tmp_path / "reg" / name).read_bytes() == data, name


def test_a_changed_article_warns_and_is_counted_as_a_new_version(tmp_path):
    v1 = jsonl(tmp_path / "v1.jsonl", [{"id": "n1", "text": "Senator Ada Kell spoke in the harbour town.", "date": "2015-03-02"}])
    v2 = jsonl(tmp_path / "v2.jsonl", [{"id": "n1", "text": "Senator Ada Kell spoke in the harbour town on Monday.", "date": "2015-03-02"}])
    run_ok(v1, "-o", tmp_path / "reg")
    code, out, _ = cli("run", v2, "-o", tmp_path / "reg", "--registry", tmp_path / "reg")
    assert code == 0 and "warning:" in out and "new version 'n1#v2'" in out
    assert {r["article_id"] for r in rows(tmp_path / "reg" / "mentions.csv")} == {"n1#v2"}
    (kell,) = [r for r in rows(tmp_path / "reg" / "registry.csv") if r["name"] == "Ada Kell"]
    assert kell["n_mentions"] == "2" and set(kell["article_ids"].split("|")) == {"n1", "n1#v2"}
    assert {r["article_id"] for r in rows(tmp_path / "reg" / "articles.csv")} == {"n1", "n1#v2"}
