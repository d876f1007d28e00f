from __future__ import annotations

import pytest

from resolve.registry.records import parse_alias_counts
from resolve.io.inputs import read_articles
from resolve.report import data
from resolve.report.outputs import load_outputs
from resolve.report.phrasing import decision_words, fill
from resolve.text import fold

from ..conftest import SEEDS


@pytest.fixture(scope="module")
def seeds(seeds_out, rules):
    out = load_outputs(seeds_out)
    articles, _ = read_articles([str(SEEDS)])
    return out, data.build(out, rules, articles)


def test_every_person_with_the_registrys_figures(seeds):
    out, doc = seeds
    persons = {p["id"]: p for p in doc["persons"]}
    assert set(persons) == set(out.registry["entity_id"])
    for r in out.registry.itertuples():
        p = persons[r.entity_id]
        assert (p["n"], p["m"], p["k"], p["s"], p["e"]) == (r.name, r.n_mentions, r.n_articles, r.first_seen, r.last_seen)
        assert dict(map(tuple, p["al"])) == {a: parse_alias_counts(r.alias_counts, "", [])[a] for a in r.aliases.split("|")}
        assert [doc["articles"][i][0] for i in sorted(p["ar"])] == sorted(r.article_ids.split("|"))


def test_most_named_first(seeds):
    _, doc = seeds
    ks = [p["k"] for p in doc["persons"]]
    assert ks == sorted(ks, reverse=True)


def test_titles_over_time_are_the_rows_of_titles_csv(seeds):
    out, doc = seeds
    for p in doc["persons"]:
        rows = out.titles[out.titles["entity_id"] == p["id"]]
        assert sorted(map(tuple, p["ti"])) == sorted(
            zip(rows["title_normalized"], rows["affiliation"], rows["first_seen"], rows["last_seen"], rows["n_mentions"].astype(int))
        )


def test_articles_have_dates_and_headlines(seeds_out, rules):
    out = load_outputs(seeds_out)
    articles, _ = read_articles([str(SEEDS)])
    articles["title"] = "Headline of " + articles["article_id"]
    doc = data.build(out, rules, articles)
    dates = dict(zip(out.mentions["article_id"], out.mentions["date"]))
    assert doc["articles"] == [[aid, dates[aid], f"Headline of {aid}"] for aid in sorted(dates)]


def test_each_links_row_is_a_decision_of_both_its_entities(seeds):
    out, doc = seeds
    for n, p in enumerate(doc["persons"]):
        expected = out.links[(out.links["a_entity"] == p["id"]) | (out.links["b_entity"] == p["id"])]
        mine = [doc["decisions"][i] for i in p["dc"]]
        assert all(n in (d[3], d[4]) for d in mine)
        # merges within one article are grouped per pair of forms, everything else is one decision per row
        inside = expected[(expected["stage"] == "article") & (expected["decision"] == "merged")]
        groups = inside.groupby(["a_text", "b_text", "reason"]).ngroups
        assert len(mine) == len(expected) - len(inside) + groups


def test_grouped_merges_say_in_how_many_articles(rules):
    links = [
        {"stage": "article", "a_article": a, "a_text": "Veldhuis", "b_article": a, "b_text": "Tom Veldhuis", "decision": "merged",
         "probability": "", "weight": "", "features": "", "reason": "same article; surname", "a_entity": "E1", "b_entity": "E1"}
        for a in ("a1", "a2", "a3", "a4")
    ]
    templates, decisions, by_entity, _ = data._decisions(links, {"E1": 0})
    assert by_entity == {"E1": [0]} and decisions[0][2:] == [1, 0, 0]
    words = fill(templates[decisions[0][0]], decisions[0][1])
    assert words == "'Veldhuis' joined 'Tom Veldhuis' within one article, in 4 articles (a1, a2, a3, …): same article; surname"


def test_decisions_share_their_templates(seeds):
    out, doc = seeds
    sentences = sorted(fill(doc["templates"][d[0]], d[1]) for d in doc["decisions"])
    scored = out.links[out.links["stage"] != "article"]
    assert set(map(decision_words, scored.to_dict("records"))) <= set(sentences)
    assert len(doc["templates"]) <= len(doc["decisions"])


def test_snippets_are_cut_from_the_articles(seeds):
    out, doc = seeds
    articles, _ = read_articles([str(SEEDS)])
    text = dict(zip(articles["article_id"], articles["text"]))
    snips = [(p, s) for p in doc["persons"] for s in p.get("sn", [])]
    assert len(snips) == sum(min(p["k"], 5) for p in doc["persons"])
    for p, (ai, before, name, after) in snips:
        assert name in p["n"] or name in {a for a, _ in p["al"]}
        assert name in text[doc["articles"][ai][0]]


def test_no_snippets_without_articles(seeds_out, rules):
    doc = data.build(load_outputs(seeds_out), rules)
    assert not doc["meta"]["snippets"] and all("sn" not in p for p in doc["persons"])


def test_search_keys_for_names_the_browser_cannot_fold():
    # the browser removes accents itself; Cyrillic needs the matcher's own folding
    assert data._extra_folds(["Сергей Шойгу", "José Martí", "Ana Ortiz"]) == [fold("Сергей Шойгу")]
