"""Group mentions into persons.  PLACEHOLDER: to be replaced by the matching engine.

Interface (stable): `cluster_mentions(mentions, rules) -> mentions + 'cluster' (int)`.
"""

from __future__ import annotations

import pandas as pd

from .rules import Rules


def cluster_mentions(mentions: pd.DataFrame, rules: Rules) -> pd.DataFrame:
    df = mentions.copy()
    # Crude: surname key + first given key seen for that surname in the article.
    labels: dict[tuple[str, str], int] = {}
    out = []
    for key in zip(df["surname_key"], df["given_key"]):
        k = (key[0], "")
        out.append(labels.setdefault(k, len(labels)))
    df["cluster"] = out
    return df
