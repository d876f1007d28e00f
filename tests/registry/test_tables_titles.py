"""registry/tables.py, the title side of build_tables: titles.csv dates a former or
not-yet-held title correctly, and names and aliases never carry a title."""

from __future__ import annotations

import pandas as pd

from resolve.registry import build_tables

from .handmade import ARTICLES, clustered


def _titled(rows: list[tuple]) -> pd.DataFrame:
    """(article_id, start, text, cluster, title_normalized, title_status) -> clustered mentions."""
    df = clustered([(a, s, t, c, "", title, "") for a, s, t, c, title, _ in rows])
    return df.assign(title_status=[status for *_, status in rows])


def test_a_former_title_dates_only_former_seen():
    # a1 (2013-03-01) calls him the former President; a3 (2013-05-01) the President.
    t = build_tables(_titled([("a1", 0, "Tom Reed", 0, "President", "former"), ("a3", 0, "Tom Reed", 0, "President", "current")]), ARTICLES)
    (row,) = t["titles"].to_dict("records")
    assert (row["first_seen"], row["last_seen"], row["former_seen"]) == ("2013-05-01", "2013-05-01", "2013-03-01")
    assert row["n_mentions"] == 2


def test_a_title_only_ever_called_former_is_never_dated_as_held():
    t = build_tables(_titled([("a2", 0, "Tom Reed", 0, "President", "former")]), ARTICLES)
    (row,) = t["titles"].to_dict("records")
    assert (row["first_seen"], row["last_seen"], row["former_seen"]) == ("", "", "2013-04-01")


def test_an_elect_or_designate_title_is_not_held_yet():
    rows = [("a1", 0, "Ann Berg", 0, "Governor", "elect"), ("a2", 0, "Ann Berg", 0, "Governor", "designate")]
    (row,) = build_tables(_titled(rows), ARTICLES)["titles"].to_dict("records")
    assert (row["first_seen"], row["last_seen"], row["former_seen"]) == ("", "", "")
    assert row["n_mentions"] == 2


def test_names_and_aliases_never_carry_a_title(rules):
    rows = [("a1", 0, "Deputy Ortiz", 0, ""), ("a2", 0, "Irish Taoiseach Leo Varadkar", 1, ""), ("a3", 0, "Leo Varadkar", 1, "")]
    reg = build_tables(clustered(rows), ARTICLES, rules=rules)["registry"].set_index("auto_name")
    assert sorted(reg.index) == ["Leo Varadkar", "Ortiz"]
    assert reg.loc["Leo Varadkar", "aliases"] == "Leo Varadkar"
    assert reg.loc["Leo Varadkar", "alias_counts"] == "Leo Varadkar=2"


def test_mentions_keep_the_text_as_written(rules):
    # Only the registry's names are cleaned; a mention's text still slices its article.
    t = build_tables(clustered([("a1", 0, "Deputy Ortiz", 0, "")]), ARTICLES, rules=rules)
    assert list(t["mentions"]["text"]) == ["Deputy Ortiz"]
