"""From clustered mentions to the output tables: mentions, registry, titles.

Entity IDs are opaque, short and deterministic: a hash of the entity's canonical
name key (plus its earliest mention when two entities share a name), so the same
input and rules give the same IDs whatever the input order.
"""

from __future__ import annotations

import base64
import hashlib
from collections import Counter

import pandas as pd

from .schema import MENTIONS_OUT_COLUMNS, REGISTRY_COLUMNS, TITLES_COLUMNS
from .text import fold


def short_hash(key: str, prefix: str = "E", length: int = 8) -> str:
    """'E' + 8 base32 characters of sha1(key): opaque, short, stable."""
    digest = hashlib.sha1(key.encode("utf-8")).digest()
    return prefix + base64.b32encode(digest).decode("ascii")[:length].lower()


def mention_id(article_id: str, start: int, end: int) -> str:
    return f"{article_id}:{start}-{end}"


def canonical_name(forms: Counter) -> str:
    """The fullest well-attested surface form.

    Preference: more name tokens (up to given + middle + surname), then not all
    capitals, then more mentions, then the longer spelling ("Thomas" over "Tom"),
    then alphabetical for determinism.
    """

    def key(form: str) -> tuple:
        toks = [t for t in form.split() if len(t.rstrip(".")) > 1]
        return (-min(len(toks), 2), form.isupper(), -forms[form], -min(len(toks), 3), -len(form), form)

    return min(forms, key=key)


def _join(values) -> str:
    return "|".join(sorted({v for v in values if v}))


def assign_entity_ids(mentions: pd.DataFrame, cluster_col: str = "cluster") -> dict:
    """Map cluster label -> entity_id, deterministic and independent of input order."""
    info = []
    for label, grp in mentions.groupby(cluster_col, sort=False):
        name = canonical_name(Counter(grp["text"]))
        first = min(zip(grp["article_id"], grp["start"]))
        info.append((fold(name), first, label))
    info.sort(key=lambda x: (x[0], x[1]))
    ids: dict = {}
    used: set[str] = set()
    for name_key, first, label in info:
        eid = short_hash(name_key)
        if eid in used:  # same canonical name, different person: disambiguate by first mention
            eid = short_hash(f"{name_key}|{first[0]}|{first[1]}")
        used.add(eid)
        ids[label] = eid
    return ids


def build_tables(mentions: pd.DataFrame, articles: pd.DataFrame, cluster_col: str = "cluster") -> dict[str, pd.DataFrame]:
    """The three output tables from clustered mentions (column `cluster_col`).

    If `mentions` already has an `entity_id` column it is kept (incremental runs);
    otherwise IDs are assigned with `assign_entity_ids`.
    """
    df = mentions.copy()
    dates = dict(zip(articles["article_id"], articles["date"])) if len(articles) else {}
    if "date" not in df.columns or df["date"].isna().all():
        df["date"] = [dates.get(a, "") for a in df["article_id"]]
    df["date"] = df["date"].fillna("")
    if "entity_id" not in df.columns:
        ids = assign_entity_ids(df, cluster_col)
        df["entity_id"] = [ids[c] for c in df[cluster_col]]
    df["mention_id"] = [mention_id(a, s, e) for a, s, e in zip(df["article_id"], df["start"], df["end"])]
    for col in MENTIONS_OUT_COLUMNS:
        if col not in df.columns:
            df[col] = ""
    mentions_out = df[MENTIONS_OUT_COLUMNS].sort_values(["article_id", "start", "end"], kind="stable").reset_index(drop=True)

    reg_rows = []
    for eid, grp in df.groupby("entity_id", sort=True):
        seen = [d for d in grp["date"] if d]
        reg_rows.append(
            {
                "entity_id": eid,
                "name": canonical_name(Counter(grp["text"])),
                "aliases": _join(grp["text"]),
                "titles": _join(grp["title_normalized"]),
                "affiliations": _join(grp["affiliation"]),
                "n_mentions": len(grp),
                "n_articles": grp["article_id"].nunique(),
                "first_seen": min(seen) if seen else "",
                "last_seen": max(seen) if seen else "",
                "article_ids": _join(grp["article_id"]),
            }
        )
    registry = pd.DataFrame.from_records(reg_rows, columns=REGISTRY_COLUMNS)

    titled = df[df["title_normalized"].fillna("") != ""]
    title_rows = []
    for (eid, title, aff), grp in titled.groupby(["entity_id", "title_normalized", "affiliation"], sort=True):
        seen = [d for d in grp["date"] if d]
        title_rows.append(
            {
                "entity_id": eid,
                "title_normalized": title,
                "affiliation": aff,
                "first_seen": min(seen) if seen else "",
                "last_seen": max(seen) if seen else "",
                "n_mentions": len(grp),
                "article_ids": _join(grp["article_id"]),
            }
        )
    titles = pd.DataFrame.from_records(title_rows, columns=TITLES_COLUMNS)
    return {"mentions": mentions_out, "registry": registry, "titles": titles}
