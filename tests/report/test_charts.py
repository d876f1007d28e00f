from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET

from resolve.report import charts


def test_buckets_cover_every_count_once():
    counts = [1, 1, 2, 3, 5, 6, 1000, 1001, 50000]
    buckets = dict(charts.article_buckets(counts))
    assert sum(buckets.values()) == len(counts)
    assert buckets["1"] == 2 and buckets["3–5"] == 2 and buckets["101–1000"] == 1 and buckets["1001+"] == 2


def test_mentions_per_day_fills_the_days_between():
    days = charts.mentions_per_day(["2024-01-01", "2024-01-03", "2024-01-03", "", "not a date"])
    assert days == [(dt.date(2024, 1, 1), 1), (dt.date(2024, 1, 2), 0), (dt.date(2024, 1, 3), 2)]


def test_charts_are_well_formed_svg():
    for svg in (charts.persons_by_articles_svg([1, 2, 3]), charts.mentions_per_day_svg(["2024-01-01", "2024-02-01"])):
        root = ET.fromstring(svg)
        assert root.tag.endswith("svg")


def test_no_dates_no_chart():
    assert "No dated mentions" in charts.mentions_per_day_svg(["", ""])
