"""Article records: the dict every reader yields (`schema.ARTICLE_COLUMNS`), and the checks
of id/text records from JSONL and CSV."""

from __future__ import annotations

from typing import Iterable, Iterator

from ...dates import find_date, normalize_date
from ..problem import Problem
from .decode import clean_text

#: A date written in the text is looked for in this many leading characters: a news
#: article's date sits near its top, and scanning a 50 MB file for one takes seconds.
DATE_SCAN_CHARS = 100_000


def article(article_id: str, text: str, source: str, date: str = "", title: str = "", url: str = "") -> dict:
    date = normalize_date(date) or find_date(text[:DATE_SCAN_CHARS])
    return {"article_id": article_id, "text": text, "date": date, "title": title or "", "url": url or "", "source": source}


def _field(rec: dict, name: str) -> str:
    v = rec.get(name)
    return "" if v is None else str(v)


def _bad_dates(first: tuple[str, str], n: int) -> Problem:
    line, value = first
    more = f"; {n} record(s) in this input have such dates, the first here" if n > 1 else ""
    return Problem(
        line,
        f"date {value!r} not understood (write 2013-03-26, or with the month in words: 26 March 2013){more}; "
        "their dates are taken from the text where it gives one",
    )


def records(rows: Iterable[tuple[int, object]], where: str, problems: list[Problem]) -> Iterator[dict]:
    """Validate (line, record) pairs from JSONL/CSV; yield article records.

    A `date` that `normalize_date` does not read ("26/03/2013": day or month first?
    an epoch number) is reported once per input, with the first such line and the count.
    """
    bad_dates, first_bad = 0, ("", "")
    for line, rec in rows:
        loc = f"{where}:{line}"
        if not isinstance(rec, dict):
            problems.append(Problem(loc, f"expected an object with id and text, got {type(rec).__name__}; skipped"))
            continue
        rid, text = rec.get("id"), rec.get("text")
        if isinstance(rid, bool) or not isinstance(rid, (str, int)):
            problems.append(Problem(loc, "missing id (a string or integer); skipped" if rid is None else f"id must be a string or integer, got {type(rid).__name__}; skipped"))
            continue
        rid = clean_text(str(rid).strip())
        if not rid:
            problems.append(Problem(loc, "empty id; skipped"))
            continue
        if text is None:
            problems.append(Problem(loc, f"missing text for id '{rid}'; skipped"))
            continue
        if not isinstance(text, str):
            problems.append(Problem(loc, f"text of id '{rid}' is a {type(text).__name__}, not a string; skipped"))
            continue
        if not text.strip():
            problems.append(Problem(loc, f"empty text for id '{rid}'; skipped"))
            continue
        given = _field(rec, "date").strip()
        date = normalize_date(given)
        if given and not date:
            bad_dates += 1
            first_bad = first_bad if bad_dates > 1 else (loc, given)
        yield article(rid, clean_text(text), loc, date, clean_text(_field(rec, "title")), clean_text(_field(rec, "url")))
    if bad_dates:
        problems.append(_bad_dates(first_bad, bad_dates))
