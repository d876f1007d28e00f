"""The links table: each link of the matcher with the entity IDs its two sides ended in.

A side is found in this run's mentions or in the evidence (an earlier batch's
article): the entity of the last row with the side's article and form, a mention
before any evidence row; a stand-in `@registry:<ID>` is that ID, followed through the
redirects.  Looked up over codes of (article, form), never a dict of every mention.
`LinkSides` looks each table up as soon as it is built, so a run can write and drop
the mentions and evidence tables before the links table is made.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd

from ..columns import string_categorical
from ..schema import LINKS_COLUMNS, LINKS_OUT_COLUMNS
from .continuation import PSEUDO_PREFIX
from .tables import _coded, _fillable, _per_value


def links_table(links: pd.DataFrame, tables: Mapping[str, pd.DataFrame]) -> pd.DataFrame:
    """The links with the entity IDs their sides ended in (LINKS_OUT_COLUMNS), from the
    "mentions", "evidence" and "redirects" of `tables`."""
    sides = LinkSides(links)
    for name in FOUND_IN:
        t = tables.get(name)
        if t is not None:
            sides.find(name, t)
    return sides.table(tables.get("redirects"))


#: The tables a link side is looked up in, the first that has it winning: a mention of this run
#: wins over the evidence of an earlier batch.
FOUND_IN = ("mentions", "evidence")


class LinkSides:
    """The entity of each link side, looked up in each table of `FOUND_IN` as it is built
    (`find`, in any order), then the links table (`table`).  Holds only arrays as long as
    the links, never the tables."""

    def __init__(self, links: pd.DataFrame) -> None:
        self.links = links  # as given (not copied: the table is made from it at the end)
        keys = [f"{side}_{col}" for side in ("a", "b") for col in ("article", "text")]
        sides = _fillable(links.reindex(columns=keys), keys).fillna("")
        self.keys = {side: (_strings(sides[f"{side}_article"]), _strings(sides[f"{side}_text"])) for side in ("a", "b")}
        self.found: dict[str, dict[str, tuple[np.ndarray, np.ndarray]]] = {}  # table -> side -> (hit, entity)

    def find(self, name: str, table: pd.DataFrame) -> None:
        """Look the sides up in `table` (article_id, text, entity_id) when it is one of `FOUND_IN`."""
        if name in FOUND_IN and len(table) and len(self.links):
            self.found[name] = {side: _last_entity(table, article, text) for side, (article, text) in self.keys.items()}

    def table(self, redirects: pd.DataFrame | None) -> pd.DataFrame:
        """The links table, stand-in sides resolved through `redirects`."""
        live = dict(zip(redirects["old_id"], redirects["new_id"])) if redirects is not None and len(redirects) else {}
        out = _fillable(self.links.reindex(columns=LINKS_COLUMNS), LINKS_COLUMNS).fillna("")
        for side, (article, _) in self.keys.items():
            entity = np.full(len(out), "", dtype=object)
            unset = np.ones(len(out), dtype=bool)
            for name in FOUND_IN:
                if name in self.found:
                    hit, value = self.found[name][side]
                    take = unset & hit
                    entity[take] = value[take]
                    unset &= ~hit
            stand_in = _per_value(article, lambda a: a.startswith(PSEUDO_PREFIX))
            entity[stand_in] = [live.get(e, e) for e in (a[len(PSEUDO_PREFIX) :] for a in article[stand_in].tolist())]
            out[f"{side}_entity"] = entity
        return out[LINKS_OUT_COLUMNS].reset_index(drop=True)


def _strings(s: pd.Series) -> pd.Series:
    """`s.astype(str)`, as an object column that points at a categorical's own strings: astype
    makes a fixed-width copy of every row first (~80 MB per 100k articles' links)."""
    if string_categorical(s):
        codes = s.cat.codes.to_numpy()
        if not (codes < 0).any():
            return pd.Series(s.cat.categories.to_numpy(dtype=object)[codes], index=s.index)
    return s.astype(str)


def _last_entity(table: pd.DataFrame, article: pd.Series, text: pd.Series) -> tuple[np.ndarray, np.ndarray]:
    """For each (article, text) pair asked: whether `table` has a row with it, and the entity of its last such row."""
    art_codes, art_values = _coded(table["article_id"].astype(str) if not _is_text(table["article_id"]) else table["article_id"])
    text_codes, text_values = _coded(table["text"].astype(str) if not _is_text(table["text"]) else table["text"])
    ent_codes, ent_values = _coded(table["entity_id"])
    width = max(1, len(text_values))
    keys = art_codes.astype(np.int64) * width + text_codes
    uniq, last_rev = np.unique(keys[::-1], return_index=True)
    last = len(keys) - 1 - last_rev  # the last row of each key
    a = pd.Index(art_values, dtype=object).get_indexer(article)
    t = pd.Index(text_values, dtype=object).get_indexer(text)
    asked = a.astype(np.int64) * width + t
    pos = np.minimum(np.searchsorted(uniq, asked), max(0, len(uniq) - 1))
    hit = (a >= 0) & (t >= 0) & (len(uniq) > 0)
    hit[hit] = uniq[pos[hit]] == asked[hit]
    value = np.full(len(article), "", dtype=object)
    value[hit] = ent_values[ent_codes[last[pos[hit]]]]
    return hit, value


def _is_text(s: pd.Series) -> bool:
    """A column of strings only, kept as it is (a categorical over strings included)."""
    values = s.cat.categories if isinstance(s.dtype, pd.CategoricalDtype) else s
    return pd.api.types.infer_dtype(values, skipna=False) == "string"
