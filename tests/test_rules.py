"""Rule files: loading, layering, removal, validation messages, `resolve rules check`."""

from __future__ import annotations

import fnmatch
import os
import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
from typer.testing import CliRunner

from resolve.cli import app
from resolve.errors import RuleError
from resolve.rules import (
    GIVEN_NAMES_SOURCE,
    NICKNAMES_SOURCE,
    RULE_FILES,
    FileSpec,
    default_rules_dir,
    load_rules,
    parse_rule_file,
)

from .conftest import ROOT

runner = CliRunner()


def write(directory: Path, name: str, text: str) -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / name
    path.write_text(text, encoding="utf-8")
    return path


def problems_of(*dirs: Path, defaults: bool = False) -> list[str]:
    with pytest.raises(RuleError) as info:
        load_rules(list(dirs), defaults=defaults)
    assert str(info.value) == "\n".join(info.value.problems)
    return info.value.problems


# --- packaged defaults --------------------------------------------------------------


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


# --- format: comments, blank lines, folding, header order ---------------------------


def test_comments_blank_lines_bom_and_column_order(tmp_path):
    d = tmp_path / "r"
    (d).mkdir()
    (d / "titles.csv").write_text(
        "\ufeff# a comment\n\nkind,phrase,normalized\n  # indented comment\nrole, Défense Czar ,Czar of Defense\n\n",
        encoding="utf-8",
    )
    write(d, "stop_phrases.txt", "# comment\n\n  Cold War  \nMÉDIO Oriente\n")
    r = load_rules([d], defaults=False)
    assert r.titles == {"defense czar": r.titles["defense czar"]}
    assert r.titles["defense czar"].normalized == "Czar of Defense" and r.titles["defense czar"].kind == "role"
    assert r.stop_phrases == {"cold war", "medio oriente"}


def test_allowed_values_are_case_insensitive(tmp_path):
    d = tmp_path / "r"
    write(d, "judgements.csv", "judgement,a,b\nMust_Link,Ann Lee,Anne Lee\n")
    (j,) = load_rules([d], defaults=False).judgements
    assert (j.judgement, j.a, j.b, j.where) == ("must_link", "Ann Lee", "Anne Lee", f"{d / 'judgements.csv'}:2")


def test_every_list_file_fills_its_set_field(tmp_path):
    d = tmp_path / "r"
    lists = [name for name, spec in RULE_FILES.items() if spec.is_list]
    assert {"given_names.txt", "stop_phrases.txt", "org_cues.txt", "places.txt"} <= set(lists)
    for name in lists:
        write(d, name, "# comment\nXyzzy Plugh\n")
    r = load_rules([d], defaults=False)
    for name in lists:
        assert getattr(r, name[: -len(".txt")]) == {"xyzzy plugh"}, name
        assert r.counts[name] == 1


# --- layering -----------------------------------------------------------------------


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


# --- removal ------------------------------------------------------------------------


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


# --- validation: one message per problem, at file:line ------------------------------


def test_bad_column_count(tmp_path):
    p = write(tmp_path / "r", "titles.csv", "phrase,normalized,kind\nczar,Czar\nboss,Boss,role,extra\nok,Ok,role\n")
    assert problems_of(tmp_path / "r") == [
        f"{p}:2: expected 3 columns (phrase,normalized,kind), found 2",
        f"{p}:3: expected 3 columns (phrase,normalized,kind), found 4",
    ]


def test_unknown_and_missing_columns_in_header(tmp_path):
    p = write(tmp_path / "r", "judgements.csv", "# comment\njudgment,a,b\nmust_link,A B,C D\n")
    assert problems_of(tmp_path / "r") == [
        f"{p}:2: unknown column(s) 'judgment' in header; expected a header line with judgement,a,b,note",
        f"{p}:2: missing required column(s) judgement in header",
    ]


def test_missing_header_reads_as_unknown_columns(tmp_path):
    p = write(tmp_path / "r", "nicknames.csv", "tom,thomas\n")
    assert problems_of(tmp_path / "r") == [
        f"{p}:1: unknown column(s) 'tom', 'thomas' in header; expected a header line with name,equivalent",
        f"{p}:1: missing required column(s) name, equivalent in header",
    ]


