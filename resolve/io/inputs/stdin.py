"""Standard input (`-`): JSONL, CSV, or plain text read as one article.

What stdin holds is decided once, from its first non-blank line: a JSON object (`{`)
means JSONL, a CSV header naming `id` and `text` means CSV, and anything else is plain
text, read whole as one article with id `stdin` (as a .txt file would be).  So
`echo "..." | resolve run -` works, and a text is never taken for thousands of
malformed JSON lines.
"""

from __future__ import annotations

from itertools import chain
from typing import Iterator, TextIO

from ..problem import Problem
from .csv import csv_rows, is_article_header
from .decode import SNIFF, binary_kind, clean_text
from .jsonl import jsonl_rows
from .lines import decoded_lines
from .records import article, records

WHERE = "<stdin>"
#: The article id of plain text read from stdin.
PLAIN_TEXT_ID = "stdin"


def _lines(stdin: TextIO, problems: list[Problem]) -> Iterator[tuple[int, str]]:
    buf = getattr(stdin, "buffer", None)
    if buf is None:  # a text stream without bytes underneath (tests, io.StringIO)
        return enumerate(stdin, 1)
    kind = binary_kind(buf.peek(SNIFF)[:SNIFF]) if hasattr(buf, "peek") else ""
    if kind:
        problems.append(Problem(WHERE, f"not text ({kind}), skipped"))
        return iter(())
    return decoded_lines(buf, WHERE, problems)


def read_stdin(stdin: TextIO, problems: list[Problem]) -> Iterator[dict]:
    """Article records from stdin (JSONL, CSV or one plain-text article); append problems."""
    lines = _lines(stdin, problems)
    head: list[tuple[int, str]] = []
    for item in lines:
        head.append(item)
        if item[1].strip():
            break
    first = head[-1][1] if head else ""
    rest = chain(head, lines)
    if first.lstrip().startswith("{"):
        yield from records(jsonl_rows(rest, WHERE, problems), WHERE, problems)
    elif is_article_header(first):
        yield from records(csv_rows(rest, WHERE, problems), WHERE, problems)
    else:
        text = "".join(t for _, t in rest)
        if text.strip():
            yield article(PLAIN_TEXT_ID, clean_text(text), WHERE)
