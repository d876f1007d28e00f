"""The two seed articles: every person mention with its span and title (issue 2).

The expected lists were written by reading seeds/*.txt: (name as written, start
offset).  The registry-level check runs the whole pipeline.
"""

from __future__ import annotations

import pandas as pd
import pytest

import resolve
from resolve.boilerplate import repeated_ranges
from resolve.extract import extract_mentions

from .conftest import SEEDS

A1 = "000_cdfe8ca869442d9c"
A2 = "002_098cc048611b6c4e"

EXPECTED = {
    A1: [
        ("Chuck Hagel", 70),  # Defense Secretary Chuck Hagel (first copy of the caption)
        ("Obama", 166),  # the Obama administration's
        ("Sergey Shoygu", 684),
        ("Chuck Hagel", 790),  # his U.S. counterpart, Chuck Hagel
        ("Shoygu", 853),  # Minister Shoygu
        ("Hagel", 955),  # Secretary Hagel
        ("James Miller", 1076),
        ("Obama", 1659),
        ("Obama", 2194),
        ("Vladimir Putin", 2235),
        ("Sergei Ryabkov", 2423),
        ("James Stavridis", 2750),  # ... for Europe Adm. James Stavridis
        ("Thomas Donilon", 3289),
        ("Putin", 3407),  # Putin staffer
        ("Yuri Ushakov", 3421),
        ("Donilon", 3518),  # a Donilon-Putin meeting
        ("Putin", 3526),
    ],
    A2: [
        ("Anatoly Antonov", 268),
        ("James Miller", 334),
        ("Tom Donilon", 486),  # Tom Donilon's visit
        ("Antonov", 758),
        ("Donilon", 1129),
        ("Rose Gottemoeller", 1191),
        ("Sergei Ryabkov", 1291),
        ("Donilon", 1545),
        ("Putin", 1763),
        ("Obama", 1793),  # President Obama
        ("Dmitry Rogozin", 1902),
        ("Rogozin", 2196),
        ("Obama", 2267),
        ("Rogozin", 2412),
        ("Rogozin", 2603),
    ],
}
OPTIONAL = {(A1, "Cliff Owen")}  # (AP Photo/Cliff Owen): a person with no title, or left out

# (article, start) -> (title as written, normalized title, affiliation, honorific)
TITLES = {
    (A1, 70): ("Defense Secretary", "Secretary of Defense", "", ""),
    (A1, 684): ("Russian Defense Minister", "Minister of Defense", "Russia", ""),
    (A1, 790): ("U.S. counterpart", "Counterpart", "United States", ""),
    (A1, 853): ("Minister", "Minister", "", ""),
    (A1, 955): ("Secretary", "Secretary", "", ""),
    (A1, 1076): ("Defense Undersecretary for Policy", "Under Secretary of Defense for Policy", "", ""),
    (A1, 2235): ("Russian President", "President", "Russia", ""),
    (A1, 2423): ("Russian Deputy Foreign Minister", "Deputy Minister of Foreign Affairs", "Russia", ""),
    (A1, 2750): ("NATO supreme allied commander for Europe Adm.", "Supreme Allied Commander Europe", "NATO", "Admiral"),
    (A1, 3289): ("U.S. national security adviser", "National Security Adviser", "United States", ""),
    (A1, 3421): ("staffer", "Staffer", "", ""),
    (A2, 268): ("Russian Deputy Defense Minister", "Deputy Minister of Defense", "Russia", ""),
    (A2, 334): ("U.S. Defense Undersecretary", "Under Secretary of Defense", "United States", ""),
    (A2, 486): ("U.S. national security adviser", "National Security Adviser", "United States", ""),
    (A2, 1191): ("State Department's top arms control official", "Arms Control Official", "United States", ""),
    (A2, 1291): ("Russian Deputy Foreign Minister", "Deputy Minister of Foreign Affairs", "Russia", ""),
    (A2, 1793): ("President", "President", "", ""),
    (A2, 1902): ("Russian Deputy Prime Minister", "Deputy Prime Minister", "Russia", ""),
}


@pytest.fixture(scope="module")
def seed_articles():
    articles, problems = resolve.read_articles([str(SEEDS)])
    assert not problems
    return articles


@pytest.fixture(scope="module")
def seed_mentions(seed_articles, rules):
    return extract_mentions(seed_articles, rules)


def test_expected_offsets_are_right():
    # Guards the expectations themselves against typos.
    for aid, rows in EXPECTED.items():
        text = (SEEDS / f"{aid}.txt").read_text(encoding="utf-8")
        for name, start in rows:
            assert text[start : start + len(name)] == name


