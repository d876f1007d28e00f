"""CSV input: a header naming `id` and `text` (any case, any order), one article per record.

A broken record (an unclosed or stray quote) costs only its own first line: the lines
it swallowed while the parser looked for the closing quote are read again, so the
records after it are kept, and the problem names the lines the broken record spanned.
"""

from __future__ import annotations

import csv
from collections import deque
from typing import Iterable, Iterator

from ..problem import Problem

#: Largest CSV field accepted (characters).  Big enough for a 200 MB article; a larger
#: field is almost always an unclosed quote swallowing the rest of the file.
CSV_FIELD_LIMIT = 256 * 1024 * 1024

#: The columns an article CSV must have.
REQUIRED = ("id", "text")


def header_names(row: list[str]) -> list[str]:
    """Column names of a header row as resolve compares them (case- and space-insensitive)."""
    return [h.strip().lower() for h in row]


def is_article_header(line: str) -> bool:
    """Whether one line of text is a CSV header naming the required columns."""
    try:
        row = next(csv.reader([line]), [])
    except csv.Error:
        return False
    return set(REQUIRED) <= set(header_names(row))


def csv_rows(lines: Iterable[tuple[int, str]], where: str, problems: list[Problem]) -> Iterator[tuple[int, object]]:
    """(first line of the record, dict) for each CSV record; header names are case- and space-insensitive."""
    old_limit = csv.field_size_limit(CSV_FIELD_LIMIT)  # process-wide: restored below
    try:
        yield from _csv_records(iter(lines), where, problems)
    finally:
        csv.field_size_limit(old_limit)


def _broken(where: str, record: list[tuple[int, str]], error: str) -> Problem:
    """The problem of a record the parser gave up on; `record` holds the lines it read."""
    first, last = record[0][0], record[-1][0]
    if "field larger than field limit" in error:
        reason = f"field larger than {CSV_FIELD_LIMIT:,} characters (an unclosed quote?)"
    elif "end of data" in error or first != last:
        reason = "unclosed quote"  # a quote opened on line `first` paired with a later one
    else:
        reason = f"malformed CSV ({error})"
    if first == last:
        return Problem(f"{where}:{first}", f"{reason}; record skipped")
    to_end = ", to the end of the file" if "end of data" in error else ""
    again = f"line {last}" if last == first + 1 else f"lines {first + 1}-{last}"
    return Problem(
        f"{where}:{first}",
        f"{reason}: the record starting here runs over lines {first}-{last}{to_end}; line {first} skipped, {again} read again",
    )


class _Refillable:
    """An iterator over numbered lines that can be given lines to read again, even after
    it ran out: the csv reader asks it for the next line after every record."""

    def __init__(self, lines: Iterator[tuple[int, str]]) -> None:
        self._lines = lines
        self.again: deque[tuple[int, str]] = deque()
        self.record: list[tuple[int, str]] = []  # lines handed out since the last `record.clear()`

    def __iter__(self) -> "_Refillable":
        return self

    def __next__(self) -> str:
        item = self.again.popleft() if self.again else next(self._lines, None)
        if item is None:
            raise StopIteration
        self.record.append(item)
        return item[1]

    def read_again(self, lines: list[tuple[int, str]]) -> None:
        self.again.extendleft(reversed(lines))


def _csv_records(lines: Iterator[tuple[int, str]], where: str, problems: list[Problem]) -> Iterator[tuple[int, object]]:
    # The csv reader pulls one line at a time and never reads past a record's end, so
    # `source.record` holds exactly the lines of the record being parsed.
    source = _Refillable(lines)
    reader = csv.reader(source, strict=True)
    header: list[str] | None = None
    while True:
        source.record.clear()
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as e:
            problems.append(_broken(where, source.record, str(e)))
            source.read_again(source.record[1:])
            continue
        first = source.record[0][0]
        if not any(f.strip() for f in row):  # blank lines, before the header too
            continue
        if header is None:
            header = header_names(row)
            missing = [c for c in REQUIRED if c not in header]
            if missing:
                problems.append(Problem(f"{where}:{first}", f"no {' or '.join(missing)} column in the header {row!r}; file skipped"))
                return
            continue
        if len(row) > len(header):
            problems.append(Problem(f"{where}:{first}", f"{len(row)} fields but the header has {len(header)} (unquoted comma?); record skipped"))
            continue
        yield first, dict(zip(header, row))