def test_unknown_allowed_values(tmp_path):
    d = tmp_path / "r"
    t = write(d, "titles.csv", "phrase,normalized,kind\nczar,Czar,rank\n")
    s = write(d, "transliterations.csv", "from,to,scope\nij,y,prefix\n")
    j = write(d, "judgements.csv", "judgement,a,b\nmaybe_link,A B,C D\n")
    assert problems_of(d) == [
        f"{j}:2: unknown judgement 'maybe_link'; expected one of must_link, cannot_link",
        f"{t}:2: unknown kind 'rank'; expected one of role, modifier, honorific",
        f"{s}:2: unknown scope 'prefix'; expected one of word, suffix, any",
    ]


def test_empty_required_fields(tmp_path):
    d = tmp_path / "r"
    k = write(d, "known_actors.csv", "entity_id,name,aliases\nQ1,,Someone\n")
    j = write(d, "judgements.csv", "judgement,a,b\ncannot_link,A B,\n")
    t = write(d, "titles.csv", "phrase,normalized,kind\nczar,,role\ntop,,modifier\n")
    assert problems_of(d) == [
        f"{j}:2: empty b",
        f"{k}:2: empty name",
        f"{t}:2: empty normalized (required for kind role: the form this title is reported as)",
    ]


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


def test_known_actors_duplicate_entity_id_and_shared_alias(tmp_path):
    d = tmp_path / "r"
    k = write(
        d,
        "known_actors.csv",
        "entity_id,name,aliases\nQ1,Ann Lee,\nQ1,Bo Lee,\nQ2,James Miller,Jim Miller\nQ3,Jimmy Miller,jim miller\nQ 4,Cy Young,\n",
    )
    assert problems_of(d) == [
        f"{k}:3: entity_id 'Q1' conflicts with line 2",
        f"{k}:5: name or alias 'jim miller' also belongs to the actor at {k}:4",
        f"{k}:6: entity_id 'Q 4' must not contain spaces or '|'",
    ]


def test_actor_titles_dates_and_unknown_actor(tmp_path):
    d = tmp_path / "r"
    write(d, "known_actors.csv", "entity_id,name,aliases\nQ1,Chuck Hagel,Charles Timothy Hagel\n")
    t = write(
        d,
        "actor_titles.csv",
        "actor,title,affiliation,from,to\n"
        "Q1,Secretary of Defense,United States,2013-02-27,2015-02-17\n"  # fine
        "charles timothy hagel,Senator,United States,1997-01-03,\n"  # fine: alias, open-ended
        "Q1,Senator,,2009-01-03,1997-01-03\n"
        "Q1,Soldier,,1967-13-01,\n"
        "Q1,Soldier,,,1968/12/31\n"
        "Q1,Soldier,,2001-02-30,\n"
        "Q9,Senator,,,\n",
    )
    assert problems_of(d) == [
        f"{t}:4: from 2009-01-03 is after to 1997-01-03",
        f"{t}:5: from '1967-13-01' is not a date written YYYY-MM-DD",
        f"{t}:6: to '1968/12/31' is not a date written YYYY-MM-DD",
        f"{t}:7: from '2001-02-30' is not a date written YYYY-MM-DD",
        f"{t}:8: unknown actor 'Q9'; use an entity_id, name or alias from known_actors.csv",
    ]


def test_actor_title_pointing_to_a_removed_actor(tmp_path):
    a, b = tmp_path / "a", tmp_path / "b"
    write(a, "known_actors.csv", "entity_id,name,aliases\nQ1,Ann Lee,\n")
    t = write(a, "actor_titles.csv", "actor,title\nQ1,Mayor\n")
    write(b, "known_actors.csv", "entity_id,name,aliases\n!Q1\n")
    load_rules([a], defaults=False)
    assert problems_of(a, b) == [f"{t}:2: unknown actor 'Q1'; use an entity_id, name or alias from known_actors.csv"]


