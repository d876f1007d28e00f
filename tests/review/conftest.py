from __future__ import annotations

import pandas as pd
import pytest

from resolve.link import link

#: Three decisions a person would want to see, in invented articles:
#: Tom / Thomas Veldhuis kept apart just below the threshold (nickname, years apart, other company);
#: Jim / James Harkavy merged just above it (nickname, years apart, nothing else known);
#: two Maria Oyelarans kept apart as two people (conflicting titles and countries).
MENTIONS = [
    ("k1", "Tom Veldhuis", "", "2010-01-05"),
    ("k1", "Anna Broekman", "", "2010-01-05"),
    ("k2", "Thomas Veldhuis", "", "2013-06-01"),
    ("k2", "Pieter Smeets", "", "2013-06-01"),
    ("m1", "Jim Harkavy", "", "2010-01-05"),
    ("m2", "James Harkavy", "", "2013-06-01"),
    ("s1", "Maria Oyelaran", "Nigerian Finance Minister", "2009-03-01"),
    ("s1", "Kofi Mensah", "", "2009-03-01"),
    ("s2", "Maria Oyelaran", "British actress", "2016-09-01"),
    ("s2", "Liam Doyle", "", "2016-09-01"),
]


def write_mentions(path, rows=MENTIONS):
    pd.DataFrame(rows, columns=["article_id", "text", "title", "date"]).to_csv(path, index=False)
    return path


@pytest.fixture()
def outdir(tmp_path, rules):
    out = tmp_path / "out"
    link(write_mentions(tmp_path / "mentions.csv"), out, rules=rules)
    return out
