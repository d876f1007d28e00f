"""resolve.rules.checks: checks of the merged rules (actors, titles, judgements, transliterations),
and `resolve rules check` / `resolve run` reporting the same problems."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from resolve.cli import app
from resolve.rules import load_rules

from ..conftest import ROOT
from .helpers import problems_of, write

runner = CliRunner()


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
