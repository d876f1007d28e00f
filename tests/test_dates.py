"""Dates written in article text and in data fields (resolve.dates)."""

from __future__ import annotations

import pytest

from resolve.dates import find_date, normalize_date


@pytest.mark.parametrize(
    "text, iso",
    [
        ("Talks resume.\nMarch 26, 2013\nAbout", "2013-03-26"),
        ("Posted 2013-03-26 by staff", "2013-03-26"),
        ("Published 26 March 2013, 10:00", "2013-03-26"),
        ("Published on: Fri, 11 Nov 2011 at 09:56 IST", "2011-11-11"),
        ("May 03, 2013", "2013-05-03"),
        ("Sept. 4, 2012", "2012-09-04"),
        ("on the 1st of nothing, 21st March 2014", "2014-03-21"),
    ],
)
def test_find_date_formats(text, iso):
    assert find_date(text) == iso


def test_incomplete_dates_do_not_count():
    assert find_date("Defense Secretary Chuck Hagel, shown on March 15, has authorized talks") == ""
    assert find_date("The meeting in April 2013 ended.") == ""


def test_first_complete_date_wins_whatever_the_format():
    assert find_date("Updated 2013-04-16. Originally April 15, 2013.") == "2013-04-16"
    assert find_date("Originally April 15, 2013. Updated 2013-04-16.") == "2013-04-15"


def test_impossible_dates_are_skipped():
    assert find_date("February 30, 2013 and March 1, 2013") == "2013-03-01"


def test_seed_articles_have_their_dateline(rules):
    from .conftest import SEEDS

    found = {p.name: find_date(p.read_text(encoding="utf-8")) for p in sorted(SEEDS.glob("*.txt"))}
    assert found == {"000_cdfe8ca869442d9c.txt": "2013-03-26", "002_098cc048611b6c4e.txt": "2013-04-16"}


@pytest.mark.parametrize(
    "value, iso",
    [
        ("2013-03-26", "2013-03-26"),
        ("2013-03-26T10:00:00Z", "2013-03-26"),
        ("March 26, 2013", "2013-03-26"),
        ("", ""),
        ("not a date", ""),
        ("2013-13-40", ""),
    ],
)
def test_normalize_date(value, iso):
    assert normalize_date(value) == iso


# An article's date is its dateline or a header/footer line, never a date quoted in the story.

QUOTING = """Harbour board elects a new chair
By Wilma Ostrander | June 3, 2005
The board met on Friday for the first time since the storm of March 14, 1998 flooded the quay.
Its first chair, elected on April 2, 1961, attended.
"""


def test_byline_date_wins_over_dates_in_the_story():
    assert find_date(QUOTING) == "2005-06-03"


def test_a_date_inside_a_sentence_is_never_the_article_date():
    story = "Council approves the budget\nThe council approved on Tuesday the budget that the attacks of Sept. 11, 2001 had delayed.\nMembers left early.\n"
    assert find_date(story) == ""
    short = "Hospital opens\nThe hospital opened on Tuesday, May 3, 2005.\nStaff cheered.\n"
    assert find_date(short) == ""


def test_dateline_at_the_start_of_the_first_paragraph():
    text = "Ferry talks stall\nOSLO, Norway, March 3, 2013 (Reuters) - Talks on the ferry route stalled after the strike of May 1, 2010 was recalled.\n"
    assert find_date(text) == "2013-03-03"
    not_a_dateline = "Ferry talks stall\nOn March 3, 2011, the talks began, a spokesman said.\n"
    assert find_date(not_a_dateline) == ""


def test_footer_date_line():
    text = "Mayor resigns\nThe mayor, first elected on May 5, 1999, resigned.\nHe thanked the town.\nPublished 2014-02-11\n"
    assert find_date(text) == "2014-02-11"


def test_a_date_alone_on_a_line_counts_anywhere_but_a_short_line_with_more_words_only_at_the_top():
    body = [f"Paragraph {i} of the story goes on." for i in range(10)]
    assert find_date("\n".join(["Title", *body, "Updated June 1, 1990", *body])) == "1990-06-01"
    assert find_date("\n".join(["Title", *body, "He left on June 1, 1990", *body])) == ""


def test_the_date_field_wins(tmp_path):
    from resolve.io.inputs.records import article

    assert article("a", QUOTING, "x", date="2006-01-02")["date"] == "2006-01-02"
    assert article("a", QUOTING, "x")["date"] == "2005-06-03"
