"""A byte stream (a JSONL/CSV file, stdin) -> numbered lines of text, decoded line by line."""

from __future__ import annotations

import codecs
import io
import re
from typing import BinaryIO, Iterator

from ..problem import Problem
from .decode import BOMS, decode_bytes


_LONE_CR = re.compile(rb"(?<=\r)(?!\n)")


def _split_lines(fh: BinaryIO) -> Iterator[bytes]:
    """Lines of a byte stream ending in \n, \r\n or a lone \r (old Mac files), endings kept."""
    for raw in fh:
        if b"\r" in raw:
            yield from (part for part in _LONE_CR.split(raw) if part)
        else:
            yield raw


def decoded_lines(fh: BinaryIO, where: str, problems: list[Problem]) -> Iterator[tuple[int, str]]:
    """(line number, text) for each line of a byte stream, decoded line by line.

    A UTF-16/32 file (BOM) is decoded as a whole stream; otherwise each line goes
    through `decode_bytes`, so a bad byte is reported with its line.
    """
    head = fh.peek(4)[:4] if hasattr(fh, "peek") else b""
    for bom, enc in BOMS:
        if head.startswith(bom):
            wrapper = io.TextIOWrapper(fh, encoding=enc, errors="replace", newline="")
            yield from enumerate(wrapper, 1)
            return
    bad_lines, first_bad, latin1 = 0, 0, False
    for i, raw in enumerate(_split_lines(fh), 1):
        if i == 1 and raw.startswith(codecs.BOM_UTF8):
            raw = raw[len(codecs.BOM_UTF8) :]
        text, warning = decode_bytes(raw)
        if warning:  # one warning per file, not one per line of a Windows-1252 file
            bad_lines += 1
            first_bad = first_bad or i
            latin1 = latin1 or "Latin-1" in warning
        yield i, text
    if bad_lines:
        enc = "Windows-1252/Latin-1" if latin1 else "Windows-1252"
        problems.append(Problem(f"{where}:{first_bad}", f"not valid UTF-8 on {bad_lines} line(s) from here on; those bytes decoded as {enc}"))

