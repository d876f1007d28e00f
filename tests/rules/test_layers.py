"""resolve.rules.layers: the packaged defaults, user layers (later wins) and `!` removals."""

from __future__ import annotations

import fnmatch
import os
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

from typer.testing import CliRunner

from resolve.cli import app
from resolve.rules import (
    GIVEN_NAMES_SOURCE,
    NICKNAMES_SOURCE,
    RULE_FILES,
    default_rules_dir,
    load_rules,
)

from ..conftest import ROOT
from .helpers import problems_of, write

runner = CliRunner()


def test_default_rules_dir_holds_every_declared_file():
    d = default_rules_dir()
    for name in RULE_FILES:
        assert (d / name).is_file(), name


def test_defaults_load_with_packaged_datasets(rules):
    assert rules.titles["defense secretary"].normalized == "Secretary of Defense"
    assert rules.given_equivalent("tom", "thomas")  # nicknames package
    assert rules.given_equivalent("chuck", "charles")
    assert not rules.given_equivalent("william", "robert")  # equivalence is not transitive
    assert {"thomas", "mary", "sergei"} <= rules.given_names  # census + rules/given_names.txt
    assert rules.sources == [NICKNAMES_SOURCE, GIVEN_NAMES_SOURCE, str(default_rules_dir())]
    assert rules.counts["nicknames.csv"] > 2000 and rules.counts["given_names.txt"] > 5000


def test_the_shipped_rules_load_without_warnings(rules):
    # A repeated or self-contradicting line in a shipped file would warn on every run.
    assert rules.warnings == []


def test_no_default_rules_starts_empty():
    r = load_rules([], defaults=False)
    assert r.titles == {} and r.nicknames == {} and r.given_names == set() and r.stop_phrases == set()
    assert r.sources == [] and set(r.counts.values()) == {0}


def test_packaging_maps_rules_into_the_package():
    """pyproject installs rules/ as package data of resolve.default_rules (checked with a
    real `pip install .` too; that needs the network for build isolation, so not here)."""
    cfg = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]
    assert "resolve.default_rules" in cfg["packages"]
    assert cfg["package-dir"]["resolve.default_rules"] == "rules"
    globs = cfg["package-data"]["resolve.default_rules"]
    for path in (ROOT / "rules").iterdir():
        assert any(fnmatch.fnmatch(path.name, g) for g in globs), path.name


def test_installed_layout_finds_default_rules_from_another_directory(tmp_path):
    """The installed layout (site/resolve/default_rules), imported from elsewhere."""
    site = tmp_path / "site"
    shutil.copytree(ROOT / "resolve", site / "resolve", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(ROOT / "rules", site / "resolve" / "default_rules")
    env = {**os.environ, "PYTHONPATH": str(site)}
    code = "import resolve.rules as r; print(r.__file__); print(r.default_rules_dir()); print(len(r.load_rules().titles))"
    out = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True, cwd=tmp_path, env=env).stdout.split()
    assert Path(out[0]).parent == site / "resolve" / "rules"
    assert Path(out[1]) == site / "resolve" / "default_rules"
    assert int(out[2]) == len(load_rules().titles) > 0


def test_keyed_files_override_by_key_and_lists_union(tmp_path):
    a, b = tmp_path / "a", tmp_path / "b"
    write(a, "titles.csv", "phrase,normalized,kind\nczar,Czar,role\nboss,Boss,role\n")
    write(b, "titles.csv", "phrase,normalized,kind\nCZAR,Commissioner,role\n")
    write(a, "places.txt", "Atlantis\n")
    write(b, "places.txt", "Lemuria\n")
    r = load_rules([a, b], defaults=False)
    assert r.titles["czar"].normalized == "Commissioner"  # later layer wins, key folded
    assert r.titles["boss"].normalized == "Boss"
    assert r.places == {"atlantis", "lemuria"}
    assert load_rules([b, a], defaults=False).titles["czar"].normalized == "Czar"  # order decides


def test_user_layer_overrides_defaults(tmp_path):
    d = tmp_path / "r"
    write(d, "titles.csv", "phrase,normalized,kind\ndefense secretary,Defence Secretary,role\n")
    write(d, "affiliations.csv", "phrase,affiliation\nrussian,Russian Federation\n")
    r = load_rules([d])
    assert r.titles["defense secretary"].normalized == "Defence Secretary"
    assert r.affiliations["russian"] == "Russian Federation"
    assert r.titles["secretary of defense"].normalized == "Secretary of Defense"  # untouched default


def test_judgement_pair_is_symmetric_and_can_be_flipped_by_a_later_layer(tmp_path):
    a, b = tmp_path / "a", tmp_path / "b"
    write(a, "judgements.csv", "judgement,a,b,note\nmust_link,Jim Halvorsen,James Halvorsen,\n")
    write(b, "judgements.csv", "judgement,a,b,note\ncannot_link,james halvorsen,JIM HALVORSEN,two people\n")
    (j,) = load_rules([a, b], defaults=False).judgements
    assert j.judgement == "cannot_link" and j.note == "two people" and j.where == f"{b / 'judgements.csv'}:2"


