"""resolve.rules.parse (and spec): one rule file -> rows; format, headers, values, one message per problem at file:line."""

from __future__ import annotations


from resolve.rules import (
    RULE_FILES,
    FileSpec,
    load_rules,
    parse_rule_file,
)

from .helpers import problems_of, write


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


def test_bad_column_count(tmp_path):
    p = write(tmp_path / "r", "titles.csv", "phrase,normalized,kind\nczar,Czar\nboss,Boss,role,extra\nok,Ok,role\n")
    assert problems_of(tmp_path / "r") == [
        f"{p}:2: expected 3 columns (phrase,normalized,kind), found 2",
        f"{p}:3: expected 3 columns (phrase,normalized,kind), found 4",
    ]


def test_unknown_and_missing_columns_in_header(tmp_path):
    p = write(tmp_path / "r", "judgements.csv", "# comment\njudgment,a,b\nmust_link,A B,C D\n")
    assert problems_of(tmp_path / "r") == [
        f"{p}:2: unknown column(s) 'judgment' in header; expected a header line with judgement,a,b,note,user,timestamp",
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


def test_word_list_lines_that_cannot_be_a_name_or_phrase_are_errors_at_their_line(tmp_path):
    d = tmp_path / "r"
    path = write(d, "surnames.txt", 'Hagel\n"=,,,,= [[[ \\\n1984\nO’Brien\nd\'Estaing\n!{gone}\nJean-Luc\n')
    problems = problems_of(d)
    assert [p.split(": ")[0] for p in problems] == [f"{path}:2", f"{path}:3"]
    assert "cannot be a name or phrase: it holds \" = [ \\" in problems[0]
    assert "it has no letter" in problems[1]


def test_every_word_list_checks_its_entries_and_the_shipped_lists_pass(tmp_path):
    d = tmp_path / "r"
    lists = [name for name, spec in RULE_FILES.items() if spec.is_list]
    for name in lists:
        write(d, name, "Ok Word\nbad <tag>\n")
    assert sorted(p.split(":")[0] for p in problems_of(d)) == sorted(str(d / name) for name in lists)
    load_rules()  # places with digits, dashes, parentheses and combining marks, surnames, ...: all valid
