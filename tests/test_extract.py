"""Person-mention extraction on sentences written for the tests (resolve.extract)."""

from __future__ import annotations

import pandas as pd
import pytest

from resolve.extract import extract_mentions
from resolve.sources.rules import extract_article
from resolve.rules import Rules
from resolve.schema import MENTION_COLUMNS


def spans(text: str, rules) -> list[str]:
    rows = extract_article("t", text, rules)
    for r in rows:
        assert text[r["start"] : r["end"]] == r["text"]
    return [r["text"] for r in rows]


def mention(text: str, name: str, rules) -> dict:
    rows = [r for r in extract_article("t", text, rules) if r["text"] == name]
    assert rows, f"{name!r} not found in {text!r}"
    return rows[0]


# --- mention patterns --------------------------------------------------------------


@pytest.mark.parametrize(
    "text, expected",
    [
        # title + full name
        ("The talks were led by Brazilian Foreign Minister Antonio Patriota on Friday.", ["Antonio Patriota"]),
        ("Later, U.S. national security adviser Susan Rice flew to Cairo.", ["Susan Rice"]),
        ("The plan was drafted by NATO supreme allied commander for Europe Gen. Philip Breedlove.", ["Philip Breedlove"]),
        ("Kremlin aide Dmitry Peskov declined to comment.", ["Dmitry Peskov"]),
        # title + surname
        ("The reporters asked President Hollande about the budget.", ["Hollande"]),
        ("Minister Lavrov arrived late.", ["Lavrov"]),
        # honorific before a name, and a title after it
        ("We spoke to Dr. Amelia Stone yesterday.", ["Amelia Stone"]),
        ("The letter was signed by Sen. Tammy Baldwin and Rep. Ron Kind.", ["Tammy Baldwin", "Ron Kind"]),
        # initials and middle names
        ("In 1974 W. Mark Felt met George W. Bush and A.J. Smith.", ["W. Mark Felt", "George W. Bush", "A.J. Smith"]),
        # particles and prefixes
        ("Charles de Gaulle and Ludwig van Beethoven met Mary O'Brien.", ["Charles de Gaulle", "Ludwig van Beethoven", "Mary O'Brien"]),
        ("Officials said Omar al-Bashir and Paul McCartney arrived.", ["Omar al-Bashir", "Paul McCartney"]),
        # ALL-CAPS headline
        ("WLADIMIR KLITSCHKO RETAINS TITLE\nThe champion retains his title and retains the belt.", ["WLADIMIR KLITSCHKO"]),
        ("ANGELA MERKEL TO VISIT PARIS", ["ANGELA MERKEL"]),
        # "said" cues with a name the lexicons do not know
        ('"We will win," said Zorbax Quilliam, the organizer.', ["Zorbax Quilliam"]),
        # age cue
        ("The 16-year-old Tavish Orrin was hurt.", ["Tavish Orrin"]),
        ("Then Tavish Orrin, 16, was hurt.", ["Tavish Orrin"]),
    ],
)
def test_patterns(rules, text, expected):
    assert spans(text, rules) == expected


def test_surname_alone_after_full_name_in_the_article(rules):
    text = "Angela Merkel visited Paris. Later Merkel argued for new rules, and Merkel said no."
    assert spans(text, rules) == ["Angela Merkel", "Merkel", "Merkel"]


def test_surname_alone_supported_by_another_article_of_the_batch(rules):
    articles = pd.DataFrame(
        {"article_id": ["a", "b"], "text": ["Prime Minister Justin Trudeau spoke.", "Critics of the Trudeau government met."]}
    )
    m = extract_mentions(articles, rules)
    assert list(zip(m["article_id"], m["text"])) == [("a", "Justin Trudeau"), ("b", "Trudeau")]
    # Alone, the second article has no evidence that Trudeau is a person.
    assert spans("Critics of the Trudeau government met.", rules) == []


def test_possessive_is_not_part_of_the_span(rules):
    assert spans("We covered Angela Merkel's visit and James' trip with James Cole.", rules)[0] == "Angela Merkel"
    assert spans("WE COVERED ANGELA MERKEL'S VISIT", rules) == ["ANGELA MERKEL"]
    assert spans("It was Nicolas Sarkozy’s idea.", rules) == ["Nicolas Sarkozy"]


def test_hyphen_compound_gives_two_mentions(rules):
    text = "Barack Obama and Vladimir Putin met. A Putin-Obama summit followed."
    assert spans(text, rules) == ["Barack Obama", "Vladimir Putin", "Putin", "Obama"]


def test_name_used_as_modifier(rules):
    text = "President George Bush spoke. The Bush administration agreed."
    assert spans(text, rules) == ["George Bush", "Bush"]