def test_cannot_link_contradicted_by_must_link_chain_names_every_line(tmp_path):
    a, b = tmp_path / "a", tmp_path / "b"
    j1 = write(a, "judgements.csv", "judgement,a,b,note\nmust_link,Ann Lee,Anne Lee,\nmust_link,Anne Lee,A. Lee,\nmust_link,Zed,Ann Lee,\n")
    j2 = write(b, "judgements.csv", "judgement,a,b,note\n# later layer\ncannot_link,A. LEE,Ann Lee,\ncannot_link,Zed,Zed,\n")
    assert problems_of(a, b) == [
        f"{j2}:3: cannot_link 'A. LEE' / 'Ann Lee' contradicts the must_link chain joining them ({j1}:3, {j1}:2)",
        f"{j2}:4: 'Zed' is paired with itself",
    ]


def test_cannot_link_between_aliases_of_one_known_actor(tmp_path):
    d = tmp_path / "r"
    k = write(d, "known_actors.csv", "entity_id,name,aliases\nQ1,Chuck Hagel,Charles Timothy Hagel\n")
    j = write(d, "judgements.csv", "judgement,a,b\nmust_link,Hagel,Chuck Hagel\ncannot_link,Charles Timothy Hagel,Hagel\n")
    assert problems_of(d) == [
        f"{j}:3: cannot_link 'Charles Timothy Hagel' / 'Hagel' contradicts the must_link chain joining them ({k}:2, {j}:2)"
    ]


def test_must_link_joining_two_fixed_ids(tmp_path):
    d = tmp_path / "r"
    k = write(d, "known_actors.csv", "entity_id,name,aliases\nQ1,Ann Lee,Annie Lee\nQ2,Anne Leigh,\n")
    j = write(d, "judgements.csv", "judgement,a,b\nmust_link,Anne Leigh,A. Lee\nmust_link,A. Lee,annie lee\n")
    assert problems_of(d) == [
        f"{j}:3: must_link chain ({j}:3, {j}:2) joins known actors 'Q1' ({k}:2) and 'Q2' ({k}:3), which keep different fixed entity_ids"
    ]


def test_rules_path_that_is_a_file(tmp_path):
    f = write(tmp_path, "titles.csv", "phrase,normalized,kind\n")
    assert problems_of(f) == [f"{f}: is a file; --rules takes a directory of rule files"]


def test_transliteration_checks(tmp_path):
    p = write(
        tmp_path / "r",
        "transliterations.csv",
        "from,to,scope\nsergey,sergei,word\nsergei,serguei,word\nal ex,alex,word\nij,ij,suffix\n",
    )
    assert problems_of(tmp_path / "r") == [
        f"{p}:2: to 'sergei' is itself rewritten by {p}:3; write the final form",
        f"{p}:4: from 'al ex' must be a single word (rules apply to one name token)",
        f"{p}:5: from and to are the same ('ij')",
    ]


def test_malformed_csv_quoting_and_non_utf8(tmp_path):
    d = tmp_path / "r"
    n = write(d, "nicknames.csv", 'name,equivalent\n"tom,thomas\nbob,robert\n')
    p = d / "places.txt"
    p.write_bytes("Atlantis\n# fine\nS\u00e3o Paulo\n".encode("utf-8") + "Bras\u00edlia\n".encode("latin-1"))
    assert problems_of(d) == [
        f"{n}:2: malformed CSV line (unexpected end of data)",
        f"{p}:4: not UTF-8 text (byte 0xed); save the file as UTF-8",
    ]


def test_pattern_columns_are_compiled(tmp_path):
    """Any FileSpec may declare regex columns; a bad pattern is reported at its line."""
    spec = FileSpec("patterns.csv", ("pattern", "label"), ("pattern",), patterns=("pattern",))
    p = write(tmp_path, "patterns.csv", "pattern,label\n^Standard Missile \\d,weapon\n(unclosed,oops\n")
    rows, problems = parse_rule_file(p, spec)
    assert [r.line for r in rows] == [2]
    assert problems == [f"{p}:3: invalid regular expression in pattern '(unclosed': missing ), unterminated subpattern at position 0"]


