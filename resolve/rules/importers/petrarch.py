"""PETRARCH / Phoenix actor dictionaries (`*.actors.txt`).

    # a comment
    BARACK_OBAMA_  [USAELI 040101-081231]
    +OBAMA_
    +BARACK_HUSSEIN_OBAMA_
        [USAGOV 090120-170120]
        [USAELI >170121]

A line without leading white space starts an actor (its primary phrase, words joined
by `_`); `+` lines add aliases; `[CODE DATES]` entries, on the actor's line or on
indented lines, are its roles.  CODE is a CAMEO code: three letters of country, then a
role (GOV, MIL, ...).  DATES: `YYMMDD-YYMMDD`, `>YYMMDD` (from), `<YYMMDD` (until),
none (always); years also as YYYYMMDD; two-digit years 00-40 are 2000-2040, the rest
19xx.  The role becomes the title ("Government"), the country code the affiliation.
"""

from __future__ import annotations

import re
from pathlib import Path

from . import Actor, Term

#: CAMEO role codes -> titles written to actor_titles.csv.
ROLES = {
    "GOV": "Government", "MIL": "Military", "LEG": "Legislature", "JUD": "Judiciary", "ELI": "Elite",
    "BUS": "Business", "MED": "Media", "REL": "Religious", "OPP": "Opposition", "COP": "Police",
    "EDU": "Education", "HLH": "Health", "LAB": "Labor", "REB": "Rebel", "SPY": "Intelligence",
    "IGO": "International Organization", "NGO": "Non-governmental Organization", "PTY": "Party",
}
_ENTRY = re.compile(r"\[\s*([A-Z0-9]{3,})(?:\s+([<>]?\s*\d{6}(?:\d{2})?(?:\s*-\s*\d{6}(?:\d{2})?)?))?\s*\]")
_DATE = re.compile(r"^(\d{2}|\d{4})(\d{2})(\d{2})$")


def _date(v: str) -> str:
    """YYMMDD or YYYYMMDD -> YYYY-MM-DD; ValueError when it is no date."""
    m = _DATE.match(v)
    if not m:
        raise ValueError(v)
    y, mo, d = m.groups()
    if len(y) == 2:
        y = ("20" if int(y) <= 40 else "19") + y
    if not (1 <= int(mo) <= 12 and 1 <= int(d) <= 31):
        raise ValueError(v)
    return f"{y}-{mo}-{d}"


def _term(code: str, dates: str | None) -> Term:
    country, role = (code[:3], code[3:6]) if len(code) >= 6 else ("", code[:3])
    title = ROLES.get(role) or ROLES.get(code[:3]) or code
    start = end = ""
    dates = (dates or "").replace(" ", "")
    if dates.startswith(">"):
        start = _date(dates[1:])
    elif dates.startswith("<"):
        end = _date(dates[1:])
    elif dates:
        a, _, b = dates.partition("-")
        start, end = _date(a), _date(b) if b else ""
    if start and end and start > end:
        raise ValueError(f"{dates} ends before it starts")
    return Term(title, country if role in ROLES else "", start, end)


def _phrase(v: str) -> str:
    """BARACK_OBAMA_ -> Barack Obama."""
    words = [w for w in v.strip().strip("_").split("_") if w]
    return " ".join(w if any(c.islower() for c in w) else w.capitalize() for w in words)


def read(path: Path) -> tuple[list[Actor], list[str]]:
    actors: list[Actor] = []
    problems: list[str] = []
    current: Actor | None = None
    for n, line in enumerate(path.read_text(encoding="utf-8-sig").splitlines(), 1):
        where = f"{path}:{n}"
        body = line.split("#", 1)[0].rstrip() if not line.lstrip().startswith("#") else ""
        if not body.strip():
            continue
        head = _ENTRY.sub("", body).strip()
        if head.startswith("+"):
            if current is None:
                problems.append(f"{where}: alias '{head}' before any actor")
                continue
            alias = _phrase(head[1:])
            if alias:
                current.aliases.append(alias)
        elif head and not body[0].isspace():
            if "[" in head or "]" in head:
                problems.append(f"{where}: malformed [CODE DATES] entry in '{body.strip()}'")
                current = None
                continue
            current = Actor(_phrase(head))
            actors.append(current)
        elif head:
            problems.append(f"{where}: unexpected text '{head}' (expected +ALIAS or [CODE DATES])")
            continue
        for m in _ENTRY.finditer(body):
            if current is None:
                problems.append(f"{where}: [{m.group(1)}] before any actor")
                break
            try:
                current.terms.append(_term(m.group(1), m.group(2)))
            except ValueError as e:
                problems.append(f"{where}: bad date range in [{m.group(0)[1:-1].strip()}] ({e})")
    return actors, problems
