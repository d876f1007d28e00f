"""Name units: all mentions of one normalized name form in one article, the engine's unit of work.

`build_units(mentions, rules)` parses each distinct form once (`names.parse_forms`),
groups the rows into units and gathers what each unit carries: its article, name,
first offset, mention count, latest date, titles, affiliations and anchor
(`anchors.unit_anchors`).  Units are numbered in sorted (article, name, anchor) order,
so nothing downstream depends on the row order of the input.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

import numpy as np
import pandas as pd

from ..rules import Rules
from .anchors import unit_anchors
from .names import ParsedName, parse_forms


@dataclass(slots=True, eq=False)
class Units:
    """The units as a struct of arrays: unit u's value of each field is `field[u]`."""

    article: list[str]
    norm: list[str]  # ParsedName.name_norm: the unit's key within its article
    text: list[str]  # the form of its first mention (by offset, then text)
    start: list[int]  # offset of its first mention
    size: list[int]  # number of mentions
    date: list[str]  # latest date of its mentions ("" when none)
    titles: list[frozenset[str]]
    affiliations: list[frozenset[str]]
    parsed: list[ParsedName]  # the article stage replaces an over-extended span's name by the one it holds
    kind: list[str]  # ParsedName.kind, or "none" for a form without a surname key
    anchor: list[str]  # anchor key: rows sharing one are joined first ("" when none)
    fixed: list[str]  # the fixed entity ID the anchor exposes ("" for a known actor without one)
    soft: list[bool]  # a previous registry's entity: may still merge with another anchor
    by_article: dict[str, list[int]]  # article -> its units, ascending
    of_row: list[int]  # unit of each input row
    gid: list[int]  # each unit's number among all units of the run (a partition holds some of them)

    def __len__(self) -> int:
        return len(self.article)


def build_units(df: pd.DataFrame, rules: Rules) -> Units:
    """Units of a mention frame with the columns of `schema.MATCH_INPUT_COLUMNS` (all filled)."""
    texts = df["text"].astype(str)
    codes, parsed_forms = parse_forms(texts, rules)
    norm_of_form = np.array([p.name_norm for p in parsed_forms], dtype=object)
    norms = norm_of_form[codes] if len(df) else np.array([], dtype=object)
    starts = pd.to_numeric(df["start"], errors="coerce").fillna(0).astype("int64")
    # Sort rows by (unit key, start): a unit is a run of equal keys.  numpy over the
    # sorted arrays, no per-group Python callbacks.
    order = (
        pd.DataFrame({"a": df["article_id"], "n": norms, "k": df["anchor_id"], "s": starts, "t": texts})
        .sort_values(["a", "n", "k", "s", "t"], kind="stable")
        .index.to_numpy()
    )
    art = df["article_id"].to_numpy()[order]
    norm = norms[order]
    anc = df["anchor_id"].to_numpy()[order]
    n = len(order)
    new_unit = np.ones(n, dtype=bool)
    if n:
        new_unit[1:] = (art[1:] != art[:-1]) | (norm[1:] != norm[:-1]) | (anc[1:] != anc[:-1])
    first_rows = np.flatnonzero(new_unit)
    of_row = np.empty(n, dtype=np.int64)
    of_row[order] = np.cumsum(new_unit) - 1
    parsed = [parsed_forms[c] for c in codes[order][first_rows]]
    articles = list(art[first_rows])
    by_article: dict[str, list[int]] = defaultdict(list)
    for u, a in enumerate(articles):
        by_article[a].append(u)
    units = Units(
        article=articles,
        norm=list(norm[first_rows]),
        text=list(texts.to_numpy()[order][first_rows]),
        start=[int(x) for x in starts.to_numpy()[order][first_rows]],
        size=[int(x) for x in np.diff(np.append(first_rows, n))],
        date=_latest(df["date"].to_numpy(), of_row, len(first_rows)),
        titles=_value_sets(df["title_normalized"].to_numpy(), of_row, len(first_rows)),
        affiliations=_value_sets(df["affiliation"].to_numpy(), of_row, len(first_rows)),
        parsed=parsed,
        kind=[p.kind if p.surname_key else "none" for p in parsed],
        anchor=list(anc[first_rows]),  # as given on the rows, until `unit_anchors`
        fixed=list(anc[first_rows]),
        soft=df["soft_anchor"].to_numpy(dtype=bool)[order][first_rows].tolist(),
        by_article=dict(by_article),
        of_row=of_row.tolist(),
        gid=list(range(len(first_rows))),
    )
    units.anchor, units.fixed, units.soft = unit_anchors(units, rules)
    return units


# Only the rows that carry a value are visited: most have no date, title or affiliation.


def _latest(values: np.ndarray, of_row: np.ndarray, n_units: int) -> list[str]:
    out = [""] * n_units
    for i in np.flatnonzero(values != ""):
        u = of_row[i]
        out[u] = max(out[u], values[i])
    return out


def _value_sets(values: np.ndarray, of_row: np.ndarray, n_units: int) -> list[frozenset[str]]:
    out: list[frozenset[str]] = [frozenset()] * n_units
    acc: dict[int, set] = defaultdict(set)
    for i in np.flatnonzero(values != ""):
        acc[int(of_row[i])].add(values[i])
    for u, vals in acc.items():
        out[u] = frozenset(vals)
    return out