def test_every_problem_reported_at_once_and_sorted(tmp_path):
    d = tmp_path / "r"
    t = write(d, "titles.csv", "phrase,normalized,kind\n" + "".join(f"t{i},T,rank\n" for i in range(12)))
    k = write(d, "known_actors.csv", "entity_id,name,aliases\nQ1,,\n")
    msgs = problems_of(d)
    assert msgs == [f"{k}:2: empty name"] + [f"{t}:{i + 2}: unknown kind 'rank'; expected one of role, modifier, honorific" for i in range(12)]


def test_shipped_rules_are_valid_and_every_problem_has_file_and_line(tmp_path):
    res = runner.invoke(app, ["rules", "check"])
    assert res.exit_code == 0, res.output
    assert "rules ok: 3 layer(s), later winning: " in res.output
    assert all(re.match(r"^\S+:\d+: warning: ", line) for line in res.output.split("rules ok:")[0].splitlines())
    counts = load_rules().counts
    for name, n in counts.items():
        assert re.search(rf"^  {re.escape(name)}\s+{n} entries$", res.output, re.M), name


# --- CLI: rules check and run report the same problems ------------------------------


@pytest.fixture()
def bad_rules(tmp_path):
    d = tmp_path / "bad"
    write(d, "titles.csv", "phrase,normalized,kind\nczar,Czar\n")
    write(d, "judgements.csv", "judgement,a,b\nmust_link,A X,B X\nmust_link,B X,C X\ncannot_link,C X,A X\n")
    return d


def _expected_bad(d: Path) -> list[str]:
    return [
        f"{d / 'judgements.csv'}:4: cannot_link 'C X' / 'A X' contradicts the must_link chain joining them ({d / 'judgements.csv'}:3, {d / 'judgements.csv'}:2)",
        f"{d / 'titles.csv'}:2: expected 3 columns (phrase,normalized,kind), found 2",
    ]


def test_rules_check_cli_lists_problems_and_exits_1(bad_rules):
    d = bad_rules
    res = runner.invoke(app, ["rules", "check", str(d)])
    assert res.exit_code == 1
    assert res.exception is None or isinstance(res.exception, SystemExit)
    for msg in _expected_bad(d):
        assert msg in res.output.splitlines()
    assert "Traceback" not in res.output
    assert problems_of(d, defaults=True) == _expected_bad(d)


def test_rules_check_cli_no_default_rules_and_several_dirs(tmp_path):
    a, b = tmp_path / "a", tmp_path / "b"
    write(a, "places.txt", "Atlantis\n")
    write(b, "places.txt", "!Atlantis\nLemuria\n")
    res = runner.invoke(app, ["rules", "check", "--no-default-rules", str(a), str(b)])
    assert res.exit_code == 0, res.output
    assert f"rules ok: 2 layer(s), later winning: {a} < {b}" in res.output
    assert re.search(r"^  places.txt\s+1 entries$", res.output, re.M)


def test_run_fails_fast_on_bad_rules_without_traceback(bad_rules, tmp_path):
    d = bad_rules
    out = tmp_path / "out"
    res = runner.invoke(app, ["run", str(ROOT / "seeds"), "-o", str(out), "--rules", str(d)])
    assert res.exit_code == 1
    assert isinstance(res.exception, SystemExit)
    for msg in _expected_bad(d):
        assert msg in res.output.splitlines()
    assert "Traceback" not in res.output
    assert not out.exists()  # nothing read, nothing written


def test_run_accepts_repeated_rules_and_no_default_rules(tmp_path):
    a, b = tmp_path / "a", tmp_path / "b"
    write(a, "places.txt", "Atlantis\n")
    write(b, "places.txt", "!Atlantis\n")
    art = write(tmp_path / "in", "a.txt", "Nothing to see here.\n")
    res = runner.invoke(app, ["run", str(art), "-o", str(tmp_path / "out"), "--no-default-rules", "--rules", str(a), "--rules", str(b)])
    assert res.exit_code == 0, res.output
    assert (tmp_path / "out" / "registry.csv").is_file()
