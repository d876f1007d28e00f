"""JSONL input (files and stdin): one JSON object per line."""

from __future__ import annotations

import json
from typing import Iterable, Iterator

from ..problem import Problem


def jsonl_rows(lines: Iterable[tuple[int, str]], where: str, problems: list[Problem]) -> Iterator[tuple[int, object]]:
    for i, line in lines:
        if not line.strip():
            continue
        try:
            yield i, json.loads(line)
        except (json.JSONDecodeError, RecursionError) as e:
            msg = e.msg if isinstance(e, json.JSONDecodeError) else "nested too deeply"
            problems.append(Problem(f"{where}:{i}", f"malformed JSON ({msg}); skipped"))
