"""One window of articles made ready for matching, in the window alone: units, fixed links, article stage.

`prepare_window(mentions, rules)` is the first task of a partitioned run
(`match.partition`), run where the window's mentions are (for `resolve run`, right
after extracting them).  It builds the window's units, runs the fixed stage and the
article stage over them, and reports what the client needs to know to join the
windows: the units as a `table.UnitTable`, each mention row's unit, the decisions
with their positions, the anchors and must-link judgements each article holds, and
the first unit each side of each judgement names.

The window is exact on its own unless a fixed link joins units of two windows (an
anchor or a must-link judgement seen in both): the client then runs the articles
so joined again, together (`partition.Run`).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from ..rules import Rules
from .context import article_surname_keys
from .stages import article, fixed
from .state import MatchState
from .table import UnitTable


@dataclass(eq=False)
class WindowPart:
    """A prepared window (see the module doc); unit numbers are the window's own."""

    table: UnitTable
    of_row: np.ndarray  # unit of each mention row, in the order the rows were given
    links: list[dict]
    positions: list[tuple]
    anchors: dict[str, list[str]]  # anchor key -> the window's articles holding a unit with it
    must: dict[int, list[str]]  # must-link judgement -> the window's articles holding a unit it names
    firsts: list[tuple[tuple[int, str, str] | None, tuple[int, str, str] | None]]  # per judgement and side: (unit, article, form)


def match_input(mentions: pd.DataFrame) -> pd.DataFrame:
    """The mention rows with every `schema.MATCH_INPUT_COLUMNS` column filled (missing ones empty)."""
    df = mentions.reset_index(drop=True).copy()
    for col in ("title_normalized", "affiliation", "date", "anchor_id"):
        df[col] = df[col].fillna("").astype(str) if col in df.columns else ""
    # Only a real True counts: the flag is set by the registry continuation, never read from files.
    df["soft_anchor"] = df["soft_anchor"].eq(True) if "soft_anchor" in df.columns else False
    df["article_id"] = df["article_id"].astype(str)
    return df


def prepare_window(mentions: pd.DataFrame, rules: Rules) -> WindowPart:
    """Units, fixed links and the article stage of one window's mention rows."""
    state = MatchState.start(match_input(mentions), rules)
    sides = fixed.run(state)
    article.run(state)
    units = state.units
    anchors: dict[str, set[str]] = {}
    for u, a in enumerate(units.anchor):
        if a:
            anchors.setdefault(a, set()).add(units.article[u])
    must: dict[int, list[str]] = {}
    firsts = []
    for j, (judg, (a, b)) in enumerate(zip(rules.judgements, sides)):
        if judg.judgement == "must_link" and (a or b):
            must[j] = sorted({units.article[u] for u in a + b})
        firsts.append(tuple((us[0], units.article[us[0]], units.text[us[0]]) if us else None for us in (a, b)))
    return WindowPart(
        UnitTable.from_state(state, article_surname_keys(units)),
        np.array(units.of_row, dtype=np.int64),
        state.links,
        state.positions,
        {k: sorted(v) for k, v in anchors.items()},
        must,
        firsts,
    )
