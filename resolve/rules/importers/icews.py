"""The ICEWS actor CSV: one row per actor and affiliation.

Columns (header names compared case-insensitively): `name` (or `actor name`),
`country`, `aliases` (separated by `||`, `|` or `;`), `affiliation` (or `sector`),
`start` and `end` (or `affiliation start date` / `affiliation end date`; `YYYY-MM-DD`
or `YYYYMMDD`, empty or "beginning/end of time" = open).  Rows of one name are one
actor; each row with an affiliation is one of its titles, with its country as the
affiliation.
"""

from __future__ import annotations

import csv
import re
from pathlib import Path

from . import Actor, Term

_COLUMNS = {
    "name": ("name", "actor name", "actor"),
    "country": ("country",),
    "aliases": ("aliases", "alias"),
    "affiliation": ("affiliation", "sector", "affiliation sector"),
    "start": ("start", "start date", "affiliation start date"),
    "end": ("end", "end date", "affiliation end date"),
}
_OPEN = ("", "beginning of time", "end of time")
_ISO = re.compile(r"^(\d{4})-?(\d{2})-?(\d{2})$")


def _date(v: str) -> str:
    if v.strip().lower() in _OPEN:
        return ""
    m = _ISO.match(v.strip())
    if not m or not (1 <= int(m.group(2)) <= 12 and 1 <= int(m.group(3)) <= 31):
        raise ValueError(f"'{v}' is not a date (YYYY-MM-DD)")
    return "-".join(m.groups())


def read(path: Path) -> tuple[list[Actor], list[str]]:
    problems: list[str] = []
    with path.open(encoding="utf-8-sig", newline="") as f:
        rows = list(csv.reader(f))
    if not rows:
        return [], [f"{path}:1: empty file"]
    header = [h.strip().lower() for h in rows[0]]
    col = {k: next((header.index(n) for n in names if n in header), -1) for k, names in _COLUMNS.items()}
    if col["name"] < 0:
        return [], [f"{path}:1: no name column (expected one of: {', '.join(_COLUMNS['name'])})"]
    actors: list[Actor] = []
    for n, row in enumerate(rows[1:], 2):
        if not any(c.strip() for c in row):
            continue
        if len(row) != len(header):
            problems.append(f"{path}:{n}: {len(row)} cells, the header has {len(header)}")
            continue

        def cell(k: str) -> str:
            return row[col[k]].strip() if col[k] >= 0 else ""

        name = cell("name")
        if not name:
            problems.append(f"{path}:{n}: empty name")
            continue
        aliases = [a.strip() for a in re.split(r"\|\||\||;", cell("aliases")) if a.strip()]
        actor = Actor(name, aliases)
        if cell("affiliation"):
            try:
                start, end = _date(cell("start")), _date(cell("end"))
            except ValueError as e:
                problems.append(f"{path}:{n}: {e}")
                continue
            if start and end and start > end:
                problems.append(f"{path}:{n}: affiliation ends ({end}) before it starts ({start})")
                continue
            actor.terms.append(Term(cell("affiliation"), cell("country"), start, end))
        actors.append(actor)
    return actors, problems
