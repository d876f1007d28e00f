"""resolve rules import: PETRARCH/Phoenix .actors.txt and ICEWS actor CSV -> rule files (own small files)."""

from __future__ import annotations

import csv

from typer.testing import CliRunner

from resolve.cli import app
from resolve.rules import load_rules
from resolve.rules.importers import import_dictionary

PETRARCH = """# test dictionary
HELGA_VANTRECK_  [FRDGOV 130101-161231]
+VANTRECK_
+H._VANTRECK_
\t[FRDMIL >170101]
TOMAS_ORLIK_
\t[FRDBUS <991231]
\t[FRDGOV 20050101-20091231]
+ORLIK_  # a comment after an alias
\t[FRDGOV 991301-000101]
+VANTRECK_
"""

ICEWS = """Name,Country,Aliases,Affiliation,Affiliation Start Date,Affiliation End Date
Helga Vantreck,Freedonia,Vantreck||H. Vantreck,Defense Ministry,2013-01-01,2016-12-31
Helga Vantreck,Freedonia,,Army,20170101,end of time
Tomas Orlik,Freedonia,Orlik,Business,beginning of time,1999-12-31
Bad Dates,Freedonia,,Government,2019-13-01,
Short,Row
"""


def _rows(path):
    return list(csv.DictReader(path.open(encoding="utf-8")))


def test_petrarch_actors_aliases_and_dated_roles(tmp_path):
    f = tmp_path / "test.actors.txt"
    f.write_text(PETRARCH, encoding="utf-8")
    imported = import_dictionary("petrarch", f)
    by_name = {a.name: a for a in imported.actors}
    assert sorted(by_name) == ["Helga Vantreck", "Tomas Orlik"]
    assert by_name["Helga Vantreck"].aliases == ["Vantreck", "H. Vantreck"]
    terms = [(t.title, t.affiliation, t.start, t.end) for t in by_name["Helga Vantreck"].terms]
    assert terms == [("Government", "FRD", "2013-01-01", "2016-12-31"), ("Military", "FRD", "2017-01-01", "")]
    terms = [(t.title, t.start, t.end) for t in by_name["Tomas Orlik"].terms]
    assert terms == [("Business", "", "1999-12-31"), ("Government", "2005-01-01", "2009-12-31")]
    # Invalid lines as file:line: a month 13, an alias already owned by another actor.
    assert any(p.startswith(f"{f}:10: bad date range") for p in imported.problems)
    assert any(p.startswith(f"{f}:") and "'Vantreck'" in p for p in imported.problems)


def test_icews_rows_of_one_actor_are_merged_and_bad_rows_reported(tmp_path):
    f = tmp_path / "actors.csv"
    f.write_text(ICEWS, encoding="utf-8")
    imported = import_dictionary("icews", f)
    by_name = {a.name: a for a in imported.actors}
    assert sorted(by_name) == ["Helga Vantreck", "Tomas Orlik"]
    assert by_name["Helga Vantreck"].aliases == ["Vantreck", "H. Vantreck"]
    terms = [(t.title, t.affiliation, t.start, t.end) for t in by_name["Helga Vantreck"].terms]
    assert terms == [("Defense Ministry", "Freedonia", "2013-01-01", "2016-12-31"), ("Army", "Freedonia", "2017-01-01", "")]
    assert [(t.start, t.end) for t in by_name["Tomas Orlik"].terms] == [("", "1999-12-31")]
    assert sorted(p.split(": ")[0] for p in imported.problems) == [f"{f}:5", f"{f}:6"]


def test_cli_writes_rule_files_that_load(tmp_path):
    f = tmp_path / "actors.csv"
    f.write_text(ICEWS, encoding="utf-8")
    out = tmp_path / "rules"
    res = CliRunner().invoke(app, ["rules", "import", "icews", str(f), "-o", str(out)])
    assert res.exit_code == 1  # two invalid lines reported, the rest written
    assert f"{f}:5" in res.output
    assert {r["name"] for r in _rows(out / "known_actors.csv")} == {"Helga Vantreck", "Tomas Orlik"}
    assert len(_rows(out / "actor_titles.csv")) == 3
    rules = load_rules([out])
    assert {a.name for a in rules.known_actors} == {"Helga Vantreck", "Tomas Orlik"}


def test_cli_clean_petrarch_file_exits_zero(tmp_path):
    f = tmp_path / "ok.actors.txt"
    f.write_text("ANN_BERG_\n+BERG_\n\t[FRDGOV 100101-121231]\n", encoding="utf-8")
    res = CliRunner().invoke(app, ["rules", "import", "petrarch", str(f), "-o", str(tmp_path / "r")])
    assert res.exit_code == 0, res.output
    assert _rows(tmp_path / "r" / "actor_titles.csv") == [{"actor": "Ann Berg", "title": "Government", "affiliation": "FRD", "from": "2010-01-01", "to": "2012-12-31"}]


ICEWS_STATUS = """Name,Country,Aliases,Affiliation,Affiliation Start Date,Affiliation End Date
Helga Vantreck,Freedonia,,Former Prime Minister,2010-05-01,2014-12-31
Helga Vantreck,Freedonia,,Prime Minister-elect,2004-06-01,2004-06-30
Helga Vantreck,Freedonia,,Acting Defence Minister,2003-01-01,2003-12-31
Helga Vantreck,Freedonia,,Army,2001-01-01,2002-12-31
"""


def test_a_dictionary_title_with_a_status_word_becomes_the_post_held(tmp_path, rules):
    f = tmp_path / "actors.csv"
    f.write_text(ICEWS_STATUS, encoding="utf-8")
    (actor,) = import_dictionary("icews", f, rules).actors
    terms = {(t.title, t.start, t.end) for t in actor.terms}
    assert terms == {
        ("Prime Minister", "", "2010-05-01"),  # former from 2010: held until then at the latest
        ("Prime Minister", "2004-06-30", ""),  # elect until 2004-06-30: held from then
        ("Minister of Defense", "2003-01-01", "2003-12-31"),  # an acting post is held
        ("Army", "2001-01-01", "2002-12-31"),  # no status: as written
    }
