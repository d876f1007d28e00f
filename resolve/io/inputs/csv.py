"""CSV input: a header naming `id` and `text` (any case, any order), one article per record."""

from __future__ import annotations

import csv
from typing import Iterable, Iterator

from ..problem import Problem

#: Largest CSV field accepted (characters).  Big enough for a 200 MB article; a larger
#: field is almost always an unclosed quote swallowing the rest of the file.
CSV_FIELD_LIMIT = 256 * 1024 * 1024


def csv_rows(lines: Iterable[tuple[int, str]], where: str, problems: list[Problem]) -> Iterator[tuple[int, object]]:
    """(first line of the record, dict) for each CSV record; header names are case- and space-insensitive."""
    old_limit = csv.field_size_limit(CSV_FIELD_LIMIT)  # process-wide: restored below
    try:
        yield from _csv_records(lines, where, problems)
    finally:
        csv.field_size_limit(old_limit)


def _csv_records(lines: Iterable[tuple[int, str]], where: str, problems: list[Problem]) -> Iterator[tuple[int, object]]:
    reader = csv.reader((text for _, text in lines), strict=True)
    header: list[str] | None = None
    last = 0
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as e:
            msg = str(e)
            if "end of data" in msg:
                msg = "unclosed quote runs to the end of the file; rest of the file skipped"
            elif "field larger than field limit" in msg:
                msg = f"field larger than {CSV_FIELD_LIMIT:,} characters (an unclosed quote?); record skipped"
            else:
                msg = f"malformed CSV ({msg}); record skipped"
            problems.append(Problem(f"{where}:{last + 1}", msg))
            last = reader.line_num
            continue
        first, last = last + 1, reader.line_num
        if header is None:
            header = [h.strip().lower() for h in row]
            missing = [c for c in ("id", "text") if c not in header]
            if missing:
                problems.append(Problem(f"{where}:{first}", f"no {' or '.join(missing)} column in the header {row!r}; file skipped"))
                return
            continue
        if not any(f.strip() for f in row):
            continue
        if len(row) > len(header):
            problems.append(Problem(f"{where}:{first}", f"{len(row)} fields but the header has {len(header)} (unquoted comma?); record skipped"))
            continue
        yield first, dict(zip(header, row))
