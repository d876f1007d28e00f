"""Name units: all mentions of one normalized name form in one article, the engine's unit of work.

`build_units(mentions, rules)` parses each distinct form once (`names.parse_forms`),
groups the rows into units (a surname-only mention in an article naming several people
of that surname in full is a unit of its own) and gathers what each unit carries: its article, name,
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
from .comparisons import given_relation
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
    shared: list[bool]  # a surname-only mention of a surname that several people named in the article share: a unit per mention
    previous: list[bool]  # stands for a previous registry's evidence (a pseudo-mention or a re-run one), not a new mention
    by_article: dict[str, list[int]]  # article -> its units, ascending
    of_row: list[int]  # unit of each input row
    gid: list[int]  # each unit's number among all units of the run (a partition holds some of them)
    not_person: frozenset[str]  # lone words that are places or organizations (rules, or a row's cue): never a surname of a person elsewhere

    def __len__(self) -> int:
        return len(self.article)


def build_units(df: pd.DataFrame, rules: Rules) -> Units:
    """Units of a mention frame with the columns of `schema.MATCH_INPUT_COLUMNS` (all filled)."""
    texts = df["text"].astype(str)
    codes, parsed_forms = parse_forms(texts, rules)
    norm_of_form = np.array([p.name_norm for p in parsed_forms], dtype=object)
    norms = norm_of_form[codes] if len(df) else np.array([], dtype=object)
    starts = pd.to_numeric(df["start"], errors="coerce").fillna(0).astype("int64")
    split = _shared_surname_rows(df["article_id"], codes, parsed_forms, rules)
    # Sort rows by (unit key, start): a unit is a run of equal keys.  numpy over the
    # sorted arrays, no per-group Python callbacks.
    order = (
        pd.DataFrame({"a": df["article_id"], "n": norms, "k": df["anchor_id"], "p": np.where(split, starts, -1), "s": starts, "t": texts})
        .sort_values(["a", "n", "k", "p", "s", "t"], kind="stable")
        .index.to_numpy()
    )
    art = df["article_id"].to_numpy()[order]
    norm = norms[order]
    anc = df["anchor_id"].to_numpy()[order]
    own = np.where(split, starts, -1)[order]
    n = len(order)
    new_unit = np.ones(n, dtype=bool)
    if n:
        new_unit[1:] = (art[1:] != art[:-1]) | (norm[1:] != norm[:-1]) | (anc[1:] != anc[:-1]) | (own[1:] != own[:-1])
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
        shared=split[order][first_rows].tolist(),
        previous=df["soft_anchor"].to_numpy(dtype=bool)[order][first_rows].tolist(),
        by_article=dict(by_article),
        of_row=of_row.tolist(),
        gid=list(range(len(first_rows))),
        not_person=_not_person_words(df, codes, parsed_forms, rules),
    )
    units.anchor, units.fixed, units.soft = unit_anchors(units, rules)
    return units


def _shared_surname_rows(articles: pd.Series, codes: np.ndarray, forms: list[ParsedName], rules: Rules) -> np.ndarray:
    """Rows that are a unit of their own: a surname-only mention in an article that names two or
    more people of that surname in full (relatives: "John Jenkin", "Katie Jenkin", "Jenkin"),
    so that each mention attaches to its own person (stages/article.py).  Two people: given
    names that conflict, each a known given name (not an over-extended span: "Having Jackman")."""
    none = np.zeros(len(codes), dtype=bool)
    if not len(codes):
        return none
    full_form = np.array([p.kind == "full" and p.given[0] in rules.given_names for p in forms], dtype=bool)
    arts = articles.to_numpy()
    rows = np.flatnonzero(full_form[codes])
    fulls: dict[tuple[str, str], set[int]] = defaultdict(set)
    for a, c in zip(arts[rows], codes[rows]):
        fulls[(a, forms[c].surname_key)].add(int(c))
    shared = set()
    for key, cs in fulls.items():
        ps = [forms[c] for c in sorted(cs)]
        if any(given_relation(x.given, x.given_keys, x.alt_given, y.given, y.given_keys, y.alt_given, rules) == "conflict" for i, x in enumerate(ps) for y in ps[i + 1 :]):
            shared.add(key)
    if not shared:
        return none
    single = np.flatnonzero(np.array([p.kind == "single" for p in forms], dtype=bool)[codes])
    out = none.copy()
    out[single] = [(a, forms[c].surname_key) in shared for a, c in zip(arts[single], codes[single])]
    return out


#: A row whose `cue` holds one of these says its lone word is a place or an organization.
NOT_PERSON_CUES = ("place", "organization")


def _not_person_words(df: pd.DataFrame, codes: np.ndarray, forms: list[ParsedName], rules: Rules) -> frozenset[str]:
    """Surname keys of one-word forms that are places in the rules, or that an extractor marked
    as a place or organization (`cue` holding "place" or "organization") on some row."""
    words = {p.surname_key for p in forms if p.kind == "single" and p.surname in rules.places}
    if "cue" in df.columns and len(df):
        cues = df["cue"].fillna("").astype(str).str.split("|")
        marked = np.flatnonzero([any(c in NOT_PERSON_CUES for c in row) for row in cues])
        words |= {forms[codes[i]].surname_key for i in marked if forms[codes[i]].kind == "single"}
    return frozenset(w for w in words if w)


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
