"""Find the date an article was written, from its text.

Only complete dates (day, month and year) count: "shown on March 15" is not a
publication date.  The first complete date in the text wins; news pages print
the dateline near the top or bottom, and both come before any other full date
in practice rarely enough that "first" is the simple, predictable rule.
"""

from __future__ import annotations

import re
from datetime import date

_MONTHS = {
    m: i + 1
    for i, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ]
    )
    for m in names
}
_MONTH = r"(?P<month>Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:19|20)\d\d)"
_PATTERNS = [
    re.compile(rf"\b{_MONTH}\s+{_DAY},?\s+{_YEAR}\b"),  # March 26, 2013
    re.compile(rf"\b{_DAY}\s+{_MONTH},?\s+{_YEAR}\b"),  # 26 March 2013
    re.compile(r"\b(?P<year>(?:19|20)\d\d)-(?P<month>\d\d)-(?P<day>\d\d)\b"),  # 2013-03-26
]


def _to_iso(year: str, month: str, day: str) -> str:
    m = int(month) if month.isdigit() else _MONTHS[month.lower().rstrip(".")]
    try:
        return date(int(year), m, int(day)).isoformat()
    except ValueError:
        return ""


def find_date(text: str) -> str:
    """ISO date of the first complete date written in `text`, or ""."""
    best: tuple[int, str] | None = None
    for pat in _PATTERNS:
        for m in pat.finditer(text):
            iso = _to_iso(m["year"], m["month"], m["day"])
            if iso and (best is None or m.start() < best[0]):
                best = (m.start(), iso)
            if iso:
                break
    return best[1] if best else ""


def normalize_date(value: str) -> str:
    """ISO form of a date given in a data field ('2013-03-26', '2013-03-26T10:00Z', 'March 26, 2013'), or ""."""
    value = (value or "").strip()
    if not value:
        return ""
    m = re.match(r"^((?:19|20)\d\d)-(\d\d)-(\d\d)", value)
    if m:
        return _to_iso(*m.groups())
    return find_date(value)
