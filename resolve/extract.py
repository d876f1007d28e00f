"""Person mentions from article text, with offsets and attached titles.

Interface (stable): `extract_mentions(articles, rules) -> DataFrame[MENTION_COLUMNS]`.
PLACEHOLDER internals: capitalized sequences filtered by rules; to be replaced.
"""

from __future__ import annotations

import re

import pandas as pd

from .boilerplate import in_ranges, repeated_ranges
from .rules import Rules
from .schema import MENTION_COLUMNS
from .text import fold

_CAP_SEQ = re.compile(r"\b[A-Z][a-z]+(?:\s+[A-Z][a-z]+)*")


def extract_article(article_id: str, text: str, rules: Rules) -> list[dict]:
    """Mentions of one article as dicts with MENTION_COLUMNS."""
    skip = repeated_ranges(text)
    out = []
    for m in _CAP_SEQ.finditer(text):
        if in_ranges(m.start(), skip):
            continue
        words = m.group().split()
        start = m.start()
        title_words = []
        while words and fold(words[0]) in rules.titles:
            title_words.append(words[0])
            start += len(words[0])
            start = text.index(words[1], start) if len(words) > 1 else start
            words = words[1:]
        if not words:
            continue
        name = " ".join(words)
        f = fold(name)
        if f in rules.stop_phrases or f in rules.places or any(fold(w) in rules.org_cues for w in words):
            continue
        if fold(words[0]) not in rules.given_names and not title_words:
            continue
        out.append(
            {
                "article_id": article_id,
                "start": start,
                "end": start + len(name),
                "text": text[start : start + len(name)],
                "title": " ".join(title_words),
                "title_normalized": rules.titles[fold(" ".join(title_words))].normalized if fold(" ".join(title_words)) in rules.titles else "",
                "affiliation": "",
                "honorific": "",
                "cue": "title" if title_words else "given_name",
                "confidence": 0.5,
            }
        )
    return out


def extract_mentions(articles: pd.DataFrame, rules: Rules) -> pd.DataFrame:
    """Mentions of all articles, sorted by (article_id, start)."""
    rows = []
    for aid, text in zip(articles["article_id"], articles["text"]):
        rows.extend(extract_article(aid, text, rules))
    df = pd.DataFrame.from_records(rows, columns=MENTION_COLUMNS)
    return df.sort_values(["article_id", "start"], kind="stable").reset_index(drop=True)