def test_every_person_mention_is_found_with_its_span_and_nothing_else(seed_mentions):
    found = {(a, t, s) for a, t, s in zip(seed_mentions["article_id"], seed_mentions["text"], seed_mentions["start"])}
    expected = {(aid, name, start) for aid, rows in EXPECTED.items() for name, start in rows}
    assert expected - found == set(), "missed"
    extra = {(a, t, s) for a, t, s in found - expected if (a, t) not in OPTIONAL}
    assert extra == set(), "not persons"


def test_spans_slice_the_original_text(seed_articles, seed_mentions):
    texts = dict(zip(seed_articles["article_id"], seed_articles["text"]))
    for row in seed_mentions.itertuples():
        assert texts[row.article_id][row.start : row.end] == row.text


@pytest.mark.parametrize("key", sorted(TITLES))
def test_titles_attached_to_mentions(seed_mentions, key):
    aid, start = key
    row = seed_mentions[(seed_mentions["article_id"] == aid) & (seed_mentions["start"] == start)]
    assert len(row) == 1
    r = row.iloc[0]
    assert (r["title"], r["title_normalized"], r["affiliation"], r["honorific"]) == TITLES[key]


def test_untitled_mentions_carry_no_title(seed_mentions):
    titled = set(TITLES)
    for row in seed_mentions.itertuples():
        if (row.article_id, row.start) not in titled:
            assert row.title == row.title_normalized == row.affiliation == "", row


def test_nothing_inside_repeated_caption_or_lead(seed_articles, seed_mentions):
    for aid, text in zip(seed_articles["article_id"], seed_articles["text"]):
        skip = repeated_ranges(text)
        assert skip, f"{aid}: the repeated caption/paragraph should be detected"
        m = seed_mentions[seed_mentions["article_id"] == aid]
        for s in m["start"]:
            assert not any(a <= s < b for a, b in skip)
    # The caption is printed twice in article 1: Hagel is counted once there.
    a1 = seed_mentions[seed_mentions["article_id"] == A1]
    assert (a1["start"] < 684).sum() - (a1["text"] == "Cliff Owen").sum() == 2


def test_cue_and_confidence_are_filled(seed_mentions):
    assert (seed_mentions["cue"] != "").all()
    assert seed_mentions["confidence"].between(0, 1).all()


# --- registry level (extract + matcher + registry) ----------------------------------

PERSONS = {
    "Chuck Hagel": ({"Secretary of Defense"}, 1),
    "Sergey Shoygu": ({"Minister of Defense"}, 1),
    "James Miller": ({"Under Secretary of Defense for Policy", "Under Secretary of Defense"}, 2),
    "Vladimir Putin": ({"President"}, 2),
    "Sergei Ryabkov": ({"Deputy Minister of Foreign Affairs"}, 2),
    "James Stavridis": ({"Supreme Allied Commander Europe"}, 1),
    "Thomas Donilon": ({"National Security Adviser"}, 2),
    "Yuri Ushakov": ({"Staffer"}, 1),
    "Obama": ({"President"}, 2),
    "Anatoly Antonov": ({"Deputy Minister of Defense"}, 1),
    "Rose Gottemoeller": ({"Arms Control Official"}, 1),
    "Dmitry Rogozin": ({"Deputy Prime Minister"}, 1),
}


def test_registry_has_exactly_the_seed_persons_with_titles(tmp_path):
    res = resolve.run([str(SEEDS)], None)
    reg = res.tables["registry"]
    names = list(reg["name"])
    # "Barack Obama or Obama": the text never writes Obama's given name.
    names = ["Obama" if n in ("Barack Obama", "Obama") else n for n in names]
    assert sorted(n for n in names if n != "Cliff Owen") == sorted(PERSONS)
    by_name = {("Obama" if n in ("Barack Obama", "Obama") else n): r for n, r in zip(names, reg.to_dict("records"))}
    for name, (titles, n_articles) in PERSONS.items():
        r = by_name[name]
        assert titles <= set(filter(None, str(r["titles"]).split("|"))), (name, r["titles"])
        assert int(r["n_articles"]) == n_articles, (name, r["n_articles"])
    assert "Tom Donilon" in by_name["Thomas Donilon"]["aliases"].split("|")
    if "Cliff Owen" in names:
        assert by_name["Cliff Owen"]["titles"] in ("", None) or pd.isna(by_name["Cliff Owen"]["titles"])
