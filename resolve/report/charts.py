"""The report's overview charts as inline SVG: persons by number of articles, mentions per day.

Drawn once in Python (they do not change with what the reader clicks); every text
in them goes through `html.escape`.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable
from html import escape

#: Upper bounds of the article-count buckets (the last bucket is open).
ARTICLE_BUCKETS = (1, 2, 5, 10, 20, 50, 100, 1000)

WIDTH = 760
BAR_HEIGHT = 22
PLOT_HEIGHT = 160


def bucket_label(lo: int, hi: int | None) -> str:
    if hi is None:
        return f"{lo}+"
    return str(lo) if lo == hi else f"{lo}–{hi}"


def article_buckets(n_articles: Iterable[int]) -> list[tuple[str, int]]:
    """(label, persons) for each bucket of ARTICLE_BUCKETS, empty buckets included."""
    counts = Counter()
    bounds = [(lo, hi) for lo, hi in zip((1, *(b + 1 for b in ARTICLE_BUCKETS)), (*ARTICLE_BUCKETS, None))]
    for n in n_articles:
        for lo, hi in bounds:
            if n >= lo and (hi is None or n <= hi):
                counts[(lo, hi)] += 1
                break
    return [(bucket_label(lo, hi), counts[(lo, hi)]) for lo, hi in bounds]


def persons_by_articles_svg(n_articles: Iterable[int]) -> str:
    """Horizontal bars: how many persons are named in 1, 2, 3–5, ... articles."""
    rows = article_buckets(n_articles)
    top = max((n for _, n in rows), default=0) or 1
    label_w, count_w = 70, 80
    bar_w = WIDTH - label_w - count_w
    height = BAR_HEIGHT * len(rows) + 24
    parts = [
        f'<svg class="chart" id="chart-articles" xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{height}" '
        f'viewBox="0 0 {WIDTH} {height}" role="img" aria-label="persons by number of articles">',
        f'<text x="0" y="14" class="axis">articles</text><text x="{WIDTH}" y="14" class="axis" text-anchor="end">persons</text>',
    ]
    for i, (label, n) in enumerate(rows):
        y = 24 + i * BAR_HEIGHT
        w = bar_w * n / top
        parts.append(
            f'<g><text x="{label_w - 8}" y="{y + 15}" text-anchor="end">{escape(label)}</text>'
            f'<rect x="{label_w}" y="{y + 3}" width="{w:.1f}" height="{BAR_HEIGHT - 6}" class="bar"><title>{escape(label)} articles: {n} persons</title></rect>'
            f'<text x="{WIDTH}" y="{y + 15}" text-anchor="end">{n:,}</text></g>'
        )
    parts.append("</svg>")
    return "".join(parts)


def _parse_day(s: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(s)
    except (TypeError, ValueError):
        return None


def mentions_per_day(dates: Iterable[str]) -> list[tuple[dt.date, int]]:
    """(day, mentions) for every day from the first to the last dated mention (zeros included)."""
    counts = Counter(d for d in map(_parse_day, dates) if d is not None)
    if not counts:
        return []
    first, last = min(counts), max(counts)
    return [(first + dt.timedelta(days=i), counts.get(first + dt.timedelta(days=i), 0)) for i in range((last - first).days + 1)]


def mentions_per_day_svg(dates: Iterable[str]) -> str:
    """One vertical line per day, height = mentions that day; axis labels at both ends."""
    days = mentions_per_day(dates)
    if not days:
        return '<p class="empty">No dated mentions.</p>'
    top = max(n for _, n in days) or 1
    left, bottom = 40, 20
    plot_w = WIDTH - left
    step = plot_w / len(days)
    stroke = max(1.0, step * 0.8)
    path = "".join(
        f"M{left + step * (i + 0.5):.1f} {PLOT_HEIGHT}V{PLOT_HEIGHT - PLOT_HEIGHT * n / top:.1f}" for i, (_, n) in enumerate(days) if n
    )
    busiest = max(days, key=lambda x: (x[1], -x[0].toordinal()))
    h = PLOT_HEIGHT + bottom
    return (
        f'<svg class="chart" id="chart-days" xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{h}" '
        f'viewBox="0 0 {WIDTH} {h}" role="img" aria-label="mentions per day">'
        f'<text x="{left - 6}" y="12" text-anchor="end" class="axis">{top:,}</text>'
        f'<text x="{left - 6}" y="{PLOT_HEIGHT}" text-anchor="end" class="axis">0</text>'
        f'<line x1="{left}" y1="{PLOT_HEIGHT}" x2="{WIDTH}" y2="{PLOT_HEIGHT}" class="base"/>'
        f'<path d="{path}" class="days" stroke-width="{stroke:.1f}"><title>busiest day: {escape(busiest[0].isoformat())}, {busiest[1]:,} mentions</title></path>'
        f'<text x="{left}" y="{h - 4}" class="axis">{escape(days[0][0].isoformat())}</text>'
        f'<text x="{WIDTH}" y="{h - 4}" class="axis" text-anchor="end">{escape(days[-1][0].isoformat())}</text>'
        "</svg>"
    )
