"""Each kind of rule changes the output as rules/README.md documents, end to end.

Every test runs `resolve run` (CLI) twice on small articles written here: once with
rules where the effect is absent (the precondition: so the test cannot pass by
accident) and once with the rule that produces it.  Rules are layered over the
defaults with --rules, as a user would.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
from typer.testing import CliRunner

from resolve.cli import app

runner = CliRunner()


def write_rules(directory: Path, files: dict[str, str]) -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        (directory / name).write_text(text, encoding="utf-8")
    return directory


def run(tmp_path: Path, name: str, articles: dict[str, str], *rule_dirs: Path) -> dict[str, pd.DataFrame]:
    """Write `articles` as .txt files, run the CLI with the rule dirs, read the three tables."""
    src = tmp_path / f"{name}_in"
    src.mkdir(exist_ok=True)
    for aid, text in articles.items():
        (src / f"{aid}.txt").write_text(text, encoding="utf-8")
    out = tmp_path / f"{name}_out"
    args = ["run", str(src), "-o", str(out)]
    for d in rule_dirs:
        args += ["--rules", str(d)]
    res = runner.invoke(app, args)
    assert res.exit_code == 0, res.output
    return {t: pd.read_csv(out / f"{t}.csv", dtype=str, keep_default_na=False) for t in ("mentions", "registry", "titles")}


def entity_of(tables: dict[str, pd.DataFrame], text: str) -> set[str]:
    """entity_ids of the mentions whose text is `text`."""
    m = tables["mentions"]
    ids = set(m.loc[m["text"] == text, "entity_id"])
    assert ids, f"no mention {text!r} in {sorted(set(m['text']))}"
    return ids


# --- extraction rules ---------------------------------------------------------------

BAKERY = {
    "bakery": (
        "March 4, 2024\n\n"
        "The bakery chain Martha Quillbury said on Tuesday that its sales rose by a third.\n"
        "Chief executive John Pemberton said the company would open 12 new shops. "
        "Martha Quillbury has 140 shops in Britain, Pemberton said.\n"
    )
}


def test_stop_phrase_removes_a_false_mention(tmp_path):
    before = run(tmp_path, "before", BAKERY)
    assert "Martha Quillbury" in set(before["mentions"]["text"])  # precondition: looks like a person

    rules = write_rules(tmp_path / "stop", {"stop_phrases.txt": "# a bakery chain, not a person\nmartha QUILLBURY\n"})
    after = run(tmp_path, "after", BAKERY, rules)
    texts = set(after["mentions"]["text"])
    assert "Martha Quillbury" not in texts
    assert not any("Quillbury" in n for n in after["registry"]["name"])
    assert "John Pemberton" in texts  # the real person stays


KOWALCZYK = {
    "a1": "May 2, 2023\n\nOn Monday, Treasurer Anna Kowalczyk said the city budget was balanced.\n",
    "a2": "June 9, 2023\n\nThe council met on Friday. Bursar Anna Kowalczyk said spending would fall.\n",
}
TITLE_BASE = "phrase,normalized,kind\ntreasurer,Treasurer,role\nbursar,Bursar,role\n"


def test_title_synonym_merges_two_titles_in_titles_csv(tmp_path):
    base = write_rules(tmp_path / "base", {"titles.csv": TITLE_BASE})
    before = run(tmp_path, "before", KOWALCZYK, base)
    (eid,) = entity_of(before, "Anna Kowalczyk")
    rows = before["titles"][before["titles"]["entity_id"] == eid]
    assert sorted(rows["title_normalized"]) == ["Bursar", "Treasurer"]  # precondition: two titles

    synonym = write_rules(tmp_path / "syn", {"titles.csv": "phrase,normalized,kind\nBursar,Treasurer,role\n"})
    after = run(tmp_path, "after", KOWALCZYK, base, synonym)
    (eid,) = entity_of(after, "Anna Kowalczyk")
    rows = after["titles"][after["titles"]["entity_id"] == eid]
    assert list(rows["title_normalized"]) == ["Treasurer"]
    assert rows["n_mentions"].tolist() == ["2"]
    assert rows["article_ids"].tolist() == ["a1|a2"]
    assert rows["first_seen"].tolist() == ["2023-05-02"] and rows["last_seen"].tolist() == ["2023-06-09"]
    mentions = after["mentions"][after["mentions"]["text"] == "Anna Kowalczyk"]
    assert sorted(mentions["title"]) == ["Bursar", "Treasurer"]  # raw titles kept as written
    assert set(mentions["title_normalized"]) == {"Treasurer"}


# --- matching rules -----------------------------------------------------------------

HALVORSEN = {
    "h1": "April 3, 2024\n\nSenator Jim Halvorsen said on Monday that the farm bill would pass. Halvorsen spoke in Fargo.\n",
    "h2": "April 5, 2024\n\nSenator James Halvorsen said on Wednesday that the farm bill had passed.\n",
}


def test_cannot_link_splits_a_cluster(tmp_path):
    before = run(tmp_path, "before", HALVORSEN)
    assert entity_of(before, "Jim Halvorsen") == entity_of(before, "James Halvorsen")  # precondition: merged

    rules = write_rules(
        tmp_path / "cl",
        {"judgements.csv": "judgement,a,b,note\ncannot_link,jim halvorsen,JAMES HALVORSEN,father and son\n"},
    )
    after = run(tmp_path, "after", HALVORSEN, rules)
    jim, james = entity_of(after, "Jim Halvorsen"), entity_of(after, "James Halvorsen")
    assert len(jim) == 1 and len(james) == 1 and jim != james
    assert len(after["registry"][after["registry"]["name"].str.contains("Halvorsen")]) == 2


TWAIN = {
    "t1": "May 1, 1895\n\nThe author Mark Twain said he would lecture in Sydney. Twain arrived on Monday.\n",
    "t2": "May 9, 1895\n\nSamuel Clemens told reporters he was tired of travelling.\n",
}


def test_must_link_joins_a_cluster(tmp_path):
    before = run(tmp_path, "before", TWAIN)
    assert entity_of(before, "Mark Twain") != entity_of(before, "Samuel Clemens")  # precondition: apart

    rules = write_rules(tmp_path / "ml", {"judgements.csv": "judgement,a,b,note\nmust_link,Samuel Clemens,Mark Twain,pen name\n"})
    after = run(tmp_path, "after", TWAIN, rules)
    (eid,) = entity_of(after, "Mark Twain")
    assert entity_of(after, "Samuel Clemens") == {eid}
    row = after["registry"][after["registry"]["entity_id"] == eid].iloc[0]
    assert {"Mark Twain", "Samuel Clemens"} <= set(row["aliases"].split("|"))
    assert row["article_ids"] == "t1|t2"


PETRENKO = {
    "p1": "October 2, 2022\n\nUkrainian Deputy Minister Sasha Petrenko said talks would resume.\n",
    "p2": "October 4, 2022\n\nUkrainian Deputy Minister Alexander Petrenko said talks had resumed.\n",
}


def test_new_nickname_pair_merges_two_forms(tmp_path):
    # Precondition with the pair explicitly absent (removed, in case a default adds it).
    without = write_rules(tmp_path / "without", {"nicknames.csv": "name,equivalent\n!sasha,alexander\n"})
    before = run(tmp_path, "before", PETRENKO, without)
    assert entity_of(before, "Sasha Petrenko") != entity_of(before, "Alexander Petrenko")  # different given names

    with_pair = write_rules(tmp_path / "with", {"nicknames.csv": "name,equivalent\nSasha,Alexander\n"})
    after = run(tmp_path, "after", PETRENKO, with_pair)
    (eid,) = entity_of(after, "Sasha Petrenko")
    assert entity_of(after, "Alexander Petrenko") == {eid}
    assert after["registry"].loc[after["registry"]["entity_id"] == eid, "name"].tolist() == ["Alexander Petrenko"]


ADAMS = {
    "d1": "March 8, 1979\n\nThe novelist Douglas Noel Adams said the radio series would become a book.\n",
    "d2": "March 9, 1979\n\nDouglas Adams told the BBC on Friday that he was writing a second book.\n",
}


def test_known_actor_alias_maps_to_its_fixed_id(tmp_path):
    before = run(tmp_path, "before", ADAMS)
    assert "Q42" not in set(before["mentions"]["entity_id"])  # precondition

    rules = write_rules(
        tmp_path / "ka",
        {"known_actors.csv": "entity_id,name,aliases\nQ42,Douglas Adams,Douglas Noël Adams|DNA\n"},
    )
    after = run(tmp_path, "after", ADAMS, rules)
    assert entity_of(after, "Douglas Noel Adams") == {"Q42"}  # alias, accent-insensitive
    assert entity_of(after, "Douglas Adams") == {"Q42"}
    reg = after["registry"].set_index("entity_id")
    assert reg.loc["Q42", "name"] == "Douglas Adams"
    assert reg.loc["Q42", "article_ids"] == "d1|d2"


def test_actor_title_with_dates_attaches_title_and_surname_mentions(tmp_path):
    """actor_titles.csv: "Secretary Vantreck" in an article with no full name joins the
    known actor who held that post on the article's date, and only then.  (Each article
    runs alone: across articles the matcher may join the two surname-only mentions.)"""
    sentence = "Secretary Vantreck said on Monday that the talks would resume.\n"
    in_office = {"in-office": "May 5, 2014\n\n" + sentence}
    later = {"later": "May 6, 2019\n\n" + sentence}
    rules_dir = write_rules(tmp_path / "rules", {"known_actors.csv": "entity_id,name,aliases\nQ-vantreck,Helga Vantreck,\n"})

    # Without a dated title the surname alone proves nothing: no fixed ID.
    assert entity_of(run(tmp_path, "without", in_office, rules_dir), "Vantreck") != {"Q-vantreck"}

    write_rules(rules_dir, {"actor_titles.csv": "actor,title,affiliation,from,to\nQ-vantreck,Defense Secretary,United States,2013-01-01,2016-12-31\n"})
    assert entity_of(run(tmp_path, "with", in_office, rules_dir), "Vantreck") == {"Q-vantreck"}
    assert entity_of(run(tmp_path, "with-later", later, rules_dir), "Vantreck") != {"Q-vantreck"}  # out of office then