def test_sentence_initial_ordinary_word_is_not_part_of_the_name(rules):
    text = "Helmut Kohl won. After Kohl left, nothing changed."
    assert spans(text, rules) == ["Helmut Kohl", "Kohl"]


def test_appositive_titles(rules):
    m = mention("They met the Pentagon's top policy official, Michele Flournoy, on Monday.", "Michele Flournoy", rules)
    # "policy" is not in the title rules: kept as written before the role.
    assert m["title_normalized"] == "Policy Official" and m["affiliation"] == "United States"
    m = mention("He called his Russian counterpart, Sergei Lavrov.", "Sergei Lavrov", rules)
    assert (m["title_normalized"], m["affiliation"]) == ("Counterpart", "Russia")
    m = mention("Chuck Hagel, the defense secretary, said so.", "Chuck Hagel", rules)
    assert m["title_normalized"] == "Secretary of Defense"


def test_title_fields(rules):
    m = mention("Russian Deputy Foreign Minister Sergei Ryabkov spoke.", "Sergei Ryabkov", rules)
    assert m["title"] == "Russian Deputy Foreign Minister"
    assert (m["title_normalized"], m["affiliation"], m["honorific"]) == ("Deputy Minister of Foreign Affairs", "Russia", "")
    m = mention("U.S. Defense Undersecretary James Miller spoke.", "James Miller", rules)
    assert (m["title_normalized"], m["affiliation"]) == ("Under Secretary of Defense", "United States")
    m = mention("Adm. James Stavridis spoke.", "James Stavridis", rules)
    assert m["honorific"] == "Admiral"
    assert "title" in m["cue"] or "honorific" in m["cue"]


# --- non-persons -------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "The White House and the State Department disagreed with the Pentagon and the Kremlin.",
        "ITAR-Tass and RIA Novosti quoted the New York Times.",
        "On Monday in March, and again on Tuesday, nothing happened.",
        "Tensions from the Cold War still shape the Middle East.",
        "The Standard Missile 3 Block 2B interceptor was cancelled.",
        "The Defense Undersecretary will travel.",
        "Following the vote, Washington and Moscow disagreed with Berlin.",
        "The Ministry of Defense and Stanford University hired Acme Inc. staff.",
        "Police arrested a man at the Betty Ford Center on Sunday.",
        "New Zealand and North Korea signed the accord in Geneva.",
        "The Boston Red Sox beat the New York Yankees.",
    ],
)
def test_non_persons(rules, text):
    assert spans(text, rules) == []


def test_photo_credit_is_a_person_without_title_or_left_out(rules):
    rows = extract_article("t", "The talks began (AP Photo/Cliff Owen).", rules)
    assert all(r["text"] == "Cliff Owen" and r["title"] == "" for r in rows)


def test_stop_phrase_rule_removes_a_mention(rules):
    import copy

    text = "Then Jordan Peele spoke."
    assert spans(text, rules) == ["Jordan Peele"]
    custom = copy.deepcopy(rules)
    custom.stop_phrases.add("jordan peele")
    assert spans(text, custom) == []


def test_repeated_paragraph_is_not_counted_twice(rules):
    para = "Talks led by Foreign Minister Sergei Lavrov resumed in Geneva on Monday afternoon."
    text = f"{para}\nOther news here.\n{para}"
    rows = extract_article("t", text, rules)
    assert [(r["text"], r["start"]) for r in rows] == [("Sergei Lavrov", para.index("Sergei"))]


# --- contract ------------------------------------------------------------------------


def test_columns_types_and_order(rules):
    articles = pd.DataFrame({"article_id": ["b", "a"], "text": ["Tom Hanks said hi. Hanks left.", "Meryl Streep smiled."]})
    m = extract_mentions(articles, rules)
    assert list(m.columns) == MENTION_COLUMNS
    assert list(zip(m["article_id"], m["start"])) == [("a", 0), ("b", 0), ("b", 19)]
    assert m["confidence"].between(0, 1).all()
    assert all(c for c in m["cue"])


def test_empty_input_and_empty_rules():
    empty = pd.DataFrame({"article_id": [], "text": []})
    assert list(extract_mentions(empty, Rules()).columns) == MENTION_COLUMNS
    # Without any rules, only cue-based evidence remains and nothing crashes.
    assert isinstance(extract_article("t", "Mr. Smith met Anna Jones.", Rules()), list)


def test_batch_order_does_not_change_the_result(rules):
    a = pd.DataFrame({"article_id": ["x", "y"], "text": ["Senator Kay Hagan spoke.", "Hagan won."]})
    m1 = extract_mentions(a, rules)
    m2 = extract_mentions(a.iloc[::-1].reset_index(drop=True), rules)
    pd.testing.assert_frame_equal(m1, m2)


