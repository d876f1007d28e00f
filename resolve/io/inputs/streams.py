"""JSONL and CSV inputs as byte streams (a local file, a remote one, a decompressed one)."""

from __future__ import annotations

import io
from typing import BinaryIO, Iterator

from ..problem import Problem
from .csv import csv_rows
from .decode import SNIFF, binary_kind
from .jsonl import jsonl_rows
from .lines import decoded_lines
from .records import records


def table_records(fh: BinaryIO, where: str, suffix: str, problems: list[Problem]) -> Iterator[dict]:
    """The article records of one open JSONL (`suffix` ".jsonl") or CSV byte stream."""
    if not hasattr(fh, "peek"):  # e.g. a remote file: buffered, so its head can be sniffed
        fh = io.BufferedReader(fh)
    kind = binary_kind(fh.peek(SNIFF)[:SNIFF])
    if kind:
        problems.append(Problem(where, f"not a text file ({kind}), skipped"))
        return
    try:
        lines = decoded_lines(fh, where, problems)
        rows = jsonl_rows(lines, where, problems) if suffix == ".jsonl" else csv_rows(lines, where, problems)
        n_before = len(problems)
        any_row = False
        for rec in records(rows, where, problems):
            any_row = True
            yield rec
        if not any_row and len(problems) == n_before:
            problems.append(Problem(where, "no records in file"))
    except OSError as e:
        problems.append(Problem(where, f"read error: {e.strerror or e}; rest of the file skipped", "error"))