def test_known_actor_redefined_by_entity_id(tmp_path):
    a, b = tmp_path / "a", tmp_path / "b"
    write(a, "known_actors.csv", "entity_id,name,aliases\nQ1,Chuck Hagel,Charles Hagel\nQ2,Rose Gottemoeller,\n")
    write(b, "known_actors.csv", "entity_id,name,aliases\nQ1,Charles Timothy Hagel,Chuck Hagel|Charles Hagel\n")
    r = load_rules([a, b], defaults=False)
    assert sorted((x.entity_id, x.name, x.aliases) for x in r.known_actors) == [
        ("Q1", "Charles Timothy Hagel", ("Chuck Hagel", "Charles Hagel")),
        ("Q2", "Rose Gottemoeller", ()),
    ]
    assert r.known_actor("CHUCK HAGEL").entity_id == "Q1"
    assert r.known_actor("Q2").name == "Rose Gottemoeller"
    assert r.known_actor("nobody") is None


def test_bang_removes_default_entries_of_every_kind(tmp_path):
    d = tmp_path / "r"
    write(d, "places.txt", "!MOSCOW\n")
    write(d, "stop_phrases.txt", "! Cold War\n")
    write(d, "titles.csv", "phrase,normalized,kind\n!Defense Secretary\n")
    write(d, "nicknames.csv", "name,equivalent\n!thomas,tom\n")  # a pair of the nicknames package, other order
    write(d, "given_names.txt", "!Mary\n")  # a census given name
    write(d, "transliterations.csv", "from,to,scope\n!sergey,,word\n")
    base = load_rules()
    assert "moscow" in base.places and base.given_equivalent("tom", "thomas")
    r = load_rules([d])
    assert "moscow" not in r.places and "cold war" not in r.stop_phrases
    assert "defense secretary" not in r.titles and "secretary of defense" in r.titles
    assert not r.given_equivalent("tom", "thomas") and r.given_equivalent("tommy", "thomas")
    assert "mary" not in r.given_names
    assert all(t.src != "sergey" for t in r.transliterations) and any(t.src == "dmitri" for t in r.transliterations)
    assert r.warnings == base.warnings  # every removal removed something


def test_bang_removes_from_an_earlier_user_layer_judgements_and_actors(tmp_path):
    a, b = tmp_path / "a", tmp_path / "b"
    write(a, "judgements.csv", "judgement,a,b,note\nmust_link,Mark Twain,Samuel Clemens,pen name\ncannot_link,A X,B X,\n")
    write(b, "judgements.csv", "judgement,a,b,note\n!,Samuel Clemens,Mark Twain\n")
    write(a, "known_actors.csv", "entity_id,name,aliases\nQ1,Ann Lee,\n,Bo Diddley,Ellas McDaniel\n")
    write(b, "known_actors.csv", "entity_id,name,aliases\n!Q1\n!,bo diddley\n")
    r = load_rules([a, b], defaults=False)
    assert [(j.judgement, j.a) for j in r.judgements] == [("cannot_link", "A X")]
    assert r.known_actors == []


def test_removing_what_is_not_there_is_a_warning_and_repeats_warn(tmp_path):
    d = tmp_path / "r"
    p = write(d, "places.txt", "!Atlantis\nLemuria\nlemuria\n")
    r = load_rules([d], defaults=False)
    assert r.places == {"lemuria"}
    assert r.warnings == [
        f"{p}:1: warning: removes 'Atlantis', which no earlier rules define",
        f"{p}:3: warning: repeats line 2",
    ]
    res = runner.invoke(app, ["rules", "check", "--no-default-rules", str(d)])
    assert res.exit_code == 0
    assert f"{p}:1: warning: removes 'Atlantis'" in res.output


def test_unknown_rule_file_and_missing_directory(tmp_path):
    d = tmp_path / "r"
    p = write(d, "nick_names.csv", "name,equivalent\n")
    write(d, "notes.md", "ignored\n")
    msgs = problems_of(d, tmp_path / "nowhere")
    assert len(msgs) == 2
    assert f"{tmp_path / 'nowhere'}: no such rules directory" in msgs
    (unknown,) = [m for m in msgs if m.startswith(f"{p}: ")]
    assert unknown.startswith(f"{p}: unknown rule file; expected one of actor_titles.csv, affiliations.csv")


def test_duplicate_conflicting_keys_within_one_file(tmp_path):
    d = tmp_path / "r"
    t = write(d, "titles.csv", "phrase,normalized,kind\nczar,Czar,role\nboss,Boss,role\nCzar,Commissioner,role\n")
    j = write(d, "judgements.csv", "judgement,a,b,note\nmust_link,A X,B X,\ncannot_link,b x,a x,\n")
    p = write(d, "places.txt", "Atlantis\n!atlantis\n")
    assert problems_of(d) == [
        f"{j}:3: a 'b x' / b 'a x' conflicts with line 2",
        f"{p}:2: 'atlantis' conflicts with line 1",
        f"{t}:4: phrase 'Czar' conflicts with line 2",
    ]


def test_rules_path_that_is_a_file(tmp_path):
    f = write(tmp_path, "titles.csv", "phrase,normalized,kind\n")
    assert problems_of(f) == [f"{f}: is a file; --rules takes a directory of rule files"]