def test_repeated_lead_glued_to_the_next_text_is_skipped(rules):
    from resolve.boilerplate import repeated_ranges

    lead = "WASHINGTON -- Foreign Minister Sergei Lavrov  met his counterparts in Geneva on Monday."
    text = f"{lead}\nMore news.\n{lead.replace('  ', ' ')}Russia Plans Talks With Angela Merkel"
    (s, e), = repeated_ranges(text)
    assert text[s:e] == lead.replace("  ", " ")
    names = [(r["text"], r["start"]) for r in extract_article("t", text, rules)]
    assert names == [("Sergei Lavrov", lead.index("Sergei")), ("Angela Merkel", text.index("Angela"))]


@pytest.mark.parametrize(
    "text, expected",
    [
        # quoted nicknames stay inside the span
        ('Mob boss Vincent "The Chin" Gigante died.', ['Vincent "The Chin" Gigante']),
        ("Deputy Luis Gerardo (Jerry) Ortiz was shot.", ["Luis Gerardo (Jerry) Ortiz"]),
        # lower-case parts of East Asian names; hyphenated modifiers are cut off
        ("Kim Jong-un met Ban Ki-moon.", ["Kim Jong-un", "Ban Ki-moon"]),
        ("Barack Obama spoke. The Obama-era rules stay.", ["Barack Obama", "Obama"]),
        # a common surname after an unknown first name
        ("The interception was returned by Keiwan Ratliff on Sunday.", ["Keiwan Ratliff"]),
        # a name inside a run of capitalized words, after a demonym or team name
        ("He beat American Hasim Rahman again.", ["Hasim Rahman"]),
        # a name after "of" in a run ("in Athens of Alexandros ...")
        ("The shooting in Athens of Alexandros Grigoropoulos, 15, sparked riots.", ["Alexandros Grigoropoulos"]),
        # a weekday or a stop phrase ends a name
        ("A judge sentenced Brian Nichols Saturday.", ["Brian Nichols"]),
        ("Prime Minister Theresa May met Brian May.", ["Theresa May", "Brian May"]),
        # a capitalized particle starting a sentence belongs to the name
        ("Al Gore spoke. De Niro said nothing, and Robert De Niro left.", ["Al Gore", "De Niro", "Robert De Niro"]),
        # a title written after the name in a headline is not part of it
        ("Obama to Name Dr. Sanjay Gupta Surgeon General", ["Sanjay Gupta"]),
    ],
)
def test_more_patterns(rules, text, expected):
    assert spans(text, rules) == expected


@pytest.mark.parametrize(
    "text",
    [
        "The woman was hit outside the Sam's Club in Bloomington.",
        "He died in Beverly Hills, California.",
        "The student ISNA news agency reported the quake.",
        "The San Diego Chargers lost.",
        "Police were called to the Rose Garden.",
        "A 36-year-old Australian climber died.",
    ],
)
def test_more_non_persons(rules, text):
    assert spans(text, rules) == []


from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

_ALPHABET = st.sampled_from(list("AaBbJjMmOoSsTtXx .,'’-\"()\n") + ["Mr. ", "Dr. ", " said", "President ", "John ", "Smith", "é", "Ж", "\u00a0"])


@settings(max_examples=200, deadline=None)
@given(st.lists(_ALPHABET, max_size=60).map("".join))
def test_offsets_always_slice_the_text(rules, text):
    for r in extract_article("t", text, rules):
        assert 0 <= r["start"] < r["end"] <= len(text)
        assert text[r["start"] : r["end"]] == r["text"]
        assert r["text"] == r["text"].strip()
        assert 0.0 <= r["confidence"] <= 1.0


def test_lone_word_after_locative_or_before_score_needs_more_than_weak_evidence(rules):
    # The same article names a person "Palmer ..." and the town; "in Palmer" is the town.
    assert spans("Palmer Hughes spoke. A fire broke out in Palmer on Monday.", rules) == ["Palmer Hughes"]
    # A surname vouched for by another article of the batch is not enough before a score.
    articles = pd.DataFrame(
        {"article_id": ["a", "b"], "text": ["Tom Drake spoke. Drake left.", "Later the Bluejays defeated Drake 65-53. Drake said so."]}
    )
    m = extract_mentions(articles, rules)
    assert list(zip(m["article_id"], m["text"], m["start"])) == [("a", "Tom Drake", 0), ("a", "Drake", 17), ("b", "Drake", 41)]


def test_a_frame_without_the_article_columns_is_a_clear_error_naming_them(rules):
    from resolve.errors import MissingColumnsError

    with pytest.raises(MissingColumnsError, match=r"^articles: missing column\(s\) article_id \(it has id, text\)"):
        extract_mentions(pd.DataFrame({"id": ["a"], "text": ["Chuck Hagel said."]}), rules)
    with pytest.raises(ValueError, match=r"missing column\(s\) article_id, text \(it has none\)"):
        extract_mentions(pd.DataFrame(), rules)
