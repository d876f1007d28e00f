"""Small builders for matcher tests: mention tables written by hand, clusters read back."""

from __future__ import annotations

import pandas as pd

from resolve.match import cluster_with_links


def mention_record(article_id: str, start: int, text: str, title: str = "", affiliation: str = "", **extra) -> dict:
    """One mention row as an extractor would give it (the title taken as normalized)."""
    return {
        "article_id": article_id,
        "start": start,
        "end": start + len(text),
        "text": text,
        "title": title,
        "title_normalized": title,
        "affiliation": affiliation,
        "honorific": "",
        "cue": "test",
        "confidence": 1.0,
        **extra,
    }


def mentions(rows: list[tuple]) -> pd.DataFrame:
    """rows: (article_id, text[, title_normalized[, affiliation[, date]]]); offsets from order."""
    out, pos = [], {}
    for row in rows:
        art, text, *rest = row
        title, aff, date = (list(rest) + ["", "", ""])[:3]
        s = pos.get(art, 0)
        pos[art] = s + len(text) + 10
        out.append(mention_record(art, s, text, title, aff, date=date))
    return pd.DataFrame(out)


def cluster(rows: list[tuple], rules) -> tuple[pd.DataFrame, pd.DataFrame]:
    return cluster_with_links(mentions(rows), rules)


def label(df: pd.DataFrame, article: str, text: str) -> int:
    """The cluster of the (first) mention `text` in `article`."""
    hit = df[(df["article_id"] == article) & (df["text"] == text)]
    assert len(hit), f"no mention {text!r} in {article!r}"
    return int(hit["cluster"].iloc[0])


def together(df: pd.DataFrame, *refs: tuple[str, str]) -> bool:
    return len({label(df, a, t) for a, t in refs}) == 1
