"""Stage 1 of loading: parse one rule file into rows (entries and `!` removals), with file:line."""

from __future__ import annotations

import csv
import datetime as _dt
import re
from pathlib import Path

from .spec import REMOVE_PREFIX, FileSpec, Row, actor_key

_DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _is_comment_or_blank(line: str) -> bool:
    s = line.strip()
    return not s or s.startswith("#")


def _decode(path: Path) -> tuple[str | None, list[str]]:
    data = path.read_bytes()
    try:
        return data.decode("utf-8-sig"), []
    except UnicodeDecodeError as e:
        line = data.count(b"\n", 0, e.start) + 1
        return None, [f"{path}:{line}: not UTF-8 text (byte 0x{data[e.start]:02x}); save the file as UTF-8"]


def _split_csv_line(line: str) -> list[str]:
    fields = next(csv.reader([line], strict=True))
    return [f.strip() for f in fields]


def parse_rule_file(path: Path, spec: FileSpec) -> tuple[list[Row], list[str]]:
    """Parse one rule file: (rows in file order, problems as 'file:line: message').

    Rows with problems are left out; removal rows (`!` lines) carry `remove=True`.
    """
    raw, problems = _decode(path)
    if raw is None:
        return [], problems
    rows: list[Row] = []
    lines = raw.splitlines()
    file = str(path)
    if spec.is_list:
        for i, line in enumerate(lines, 1):
            item = line.strip()
            if not item or item.startswith("#"):
                continue
            remove = item.startswith(REMOVE_PREFIX)
            if remove:
                item = item[len(REMOVE_PREFIX):].strip()
                if not item:
                    problems.append(f"{path}:{i}: '{REMOVE_PREFIX}' with nothing to remove")
                    continue
            values = {"item": item}
            msgs = [] if remove else [m for check in spec.checks for m in check(values)]
            if msgs:
                problems.extend(f"{path}:{i}: {m}" for m in msgs)
                continue
            rows.append(Row(file, i, values, remove))
        return rows, problems

    header: list[str] | None = None
    for i, line in enumerate(lines, 1):
        if _is_comment_or_blank(line):
            continue
        where = f"{path}:{i}"
        try:
            fields = _split_csv_line(line)
        except csv.Error as e:
            problems.append(f"{where}: malformed CSV line ({e})")
            continue
        if header is None:
            header = [f.lower() for f in fields]
            unknown = [c for c in header if c not in spec.columns]
            missing = [c for c in spec.required if c not in header]
            dup = sorted({c for c in header if header.count(c) > 1})
            if unknown:
                problems.append(
                    f"{where}: unknown column(s) {', '.join(repr(c) for c in unknown)} in header; "
                    f"expected a header line with {','.join(spec.columns)}"
                )
            if missing:
                problems.append(f"{where}: missing required column(s) {', '.join(missing)} in header")
            if dup:
                problems.append(f"{where}: column(s) {', '.join(dup)} given twice in header")
            if unknown or missing or dup:
                return rows, problems  # cannot read the rest without a valid header
            continue
        remove = bool(fields) and fields[0].startswith(REMOVE_PREFIX)
        if remove:
            fields[0] = fields[0][len(REMOVE_PREFIX):].strip()
        # A removal line needs only the key columns; trailing cells may be omitted.
        if len(fields) > len(header) or (len(fields) < len(header) and not remove):
            problems.append(f"{where}: expected {len(header)} columns ({','.join(header)}), found {len(fields)}")
            continue
        values = {c: "" for c in spec.columns}
        values.update(zip(header, fields))
        msgs = _check_values(spec, values, remove)
        if msgs:
            problems.extend(f"{where}: {m}" for m in msgs)
            continue
        rows.append(Row(file, i, values, remove))
    return rows, problems


def _check_values(spec: FileSpec, values: dict[str, str], remove: bool) -> list[str]:
    """Problems of one CSV row (normalizes allowed values to lower case in place)."""
    msgs = []
    for col, allowed in spec.allowed.items():
        v = values.get(col, "").lower()
        if v and v not in allowed:
            msgs.append(f"unknown {col} '{values[col]}'; expected one of {', '.join(allowed)}")
        values[col] = v
    if remove:
        if spec.key_fn is actor_key:
            if not (values.get("entity_id") or values.get("name")):
                msgs.append(f"'{REMOVE_PREFIX}' line needs the entity_id or the name of the actor to remove")
        else:
            missing = [c for c in spec.key_columns if not values.get(c)]
            if missing:
                msgs.append(f"'{REMOVE_PREFIX}' line needs the key column(s) {', '.join(spec.key_columns)}; empty {', '.join(missing)}")
        return msgs
    for col in spec.required:
        if not values.get(col):
            msgs.append(f"empty {col}")
    for col in spec.dates:
        v = values.get(col, "")
        if v and not _valid_date(v):
            msgs.append(f"{col} '{v}' is not a date written YYYY-MM-DD")
    if spec.dates and len(spec.dates) == 2:
        lo, hi = (values.get(c, "") for c in spec.dates)
        if lo and hi and _valid_date(lo) and _valid_date(hi) and lo > hi:
            msgs.append(f"{spec.dates[0]} {lo} is after {spec.dates[1]} {hi}")
    for col in spec.patterns:
        v = values.get(col, "")
        if v:
            try:
                re.compile(v)
            except re.error as e:
                msgs.append(f"invalid regular expression in {col} '{v}': {e}")
    if not msgs:
        for check in spec.checks:
            msgs.extend(check(values))
    return msgs


def _valid_date(s: str) -> bool:
    if not _DATE_RE.match(s):
        return False
    try:
        _dt.date.fromisoformat(s)
    except ValueError:
        return False
    return True
