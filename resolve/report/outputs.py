"""An output directory of `resolve run` / `resolve link`, read back for people to look at.

`read_output` is the one place where the report and the review read resolve's own
tables, so that a new reader of outputs replaces it here and nowhere else.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

import pandas as pd

from ..errors import ResolveError
from ..schema import LINKS_OUT_COLUMNS, REDIRECTS_COLUMNS, TITLES_COLUMNS
from ..io.tables import read_output as _read_table

#: Tables without which there is nothing to show.
REQUIRED = ("registry.csv", "mentions.csv")
#: Tables that may be absent (older outputs, `link` without decisions): read as empty.
OPTIONAL = {"titles.csv": TITLES_COLUMNS, "redirects.csv": REDIRECTS_COLUMNS, "links.csv": LINKS_OUT_COLUMNS}


def read_output(path: Path) -> pd.DataFrame:
    """One table exactly as resolve wrote it (all text, formula guard undone, counts as numbers)."""
    return _read_table(path)


@dataclass(frozen=True)
class Outputs:
    """The tables of one output directory (docs/output.md)."""

    outdir: Path
    registry: pd.DataFrame
    mentions: pd.DataFrame
    titles: pd.DataFrame
    redirects: pd.DataFrame
    links: pd.DataFrame

    @cached_property
    def link_rows(self) -> list[dict]:
        """links.csv as one dict per row, in file order (read by several passes)."""
        cols = list(self.links.columns)
        return [dict(zip(cols, values)) for values in zip(*(self.links[c].tolist() for c in cols))]


def load_outputs(outdir: str | Path) -> Outputs:
    """Read OUTDIR's tables; a missing registry or mentions table is a user error."""
    outdir = Path(outdir)
    missing = [name for name in REQUIRED if not (outdir / name).is_file()]
    if missing:
        raise ResolveError(f"{outdir}: no {' or '.join(missing)} here; give an output directory of `resolve run` or `resolve link`")
    tables = {name: read_output(outdir / name) for name in REQUIRED}
    for name, columns in OPTIONAL.items():
        path = outdir / name
        tables[name] = read_output(path) if path.is_file() else pd.DataFrame(columns=columns)
    return Outputs(
        outdir,
        tables["registry.csv"],
        tables["mentions.csv"],
        tables["titles.csv"],
        tables["redirects.csv"],
        tables["links.csv"],
    )
