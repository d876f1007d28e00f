"""Find the date an article was written, from where news pages print it.

An article's own date sits in its dateline or its header/footer lines, never inside a
sentence of the story ("the attacks of Sept. 11, 2001" in a 2005 article).  So a
complete date (day, month and year; "shown on March 15" is not a publication date)
counts only in:

- a header or footer line (the first `HEADER_LINES` or the last `FOOTER_LINES`
  non-empty lines) that is the date and a few words besides ("March 26, 2013",
  "Posted 2013-03-26 by staff", "18 September 2013 Last updated at 13:59 GMT",
  a byline "By Jane Roe | May 3, 2013");
- the dateline at the start of the first paragraph: a place, then the date, then a
  dash, colon or bracket ("GENEVA, March 3, 2013 (AP) - ...");
- a line anywhere that is a date alone (two words besides at most: "Monday, March 3,
  2013", "Updated April 16, 2013"): web pages print it between the headline block and
  the story.

Header lines are tried first, then the dateline, then a date alone on a line, then
footer lines; the first date found wins.  No such date: no date.
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
    re.compile(rf"\b{_MONTH}\s+{_DAY},?\s+{_YEAR}\b", re.IGNORECASE),  # March 26, 2013
    re.compile(rf"\b{_DAY}\s+(?:of\s+)?{_MONTH},?\s+{_YEAR}\b", re.IGNORECASE),  # 26 March 2013
    re.compile(r"\b(?P<year>(?:19|20)\d\d)-(?P<month>\d\d)-(?P<day>\d\d)\b"),  # 2013-03-26
]

#: How many non-empty lines at the top and at the bottom of an article are its header and footer.
HEADER_LINES = 6
FOOTER_LINES = 2
#: A header/footer line may hold this many words besides its date ("Last updated at 13:59 GMT").
LINE_WORDS = 8
#: A date alone on a line, anywhere, may have this many words besides ("Updated Monday").
ALONE_WORDS = 2
#: What may stand before a dateline's date: a place in capitals or title case, commas, brackets.
_DATELINE_PLACE = re.compile(r"^(?:[A-Z][\w.'-]*[\s,]*){0,4}$")
#: What follows a dateline's date: a dash, a colon, a bracket or a bar.
_DATELINE_END = re.compile(r"^\s*(?:[-\u2013\u2014:|(]|$)")
_WORD = re.compile(r"[^\W\d_]{2,}")
#: Every pattern holds a year: a line without one holds no date (a cheap test run on every line first).
_YEAR_ANYWHERE = re.compile(r"(?:19|20)\d\d")


def _to_iso(year: str, month: str, day: str) -> str:
    m = int(month) if month.isdigit() else _MONTHS[month.lower().rstrip(".")]
    try:
        return date(int(year), m, int(day)).isoformat()
    except ValueError:
        return ""


def _dates_in(line: str) -> list[tuple[int, int, str]]:
    """(start, end, ISO date) of each complete date in `line`, in order of position."""
    if not _YEAR_ANYWHERE.search(line):
        return []
    found = []
    for pat in _PATTERNS:
        for m in pat.finditer(line):
            iso = _to_iso(m["year"], m["month"], m["day"])
            if iso:
                found.append((m.start(), m.end(), iso))
    return sorted(found)


def _line_date(line: str, max_words: int = 8) -> str:
    """The first date of a line that holds dates and at most `max_words` other words, and
    is not a sentence (one ending in . ! or ? may hold two other words: "Monday, March 3, 2013.")."""
    found = _dates_in(line)
    if not found:
        return ""
    rest, pos = [], 0
    for start, end, _ in found:
        rest.append(line[pos:start])
        pos = max(pos, end)
    rest.append(line[pos:])
    words = len(_WORD.findall(" ".join(rest)))
    limit = min(ALONE_WORDS, max_words) if line.rstrip("\"'”)").endswith((".", "!", "?")) else max_words
    return found[0][2] if words <= limit else ""


def _dateline_date(paragraph: str) -> str:
    """The date of a dateline opening the paragraph ("GENEVA, March 3, 2013 (AP) -")."""
    for start, end, iso in _dates_in(paragraph[:120]):
        if _DATELINE_PLACE.match(paragraph[:start]) and _DATELINE_END.match(paragraph[end:]):
            return iso
        break  # only the first date of the paragraph can open it
    return ""


def find_date(text: str) -> str:
    """ISO date of the article's dateline or header/footer date (see the module doc), or ""."""
    lines = [ln.strip() for ln in text.splitlines() if ln.strip()]
    if not lines:
        return ""
    head, tail = lines[:HEADER_LINES], lines[HEADER_LINES:][-FOOTER_LINES:]
    for line in head:
        iso = _line_date(line, LINE_WORDS)
        if iso:
            return iso
    for line in head:
        iso = _dateline_date(line)
        if iso:
            return iso
    for line in lines:
        iso = _line_date(line, ALONE_WORDS)
        if iso:
            return iso
    for line in reversed(tail):
        iso = _line_date(line, LINE_WORDS)
        if iso:
            return iso
    return ""


def normalize_date(value: str) -> str:
    """ISO form of a date given in a data field ('2013-03-26', '2013-03-26T10:00Z', 'March 26, 2013'), or ""."""
    value = (value or "").strip()
    if not value:
        return ""
    m = re.match(r"^((?:19|20)\d\d)-(\d\d)-(\d\d)", value)
    if m:
        return _to_iso(*m.groups())
    found = _dates_in(value)
    return found[0][2] if found else ""
