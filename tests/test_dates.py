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
