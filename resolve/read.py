"""Read a batch of articles: .txt files, directories of them, JSONL, CSV, or stdin.

Output: a DataFrame with `schema.ARTICLE_COLUMNS`.  Problems with single inputs
become `Problem`s (file, line, message) so the rest of the batch is processed; the
caller decides whether they are fatal (`--strict`).
"""

from __future__ import annotations

import csv
import json
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Iterator, TextIO

import pandas as pd

from .dates import find_date, normalize_date
from .schema import ARTICLE_COLUMNS


@dataclass(frozen=True)
class Problem:
    """Something wrong with one input; `where` is 'path' or 'path:line'."""

    where: str
    message: str

    def __str__(self) -> str:
        return f"{self.where}: {self.message}"


class InputError(Exception):
    """Nothing could be read at all (e.g. every input missing)."""


def _article(article_id: str, text: str, source: str, date: str = "", title: str = "", url: str = "") -> dict:
    date = normalize_date(date) or find_date(text)
    return {"article_id": article_id, "text": text, "date": date, "title": title or "", "url": url or "", "source": source}


def _decode(data: bytes, where: str, problems: list[Problem]) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        problems.append(Problem(where, "not UTF-8; decoded as Windows-1252"))
        return data.decode("cp1252", errors="replace")


def _read_txt(path: Path, article_id: str, problems: list[Problem]) -> Iterator[dict]:
    text = _decode(path.read_bytes(), str(path), problems)
    if not text.strip():
        problems.append(Problem(str(path), "empty file, skipped"))
        return
    yield _article(article_id, text, str(path))


def _records(rows: Iterable[tuple[int, dict]], where: str, problems: list[Problem]) -> Iterator[dict]:
    for line, rec in rows:
        if not isinstance(rec, dict):
            problems.append(Problem(f"{where}:{line}", "not an object with id and text, skipped"))
            continue
        rid, text = rec.get("id"), rec.get("text")
        if rid is None or str(rid).strip() == "" or not isinstance(text, str):
            problems.append(Problem(f"{where}:{line}", "missing id or text, skipped"))
            continue
        yield _article(str(rid).strip(), text, f"{where}:{line}", str(rec.get("date") or ""), str(rec.get("title") or ""), str(rec.get("url") or ""))


def _jsonl_rows(fh: TextIO, where: str, problems: list[Problem]) -> Iterator[tuple[int, dict]]:
    for i, line in enumerate(fh, 1):
        if not line.strip():
            continue
        try:
            yield i, json.loads(line)
        except json.JSONDecodeError as e:
            problems.append(Problem(f"{where}:{i}", f"malformed JSON ({e.msg}), skipped"))


def _csv_rows(fh: TextIO) -> Iterator[tuple[int, dict]]:
    reader = csv.DictReader(fh)
    for rec in reader:
        yield reader.line_num, rec


def iter_articles(inputs: Iterable[str], problems: list[Problem], stdin: TextIO | None = None) -> Iterator[dict]:
    """Yield article records from every input, in the order given; append problems."""
    csv.field_size_limit(sys.maxsize)
    for inp in inputs:
        if inp == "-":
            yield from _records(_jsonl_rows(stdin or sys.stdin, "<stdin>", problems), "<stdin>", problems)
            continue
        path = Path(inp)
        if path.is_dir():
            files = sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() == ".txt")
            if not files:
                problems.append(Problem(str(path), "directory holds no .txt files"))
            for f in files:
                yield from _read_txt(f, f.relative_to(path).with_suffix("").as_posix(), problems)
        elif not path.exists():
            problems.append(Problem(str(path), "no such file or directory"))
        elif path.suffix.lower() == ".jsonl":
            with path.open(encoding="utf-8-sig", errors="replace") as fh:
                yield from _records(_jsonl_rows(fh, str(path), problems), str(path), problems)
        elif path.suffix.lower() == ".csv":
            with path.open(encoding="utf-8-sig", errors="replace", newline="") as fh:
                yield from _records(_csv_rows(fh), str(path), problems)
        else:
            yield from _read_txt(path, path.with_suffix("").name, problems)


def read_articles(inputs: Iterable[str], stdin: TextIO | None = None) -> tuple[pd.DataFrame, list[Problem]]:
    """Read all inputs into one articles DataFrame (sorted by article_id) and the problems met.

    Duplicate article ids are reported and only the first is kept.
    """
    problems: list[Problem] = []
    seen: dict[str, str] = {}
    records = []
    for rec in iter_articles(inputs, problems, stdin):
        if rec["article_id"] in seen:
            problems.append(Problem(rec["source"], f"duplicate article id '{rec['article_id']}' (first in {seen[rec['article_id']]}), skipped"))
            continue
        seen[rec["article_id"]] = rec["source"]
        records.append(rec)
    df = pd.DataFrame.from_records(records, columns=ARTICLE_COLUMNS)
    df = df.sort_values("article_id", kind="stable").reset_index(drop=True)
    return df, problems
